/// An array read only as its ``ArrayData`` node: its ``ArrowArray/data``,
/// ``ArrowArray/length`` and ``ArrowArray/nullCount``, without element access.
///
/// ``makeArray(_:)`` returns one for the types that have no typed array yet — dictionaries
/// and extension types — and for a node whose buffers or children do not fit its type's
/// layout.
public struct UntypedArray: ArrowArray {
    /// The node this array reads.
    public let data: ArrayData

    /// Wraps `data` of any type; never throws.
    public init(_ data: ArrayData) {
        self.data = data
    }
}
