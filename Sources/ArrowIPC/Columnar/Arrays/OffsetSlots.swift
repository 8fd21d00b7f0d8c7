/// The validity and offsets of a binary, string, list or map node, read in place: whether a
/// slot is null and which bytes (or child slots) it covers — the part that the arrays of these
/// nodes share.
struct OffsetSlots<Offset: ArrowOffset>: @unchecked Sendable {
    // The pointers point into buffers that the array's `data` keeps alive and nobody writes.
    /// The offsets, this node's offset applied.
    let offsets: OffsetsView<Offset>
    private let validity: UnsafeRawPointer?
    private let offset: Int
    /// The number of bytes or child slots the offsets index.
    private let limit: Int

    /// Reads `data`, whose first buffer holds its offsets into `limit` bytes or child slots.
    init(_ data: ArrayData, limit: Int) {
        offsets = OffsetsView(data)
        validity = data.validity?.baseAddress
        offset = data.offset
        self.limit = limit
    }

    /// The slots of a list or map node, whose offsets index its first child.
    init(list data: ArrayData) {
        self.init(data, limit: data.children[0].length)
    }

    /// Whether slot `index` is null.
    @inline(__always)
    func isNull(_ index: Int) -> Bool {
        guard let validity else { return false }
        return !validity.arrowBit(offset &+ index)
    }

    /// The bytes or child slots that slot `index` covers; empty when the offsets are out of
    /// order or out of range, which ``ArrayData/validate(_:)`` reports.
    @inline(__always)
    func range(_ index: Int) -> Range<Int> {
        offsets.range(index, limit: limit)
    }
}
