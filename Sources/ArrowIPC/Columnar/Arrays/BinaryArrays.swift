/// An array of byte strings with `Offset`-wide offsets: ``BinaryArray`` (`binary`, 32-bit
/// offsets) or ``LargeBinaryArray`` (`large_binary`, 64-bit offsets).
///
/// A zero-copy view honoring the node's offset; elements are copied out as `[UInt8]`, or read
/// in place with ``withUnsafeBytes(at:_:)``. `Array(array)` gives `[[UInt8]?]`.
public struct GenericBinaryArray<Offset: ArrowOffset>: ArrowArray, RandomAccessCollection, Sendable {
    /// The node this array reads.
    public let data: ArrayData
    let storage: VariableWidthStorage<Offset>

    /// Wraps `data`, which must be of type `binary` (32-bit offsets) or `large_binary` (64-bit)
    /// and pass ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        self.init(unchecked: try data.validated(for: "\(Self.arrowType) array", readable: data.type == Self.arrowType))
    }

    /// Wraps `data` whose layout is known to be right: a `binary` or `large_binary` node of
    /// this offset width, or a string node read as bytes.
    init(unchecked data: ArrayData) {
        self.data = data
        storage = VariableWidthStorage(data)
    }

    /// An array holding `values`, `nil` meaning null.
    ///
    /// - Precondition: for ``BinaryArray``, the values total at most `Int32.max` bytes; use
    ///   ``LargeBinaryArray`` beyond.
    public init(_ values: [[UInt8]?]) {
        self.init(unchecked: VariableWidthStorage<Offset>.build(values, type: Self.arrowType) { value, bytes in
            guard let value else { return false }
            value.withUnsafeBytes { bytes.append(contentsOf: $0) }
            return true
        })
    }

    /// `binary` or `large_binary`, by the offset width.
    static var arrowType: DataType { Offset.isLarge ? .largeBinary : .binary }

    /// A copy of the bytes in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> [UInt8]? {
        withUnsafeBytes(at: position) { $0.map { Array($0) } }
    }

    /// Calls `body` with the bytes of slot `index` in place, or with `nil` when it is null.
    public func withUnsafeBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        precondition(index >= 0 && index < data.length, "index \(index) is outside 0..<\(data.length)")
        return try withExtendedLifetime(data) { try storage.withUnsafeBytes(at: index, body) }
    }

    /// Calls `body` with the `length + 1` offsets into the data buffer, this array's offset
    /// applied (none for an empty array with an empty offsets buffer).
    public func withUnsafeOffsets<R>(_ body: (UnsafeBufferPointer<Offset>) throws -> R) rethrows -> R {
        try withExtendedLifetime(data) { try storage.slots.offsets.withUnsafeOffsets(body) }
    }
}

/// An array of `binary` values (32-bit offsets).
public typealias BinaryArray = GenericBinaryArray<Int32>
/// An array of `large_binary` values (64-bit offsets).
public typealias LargeBinaryArray = GenericBinaryArray<Int64>

/// An array of UTF-8 strings with `Offset`-wide offsets: ``StringArray`` (`string`, 32-bit
/// offsets) or ``LargeStringArray`` (`large_string`, 64-bit offsets).
///
/// A zero-copy view honoring the node's offset. Reading an element decodes its bytes as
/// UTF-8, replacing invalid sequences with U+FFFD (`ArrayData.validate(.full)` reports them).
/// `Array(array)` gives `[String?]`.
public struct GenericStringArray<Offset: ArrowOffset>: ArrowArray, RandomAccessCollection, Sendable {
    /// The same node read as bytes: a string array is a binary array whose bytes are UTF-8.
    let utf8: GenericBinaryArray<Offset>

    /// Wraps `data`, which must be of type `string` (32-bit offsets) or `large_string` (64-bit)
    /// and pass ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        self.init(unchecked: try data.validated(for: "\(Self.arrowType) array", readable: data.type == Self.arrowType))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        utf8 = GenericBinaryArray(unchecked: data)
    }

    /// An array holding `values`, `nil` meaning null.
    ///
    /// - Precondition: for ``StringArray``, the values total at most `Int32.max` UTF-8 bytes;
    ///   use ``LargeStringArray`` beyond.
    public init(_ values: [String?]) {
        self.init(unchecked: VariableWidthStorage<Offset>.build(values, type: Self.arrowType) { value, bytes in
            guard var value else { return false }
            value.withUTF8 { bytes.append(contentsOf: UnsafeRawBufferPointer($0)) }
            return true
        })
    }

    /// `string` or `large_string`, by the offset width.
    static var arrowType: DataType { Offset.isLarge ? .largeUtf8 : .utf8 }

    /// The node this array reads.
    public var data: ArrayData { utf8.data }

    /// The string in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> String? {
        utf8.withUnsafeBytes(at: position) { bytes in
            bytes.map { String(decoding: $0.assumingMemoryBound(to: UInt8.self), as: UTF8.self) }
        }
    }

    /// Calls `body` with the UTF-8 bytes of slot `index` in place, or with `nil` when it is null.
    public func withUnsafeBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        try utf8.withUnsafeBytes(at: index, body)
    }

    /// Calls `body` with the `length + 1` offsets into the data buffer, this array's offset
    /// applied (none for an empty array with an empty offsets buffer).
    public func withUnsafeOffsets<R>(_ body: (UnsafeBufferPointer<Offset>) throws -> R) rethrows -> R {
        try utf8.withUnsafeOffsets(body)
    }
}

/// An array of `string` values (UTF-8, 32-bit offsets).
public typealias StringArray = GenericStringArray<Int32>
/// An array of `large_string` values (UTF-8, 64-bit offsets).
public typealias LargeStringArray = GenericStringArray<Int64>

/// The offsets, data and validity of a binary or string node, read in place.
struct VariableWidthStorage<Offset: ArrowOffset>: @unchecked Sendable {
    // The pointer points into a buffer that the array's `data` keeps alive and nobody writes.
    /// Which slots are null and which bytes each covers.
    let slots: OffsetSlots<Offset>
    private let bytes: UnsafeRawPointer

    /// Reads `data`, whose buffers are offsets then data.
    init(_ data: ArrayData) {
        slots = OffsetSlots(data, limit: data.buffers[1].count)
        bytes = data.buffers[1].baseAddress
    }

    /// Calls `body` with slot `index`'s bytes, or `nil` when it is null.
    @inline(__always)
    func withUnsafeBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        if slots.isNull(index) {
            return try body(nil)
        }
        let range = slots.range(index)
        return try body(UnsafeRawBufferPointer(start: bytes + range.lowerBound, count: range.count))
    }

    /// A node of `type` holding `values`; `append` writes a value's bytes and returns `true`,
    /// or returns `false` for a null.
    static func build<Value>(
        _ values: [Value], type: DataType, append: (Value, inout BufferBuilder) -> Bool
    ) -> ArrayData {
        var offsets = BufferBuilder(capacity: (values.count + 1) * MemoryLayout<Offset>.size)
        var bytes = BufferBuilder(capacity: 0)
        var validity = BitmapBuilder(capacity: values.count)
        offsets.append(Offset.zero)
        for value in values {
            validity.append(append(value, &bytes))
            precondition(bytes.count <= Offset.max, "the values exceed the \(Offset.max) bytes that \(type) offsets can address")
            offsets.append(Offset(truncatingIfNeeded: bytes.count))
        }
        let (bitmap, nullCount) = validity.finishValidity()
        return ArrayData(
            type: type, length: values.count, nullCount: nullCount, validity: bitmap,
            buffers: [offsets.finish(), bytes.finish()])
    }
}
