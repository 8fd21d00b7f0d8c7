/// Decimal integer text to the two's-complement little-endian bytes of a 4- to 32-byte integer,
/// as Arrow stores decimal values (the unscaled integer).
enum DecimalText {
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
            return storeWide(text, wordCount: byteWidth / 8, at: destination)
        default:
            return false
        }
    }

    /// The 128- and 256-bit case: accumulate the magnitude in 64-bit words, then negate.
    private static func storeWide(_ text: String, wordCount: Int, at destination: UnsafeMutableRawPointer) -> Bool {
        var utf8 = text.utf8[...]
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        guard !utf8.isEmpty else { return false }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: wordCount) { words -> Bool in
            words.initialize(repeating: 0)
            for byte in utf8 {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
                // words = words * 10 + digit
                var carry = UInt64(byte - UInt8(ascii: "0"))
                for index in 0..<wordCount {
                    let product = words[index].multipliedFullWidth(by: 10)
                    let (low, overflow) = product.low.addingReportingOverflow(carry)
                    words[index] = low
                    carry = product.high &+ (overflow ? 1 : 0)
                }
                guard carry == 0 else { return false }
            }
            // The magnitude must fit the signed range: below 2^(n-1), or equal to it when negative.
            let top = words[wordCount - 1]
            if top >> 63 == 1 {
                let isMinimum = top == 1 << 63 && words[0..<(wordCount - 1)].allSatisfy { $0 == 0 }
                guard negative && isMinimum else { return false }
            }
            if negative {
                // Two's complement: invert, add one.
                var carry: UInt64 = 1
                for index in 0..<wordCount {
                    let (sum, overflow) = (~words[index]).addingReportingOverflow(carry)
                    words[index] = sum
                    carry = overflow ? 1 : 0
                }
            }
            for index in 0..<wordCount {
                destination.storeBytes(of: words[index].littleEndian, toByteOffset: index * 8, as: UInt64.self)
            }
            return true
        }
    }
}
