/// Reading Arrow's least-significant-bit-first bitmaps (validity and boolean values): one
/// bit with `UnsafeRawPointer.arrowBit(_:)` (below), counts and sizes in this enum.
enum Bitmap {
    /// The number of set bits in `offset..<offset+length`.
    static func countSetBits(_ bits: UnsafeRawPointer, offset: Int, length: Int) -> Int {
        guard length > 0 else { return 0 }
        var count = 0
        var index = offset
        let end = offset + length
        // Leading bits up to a byte boundary.
        while index < end && index & 7 != 0 {
            if bits.arrowBit(index) { count += 1 }
            index += 1
        }
        // Whole 64-bit words, then whole bytes.
        while end - index >= 64 {
            count += bits.loadUnaligned(fromByteOffset: index >> 3, as: UInt64.self).nonzeroBitCount
            index += 64
        }
        while end - index >= 8 {
            count += bits.load(fromByteOffset: index >> 3, as: UInt8.self).nonzeroBitCount
            index += 8
        }
        while index < end {
            if bits.arrowBit(index) { count += 1 }
            index += 1
        }
        return count
    }

    /// The number of bytes a bitmap of `bitCount` bits needs (0 for a count below 1); never
    /// overflows, whatever the count (lengths come from files).
    @inline(__always)
    static func byteCount(_ bitCount: Int) -> Int {
        guard bitCount > 0 else { return 0 }
        return bitCount / 8 + (bitCount & 7 == 0 ? 0 : 1)
    }
}

extension UnsafeRawPointer {
    /// Bit `index` of the least-significant-bit-first bitmap starting here: the one bit reader
    /// of the module.
    @inlinable @inline(__always)
    func arrowBit(_ index: Int) -> Bool {
        (load(fromByteOffset: index >> 3, as: UInt8.self) >> UInt8(truncatingIfNeeded: index & 7)) & 1 == 1
    }
}
