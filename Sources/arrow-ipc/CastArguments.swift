import ArgumentParser
import ArrowIPC
import Foundation

/// `--cast NAME:TYPE[,NAME:TYPE…]`, `--lenient` and `--time-format`: the columns `cat` and
/// `convert` cast, and how.
struct CastArguments: ParsableArguments {
    @Option(
        name: .customLong("cast"),
        help: ArgumentHelp(
            "Cast columns: NAME:TYPE, comma-separated (or the option repeated), TYPE as pyarrow names types: int32, double, string, date32, timestamp[ms, tz=UTC], decimal128(10, 2), list<item: int64>…",
            valueName: "name:type,…"))
    var casts: [String] = []

    @Flag(help: "A value that does not convert becomes null, rather than ending the command with an error.")
    var lenient = false

    @Option(
        name: .customLong("time-format"),
        help: ArgumentHelp(
            "A strptime format (%Y-%m-%d %H:%M:%S, %d/%m/%Y…) for strings cast to dates and timestamps; repeat to try several. Default: ISO 8601.",
            valueName: "format"))
    var timeFormats: [String] = []

    /// The options of the casts.
    var options: CastOptions {
        CastOptions(mode: lenient ? .lenient : .strict, timestampFormats: timeFormats)
    }

    /// The types by column name; throws a ``UsageFailure`` for a specification that does not
    /// parse or names a column twice.
    func types() throws -> [String: DataType] {
        var types: [String: DataType] = [:]
        for spec in casts {
            for (name, type) in try Self.parse(spec) {
                guard types.updateValue(type, forKey: name) == nil else {
                    throw UsageFailure(message: "--cast names the column '\(name)' twice")
                }
            }
        }
        return types
    }

    /// The `NAME:TYPE` items of `spec`, split at the commas between items: an item ends at the
    /// first comma after which the rest of the item is a type (`timestamp[ms, tz=UTC]` and
    /// `struct<a: int32, b: string>` keep their commas), and a name ends at the first colon
    /// before a type (so names may hold colons, not commas).
    static func parse(_ spec: String) throws -> [(name: String, type: DataType)] {
        var items: [(String, DataType)] = []
        var rest = Substring(spec)
        while !rest.isEmpty {
            guard let (name, type, remainder) = firstItem(of: rest) else {
                throw UsageFailure(message: "--cast '\(spec)': \(problem(with: rest))")
            }
            items.append((name, type))
            rest = remainder
        }
        guard !items.isEmpty else { throw UsageFailure(message: "--cast needs NAME:TYPE, such as price:double") }
        return items
    }

    /// The item at the start of `text` and the text after its comma.
    private static func firstItem(of text: Substring) -> (String, DataType, Substring)? {
        for colon in text.indices where text[colon] == ":" {
            let name = String(text[..<colon])
            let typeText = text[text.index(after: colon)...]
            var end = typeText.startIndex
            while true {
                end = typeText[end...].firstIndex(of: ",") ?? typeText.endIndex
                if let type = try? DataType(parsing: String(typeText[..<end])) {
                    let remainder = end == typeText.endIndex ? typeText[end...] : typeText[typeText.index(after: end)...]
                    return (name.trimmingCharacters(in: .whitespaces), type, remainder)
                }
                guard end < typeText.endIndex else { break }
                end = typeText.index(after: end)
            }
        }
        return nil
    }

    /// Why the item at the start of `text` does not parse: no colon, or the type's error
    /// (``firstItem(of:)`` has tried all the text after the first colon as a type).
    private static func problem(with text: Substring) -> String {
        guard let colon = text.firstIndex(of: ":") else {
            return "'\(text.prefix { $0 != "," })' is not NAME:TYPE"
        }
        do {
            _ = try DataType(parsing: String(text[text.index(after: colon)...]))
            return "'\(text)' is not NAME:TYPE"
        } catch {
            return (error as? ArrowError)?.reason ?? "\(error)"
        }
    }
}

extension CastArguments {
    /// `schema` with the columns of `types` cast; a name it lacks is a ``UsageFailure``.
    func schema(_ schema: Schema, casting types: [String: DataType]) throws -> Schema {
        do {
            return try schema.casting(types)
        } catch let error as ArrowError {
            throw UsageFailure(message: "--cast: \(error.reason)")
        }
    }

    /// `batch`, whose first row is row `firstRow` of the input, with the columns of `types`
    /// cast; a value that does not convert names its row in the input.
    func cast(_ batch: RecordBatch, _ types: [String: DataType], firstRow: Int) throws -> RecordBatch {
        guard !types.isEmpty else { return batch }
        do {
            return try batch.cast(types.filter { batch.schema.index(of: $0.key) != nil }, options: options)
        } catch ArrowError.castFailed(var failure) {
            failure.row += firstRow
            throw ArrowError.castFailed(failure)
        }
    }
}
