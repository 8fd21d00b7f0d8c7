/// An array of byte strings that all have the same width (`fixed_size_binary[n]`).
///
/// A zero-copy view honoring the node's offset; elements are copied out as `[UInt8]`, or read
/// in place with ``withUnsafeBytes(at:_:)``. `Array(array)` gives `[[UInt8]?]`.
public struct FixedSizeBinaryArray: ArrowArray, RandomAccessCollection, @unchecked Sendable {
    // The pointer points into a buffer that `data` keeps alive and nobody writes.
    /// The node this array reads.
    public let data: ArrayData
    /// The number of bytes of every value.
    public let byteWidth: Int
    private let values: UnsafeRawPointer

    /// Wraps `data`, which must be of a `fixed_size_binary` type and pass
    /// ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        let readable = if case .fixedSizeBinary = data.type { true } else { false }
        self.init(unchecked: try data.validated(for: "FixedSizeBinaryArray", readable: readable))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
        byteWidth = data.type.byteWidth ?? 0
        values = data.buffers[0].baseAddress + data.offset &* byteWidth
    }

    /// An array of `fixed_size_binary[byteWidth]` holding `values`, `nil` meaning null; throws
    /// when the width is negative or a value has another length.
    public init(byteWidth: Int, values: [[UInt8]?]) throws {
        guard byteWidth >= 0 else {
            throw ArrowError.invalidArgument("the byte width \(byteWidth) is negative")
        }
        var buffer = BufferBuilder(capacity: values.count * byteWidth)
        var validity = BitmapBuilder(capacity: values.count)
        for (index, value) in values.enumerated() {
            if let value {
                guard value.count == byteWidth else {
                    throw ArrowError.invalidArgument("value \(index) has \(value.count) bytes, not \(byteWidth)")
                }
                value.withUnsafeBytes { buffer.append(contentsOf: $0) }
            } else {
                buffer.appendZeros(byteWidth)
            }
            validity.append(value != nil)
        }
        let (bitmap, nullCount) = validity.finishValidity()
        self.init(unchecked: ArrayData(
            type: .fixedSizeBinary(byteWidth: byteWidth), length: values.count, nullCount: nullCount,
            validity: bitmap, buffers: [buffer.finish()]))
    }

    /// A copy of the bytes in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> [UInt8]? {
        withUnsafeBytes(at: position) { $0.map { Array($0) } }
    }

    /// Calls `body` with the `byteWidth` bytes of slot `index` in place, or with `nil` when it
    /// is null.
    public func withUnsafeBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        if data.isNull(index) {
            return try body(nil)
        }
        return try withExtendedLifetime(data) {
            try body(UnsafeRawBufferPointer(start: values + index &* byteWidth, count: byteWidth))
        }
    }
}
