extension ArrayData {
    /// The slots `start..<start+count`, sharing memory, without checking the range: for typed
    /// arrays that have clamped the range to this node's length.
    ///
    /// Never traps. When this node's offset is itself out of range (data that was never
    /// validated), the slice gets a null count of 0 rather than a count read from outside the
    /// bitmap, and ``makeArray(_:)`` turns it into an ``UntypedArray``.
    func uncheckedSlice(_ start: Int, _ count: Int) -> ArrayData {
        let (sliceOffset, overflow) = offset.addingReportingOverflow(start)
        let inRange = !overflow && sliceOffset >= 0 && count >= 0 && sliceOffset <= Int.max - 7 - count
        let knownNullCount = start == 0 && count == length ? nullCount : nil
        return ArrayData(
            type: type, length: count, offset: sliceOffset,
            nullCount: knownNullCount ?? (inRange ? nil : 0),
            validity: validity, buffers: buffers, children: children, dictionary: dictionary)
    }
}
