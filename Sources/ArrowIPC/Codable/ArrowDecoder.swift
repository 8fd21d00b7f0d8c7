/// Decodes `Decodable` values from the rows of a ``RecordBatch`` or ``Table``: one value per
/// row, each key read from the column of its name.
///
/// ```swift
/// let trades = try ArrowDecoder().decode(Trade.self, from: batch)
/// ```
///
/// Columns are found by name (after ``keyDecodingStrategy``, then as they are); columns no key
/// asks for are ignored. A missing column is `nil` for an optional and a `keyNotFound` error
/// otherwise, naming the key and listing the columns. Values convert where that is exact:
///
/// - integers of any width into any integer type they fit (and floating-point numbers with no
///   fraction), integers into `Double`/`Float` when exact, floating-point numbers into
///   `Double` and `Float` (rounded to the nearest `Float`);
/// - timestamps of any unit, `date32` and `date64` into `Date`; `arrow.uuid` (and 16-byte
///   binary or UUID text) into `UUID`; decimals (and integers) into `Decimal`; any binary
///   into `Data`; strings into `URL`;
/// - strings of any layout, dictionary-encoded ones included, into `String` and enums with
///   `String` raw values; integers into enums with integer raw values;
/// - lists of any layout into arrays and sets, maps into dictionaries (and structs into
///   `[String: V]`), structs into nested types.
///
/// Errors are `DecodingError`s whose coding path starts with the row and whose description
/// names it: `row 17, price: the string "abc" is not a Double (column type string)`.
public struct ArrowDecoder: Sendable {
    /// How column names become coding keys.
    public enum KeyDecodingStrategy: Sendable {
        /// The names as they are.
        case useDefaultKeys
        /// `snake_case` names as `camelCase` keys, as `JSONDecoder` converts them
        /// (`my_url_property` → `myUrlProperty`); a key also finds the name it has as it is, and
        /// the name `.convertToSnakeCase` gives it (`accountID` finds `account_id`).
        case convertFromSnakeCase
        /// The key of the column at the end of the coding path (the keys of the record fields
        /// from the top, the column name last); called once per column and nested field.
        case custom(@Sendable (_ codingPath: [any CodingKey]) -> any CodingKey)
    }

    /// How column names become coding keys; `.useDefaultKeys` unless set.
    public var keyDecodingStrategy: KeyDecodingStrategy
    /// Values handed to the `init(from:)` methods as the decoder's `userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// A decoder with `keyDecodingStrategy`.
    public init(keyDecodingStrategy: KeyDecodingStrategy = .useDefaultKeys) {
        self.keyDecodingStrategy = keyDecodingStrategy
    }

    /// One value of `type` per row of `batch`. Throws `DecodingError` naming the row and
    /// coding path where a value is missing or does not convert.
    public func decode<T: Decodable>(_ type: T.Type, from batch: RecordBatch) throws -> [T] {
        try decode(type, from: [batch], rowCount: batch.rowCount)
    }

    /// One value of `type` per row of `table`, batch after batch; rows in errors count from
    /// the first row of the table.
    public func decode<T: Decodable>(_ type: T.Type, from table: Table) throws -> [T] {
        try decode(type, from: table.batches, rowCount: table.rowCount)
    }

    private func decode<T: Decodable>(_: T.Type, from batches: [RecordBatch], rowCount: Int) throws -> [T] {
        let context = DecodingContext(options: self)
        return try withExtendedLifetime(context) {
            try [T](unsafeUninitializedCapacity: rowCount) { values, count in
                for batch in batches {
                    let rows = ArrayData(
                        type: .struct(batch.schema.fields), length: batch.rowCount, nullCount: 0, validity: nil, buffers: [],
                        children: batch.columnData)
                    let root = try DecodingNode.make(data: rows, name: "", context: context)
                    defer { root.releaseContainers() }
                    for row in 0..<min(batch.rowCount, values.count - count) {
                        context.row = count
                        values.initializeElement(at: count, to: try T(from: NodeDecoder(node: root, index: row)))
                        count += 1
                    }
                }
            }
        }
    }
}
