/// An array of `bool` values, bit-packed least-significant bit first.
///
/// A zero-copy view honoring the node's offset; `Array(array)` gives `[Bool?]`.
public struct BooleanArray: ArrowArray, RandomAccessCollection, @unchecked Sendable {
    // The pointers point into buffers that `data` keeps alive and nobody writes.
    /// The node this array reads.
    public let data: ArrayData
    @usableFromInline let values: UnsafeRawPointer
    @usableFromInline let validity: UnsafeRawPointer?

    /// Wraps `data`, which must be of type `bool` and pass ``ArrayData/validate(_:)`` at the
    /// default level.
    public init(_ data: ArrayData) throws {
        self.init(unchecked: try data.validated(for: "BooleanArray", readable: data.type == .boolean))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
        values = data.buffers[0].baseAddress
        validity = data.validity?.baseAddress
    }

    /// An array holding `values`, `nil` meaning null.
    public init(_ values: [Bool?]) {
        var bits = BitmapBuilder(capacity: values.count)
        var validity = BitmapBuilder(capacity: values.count)
        for value in values {
            bits.append(value == true)
            validity.append(value != nil)
        }
        let (bitmap, nullCount) = validity.finishValidity()
        self.init(unchecked: ArrayData(
            type: .boolean, length: values.count, nullCount: nullCount, validity: bitmap, buffers: [bits.finish()]))
    }

    /// An array holding `values`, with no nulls.
    public init(_ values: [Bool]) {
        var bits = BitmapBuilder(capacity: values.count)
        for value in values {
            bits.append(value)
        }
        self.init(unchecked: ArrayData(
            type: .boolean, length: values.count, nullCount: 0, validity: nil, buffers: [bits.finish()]))
    }

    /// The value in slot `position`, or `nil` when the slot is null.
    @inlinable
    public subscript(position: Int) -> Bool? {
        precondition(position >= 0 && position < data.length, "index \(position) is outside 0..<\(data.length)")
        let bit = data.offset &+ position
        if let validity, !validity.arrowBit(bit) {
            return nil
        }
        return values.arrowBit(bit)
    }
}
