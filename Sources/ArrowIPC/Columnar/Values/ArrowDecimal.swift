/// One decimal value: an unscaled integer of up to 256 bits, with a precision and a scale.
///
/// The number is `unscaled × 10^(-scale)`; `precision` is the number of significant digits
/// the type allows. The unscaled value is kept as four 64-bit words of two's complement,
/// least significant first, sign-extended — whatever the width (32 to 256 bits) it came from.
public struct ArrowDecimal: Sendable, Hashable, CustomStringConvertible {
    /// The unscaled value's words, least significant first, sign-extended to 256 bits.
    let storage: SIMD4<UInt64>
    /// The number of significant decimal digits.
    public let precision: Int
    /// The number of digits after the decimal point (negative: zeros before it).
    public let scale: Int

    /// A decimal whose unscaled value is the two's-complement integer `words`, least
    /// significant word first; `nil` when it does not fit in 256 bits (more than four words
    /// that are not sign extension).
    public init?(words: [UInt64], precision: Int, scale: Int) {
        let negative = (words.last ?? 0) >> 63 == 1
        let fill: UInt64 = negative ? .max : 0
        guard words.dropFirst(4).allSatisfy({ $0 == fill }) else { return nil }
        // A wider value must still have the sign of the fourth word.
        if words.count > 4 && (words[3] >> 63 == 1) != negative { return nil }
        var storage = SIMD4<UInt64>(repeating: fill)
        for index in 0..<min(words.count, 4) {
            storage[index] = words[index]
        }
        self.init(storage: storage, precision: precision, scale: scale)
    }

    /// A decimal whose unscaled value is `unscaled`.
    public init(_ unscaled: Int128, precision: Int, scale: Int) {
        let low = UInt64(truncatingIfNeeded: unscaled)
        let high = UInt64(truncatingIfNeeded: unscaled >> 64)
        let fill: UInt64 = unscaled < 0 ? .max : 0
        self.init(storage: SIMD4(low, high, fill, fill), precision: precision, scale: scale)
    }

    init(storage: SIMD4<UInt64>, precision: Int, scale: Int) {
        self.storage = storage
        self.precision = precision
        self.scale = scale
    }

    /// The unscaled value as four words of two's complement, least significant first.
    public var words: [UInt64] {
        [storage[0], storage[1], storage[2], storage[3]]
    }

    /// Whether the value is below zero.
    public var isNegative: Bool {
        storage[3] >> 63 == 1
    }

    /// The unscaled value, or `nil` when it does not fit in 128 bits.
    public var int128Value: Int128? {
        let fill: UInt64 = storage[1] >> 63 == 1 ? .max : 0
        guard storage[2] == fill, storage[3] == fill else { return nil }
        return Int128(Int64(bitPattern: storage[1])) << 64 | Int128(storage[0])
    }

    /// Whether the unscaled value fits in `byteWidth` bytes of two's complement (4, 8, 16 or 32).
    func fits(byteWidth: Int) -> Bool {
        guard byteWidth < 32 else { return true }
        let bits = byteWidth * 8
        let fill: UInt64 = isNegative ? .max : 0
        // Every bit from `bits - 1` up must equal the sign.
        for word in 0..<4 {
            let wordStart = word * 64
            if wordStart + 64 <= bits - 1 { continue }
            let firstBit = max(bits - 1 - wordStart, 0)
            let mask = UInt64.max << UInt64(firstBit)
            if storage[word] & mask != fill & mask { return false }
        }
        return true
    }

    /// The value in decimal notation: the digits with the point placed by the scale (`-9.46`,
    /// `0.05`, `120`) or, for a negative scale, followed by zeros (`12000` is 12 with scale -3);
    /// a scale beyond ±100, which no precision allows, is written as an exponent (`12E-200`),
    /// so the text stays short whatever the scale.
    public var description: String {
        DecimalText.string(storage, scale: scale)
    }

    /// The unscaled value held in `bytes`, 4, 8, 16 or 32 bytes of little-endian two's
    /// complement (as a decimal array stores it), sign-extended to four words.
    static func unscaledWords(_ bytes: UnsafeRawBufferPointer) -> SIMD4<UInt64> {
        switch bytes.count {
        case 4:
            return signExtended(Int64(Int32(littleEndian: bytes.loadUnaligned(as: Int32.self))))
        case 8:
            return signExtended(Int64(littleEndian: bytes.loadUnaligned(as: Int64.self)))
        case 16:
            let low = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
            let high = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            let fill: UInt64 = high >> 63 == 1 ? .max : 0
            return SIMD4(low, high, fill, fill)
        default:
            return SIMD4(
                UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self)),
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
        }
    }

    private static func signExtended(_ value: Int64) -> SIMD4<UInt64> {
        let fill: UInt64 = value < 0 ? .max : 0
        return SIMD4(UInt64(bitPattern: value), fill, fill, fill)
    }
}
