/// A day-time interval: a number of days and a number of milliseconds, kept apart because a
/// day is not always the same number of milliseconds.
///
/// Its fields, in this order, are the Arrow layout of a `day_time_interval` slot, so
/// ``DayTimeIntervalArray`` reads it straight from the values buffer.
public struct DayTimeInterval: ArrowPrimitive {
    /// Whole days.
    public var days: Int32
    /// Milliseconds on top of the days.
    public var milliseconds: Int32

    /// An interval of `days` days and `milliseconds` milliseconds.
    public init(days: Int32, milliseconds: Int32) {
        self.days = days
        self.milliseconds = milliseconds
    }

    /// `.interval(.dayTime)`.
    public static var arrowType: DataType { .interval(.dayTime) }
}

/// A month-day-nanosecond interval: months, days and nanoseconds, each counted separately.
///
/// Its fields, in this order, are the Arrow layout of a `month_day_nano_interval` slot, so
/// ``MonthDayNanoIntervalArray`` reads it straight from the values buffer.
public struct MonthDayNanoInterval: ArrowPrimitive {
    /// Whole months.
    public var months: Int32
    /// Whole days on top of the months.
    public var days: Int32
    /// Nanoseconds on top of the days.
    public var nanoseconds: Int64

    /// An interval of `months` months, `days` days and `nanoseconds` nanoseconds.
    public init(months: Int32, days: Int32, nanoseconds: Int64) {
        self.months = months
        self.days = days
        self.nanoseconds = nanoseconds
    }

    /// `.interval(.monthDayNano)`.
    public static var arrowType: DataType { .interval(.monthDayNano) }
}

/// An array of `day_time_interval` values (two 32-bit integers per slot: days, milliseconds).
///
/// A zero-copy view honoring the node's offset; `Array(array)` gives `[DayTimeInterval?]`.
/// Year-month intervals are a count of months, read with ``Int32Array``.
public typealias DayTimeIntervalArray = PrimitiveArray<DayTimeInterval>

/// An array of `month_day_nano_interval` values (32-bit months, 32-bit days, 64-bit
/// nanoseconds per slot).
///
/// A zero-copy view honoring the node's offset; `Array(array)` gives `[MonthDayNanoInterval?]`.
public typealias MonthDayNanoIntervalArray = PrimitiveArray<MonthDayNanoInterval>
