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

    /// The value in decimal notation, as pyarrow prints it: `-9.46`, `0.05`, `120`. A scale
    /// below zero or above 76 (the most digits any Arrow decimal holds) is written with an
    /// exponent: `12E+3`.
    public var description: String {
        var digits = Self.decimalDigits(of: isNegative ? Self.negated(storage) : storage)
        let sign = isNegative ? "-" : ""
        if scale == 0 {
            return sign + digits
        }
        if scale < 0 || scale > 76 {
            let exponent = -scale
            return sign + digits + "E" + (exponent > 0 ? "+" : "") + String(exponent)
        }
        if digits.count <= scale {
            digits = String(repeating: "0", count: scale - digits.count + 1) + digits
        }
        let point = digits.index(digits.endIndex, offsetBy: -scale)
        return sign + digits[..<point] + "." + digits[point...]
    }

    /// The two's-complement negation of a 256-bit value (its magnitude when it is negative).
    private static func negated(_ value: SIMD4<UInt64>) -> SIMD4<UInt64> {
        var result = ~value
        var carry: UInt64 = 1
        for index in 0..<4 {
            let (sum, overflow) = result[index].addingReportingOverflow(carry)
            result[index] = sum
            carry = overflow ? 1 : 0
        }
        return result
    }

    /// The decimal digits of the unsigned 256-bit `magnitude`, without leading zeros.
    private static func decimalDigits(of magnitude: SIMD4<UInt64>) -> String {
        let chunkBase: UInt64 = 10_000_000_000_000_000_000  // 10^19, the largest power of ten in a word
        var value = magnitude
        var chunks: [UInt64] = []  // 19-digit groups, least significant first
        while value != SIMD4(repeating: 0) {
            var remainder: UInt64 = 0
            for index in (0..<4).reversed() {
                let (quotient, rest) = chunkBase.dividingFullWidth((high: remainder, low: value[index]))
                value[index] = quotient
                remainder = rest
            }
            chunks.append(remainder)
        }
        guard let leading = chunks.last else { return "0" }
        var text = String(leading)
        for chunk in chunks.dropLast().reversed() {
            let group = String(chunk)
            text += String(repeating: "0", count: 19 - group.count) + group
        }
        return text
    }
}
