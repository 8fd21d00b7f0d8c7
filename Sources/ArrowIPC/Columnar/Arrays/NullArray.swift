/// An array of the `null` type: every slot is null and there are no buffers.
///
/// Its elements are `Never?`, a type whose only value is `nil`, so `Array(array)` gives
/// `[Never?]` of `nil`s and no code can mistake a slot for a value.
public struct NullArray: ArrowArray, RandomAccessCollection {
    /// The node this array reads.
    public let data: ArrayData

    /// Wraps `data`, which must be of type `null` and pass ``ArrayData/validate(_:)`` at the
    /// default level.
    public init(_ data: ArrayData) throws {
        self.init(unchecked: try data.validated(for: "NullArray", readable: data.type == .null))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
    }

    /// An array of `length` nulls.
    ///
    /// - Precondition: `length >= 0`.
    public init(length: Int) {
        precondition(length >= 0, "a NullArray cannot have a negative length (\(length))")
        self.init(unchecked: ArrayData(type: .null, length: length, nullCount: length, validity: nil, buffers: []))
    }

    /// `nil`: every slot is null.
    public subscript(position: Int) -> Never? {
        precondition(position >= 0 && position < data.length, "index \(position) is outside 0..<\(data.length)")
        return nil
    }
}
