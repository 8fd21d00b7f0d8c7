import Foundation

/// A Swift value that is one ``ArrowValue``: the integers, floats, `Bool`, `String`, `Date`
/// (a `timestamp[us, tz=UTC]`), `Data` and `[UInt8]`-free byte strings, `Decimal`, `UUID`,
/// optionals (`nil` is null), arrays (lists), `[String: V]` dictionaries (maps, keys
/// sorted) and ``ArrowRecord`` (structs). What the inferring initializers of
/// ``RecordBatch`` take.
public protocol ArrowValueConvertible {
    /// This value as an ``ArrowValue``.
    var arrowValue: ArrowValue { get }
}

extension ArrowValue: ArrowValueConvertible {
    public var arrowValue: ArrowValue { self }
}

extension ArrowRecord: ArrowValueConvertible {
    public var arrowValue: ArrowValue { .struct(self) }
}

extension Int: ArrowValueConvertible { public var arrowValue: ArrowValue { .int(Int64(self)) } }
extension Int8: ArrowValueConvertible { public var arrowValue: ArrowValue { .int(Int64(self)) } }
extension Int16: ArrowValueConvertible { public var arrowValue: ArrowValue { .int(Int64(self)) } }
extension Int32: ArrowValueConvertible { public var arrowValue: ArrowValue { .int(Int64(self)) } }
extension Int64: ArrowValueConvertible { public var arrowValue: ArrowValue { .int(self) } }
extension UInt: ArrowValueConvertible { public var arrowValue: ArrowValue { .uint(UInt64(self)) } }
extension UInt8: ArrowValueConvertible { public var arrowValue: ArrowValue { .uint(UInt64(self)) } }
extension UInt16: ArrowValueConvertible { public var arrowValue: ArrowValue { .uint(UInt64(self)) } }
extension UInt32: ArrowValueConvertible { public var arrowValue: ArrowValue { .uint(UInt64(self)) } }
extension UInt64: ArrowValueConvertible { public var arrowValue: ArrowValue { .uint(self) } }
extension Double: ArrowValueConvertible { public var arrowValue: ArrowValue { .double(self) } }
extension Float: ArrowValueConvertible { public var arrowValue: ArrowValue { .float(self) } }
extension Bool: ArrowValueConvertible { public var arrowValue: ArrowValue { .bool(self) } }
extension String: ArrowValueConvertible { public var arrowValue: ArrowValue { .string(self) } }
extension Substring: ArrowValueConvertible { public var arrowValue: ArrowValue { .string(String(self)) } }
extension Data: ArrowValueConvertible { public var arrowValue: ArrowValue { .binary(Array(self)) } }
extension UUID: ArrowValueConvertible { public var arrowValue: ArrowValue { .uuid(self) } }

extension Date: ArrowValueConvertible {
    /// A `timestamp[us, tz=UTC]`: the microseconds since 1970, rounded to the nearest.
    public var arrowValue: ArrowValue {
        let microseconds = (timeIntervalSince1970 * 1_000_000).rounded()
        guard let exact = Int64(exactly: microseconds) else { return .null }
        return .timestamp(exact, .microsecond, timeZone: "UTC")
    }
}

extension Decimal: ArrowValueConvertible {
    /// The decimal with the scale its digits need (`1.50` has scale 2), or null for NaN.
    public var arrowValue: ArrowValue {
        ArrowDecimal(self).map(ArrowValue.decimal) ?? .null
    }
}

extension Optional: ArrowValueConvertible where Wrapped: ArrowValueConvertible {
    public var arrowValue: ArrowValue { self?.arrowValue ?? .null }
}

extension Array: ArrowValueConvertible where Element: ArrowValueConvertible {
    public var arrowValue: ArrowValue { .list(map(\.arrowValue)) }
}

extension Dictionary: ArrowValueConvertible where Key == String, Value: ArrowValueConvertible {
    /// A map, its entries sorted by key (a dictionary's own order changes from run to run).
    public var arrowValue: ArrowValue {
        .map(sorted { $0.key < $1.key }.map { ArrowMapEntry(key: .string($0.key), value: $0.value.arrowValue) })
    }
}

extension ArrowDecimal {
    /// `decimal` exactly, with the scale its exponent gives; `nil` for NaN.
    init?(_ decimal: Decimal) {
        guard !decimal.isNaN else { return nil }
        var magnitude = WideMagnitude.zero
        let digits = "\(decimal.significand.magnitude)"
        for digit in digits.utf8 {
            guard digit >= 48, digit <= 57, let next = magnitude.multiplied(by: 10, adding: UInt64(digit - 48)) else { return nil }
            magnitude = next
        }
        guard let words = magnitude.signedWords(negative: decimal.sign == .minus && !magnitude.isZero) else { return nil }
        self.init(storage: words, precision: max(digits.count, 1), scale: -decimal.exponent)
    }
}
