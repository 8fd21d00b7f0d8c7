/// Type names as pyarrow spells them, read back: the inverse of ``DataType/description``.
extension DataType {
    /// The type named `text` in pyarrow's spelling, exactly as ``description`` writes it:
    /// `int64`, `halffloat`, `double`, `bool`, `string`, `large_binary`, `fixed_size_binary[16]`,
    /// `date32[day]`, `time64[us]`, `timestamp[ms, tz=UTC]`, `duration[ns]`,
    /// `decimal128(10, 2)`, `list<item: int32>`, `fixed_size_list<item: int32>[3]`,
    /// `struct<a: int32, b: string not null>`, `map<string, int64>`,
    /// `dense_union<a: int32=0, b: string=1>`, `dictionary<values=string, indices=int32, ordered=0>`,
    /// `run_end_encoded<run_ends: int32, values: string>`, `extension<arrow.uuid>` — so that
    /// `DataType(parsing: type.description).description == type.description` for every type.
    ///
    /// Also accepted: the aliases `float16`, `float32`, `float64`, `boolean`, `utf8`,
    /// `large_utf8`, `date32` and `date64`, and a list's item without a name
    /// (`list<int32>`, named `item` as pyarrow names it). Spaces around names and punctuation
    /// are optional. A map gets pyarrow's field names (`entries`, `key`, `value`); run ends are
    /// `run_ends` (not null) and `values`. An extension name gives its type only when the name
    /// alone fixes the storage: `arrow.uuid`, `arrow.bool8`, and `arrow.json` (as `string`).
    ///
    /// A field name ends at its first `": "`; names holding `": "` cannot be written this way.
    ///
    /// Throws ``ArrowError/invalidArgument(_:)`` naming the position (a 0-based character
    /// offset) and what was expected there: `expected '>' at offset 10 in 'list<int32'`.
    public init(parsing text: String) throws {
        var parser = TypeNameParser(text)
        self = try parser.parseWhole()
    }
}

/// A recursive-descent reader of pyarrow type names (see ``DataType/init(parsing:)``).
private struct TypeNameParser {
    private let text: String
    private let characters: [Character]
    private var position = 0

    init(_ text: String) {
        self.text = text
        characters = Array(text)
    }

    /// The type spelled by the whole text.
    mutating func parseWhole() throws -> DataType {
        skipSpaces()
        let type = try parseType()
        skipSpaces()
        guard position == characters.count else { throw expected("the end of the type") }
        return type
    }

    // MARK: - Types

    private static let simpleTypes: [String: DataType] = [
        "null": .null, "bool": .boolean, "boolean": .boolean,
        "int8": .int8, "int16": .int16, "int32": .int32, "int64": .int64,
        "uint8": .uint8, "uint16": .uint16, "uint32": .uint32, "uint64": .uint64,
        "halffloat": .float16, "float16": .float16, "float": .float32, "float32": .float32,
        "double": .float64, "float64": .float64,
        "string": .utf8, "utf8": .utf8, "large_string": .largeUtf8, "large_utf8": .largeUtf8,
        "string_view": .utf8View, "binary": .binary, "large_binary": .largeBinary, "binary_view": .binaryView,
        "month_interval": .interval(.yearMonth), "day_time_interval": .interval(.dayTime),
        "month_day_nano_interval": .interval(.monthDayNano),
    ]

    /// The extension types whose name fixes their storage.
    private static let extensionTypes: [String: DataType] = [
        UUIDType.extensionName: UUIDType().dataType,
        Bool8Type.extensionName: Bool8Type().dataType,
        JSONType.extensionName: .extension(name: JSONType.extensionName, storage: .utf8, metadata: ""),
    ]

