extension ArrayData {
    /// The slots `start..<start+count`, sharing memory, without checking the range: for typed
    /// arrays that have already clamped the range to this node's length.
    func uncheckedSlice(_ start: Int, _ count: Int) -> ArrayData {
        ArrayData(
            type: type, length: count, offset: offset &+ start,
            nullCount: start == 0 && count == length ? nullCount : nil,
            validity: validity, buffers: buffers, children: children, dictionary: dictionary)
    }
}
