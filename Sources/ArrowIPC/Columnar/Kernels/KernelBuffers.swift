/// The memory the kernels write: fresh result buffers, and bitmaps read and written 64 bits at
/// a time.
extension ArrowBuffer {
    /// A new buffer of `count` bytes that `fill` writes through its first byte. The size comes
    /// from the caller's data, so one beyond the machine's memory is a thrown error naming
    /// `purpose`, not a trap. The allocation is rounded up to whole 64-byte blocks that read as
    /// zero, so `fill` may store whole words up to that boundary.
    static func kernelResult(
        count: Int, for purpose: @autoclosure () -> String, _ fill: (UnsafeMutableRawPointer) throws -> Void
    ) throws -> ArrowBuffer {
        let allocation = try HeapAllocation(inputSized: count, purpose: purpose())
        try fill(allocation.pointer)
        return ArrowBuffer(owner: allocation, baseAddress: UnsafeRawPointer(allocation.pointer), count: count)
    }
}

extension UnsafeRawPointer {
    /// The 64 bits `start..<start+64` of the least-significant-bit-first bitmap starting here,
    /// bit `start` lowest; bits at or past `end` read as zero, and no byte past bit `end - 1`'s
    /// is read.
    @inline(__always)
    func arrowBitWord(from start: Int, end: Int) -> UInt64 {
        let byte = start &>> 3
        let shift = UInt64(truncatingIfNeeded: start & 7)
        if end &- start >= 72 {
            // Bytes `byte...byte+8` all lie before bit `end`.
            let low = loadUnaligned(fromByteOffset: byte, as: UInt64.self) &>> shift
            let high = UInt64(load(fromByteOffset: byte &+ 8, as: UInt8.self)) &<< (64 &- shift)
            return shift == 0 ? low : low | high
        }
        var word: UInt64 = 0
        var bit = start
        while bit < end && bit &- start < 64 {
            if arrowBit(bit) { word |= 1 &<< UInt64(truncatingIfNeeded: bit &- start) }
            bit &+= 1
        }
        return word
    }
}

/// The bits of `value` at the positions of the set bits of `mask`, packed into the low bits
/// in order (what x86's `pext` does).
@inline(__always)
func extractBits(_ value: UInt64, _ mask: UInt64) -> UInt64 {
    if mask == ~0 { return value }
    var remaining = mask
    var result: UInt64 = 0
    var position: UInt64 = 0
    while remaining != 0 {
        let bit = UInt64(truncatingIfNeeded: remaining.trailingZeroBitCount)
        result |= ((value &>> bit) & 1) &<< position
        position &+= 1
        remaining &= remaining &- 1
    }
    return result
}

/// Writes a bitmap 64 bits at a time into memory that holds whole words for every bit written.
struct BitmapWriter {
    private let words: UnsafeMutablePointer<UInt64>
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var wordIndex = 0
    /// The number of set bits written.
    private(set) var setCount = 0

    /// A writer into `memory`, which must be 8-byte aligned.
    init(_ memory: UnsafeMutableRawPointer) {
        words = memory.assumingMemoryBound(to: UInt64.self)
    }

    /// Appends the low `count` bits of `bits` (`count` in `0...64`; the other bits zero).
    @inline(__always)
    mutating func append(_ bits: UInt64, count: Int) {
        guard count > 0 else { return }
        setCount &+= bits.nonzeroBitCount
        pending |= bits &<< UInt64(truncatingIfNeeded: pendingCount)
        let filled = pendingCount &+ count
        if filled >= 64 {
            words[wordIndex] = pending
            wordIndex &+= 1
            pending = pendingCount == 0 ? 0 : bits &>> UInt64(truncatingIfNeeded: 64 &- pendingCount)
            pendingCount = filled &- 64
        } else {
            pendingCount = filled
        }
    }

    /// Writes the last, partial word.
    mutating func finish() {
        if pendingCount > 0 {
            words[wordIndex] = pending
        }
    }
}
