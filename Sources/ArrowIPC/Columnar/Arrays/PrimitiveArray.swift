/// An array of fixed-width values: the integer, floating-point, date, time, timestamp,
/// duration and interval types.
///
/// `T` is the storage type. The typealiases ``Int64Array``, ``Float64Array``,
/// ``DayTimeIntervalArray``, … name the common ones; `PrimitiveArray<Int32>` also reads
/// `date32` (days since the epoch), `time32` and year-month intervals (months), and
/// `PrimitiveArray<Int64>` reads `date64` (milliseconds since the epoch), `time64`,
/// `timestamp` and `duration` in their unit.
///
/// The array is a zero-copy view: elements are read straight from the buffers, starting at
/// the node's `offset`. `Array(array)` gives `[T?]`.
public struct PrimitiveArray<T: ArrowPrimitive>: ArrowArray, RandomAccessCollection, @unchecked Sendable {
    // The pointers point into buffers that `data` keeps alive and nobody writes.
    /// The node this array reads.
    public let data: ArrayData
    /// The first value of this array (the node's offset applied).
    @usableFromInline let values: UnsafeRawPointer
    @usableFromInline let validity: UnsafeRawPointer?

    /// Wraps `data`, which must have a type stored as `T` (see ``ArrowPrimitive``) and pass
    /// ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        self.init(unchecked: try data.validated(for: Self.name, readable: Self.stores(data.type)))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
        values = data.buffers[0].baseAddress + data.offset &* MemoryLayout<T>.stride
        validity = data.validity?.baseAddress
    }

    /// An array of `T`'s default Arrow type holding `values`, `nil` meaning null.
    public init(_ values: [T?]) {
        self.init(unchecked: Self.build(values, type: T.arrowType))
    }

    /// An array of `T`'s default Arrow type holding `values`, with no nulls.
    public init(_ values: [T]) {
        self.init(unchecked: ArrayData(
            type: T.arrowType, length: values.count, nullCount: 0, validity: nil,
            buffers: [ArrowBuffer(copying: values)]))
    }

    /// An array of `type` holding `values` (for instance timestamps in `type`'s unit);
    /// throws when `type` is not stored as `T`.
    public init(_ values: [T?], type: DataType) throws {
        guard Self.stores(type) else {
            throw ArrowError.invalidArgument("values of type \(type) are not stored as \(T.self)")
        }
        self.init(unchecked: Self.build(values, type: type))
    }

    /// Whether values of `type` are stored as `T`.
    static func stores(_ type: DataType) -> Bool {
        type.primitiveStorage != nil && type.primitiveStorage == T.arrowType.primitiveStorage
    }

    /// What errors call this array: `DayTimeIntervalArray` for the interval structs' arrays,
    /// `PrimitiveArray<Int64>` for the numbers'.
    private static var name: String {
        if case .interval = T.arrowType { "\(T.self)Array" } else { "PrimitiveArray<\(T.self)>" }
    }

    private static func build(_ values: [T?], type: DataType) -> ArrayData {
        var buffer = BufferBuilder(capacity: values.count * MemoryLayout<T>.stride)
        var validity = BitmapBuilder(capacity: values.count)
        for value in values {
            if let value {
                buffer.append(value)
            } else {
                buffer.appendZeros(MemoryLayout<T>.stride)
            }
            validity.append(value != nil)
        }
        let (bitmap, nullCount) = validity.finishValidity()
        return ArrayData(
            type: type, length: values.count, nullCount: nullCount, validity: bitmap, buffers: [buffer.finish()])
    }

    /// The value in slot `position`, or `nil` when the slot is null.
    @inlinable
    public subscript(position: Int) -> T? {
        precondition(position >= 0 && position < data.length, "index \(position) is outside 0..<\(data.length)")
        if let validity, !validity.arrowBit(data.offset &+ position) {
            return nil
        }
        return values.loadUnaligned(fromByteOffset: position &* MemoryLayout<T>.stride, as: T.self)
    }

    /// Calls `body` with the `length` stored values, this array's offset already applied.
    ///
    /// Null slots hold unspecified values; check ``ArrowArray/isNull(_:)`` or the validity
    /// bitmap where it matters. The buffer must be aligned for `T`, as buffers from the
    /// builders and the IPC readers are.
    @inlinable
    public func withUnsafeValues<R>(_ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        try withExtendedLifetime(data) {
            try body(UnsafeBufferPointer(start: values.assumingMemoryBound(to: T.self), count: data.length))
        }
    }
}

/// An array of `int8` values.
public typealias Int8Array = PrimitiveArray<Int8>
/// An array of `int16` values.
public typealias Int16Array = PrimitiveArray<Int16>
/// An array of `int32` values; also reads `date32`, `time32` and year-month intervals.
public typealias Int32Array = PrimitiveArray<Int32>
/// An array of `int64` values; also reads `date64`, `time64`, `timestamp` and `duration`.
public typealias Int64Array = PrimitiveArray<Int64>
/// An array of `uint8` values.
public typealias UInt8Array = PrimitiveArray<UInt8>
/// An array of `uint16` values.
public typealias UInt16Array = PrimitiveArray<UInt16>
/// An array of `uint32` values.
public typealias UInt32Array = PrimitiveArray<UInt32>
/// An array of `uint64` values.
public typealias UInt64Array = PrimitiveArray<UInt64>
#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
/// An array of `float16` (half-precision) values.
public typealias Float16Array = PrimitiveArray<Float16>
#endif
/// An array of `float32` values.
public typealias Float32Array = PrimitiveArray<Float>
/// An array of `float64` values.
public typealias Float64Array = PrimitiveArray<Double>
