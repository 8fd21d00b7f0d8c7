/// The memory the kernels write: fresh result buffers, and bitmaps read and written 64 bits at
/// a time.
extension ArrowBuffer {
    /// A new buffer of `count` bytes that `fill` writes through its first byte. The size comes
    /// from the caller's data, so one beyond the machine's memory is a thrown error naming
    /// `purpose`, not a trap. The allocation is rounded up to whole 64-byte blocks that read as
    /// zero, so `fill` may store whole words up to that boundary.
    ///
    /// With `slack`, `fill` may also write `slack` bytes past the end (copying in whole
    /// blocks); they are zeroed afterwards.
    static func kernelResult(
        count: Int, slack: Int = 0, for purpose: @autoclosure () -> String,
        _ fill: (UnsafeMutableRawPointer) throws -> Void
    ) throws -> ArrowBuffer {
        let (size, overflow) = count.addingReportingOverflow(slack)
        guard !overflow else {
            throw ArrowError.invalidArgument("\(purpose()) needs more than \(Int.max) bytes")
        }
        let allocation = try HeapAllocation(inputSized: size, purpose: purpose(), mapsLargeSizes: false)
        try fill(allocation.pointer)
        if slack > 0 {
            (allocation.pointer + count).initializeMemory(as: UInt8.self, repeating: 0, count: slack)
        }
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
/// in order (what x86's `pext` does): bit by bit for a sparse mask, else a byte at a time
/// through ``compressedBytes``.
@inline(__always)
func extractBits(_ value: UInt64, _ mask: UInt64) -> UInt64 {
    if mask == ~0 { return value }
    if mask.nonzeroBitCount <= 6 {
        var remaining = mask
        var result: UInt64 = 0
        var position: UInt64 = 0
        while remaining != 0 {
            result |= ((value &>> UInt64(truncatingIfNeeded: remaining.trailingZeroBitCount)) & 1) &<< position
            position &+= 1
            remaining &= remaining &- 1
        }
        return result
    }
    return compressedBytes.withUnsafeBufferPointer { table in
        var result: UInt64 = 0
        var position: UInt64 = 0
        // Eight bytes, without a branch (a position of 64 only ever shifts in zeros).
        for byte in 0..<8 {
            let maskByte = Int(truncatingIfNeeded: (mask &>> UInt64(byte &* 8)) & 0xFF)
            let valueByte = Int(truncatingIfNeeded: (value &>> UInt64(byte &* 8)) & 0xFF)
            result |= UInt64(table[maskByte &<< 8 | valueByte]) &<< position
            position &+= UInt64(truncatingIfNeeded: maskByte.nonzeroBitCount)
        }
        return result
    }
}

/// For each mask byte `m` and value byte `v`, at `m << 8 | v`: the bits of `v` where `m` is
/// set, packed into the low bits (64 KiB, made on first use).
private let compressedBytes: [UInt8] = (0..<65536).map { index in
    let mask = index >> 8
    let value = index & 0xFF
    var result = 0
    var position = 0
    for bit in 0..<8 where mask & (1 << bit) != 0 {
        result |= ((value >> bit) & 1) << position
        position += 1
    }
    return UInt8(result)
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

extension UnsafeMutableRawPointer {
    /// Copies `count` bytes from `source`; a copy of at most 32 bytes is two 16-byte blocks,
    /// without a branch on the length, when `source` is readable for 32 bytes (`sourceLimit`
    /// bytes are) and this memory writable 32 bytes past the start. Short strings copy faster
    /// so than through `memcpy`, and the loads of neighbouring copies overlap.
    @inline(__always)
    func copyBlocks(from source: UnsafeRawPointer, count: Int, sourceReadable sourceLimit: Int) {
        guard count <= 32, sourceLimit >= 32 else {
            copyMemory(from: source, byteCount: count)
            return
        }
        storeBytes(of: source.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
        storeBytes(
            of: source.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self), toByteOffset: 16,
            as: SIMD16<UInt8>.self)
    }
}
