extension UnsafeRawPointer {
    /// Bit `index` of the least-significant-bit-first bitmap starting here.
    @inlinable @inline(__always)
    func arrowBit(_ index: Int) -> Bool {
        (load(fromByteOffset: index >> 3, as: UInt8.self) >> UInt8(truncatingIfNeeded: index & 7)) & 1 == 1
    }
}
