/// The decimal digits of a number below 10^17 (a double's shortest digits) as characters in
/// registers, made without a table or a loop: the first 16 in ``head`` (the first in its low
/// byte, as in memory on a little-endian machine; stores put them in that order on any), the
/// 17th in ``tail``.
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
    /// the low byte: split into halves, quarters and bytes in parallel lanes of one register.
    @inline(__always)
    static func eightCharacters(_ value: UInt32) -> UInt64 {
        // The first four digits in the low 32 bits, the last four in the high.
        let upper = value / 10_000
        var lanes = UInt64(upper) | UInt64(value &- upper &* 10_000) << 32
        // Two digits in each 16 bits: x / 100 is (x * 10486) >> 20 for x below 43,699.
        let hundreds = (lanes &* 10_486) >> 20 & 0x0000_007F_0000_007F
        lanes = hundreds | (lanes &- hundreds &* 100) << 16
        // One digit in each byte: y / 10 is (y * 103) >> 10 for y below 179.
        let tens = (lanes &* 103) >> 10 & 0x000F_000F_000F_000F
        lanes = tens | (lanes &- tens &* 10) << 8
        return lanes | 0x3030_3030_3030_3030
    }
}
