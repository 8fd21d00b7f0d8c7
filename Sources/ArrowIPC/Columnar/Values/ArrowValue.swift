import Foundation

/// One Arrow value of any type, as a Swift value: what ``ArrowArray/value(at:)`` returns for a
/// slot of any column.
///
/// Values keep the exact stored data: integers their signedness, decimals their scale,
/// timestamps their unit and time zone. Dictionary-encoded and run-end encoded columns give
/// their decoded values, unions the value of the member the slot chose, and extension types
/// their storage's value, except `arrow.uuid` (``uuid(_:)``), `arrow.bool8` (``bool(_:)``) and
/// `arrow.json` (``string(_:)``). Nested values hold their children as values.
///
/// The optional properties (``int64Value``, ``doubleValue``, ``stringValue``, ``dateValue``,
/// …) convert to the natural Swift types: `nil` when the value is null, of another kind, or
/// does not convert exactly. `description` is the text `arrow-ipc cat` prints.
public enum ArrowValue: Sendable, Hashable {
    /// A null slot (of any type).
    case null
    /// A `bool` value (also `arrow.bool8`).
    case bool(Bool)
    /// A signed integer of any width (`int8` … `int64`).
    case int(Int64)
    /// An unsigned integer of any width (`uint8` … `uint64`).
    case uint(UInt64)
    /// A `halffloat` value, widened exactly.
    case float16(Float)
    /// A `float` value.
    case float(Float)
    /// A `double` value.
    case double(Double)
    /// A decimal of any width, exact, with its precision and scale.
    indirect case decimal(ArrowDecimal)
    /// A `string`, `large_string` or `string_view` value (invalid UTF-8 repaired with U+FFFD).
    case string(String)
    /// A `binary`, `large_binary`, `binary_view` or `fixed_size_binary` value.
    case binary([UInt8])
    /// A `date32` value: days since 1970-01-01.
    case date32(Int32)
    /// A `date64` value: milliseconds since 1970-01-01.
    case date64(Int64)
    /// A `time32` or `time64` value: time of day in `unit`s since midnight.
    case time(Int64, TimeUnit)
    /// A `timestamp` value: `unit`s since 1970-01-01 00:00:00 UTC, with the column's time
    /// zone (`nil` for a naive timestamp).
    case timestamp(Int64, TimeUnit, timeZone: String?)
    /// A `duration` value in `unit`s.
    case duration(Int64, TimeUnit)
    /// A year-month interval: a number of months.
    case yearMonthInterval(months: Int32)
    /// A day-time interval.
    case dayTimeInterval(DayTimeInterval)
    /// A month-day-nanosecond interval.
    case monthDayNanoInterval(MonthDayNanoInterval)
    /// A list of any kind (list, large list, list view, fixed-size list): its items in order.
    case list([ArrowValue])
    /// A struct: its fields' names and values in order.
    case `struct`(ArrowRecord)
    /// A map: its entries in order.
    case map([ArrowMapEntry])
    /// An `arrow.uuid` value.
    case uuid(UUID)

    /// Whether the value is null.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The most values one ``ArrowValue`` may hold at every depth together (2^24): a list of
    /// billions of items, which a small file can declare (a list of nulls takes no memory),
    /// is refused rather than built; read such a column through its typed array instead.
    public static let maximumElementCount = 1 << 24
}

/// One entry of a map value.
public struct ArrowMapEntry: Sendable, Hashable {
    /// The entry's key.
    public var key: ArrowValue
    /// The entry's value.
    public var value: ArrowValue

    /// An entry of `key` and `value`.
    public init(key: ArrowValue, value: ArrowValue) {
        self.key = key
        self.value = value
    }
}