    private mutating func parseType() throws -> DataType {
        let start = position
        let word = readWord()
        guard !word.isEmpty else { throw expected("a type name") }
        switch word {
        case "date32":
            if try optional("[") { try require("day"); try require("]") }
            return .date32
        case "date64":
            if try optional("[") { try require("ms"); try require("]") }
            return .date64
        case "time32", "time64", "duration":
            try require("[")
            let unit = try parseUnit()
            try require("]")
            switch (word, unit) {
            case ("time32", .second), ("time32", .millisecond): return .time32(unit)
            case ("time64", .microsecond), ("time64", .nanosecond): return .time64(unit)
            case ("duration", _): return .duration(unit)
            default:
                throw failure("\(word) takes the units \(word == "time32" ? "s or ms" : "us or ns"), not \(unit.abbreviation)", at: start)
            }
        case "timestamp":
            try require("[")
            let unit = try parseUnit()
            skipSpaces()
            var timeZone: String?
            if peek(",") {
                try require(",")
                try require("tz")
                try require("=")
                let zoneStart = position
                while position < characters.count, characters[position] != "]" { position += 1 }
                let zone = String(characters[zoneStart..<position]).trimmingSpaces
                guard !zone.isEmpty else { throw failure("expected a time zone after 'tz='", at: zoneStart) }
                timeZone = zone
            }
            try require("]")
            return .timestamp(unit, timeZone: timeZone)
        case "fixed_size_binary":
            try require("[")
            let width = try parseCount("a byte width")
            try require("]")
            return .fixedSizeBinary(byteWidth: width)
        case "decimal32", "decimal64", "decimal128", "decimal256":
            return try parseDecimal(word, start: start)
        case "list", "large_list", "list_view", "large_list_view", "fixed_size_list":
            try require("<")
            let item = try parseField(unnamed: "item")
            try require(">")
            switch word {
            case "list": return .list(item)
            case "large_list": return .largeList(item)
            case "list_view": return .listView(item)
            case "large_list_view": return .largeListView(item)
            default:
                try require("[")
                let size = try parseCount("a list size")
                try require("]")
                return .fixedSizeList(item, listSize: size)
            }
        case "struct":
            try require("<")
            var fields: [Field] = []
            if !peek(">") {
                repeat { fields.append(try parseField(unnamed: nil)) } while try optional(",")
            }
            try require(">")
            return .struct(fields)
        case "map":
            return try parseMap()
        case "sparse_union", "dense_union":
            return try parseUnion(word == "sparse_union" ? .sparse : .dense)
        case "dictionary":
            try require("<")
            try require("values")
            try require("=")
            let value = try parseType()
            try require(",")
            try require("indices")
            try require("=")
            let indexStart = position
            let index = try parseType()
            guard index.isInteger else { throw failure("dictionary indices must be an integer type, not \(index)", at: indexStart) }
            try require(",")
            try require("ordered")
            try require("=")
            let ordered = try parseFlag()
            try require(">")
            return .dictionary(index: index, value: value, ordered: ordered)
        case "run_end_encoded":
            try require("<")
            try require("run_ends")
            try require(":")
            let endsStart = position
            let runEnds = try parseType()
            guard [.int16, .int32, .int64].contains(runEnds) else {
                throw failure("run ends must be int16, int32 or int64, not \(runEnds)", at: endsStart)
            }
            try require(",")
            try require("values")
            try require(":")
            let values = try parseType()
            try require(">")
            return .runEndEncoded(runEnds: Field("run_ends", runEnds, nullable: false), values: Field("values", values))
        case "extension":
            try require("<")
            let nameStart = position
            while position < characters.count, characters[position] != ">" { position += 1 }
            let name = String(characters[nameStart..<position]).trimmingSpaces
            guard let type = Self.extensionTypes[name] else {
                throw failure(
                    "extension<\(name)> does not say how its values are stored; name its storage type instead", at: nameStart)
            }
            try require(">")
            return type
        default:
            guard let type = Self.simpleTypes[word] else {
                throw failure("'\(word)' is not a type name", at: start)
            }
            return type
        }
    }

    private mutating func parseUnit() throws -> TimeUnit {
        skipSpaces()
        let start = position
        switch readWord() {
        case "s": return .second
        case "ms": return .millisecond
        case "us": return .microsecond
        case "ns": return .nanosecond
        default:
            position = start
            throw expected("a time unit: s, ms, us or ns")
        }
    }

    private mutating func parseDecimal(_ word: String, start: Int) throws -> DataType {
        try require("(")
        let precisionStart = position
        let precision = try parseCount("a precision")
        try require(",")
        let scale = try parseSignedInteger("a scale")
        try require(")")
        let maximum = ["decimal32": 9, "decimal64": 18, "decimal128": 38, "decimal256": 76][word] ?? 0
        guard (1...maximum).contains(precision) else {
            throw failure("the precision of \(word) is 1 to \(maximum), not \(precision)", at: precisionStart)
        }
        switch word {
        case "decimal32": return .decimal32(precision: precision, scale: scale)
        case "decimal64": return .decimal64(precision: precision, scale: scale)
        case "decimal128": return .decimal128(precision: precision, scale: scale)
        default: return .decimal256(precision: precision, scale: scale)
        }
    }

    /// `map<KEY, VALUE[ not null][, keys_sorted]>`, or the entries field itself when it is not
    /// a struct of two (`map<entries: TYPE[, keys_sorted]>`).
    private mutating func parseMap() throws -> DataType {
        try require("<")
        let first = try parseField(unnamed: "key")
        var entries: Field
        if try optional(","), !peekWord("keys_sorted") {
            let value = try parseField(unnamed: "value")
            var key = first
            key.name = "key"
            key.isNullable = false
            entries = Field("entries", .struct([key, value]), nullable: false)
            if try optional(",") {
                try require("keys_sorted")
                try require(">")
                return .map(entries, keysSorted: true)
            }
        } else {
            entries = first
        }
        let sorted = peekWord("keys_sorted")
        if sorted { try require("keys_sorted") }
        try require(">")
        return .map(entries, keysSorted: sorted)
    }

