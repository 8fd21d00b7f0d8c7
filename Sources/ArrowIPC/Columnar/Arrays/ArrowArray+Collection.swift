/// The typed arrays are collections of their slots, indexed from `0` to their length: each
/// supplies only its subscript.
extension RandomAccessCollection where Self: ArrowArray, Index == Int {
    /// `0`.
    @inlinable
    public var startIndex: Int { 0 }

    /// The length.
    @inlinable
    public var endIndex: Int { data.length }
}
