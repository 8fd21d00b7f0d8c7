import Foundation

/// Encodes an array of `Encodable` values into a ``RecordBatch``: one row per value, one
/// column per coding key.
///
/// ```swift
/// struct Trade: Codable { var time: Date; var symbol: String; var price: Double; var qty: Int32; var side: Side }
/// enum Side: String, Codable { case buy, sell }
/// let batch = try ArrowEncoder().encode(trades)
/// let back = try ArrowDecoder().decode(Trade.self, from: batch)
/// ```
///
/// The top level of the values must be keyed: a struct or class. Unless a ``schema`` is given,
/// the schema comes from the Swift type:
///
/// | Swift | Arrow |
/// |---|---|
/// | `Int`, `Int8` … `Int64`, `UInt` … `UInt64` | `int64`, `int8` … `int64`, `uint64` … `uint64` |
/// | `Float`, `Double`, `Bool`, `String` | `float`, `double`, `bool`, `string` |
/// | `Date` | `timestamp[us, tz=UTC]` (rounded to the microsecond) |
/// | `UUID` | `arrow.uuid` (``UUIDType``) |
/// | `Decimal` | `decimal128(38, s)`, `s` the most digits after the point among the values |
/// | `Data` | `binary` |
/// | `URL` | `string` (its absolute text) |
/// | enum with `String` raw values | `dictionary<int32, string>`, or `string` (``EnumStrategy``) |
/// | enum with integer raw values | its raw type |
/// | nested struct or class | `struct` |
/// | array, set | `list` |
/// | dictionary keyed by `String` (or `Int`) | `map<string, V>` (or `map<int64, V>`), entries in key order |
///
/// Optionals are nullable fields; everything else is not nullable.
///
/// **How the schema is learnt.** When the type is also `Decodable`, the encoder first asks its
/// `init(from:)` what it reads: optionals call `decodeIfPresent`, arrays decode one item, and
/// so on. This gives the schema even without values (`encode([])`), and the types of optionals
/// that are always nil or arrays that are always empty. Enums whose raw values the probe
/// cannot guess take the raw value the first row holds, or their first case when they are
/// `CaseIterable`. Where the type cannot tell — an `Encodable`-only type, an enum with
/// associated values, an `encode(to:)` that writes other keys than `init(from:)` reads — the
/// schema comes from the values instead: a key encoded through `encodeIfPresent`, or missing
/// from some rows, is nullable; a position that only ever held nil (or an array that was always
/// empty) gets the `null` type; values of different kinds at one position are an error.
/// `Decimal` scales always come from the values, at the cost of a second pass over them.
///
/// **With a schema** (``init(schema:keyEncodingStrategy:enumStrategy:)``), each value converts
/// exactly into its column's type or the encoding fails: an `Int` into `int16` when it fits,
/// a `Date` into a timestamp of any unit (rounded to the unit) or into `date32`/`date64` when it
/// is midnight UTC, a `String` into a dictionary-encoded column, and so on. A key with no
/// column, or a missing value for a non-nullable column, is an error.
///
/// Errors are `EncodingError`s whose coding path starts with the row, and whose description
/// names it: `row 17, price: …`.
public struct ArrowEncoder: Sendable {
    /// How coding keys become column names.
    public enum KeyEncodingStrategy: Sendable {
        /// The keys as they are.
        case useDefaultKeys
        /// `camelCase` keys as `snake_case` names, as `JSONEncoder` converts them
        /// (`myURLProperty` → `my_url_property`).
        case convertToSnakeCase
        /// The name of the key at the end of the coding path (the keys of the record fields
        /// from the top, without list positions); called once per field of the schema.
        case custom(@Sendable (_ codingPath: [any CodingKey]) -> any CodingKey)
    }

    /// How enums whose raw values are strings are stored when the schema comes from the type.
    public enum EnumStrategy: Sendable, Hashable {
        /// As `dictionary<int32, string>`: each raw value stored once.
        case dictionary
        /// As `string` columns of their raw values.
        case rawValue
    }

    /// The schema to encode into, or `nil` to learn it from the type and the values.
    public var schema: Schema?
    /// How coding keys become column names; `.useDefaultKeys` unless set.
    public var keyEncodingStrategy: KeyEncodingStrategy
    /// How enums with string raw values are stored; `.dictionary` unless set.
    public var enumStrategy: EnumStrategy
    /// Values handed to the `encode(to:)` methods as the encoder's `userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// An encoder that learns the schema from the type (and values), or that encodes into
    /// `schema` when one is given.
    public init(
        schema: Schema? = nil, keyEncodingStrategy: KeyEncodingStrategy = .useDefaultKeys,
        enumStrategy: EnumStrategy = .dictionary
    ) {
        self.schema = schema
        self.keyEncodingStrategy = keyEncodingStrategy
        self.enumStrategy = enumStrategy
    }

    /// A batch of one row per value in `values`. Throws `EncodingError` naming the row and
    /// coding path where a value does not fit the schema, or where the schema cannot be learnt
    /// (no values and a type that cannot tell).
    public func encode<T: Encodable>(_ values: [T]) throws -> RecordBatch {
        if let schema {
            return try ColumnEncoding(schema: schema, shape: nil, options: self).encode(values)
        }
        let learnt = try SchemaLearning(options: self).learn(values)
        do {
            return try ColumnEncoding(schema: learnt.schema, shape: learnt.shape, options: self).encode(values)
        } catch {
            // The values do not look like the type's init(from:) said: learn from them (and
            // fail again there if the error was of another kind).
            guard learnt.fromType, !values.isEmpty else { throw error }
            let inferred = try SchemaLearning(options: self).infer(values)
            return try ColumnEncoding(schema: inferred.schema, shape: inferred.shape, options: self).encode(values)
        }
    }

    /// The column name of the key at the end of `keys` (record field keys from the top).
    func columnName(_ keys: [String]) -> String {
        let key = keys.last ?? ""
        switch keyEncodingStrategy {
        case .useDefaultKeys: return key
        case .convertToSnakeCase: return SnakeCase.fromCamelCase(key)
        case .custom(let convert): return convert(keys.map { ArrowCodingKey(stringValue: $0) }).stringValue
        }
    }
}