    private mutating func parseUnion(_ mode: UnionMode) throws -> DataType {
        try require("<")
        var fields: [Field] = []
        var codes: [Int32] = []
        if !peek(">") {
            repeat {
                fields.append(try parseField(unnamed: nil))
                try require("=")
                let codeStart = position
                let code = try parseCount("a type code")
                guard code <= Int(Int8.max) else { throw failure("a union type code is 0 to 127, not \(code)", at: codeStart) }
                codes.append(Int32(code))
            } while try optional(",")
        }
        try require(">")
        return .union(mode, fields, typeIds: codes)
    }

    // MARK: - Fields

    /// `NAME: TYPE[ not null]`; when `unnamed` is given, also a bare `TYPE`, named so.
    private mutating func parseField(unnamed: String?) throws -> Field {
        skipSpaces()
        let start = position
        if let unnamed, let type = try? parseType() {
            skipSpaces()
            if !peek(":") {
                return Field(unnamed, type, nullable: !(try optionalNotNull()))
            }
        }
        position = start
        // The name runs to the first ": " (or ':' at the end of the text).
        var end = position
        while end < characters.count, !(characters[end] == ":" && (end + 1 == characters.count || characters[end + 1] == " ")) {
            end += 1
        }
        guard end < characters.count else {
            throw expected(unnamed == nil ? "a field 'NAME: TYPE'" : "a type or a field 'NAME: TYPE'")
        }
        let name = String(characters[position..<end])
        position = end + 1
        skipSpaces()
        let type = try parseType()
        return Field(name, type, nullable: !(try optionalNotNull()))
    }

    /// Reads ` not null` when it follows; whether it did.
    private mutating func optionalNotNull() throws -> Bool {
        let start = position
        skipSpaces()
        if readWord() == "not" {
            try require("null")
            return true
        }
        position = start
        return false
    }

    // MARK: - Tokens

    private mutating func skipSpaces() {
        while position < characters.count, characters[position] == " " { position += 1 }
    }

    /// Letters, digits and underscores from the current position (after spaces).
    private mutating func readWord() -> String {
        skipSpaces()
        let start = position
        while position < characters.count, characters[position].isWordCharacter { position += 1 }
        return String(characters[start..<position])
    }

    private func peek(_ token: String) -> Bool {
        var index = position
        while index < characters.count, characters[index] == " " { index += 1 }
        return characters[index...].starts(with: token)
    }

    private func peekWord(_ word: String) -> Bool {
        var copy = self
        return copy.readWord() == word
    }

    /// Reads `token` (after spaces), or throws saying it was expected.
    private mutating func require(_ token: String) throws {
        guard try optional(token) else { throw expected("'\(token)'") }
    }

    /// Reads `token` (after spaces) when it comes next; whether it did. A word token must not
    /// run on into more letters.
    @discardableResult
    private mutating func optional(_ token: String) throws -> Bool {
        skipSpaces()
        guard characters[position...].starts(with: token) else { return false }
        let end = position + token.count
        if token.last?.isWordCharacter == true, end < characters.count, characters[end].isWordCharacter {
            return false
        }
        position = end
        return true
    }

    private mutating func parseFlag() throws -> Bool {
        if try optional("0") { return false }
        if try optional("1") { return true }
        throw expected("0 or 1")
    }

    /// A non-negative decimal integer.
    private mutating func parseCount(_ what: String) throws -> Int {
        skipSpaces()
        let start = position
        while position < characters.count, characters[position].isASCII, characters[position].isNumber { position += 1 }
        guard position > start, let value = Int(String(characters[start..<position])) else {
            position = start
            throw expected(what)
        }
        return value
    }

    private mutating func parseSignedInteger(_ what: String) throws -> Int {
        skipSpaces()
        let negative = try optional("-")
        let value = try parseCount(what)
        return negative ? -value : value
    }

    // MARK: - Errors

    private func expected(_ what: String) -> ArrowError {
        let found = position < characters.count ? "'\(characters[position])'" : "the end"
        return failure("expected \(what), found \(found)", at: position)
    }

    private func failure(_ message: String, at offset: Int) -> ArrowError {
        ArrowError.invalidArgument("\(message) at offset \(offset) in the type name '\(text)'")
    }
}

extension Character {
    /// A letter, digit or underscore of a type name's words.
    fileprivate var isWordCharacter: Bool {
        isASCII && (isLetter || isNumber || self == "_")
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
