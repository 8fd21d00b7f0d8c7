/// A day-time interval: a number of days and a number of milliseconds, kept apart because a
/// day is not always the same number of milliseconds.
public struct DayTimeInterval: Sendable, Hashable {
    /// Whole days.
    public var days: Int32
    /// Milliseconds on top of the days.
    public var milliseconds: Int32

    /// An interval of `days` days and `milliseconds` milliseconds.
    public init(days: Int32, milliseconds: Int32) {
        self.days = days
        self.milliseconds = milliseconds
    }
}

/// A month-day-nanosecond interval: months, days and nanoseconds, each counted separately.
public struct MonthDayNanoInterval: Sendable, Hashable {
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
}

/// An array of `day_time_interval` values (two 32-bit integers per slot: days, milliseconds).
///
/// A zero-copy view honoring the node's offset; `Array(array)` gives `[DayTimeInterval?]`.
/// Year-month intervals are a count of months, read with ``Int32Array``.
public struct DayTimeIntervalArray: ArrowArray, RandomAccessCollection, @unchecked Sendable {
    // The pointers point into buffers that `data` keeps alive and nobody writes.
    /// The node this array reads.
    public let data: ArrayData
    private let values: UnsafeRawPointer
    private let validity: UnsafeRawPointer?

    /// Wraps `data`, which must be of type `day_time_interval` and pass
    /// ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        self.init(unchecked: try data.validated(for: "DayTimeIntervalArray", readable: data.type == .interval(.dayTime)))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
        values = data.buffers[0].baseAddress + data.offset &* 8
        validity = data.validity?.baseAddress
    }

    /// An array holding `values`, `nil` meaning null.
    public init(_ values: [DayTimeInterval?]) {
        var buffer = BufferBuilder(capacity: values.count * 8)
        var validity = BitmapBuilder(capacity: values.count)
        for value in values {
            buffer.append(value?.days ?? 0)
            buffer.append(value?.milliseconds ?? 0)
            validity.append(value != nil)
        }
        let (bitmap, nullCount) = validity.finishValidity()
        self.init(unchecked: ArrayData(
            type: .interval(.dayTime), length: values.count, nullCount: nullCount, validity: bitmap,
            buffers: [buffer.finish()]))
    }

    /// `0`.
    public var startIndex: Int { 0 }
    /// The length.
    public var endIndex: Int { data.length }

    /// The interval in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> DayTimeInterval? {
        precondition(position >= 0 && position < data.length, "index \(position) is outside 0..<\(data.length)")
        if let validity, !validity.arrowBit(data.offset &+ position) {
            return nil
        }
        let start = position &* 8
        return DayTimeInterval(
            days: values.loadUnaligned(fromByteOffset: start, as: Int32.self),
            milliseconds: values.loadUnaligned(fromByteOffset: start + 4, as: Int32.self))
    }
}

/// An array of `month_day_nano_interval` values (32-bit months, 32-bit days, 64-bit
/// nanoseconds per slot).
///
/// A zero-copy view honoring the node's offset; `Array(array)` gives `[MonthDayNanoInterval?]`.
public struct MonthDayNanoIntervalArray: ArrowArray, RandomAccessCollection, @unchecked Sendable {
    // The pointers point into buffers that `data` keeps alive and nobody writes.
    /// The node this array reads.
    public let data: ArrayData
    private let values: UnsafeRawPointer
    private let validity: UnsafeRawPointer?

    /// Wraps `data`, which must be of type `month_day_nano_interval` and pass
    /// ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        self.init(unchecked: try data.validated(for: "MonthDayNanoIntervalArray", readable: data.type == .interval(.monthDayNano)))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
        values = data.buffers[0].baseAddress + data.offset &* 16
        validity = data.validity?.baseAddress
    }

    /// An array holding `values`, `nil` meaning null.
    public init(_ values: [MonthDayNanoInterval?]) {
        var buffer = BufferBuilder(capacity: values.count * 16)
        var validity = BitmapBuilder(capacity: values.count)
        for value in values {
            buffer.append(value?.months ?? 0)
            buffer.append(value?.days ?? 0)
            buffer.append(value?.nanoseconds ?? 0)
            validity.append(value != nil)
        }
        let (bitmap, nullCount) = validity.finishValidity()
        self.init(unchecked: ArrayData(
            type: .interval(.monthDayNano), length: values.count, nullCount: nullCount, validity: bitmap,
            buffers: [buffer.finish()]))
    }

    /// `0`.
    public var startIndex: Int { 0 }
    /// The length.
    public var endIndex: Int { data.length }

    /// The interval in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> MonthDayNanoInterval? {
        precondition(position >= 0 && position < data.length, "index \(position) is outside 0..<\(data.length)")
        if let validity, !validity.arrowBit(data.offset &+ position) {
            return nil
        }
        let start = position &* 16
        return MonthDayNanoInterval(
            months: values.loadUnaligned(fromByteOffset: start, as: Int32.self),
            days: values.loadUnaligned(fromByteOffset: start + 4, as: Int32.self),
            nanoseconds: values.loadUnaligned(fromByteOffset: start + 8, as: Int64.self))
    }
}
