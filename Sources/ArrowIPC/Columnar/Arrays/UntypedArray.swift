/// An array read only as its ``ArrayData`` node: its ``ArrowArray/data``,
/// ``ArrowArray/length`` and ``ArrowArray/nullCount``, without element access.
///
/// ``makeArray(_:)`` returns one for extension types without a typed array (unregistered
/// ones, `arrow.opaque`, whose storage can be anything, and `arrow.json` stored as
/// `string_view`) and for a node whose buffers or children do not fit its type's layout.
public struct UntypedArray: ArrowArray {
    /// The node this array reads.
    public let data: ArrayData

    /// Wraps `data` of any type; never throws.
    public init(_ data: ArrayData) {
        self.data = data
    }
}
