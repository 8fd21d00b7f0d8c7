/// How ``JSONReader`` reads JSON: one object per line or one array of objects, the types of
/// columns, the size of batches, and what happens when a later value does not fit the type
/// inferred from the first batch.
///
/// ```swift
/// let lines = JSONReadOptions()                                  // JSON Lines
/// let array = JSONReadOptions(layout: .array).columnTypes(["id": .int32])
/// ```
public struct JSONReadOptions: Sendable, Hashable {
    /// How the records are laid out.
    public enum Layout: Sendable, Hashable {
        /// JSON Lines (`.jsonl`, `.ndjson`): one object per line; empty lines are skipped.
        case lines
        /// A JSON document holding one array of objects (`[{…}, {…}]`).
        case array
    }

    /// JSON Lines (the default) or one array.
    public var layout: Layout
    /// Types for columns by name, rather than inferred. A column whose values are all
    /// strings is read from their text as a cast from strings reads it (with
    /// ``castOptions``); other values convert exactly, as ``ArrayBuilder/append(_:)``
    /// converts them.
    public var columnTypes: [String: DataType]
    /// How columns of ``columnTypes`` read strings: strict (a value that does not convert is an
    /// error) or lenient (it becomes null), and the `strptime` formats of dates and timestamps.
    public var castOptions: CastOptions
    /// The most records in one batch (65536 by default). Types are inferred from the first
    /// batch; each batch is held in memory, as values, while it is built.
    public var batchRowCount: Int
    /// Whether a value after the first batch that does not fit its column's inferred type may
    /// widen the type where no value changes (see ``CSVReadOptions/widensTypes``), and a key
    /// the first batch did not have may add a column. Without it (the default), either is an
    /// error naming the line and the key.
    public var widensTypes: Bool
    /// The longest record, in bytes (64 MiB by default): a longer one — often a string that
    /// is never closed — is an error rather than a buffer the size of the input.
    public var maximumRecordSize: Int

    /// Options for `layout`, with the other settings at their defaults.
    public init(
        layout: Layout = .lines, columnTypes: [String: DataType] = [:], castOptions: CastOptions = .strict,
        batchRowCount: Int = 65_536, widensTypes: Bool = false, maximumRecordSize: Int = 64 << 20
    ) {
        self.layout = layout
        self.columnTypes = columnTypes
        self.castOptions = castOptions
        self.batchRowCount = batchRowCount
        self.widensTypes = widensTypes
        self.maximumRecordSize = maximumRecordSize
    }

    /// Returns a copy with ``layout`` set.
    public func layout(_ layout: Layout) -> JSONReadOptions { with { $0.layout = layout } }
    /// Returns a copy with ``columnTypes`` set.
    public func columnTypes(_ types: [String: DataType]) -> JSONReadOptions { with { $0.columnTypes = types } }
    /// Returns a copy with ``castOptions`` set.
    public func castOptions(_ options: CastOptions) -> JSONReadOptions { with { $0.castOptions = options } }
    /// Returns a copy with ``batchRowCount`` set.
    public func batchRowCount(_ count: Int) -> JSONReadOptions { with { $0.batchRowCount = count } }
    /// Returns a copy with ``widensTypes`` set.
    public func widensTypes(_ widens: Bool) -> JSONReadOptions { with { $0.widensTypes = widens } }
    /// Returns a copy with ``maximumRecordSize`` set.
    public func maximumRecordSize(_ size: Int) -> JSONReadOptions { with { $0.maximumRecordSize = size } }

    private func with(_ change: (inout JSONReadOptions) -> Void) -> JSONReadOptions {
        var copy = self
        change(&copy)
        return copy
    }

    /// The most keys an object may have, and the most columns an input may have (65536): an
    /// object of millions of keys is an error, not a schema of millions of fields.
    public static let maximumKeyCount = 1 << 16

    /// Throws ``ArrowError/invalidArgument(_:)`` for settings that cannot work.
    func validated() throws -> JSONReadOptions {
        guard batchRowCount >= 1 else {
            throw ArrowError.invalidArgument("a batch must hold at least 1 record, not \(batchRowCount)")
        }
        guard maximumRecordSize >= 1, maximumRecordSize <= CSVReadOptions.largestRecordSize else {
            throw ArrowError.invalidArgument(
                "the largest record must be from 1 byte to \(CSVReadOptions.largestRecordSize) bytes, not \(maximumRecordSize)")
        }
        return self
    }
}
