import Foundation

/// Conversions to the natural Swift types. Each is `nil` when the value is null, of another
/// kind, or does not convert exactly: numbers widen (an `int8` column's values read as
/// ``int64Value`` and ``doubleValue``), but never round or wrap.
extension ArrowValue {
    /// A boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// An integer of any width or signedness that fits in `Int64`.
    public var int64Value: Int64? {
        switch self {
        case .int(let value): return value
        case .uint(let value): return Int64(exactly: value)
        default: return nil
        }
    }

    /// An integer of any width or signedness that fits in `Int`.
    public var intValue: Int? {
        switch self {
        case .int(let value): return Int(exactly: value)
        case .uint(let value): return Int(exactly: value)
        default: return nil
        }
    }

    /// A non-negative integer of any width or signedness.
    public var uint64Value: UInt64? {
        switch self {
        case .int(let value): return UInt64(exactly: value)
        case .uint(let value): return value
        default: return nil
        }
    }

    /// A float of any width, or an integer that a `Double` holds exactly.
    public var doubleValue: Double? {
        switch self {
        case .double(let value): return value
        case .float(let value), .float16(let value): return Double(value)
        case .int(let value): return Double(exactly: value)
        case .uint(let value): return Double(exactly: value)
        default: return nil
        }
    }

    /// A `float` or `halffloat`, or an integer that a `Float` holds exactly.
    public var floatValue: Float? {
        switch self {
        case .float(let value), .float16(let value): return value
        case .int(let value): return Float(exactly: value)
        case .uint(let value): return Float(exactly: value)
        default: return nil
        }
    }

    /// A decimal that Foundation's `Decimal` holds exactly (at most 38 digits), or an integer.
    public var decimalValue: Decimal? {
        switch self {
        case .decimal(let value):
            guard let unscaled = value.int128Value, unscaled.magnitude < Self.tenToThe38,
                  let digits = Decimal(string: String(unscaled.magnitude)),
                  value.scale >= -127, value.scale <= 128 else { return nil }
            return Decimal(sign: unscaled < 0 ? .minus : .plus, exponent: -value.scale, significand: digits)
        case .int(let value): return Decimal(value)
        case .uint(let value): return Decimal(value)
        default: return nil
        }
    }

    /// A string (`string`, `large_string`, `string_view`, `arrow.json`).
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The bytes of a binary value of any layout.
    public var bytesValue: [UInt8]? {
        if case .binary(let value) = self { return value }
        return nil
    }

    /// The bytes of a binary value of any layout, as `Data`.
    public var dataValue: Data? {
        bytesValue.map { Data($0) }
    }

    /// The instant of a date (midnight UTC) or a timestamp (to the `Date`'s precision, about a
    /// microsecond today).
    public var dateValue: Date? {
        switch self {
        case .date32(let days):
            return Date(timeIntervalSince1970: Double(days) * 86_400)
        case .date64(let milliseconds):
            return Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
        case .timestamp(let value, let unit, _):
            let (seconds, fraction) = value.quotientAndRemainder(dividingBy: unit.perSecond)
            return Date(timeIntervalSince1970: Double(seconds) + Double(fraction) / Double(unit.perSecond))
        default:
            return nil
        }
    }

    /// A duration.
    public var durationValue: Duration? {
        guard case .duration(let value, let unit) = self else { return nil }
        switch unit {
        case .second: return .seconds(value)
        case .millisecond: return .milliseconds(value)
        case .microsecond: return .microseconds(value)
        case .nanosecond: return .nanoseconds(value)
        }
    }

    /// A UUID (`arrow.uuid`).
    public var uuidValue: UUID? {
        if case .uuid(let value) = self { return value }
        return nil
    }

    /// The items of a list of any kind.
    public var listValue: [ArrowValue]? {
        if case .list(let items) = self { return items }
        return nil
    }

    /// The fields of a struct.
    public var recordValue: ArrowRecord? {
        if case .struct(let record) = self { return record }
        return nil
    }

    /// The entries of a map.
    public var mapValue: [ArrowMapEntry]? {
        if case .map(let entries) = self { return entries }
        return nil
    }

    private static let tenToThe38: UInt128 = {
        var power: UInt128 = 1
        for _ in 0..<38 { power *= 10 }
        return power
    }()
}
