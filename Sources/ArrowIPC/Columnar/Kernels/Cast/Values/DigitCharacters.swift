/// The decimal digits of a number below 10^17 (a double's shortest digits) as characters in
/// registers, made without a loop (four at a time, from a table): the first 16 in ``head`` (the
/// first in its low byte, as in memory on a little-endian machine; stores put them in that order
/// on any), the 17th in ``tail``.
struct DigitCharacters {
    /// The first 16 characters (fewer when the number has fewer digits; the rest is zeros).
    let head: UInt128
    /// The 17th character, when the number has 17 digits.
    let tail: UInt8

    /// The `count` digits of `value` (its ``NumberText/digitCount(_:)``).
    @inline(__always)
    init(_ value: UInt64, count: Int) {
        let high = value / 100_000_000
        let top = high / 100_000_000
        let middle = Self.eightCharacters(UInt32(truncatingIfNeeded: high &- top &* 100_000_000))
        let low = Self.eightCharacters(UInt32(truncatingIfNeeded: value &- high &* 100_000_000))
        // The last 16 of the 17 characters the number has with leading zeros.
        let lastSixteen = UInt128(low) << 64 | UInt128(middle)
        if count > 16 {
            head = lastSixteen << 8 | UInt128(top &+ 0x30)
            tail = UInt8(truncatingIfNeeded: lastSixteen >> 120)
        } else {
            // Without the leading zeros.
            head = lastSixteen &>> UInt128(truncatingIfNeeded: 8 &* (16 &- count))
            tail = 0
        }
    }

    /// The first character.
    var first: UInt8 { UInt8(truncatingIfNeeded: head) }

    /// Sixteen "0" characters.
    static var zeros: UInt128 { 0x3030_3030_3030_3030_3030_3030_3030_3030 }

    /// Stores the characters at `target`: 17 bytes, of which the digits' count are the digits.
    @inline(__always)
    func store(at target: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(target).storeBytes(of: head.littleEndian, as: UInt128.self)
        target[16] = tail
    }

    /// ``head`` with the characters from `position` (1 to 16) on moved one byte further, and
    /// the byte at `position` left for a decimal point.
    @inline(__always)
    func makingRoom(at position: Int) -> UInt128 {
        let before = UInt128.max &>> UInt128(truncatingIfNeeded: 128 &- 8 &* position)
        return head & before | (head << 8) & ~before
    }

    /// The eight decimal characters of `value` (below 10^8, with leading zeros), the first in
    /// the low byte: its two groups of four read from ``quadruples``. (Made in registers by
    /// multiplications instead, they took twice as long: this machine multiplies on one port.)
    @inline(__always)
    static func eightCharacters(_ value: UInt32) -> UInt64 {
        let upper = value / 10_000
        let groups = UnsafeRawPointer(quadruples.utf8Start)
        let first = groups.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: upper) &* 4, as: UInt32.self)
        let last = groups.loadUnaligned(
            fromByteOffset: Int(truncatingIfNeeded: value &- upper &* 10_000) &* 4, as: UInt32.self)
        return UInt64(UInt32(littleEndian: first)) | UInt64(UInt32(littleEndian: last)) << 32
    }
}
