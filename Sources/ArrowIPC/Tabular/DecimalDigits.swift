/// Decimal text for Arrow decimals: a two's complement integer of 32 to 256 bits (the unscaled
/// value) and a scale, the number of digits after the point.
///
/// `12345` with scale 2 is `123.45`, with scale 0 `12345`, with scale -2 `1234500`; `-5` with
/// scale 3 is `-0.005`. Scales beyond ±100 (which no valid precision allows) are written in
/// exponent form, `12345E-200`, so a hostile scale cannot make a huge string.
enum DecimalDigits {
    /// The text of the integer whose little-endian 64-bit words are `words` (sign-extended to
    /// whole words), scaled by `scale`.
    static func string(words: [UInt64], scale: Int) -> String {
        var magnitude = words
        let negative = (words.last ?? 0) >> 63 == 1
        if negative {
            // Two's complement negation: invert, then add one with carry.
            var carry = true
            for index in magnitude.indices {
                magnitude[index] = ~magnitude[index]
                if carry {
                    (magnitude[index], carry) = magnitude[index].addingReportingOverflow(1)
                }
            }
        }
        let digits = decimalDigits(of: &magnitude)
        let sign = negative ? "-" : ""
        guard scale != 0 else { return sign + digits }
        if scale < 0 {
            if digits == "0" { return "0" }
            return scale >= -100
                ? sign + digits + String(repeating: "0", count: -scale)
                : sign + digits + "E+" + String(scale.magnitude)
        }
        guard scale <= 100 else { return sign + digits + "E-" + String(scale) }
        if digits.count > scale {
            let point = digits.index(digits.endIndex, offsetBy: -scale)
            return sign + digits[..<point] + "." + digits[point...]
        }
        return sign + "0." + String(repeating: "0", count: scale - digits.count) + digits
    }

    /// The decimal digits of the unsigned integer `words` (little-endian), which it consumes.
    private static func decimalDigits(of words: inout [UInt64]) -> String {
        // Peel off 19 digits at a time: 10^19 is the largest power of ten in a UInt64.
        let chunkDivisor: UInt64 = 10_000_000_000_000_000_000
        var chunks: [UInt64] = []
        while words.contains(where: { $0 != 0 }) {
            var remainder: UInt64 = 0
            for index in words.indices.reversed() {
                (words[index], remainder) = chunkDivisor.dividingFullWidth((high: remainder, low: words[index]))
            }
            chunks.append(remainder)
        }
        guard let leading = chunks.last else { return "0" }
        var text = String(leading)
        for chunk in chunks.dropLast().reversed() {
            text += TemporalText.padded(chunk, 19)
        }
        return text
    }
}
