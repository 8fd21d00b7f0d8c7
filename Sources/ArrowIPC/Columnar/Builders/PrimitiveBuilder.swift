/// Builds a ``PrimitiveArray``: integers, floating-point numbers, dates, times, timestamps,
/// durations and intervals, stored as `T`.
///
/// ```swift
/// let builder = Int64Builder()
/// builder.append(7)
/// builder.append(nil)
/// builder.append(contentsOf: [1, 2, 3])
/// let array = builder.finish()               // int64: [7, null, 1, 2, 3]
/// let stamps = try PrimitiveBuilder<Int64>(type: .timestamp(.millisecond, timeZone: "UTC"))
/// ```
///
/// ``append(_:)-(ArrowValue)`` converts exactly: an integer into any integer type it fits and
/// into a floating-point type that holds it; a float into any float type (rounded to the
/// nearest, as pyarrow does); dates, times, timestamps and durations of another unit when no
/// fraction is lost (a date into a timestamp at midnight UTC); an integer into a temporal type
/// as the stored count of its unit.
public final class PrimitiveBuilder<T: ArrowPrimitive>: TruncatableBuilder {
    public let type: DataType
    @exclusivity(unchecked) @usableFromInline var slots = FixedWidthSlots(width: MemoryLayout<T>.stride)

    /// A builder of `T`'s default type (`Int64Builder` builds `int64`).
    public convenience init() {
        self.init(unchecked: T.arrowType)
    }

    /// A builder of `type`, which must be stored as `T` (`Int32` for `date32`, `Int64` for
    /// timestamps, …).
    public convenience init(type: DataType) throws {
        guard PrimitiveArray<T>.stores(type) else {
            throw ArrowError.invalidArgument("values of type \(type) are not stored as \(T.self)")
        }
        self.init(unchecked: type)
    }

    init(unchecked type: DataType) {
        self.type = type
    }

    public var count: Int { slots.count }

    /// Appends `value`.
    @inlinable
    public func append(_ value: T) {
        slots.append(value)
    }

    /// Appends `value`, or a null for `nil`.
    @inlinable
    public func append(_ value: T?) {
        if let value { append(value) } else { appendNull() }
    }

    /// Appends each of `values`, `nil` meaning null.
    @inlinable
    public func append(contentsOf values: some Sequence<T?>) {
        reserve(values.underestimatedCount)
        for value in values { append(value) }
    }

    /// Appends each of `values`.
    @inlinable
    public func append(contentsOf values: some Sequence<T>) {
        reserve(values.underestimatedCount)
        for value in values { append(value) }
    }

    @inlinable
    public func appendNull() {
        slots.appendNull()
    }

    public func append(_ value: ArrowValue) throws {
        if case .null = value { return appendNull() }
        guard let number = StoredNumber(value, for: type) else { throw mismatch(value) }
        guard slots.append(storing: { number.store(as: T.self, at: $0) }) else {
            throw mismatch(value, "does not fit in \(type)")
        }
    }

    @inlinable
    public func reserve(_ additional: Int) {
        slots.reserve(additional)
    }

    /// The array of the values appended; the builder is then empty.
    public func finish() -> PrimitiveArray<T> {
        PrimitiveArray(unchecked: finishData())
    }

    public func finishData() -> ArrayData {
        slots.finish(as: type)
    }

    func truncate(to newCount: Int) {
        slots.truncate(to: newCount)
    }
}

/// Builds `int8` arrays.
public typealias Int8Builder = PrimitiveBuilder<Int8>
/// Builds `int16` arrays.
public typealias Int16Builder = PrimitiveBuilder<Int16>
/// Builds `int32` arrays (and, with a type, `date32`, `time32` and year-month intervals).
public typealias Int32Builder = PrimitiveBuilder<Int32>
/// Builds `int64` arrays (and, with a type, `date64`, `time64`, timestamps and durations).
public typealias Int64Builder = PrimitiveBuilder<Int64>
/// Builds `uint8` arrays.
public typealias UInt8Builder = PrimitiveBuilder<UInt8>
/// Builds `uint16` arrays.
public typealias UInt16Builder = PrimitiveBuilder<UInt16>
/// Builds `uint32` arrays.
public typealias UInt32Builder = PrimitiveBuilder<UInt32>
/// Builds `uint64` arrays.
public typealias UInt64Builder = PrimitiveBuilder<UInt64>
/// Builds `float` (32-bit) arrays.
public typealias Float32Builder = PrimitiveBuilder<Float>
/// Builds `double` arrays.
public typealias Float64Builder = PrimitiveBuilder<Double>
/// Builds day-time interval arrays.
public typealias DayTimeIntervalBuilder = PrimitiveBuilder<DayTimeInterval>
/// Builds month-day-nano interval arrays.
public typealias MonthDayNanoIntervalBuilder = PrimitiveBuilder<MonthDayNanoInterval>
