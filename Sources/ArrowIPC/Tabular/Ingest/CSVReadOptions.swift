/// How ``CSVReader`` reads CSV and TSV: the delimiter, the header, the values that are null,
/// the types of columns, the size of batches, and what happens when a later value does not
/// fit the type inferred from the first batch.
///
/// ```swift
/// let tsv = CSVReadOptions(delimiter: "\t")
/// let typed = CSVReadOptions().columnTypes(["price": .decimal128(precision: 10, scale: 2)]).batchRowCount(10_000)
/// ```
public struct CSVReadOptions: Sendable, Hashable {
    /// The byte between fields: `,` (the default), `\t` for TSV, `;`, `|`… An ASCII
    /// character other than `"`, CR and LF.
    public var delimiter: Unicode.Scalar
    /// Whether the first record names the columns (the default). Without a header the columns
    /// are named `Column1`, `Column2`, …
    public var hasHeader: Bool
    /// The unquoted field texts that are null, in every column: by default the empty field,
    /// `null` and `NULL`. A quoted field is never null (`""` is an empty string).
    public var nullValues: [String]
    /// Types for columns by name, read straight from the text (with ``castOptions``) rather
    /// than inferred: any type a string casts to (see ``ArrayData/cast(to:options:)``).
    public var columnTypes: [String: DataType]
    /// How columns of ``columnTypes`` are read: strict (a value that does not convert is an
    /// error) or lenient (it becomes null), and the `strptime` formats of dates and timestamps.
    public var castOptions: CastOptions
    /// The most records in one batch (65536 by default). Types are inferred from the first
    /// batch; each batch is held in memory while it is built.
    public var batchRowCount: Int
    /// Whether a value after the first batch that does not fit its column's inferred type may
    /// widen the type where no value changes: a column of nulls takes the type of its first
    /// values, `int64` becomes `double`, `date32` a timestamp, a timestamp a finer unit. The
    /// batches read before keep the old type (see ``RecordBatch/conformed(to:)``). Without it
    /// (the default), such a value is an error naming its line and column.
    public var widensTypes: Bool
    /// The longest record, in bytes (64 MiB by default): a longer one — often a quote that is
    /// never closed — is an error rather than a buffer the size of the input.
    public var maximumRecordSize: Int

    /// Options for CSV with `delimiter`, a header unless `hasHeader` is false, and the other
    /// settings at their defaults.
    public init(
        delimiter: Unicode.Scalar = ",", hasHeader: Bool = true, nullValues: [String] = ["", "null", "NULL"],
        columnTypes: [String: DataType] = [:], castOptions: CastOptions = .strict, batchRowCount: Int = 65_536,
        widensTypes: Bool = false, maximumRecordSize: Int = 64 << 20
    ) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.nullValues = nullValues
        self.columnTypes = columnTypes
        self.castOptions = castOptions
        self.batchRowCount = batchRowCount
        self.widensTypes = widensTypes
        self.maximumRecordSize = maximumRecordSize
    }

    /// Options for TSV: fields separated by tabs.
    public static let tsv = CSVReadOptions(delimiter: "\t")

    /// Returns a copy with ``delimiter`` set.
    public func delimiter(_ delimiter: Unicode.Scalar) -> CSVReadOptions { with { $0.delimiter = delimiter } }
    /// Returns a copy with ``hasHeader`` set.
    public func hasHeader(_ hasHeader: Bool) -> CSVReadOptions { with { $0.hasHeader = hasHeader } }
    /// Returns a copy with ``nullValues`` set.
    public func nullValues(_ values: [String]) -> CSVReadOptions { with { $0.nullValues = values } }
    /// Returns a copy with ``columnTypes`` set.
    public func columnTypes(_ types: [String: DataType]) -> CSVReadOptions { with { $0.columnTypes = types } }
    /// Returns a copy with ``castOptions`` set.
    public func castOptions(_ options: CastOptions) -> CSVReadOptions { with { $0.castOptions = options } }
    /// Returns a copy with ``batchRowCount`` set.
    public func batchRowCount(_ count: Int) -> CSVReadOptions { with { $0.batchRowCount = count } }
    /// Returns a copy with ``widensTypes`` set.
    public func widensTypes(_ widens: Bool) -> CSVReadOptions { with { $0.widensTypes = widens } }
    /// Returns a copy with ``maximumRecordSize`` set.
    public func maximumRecordSize(_ size: Int) -> CSVReadOptions { with { $0.maximumRecordSize = size } }

    private func with(_ change: (inout CSVReadOptions) -> Void) -> CSVReadOptions {
        var copy = self
        change(&copy)
        return copy
    }

    /// Throws ``ArrowError/invalidArgument(_:)`` for settings that cannot work together.
    func validated() throws -> CSVReadOptions {
        guard delimiter.isASCII, delimiter != "\"", delimiter != "\r", delimiter != "\n" else {
            throw ArrowError.invalidArgument("the CSV delimiter must be an ASCII character other than a double quote, CR or LF, not \(delimiter.escaped(asASCII: true))")
        }
        guard batchRowCount >= 1 else {
            throw ArrowError.invalidArgument("a batch must hold at least 1 record, not \(batchRowCount)")
        }
        guard maximumRecordSize >= 1, maximumRecordSize <= Self.largestRecordSize else {
            throw ArrowError.invalidArgument("the largest record must be from 1 byte to \(Self.largestRecordSize) bytes, not \(maximumRecordSize)")
        }
        return self
    }

    /// The largest ``maximumRecordSize`` (512 MiB), so that offsets into a batch's text stay
    /// below 2^30.
    public static let largestRecordSize = 1 << 29

    /// The most columns a CSV input may have (65536): a header of millions of delimiters is an
    /// error, not a schema of millions of fields.
    public static let maximumColumnCount = 1 << 16
}
