/// Decimal text to and from the unscaled integers Arrow stores for decimals: two's complement,
/// 4 to 32 bytes, little-endian — the one place decimal values are written as text.
///
/// The written form (``string(_:scale:)``) follows one rule, for every width and scale:
/// - the unscaled digits with the point placed by the scale when the scale is in
///   `1...100`: `12345` with scale 2 is `123.45`, `-5` with scale 3 is `-0.005`, `0` with
///   scale 2 is `0.00`;
/// - the digits followed by `-scale` zeros when the scale is in `-100...0`: `123` with scale
///   -2 is `12300` (zero is `0` whatever a negative scale);
/// - beyond ±100 (more than any precision allows: Arrow's widest decimal has 76 digits), the
///   digits and an exponent, `12345E-200` or `7E+1000000`.
///
/// So the text is never longer than 178 characters (a sign, the 77 digits of the widest value
/// and 100 zeros), whatever scale a file claims.
enum DecimalText {
    /// The largest scale magnitude written without an exponent.
    static let maximumPlainScale = 100

    /// The text of the 256-bit two's-complement integer `unscaled` (words least significant
    /// first, as ``ArrowDecimal`` keeps them) with `scale` digits after the point.
    static func string(_ unscaled: SIMD4<UInt64>, scale: Int) -> String {
        let negative = unscaled[3] >> 63 == 1
        let digits = decimalDigits(negative ? negated(unscaled) : unscaled)
        let zero = UInt8(ascii: "0")
        if digits == [zero] && scale < 0 { return "0" }
        var text: [UInt8] = []
        text.reserveCapacity(digits.count + maximumPlainScale + 3)
        if negative { text.append(UInt8(ascii: "-")) }
        switch scale {
        case 0:
            text += digits
        case 1...maximumPlainScale:
            if digits.count > scale {
                text += digits[..<(digits.count - scale)]
                text.append(UInt8(ascii: "."))
                text += digits[(digits.count - scale)...]
            } else {
                text += [zero, UInt8(ascii: ".")]
                text += repeatElement(zero, count: scale - digits.count)
                text += digits
            }
        case -maximumPlainScale..<0:
            text += digits
            text += repeatElement(zero, count: -scale)
        default:
            text += digits
            text += (scale < 0 ? "E+" : "E-").utf8
            text += String(scale.magnitude).utf8
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Writes the integer `text` (an optional `-` or `+`, then decimal digits) as a
    /// `byteWidth`-byte two's-complement integer at `destination`, in little-endian order.
    /// Returns `false`, leaving the destination unspecified, when the text is not an integer
    /// or does not fit in `byteWidth` bytes. `byteWidth` is 4, 8, 16 or 32.
    static func store(_ text: String, byteWidth: Int, at destination: UnsafeMutableRawPointer) -> Bool {
        switch byteWidth {
        case 4:
            guard let value = Int32(text) else { return false }
            destination.storeBytes(of: value.littleEndian, as: Int32.self)
            return true
        case 8:
            guard let value = Int64(text) else { return false }
            destination.storeBytes(of: value.littleEndian, as: Int64.self)
            return true
        case 16, 32:
            guard let words = parseWide(text, wordCount: byteWidth / 8) else { return false }
            for index in 0..<byteWidth / 8 {
                destination.storeBytes(of: words[index].littleEndian, toByteOffset: index * 8, as: UInt64.self)
            }
            return true
        default:
            return false
        }
    }

    /// The 128- and 256-bit case of ``store(_:byteWidth:at:)``: the value in its low
    /// `wordCount` words, or `nil`. Accumulates the magnitude, then negates.
    private static func parseWide(_ text: String, wordCount: Int) -> SIMD4<UInt64>? {
        var utf8 = text.utf8[...]
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        guard !utf8.isEmpty else { return nil }
        var words = SIMD4<UInt64>(repeating: 0)
        for byte in utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            // words = words * 10 + digit
            var carry = UInt64(byte - UInt8(ascii: "0"))
            for index in 0..<wordCount {
                let product = words[index].multipliedFullWidth(by: 10)
                let (low, overflow) = product.low.addingReportingOverflow(carry)
                words[index] = low
                carry = product.high &+ (overflow ? 1 : 0)
            }
            guard carry == 0 else { return nil }
        }
        // The magnitude must fit the signed range: below 2^(n-1), or equal to it when negative.
        let top = words[wordCount - 1]
        if top >> 63 == 1 {
            let isMinimum = top == 1 << 63 && (0..<(wordCount - 1)).allSatisfy { words[$0] == 0 }
            guard negative && isMinimum else { return nil }
        }
        // Negating all four words negates the low `wordCount` of them too.
        return negative ? negated(words) : words
    }

    /// The two's-complement negation of a 256-bit value (its magnitude when it is negative).
    static func negated(_ value: SIMD4<UInt64>) -> SIMD4<UInt64> {
        var result = ~value
        var carry: UInt64 = 1
        for index in 0..<4 {
            let (sum, overflow) = result[index].addingReportingOverflow(carry)
            result[index] = sum
            carry = overflow ? 1 : 0
        }
        return result
    }

    /// The ASCII decimal digits of the unsigned 256-bit `magnitude`, without leading zeros
    /// (`0` for zero).
    private static func decimalDigits(_ magnitude: SIMD4<UInt64>) -> [UInt8] {
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
        guard let leading = chunks.last else { return [UInt8(ascii: "0")] }
        var digits = Array(String(leading).utf8)
        for chunk in chunks.dropLast().reversed() {
            let group = String(chunk).utf8
            digits += repeatElement(UInt8(ascii: "0"), count: 19 - group.count)
            digits += group
        }
        return digits
    }
}
