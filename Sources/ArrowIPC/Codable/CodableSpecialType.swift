import Foundation

/// The Foundation types that Arrow stores as types of their own rather than as what their
/// `Codable` conformance writes (a `Date` would otherwise be a `Double`, a `UUID` a string, a
/// `Decimal` a record of its parts, `Data` a list of bytes).
enum CodableSpecialType {
    /// `Date`: `timestamp[us, tz=UTC]`.
    case date
    /// `UUID`: the `arrow.uuid` extension type.
    case uuid
    /// `Decimal`: `decimal128(38, s)`, the scale `s` the values need.
    case decimal
    /// `Data`: `binary`.
    case data
    /// `URL`: `string`, its absolute text.
    case url

    /// The special type `type` is, or `nil` for any other type.
    @inline(__always)
    init?(_ type: Any.Type) {
        if type == Date.self {
            self = .date
        } else if type == UUID.self {
            self = .uuid
        } else if type == Decimal.self {
            self = .decimal
        } else if type == Data.self {
            self = .data
        } else if type == URL.self {
            self = .url
        } else {
            return nil
        }
    }

    /// The Arrow type these values get when the schema comes from the Swift type.
    var defaultType: DataType {
        switch self {
        case .date: .timestamp(.microsecond, timeZone: "UTC")
        case .uuid: UUIDType().dataType
        case .decimal: .decimal128(precision: 38, scale: 0)
        case .data: .binary
        case .url: .utf8
        }
    }

    /// `value`, whose type `T` is this special type, as that type `U`.
    @inline(__always)
    func cast<T, U>(_ value: T, to _: U.Type) -> U {
        // `T` is `U`: CodableSpecialType(T.self) said so.
        assert(T.self == U.self)
        return unsafeBitCast(value, to: U.self)
    }

    /// A value of the type for the schema probe to hand out.
    var placeholder: Any {
        switch self {
        case .date: Date(timeIntervalSince1970: 0)
        case .uuid: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        case .decimal: Decimal(0)
        case .data: Data()
        case .url: URL(fileURLWithPath: "/")
        }
    }
}

/// Dictionaries whose `Codable` conformance writes a keyed container (keys that are
/// strings, integers or `CodingKeyRepresentable`): Arrow maps.
protocol CodableKeyedDictionary {
    /// The Arrow type of the keys: `int64` for `Int` keys, `string` for the others.
    static var arrowKeyType: DataType { get }
}

extension Dictionary: CodableKeyedDictionary where Key: CodingKeyRepresentable {
    static var arrowKeyType: DataType { Key.self == Int.self ? .int64 : .utf8 }
}

/// Dictionaries whose keys have an order: the encoder writes their entries in it, so that
/// equal dictionaries give equal maps (a `Dictionary` encodes itself in its hash order, which
/// changes from run to run).
protocol CodableSortedDictionary {
    /// Encodes the entries into a keyed container of `encoder`, keys in ascending order.
    func encodeSortedEntries(to encoder: any Encoder) throws
}

extension Dictionary: CodableSortedDictionary where Key: CodingKeyRepresentable & Comparable, Value: Encodable {
    func encodeSortedEntries(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ArrowCodingKey.self)
        for (key, value) in sorted(by: { $0.key < $1.key }) {
            try container.encode(value, forKey: ArrowCodingKey(key.codingKey))
        }
    }
}

/// The Arrow type of a map whose keys are of `keyType` and whose values are `value`.
func codableMapType(key keyType: DataType, value: Field) -> DataType {
    .map(
        Field("entries", .struct([Field("key", keyType, nullable: false), Field("value", value.type, nullable: value.isNullable)]),
              nullable: false),
        keysSorted: false)
}

/// Whether `value` is an enum whose raw value is a `String`: what
/// `ArrowEncoder.EnumStrategy.dictionary` dictionary-encodes.
func isStringEnum(_ value: Any) -> Bool {
    guard let raw = value as? any RawRepresentable, raw.rawValue is String else { return false }
    return Mirror(reflecting: value).displayStyle == .enum
}

/// The first case of `T` when it is `CaseIterable` (and has a case), for the schema probe.
func firstCase<T>(of _: T.Type) -> T? {
    guard let iterable = T.self as? any CaseIterable.Type else { return nil }
    func first<C: CaseIterable>(_: C.Type) -> C? { C.allCases.first }
    guard let first = first(iterable) else { return nil }
    return first as? T
}
