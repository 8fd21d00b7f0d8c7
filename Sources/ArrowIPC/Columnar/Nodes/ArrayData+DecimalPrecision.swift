extension ArrayData {
    /// Checks that every non-null value of this decimal node has at most `precision` digits:
    /// its unscaled value's magnitude is below 10^precision. The byte width comes from the
    /// type (4, 8, 16 or 32); the layout check made the values buffer long enough.
    func checkDecimalPrecision(_ precision: Int) throws {
        guard let width = type.storageType.byteWidth, precision >= 1 else { return }
        let values = buffers[0].baseAddress + offset * width
        switch width {
        case 4, 8:
            // 10^18 is the largest bound: decimal64 allows up to 18 digits.
            let bound = UInt64(powerOfTen(min(precision, 19)))
            for slot in 0..<length where !isNull(slot) {
                let value = width == 4
                    ? Int64(Int32(littleEndian: values.loadUnaligned(fromByteOffset: slot * 4, as: Int32.self)))
                    : Int64(littleEndian: values.loadUnaligned(fromByteOffset: slot * 8, as: Int64.self))
                if value.magnitude >= bound { throw precisionProblem(slot: slot, precision: precision, width: width) }
            }
        case 16:
            let bound = powerOfTen(min(precision, 38))
            for slot in 0..<length where !isNull(slot) {
                let low = UInt64(littleEndian: values.loadUnaligned(fromByteOffset: slot * 16, as: UInt64.self))
                let high = Int64(littleEndian: values.loadUnaligned(fromByteOffset: slot * 16 + 8, as: Int64.self))
                let value = Int128(high) << 64 | Int128(low)
                if value.magnitude >= bound { throw precisionProblem(slot: slot, precision: precision, width: width) }
            }
        default:
            let bound = Self.powerOfTenWords(min(precision, 76))
            for slot in 0..<length where !isNull(slot) {
                let bytes = UnsafeRawBufferPointer(start: values + slot * 32, count: 32)
                let words = ArrowDecimal.unscaledWords(bytes)
                let magnitude = words[3] >> 63 == 1 ? DecimalText.negated(words) : words
                if !Self.isBelow(magnitude, bound) { throw precisionProblem(slot: slot, precision: precision, width: width) }
            }
        }
    }

    private func precisionProblem(slot: Int, precision: Int, width: Int) -> NodeProblem {
        let bytes = UnsafeRawBufferPointer(start: buffers[0].baseAddress + (offset + slot) * width, count: width)
        let value = ArrowDecimal(storage: ArrowDecimal.unscaledWords(bytes), precision: precision, scale: 0)
        return NodeProblem(
            "the decimal in slot \(slot) has the unscaled value \(value), more than the \(precision) digits of its precision",
            buffer: .data(0))
    }

    /// 10^exponent, for exponents up to 38.
    private func powerOfTen(_ exponent: Int) -> UInt128 {
        var result: UInt128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// 10^exponent as four 64-bit words, least significant first, for exponents up to 76.
    private static func powerOfTenWords(_ exponent: Int) -> SIMD4<UInt64> {
        var words = SIMD4<UInt64>(1, 0, 0, 0)
        for _ in 0..<exponent {
            var carry: UInt64 = 0
            for index in 0..<4 {
                let (high, low) = words[index].multipliedFullWidth(by: 10)
                let (sum, overflow) = low.addingReportingOverflow(carry)
                words[index] = sum
                carry = high + (overflow ? 1 : 0)
            }
        }
        return words
    }

    /// Whether the unsigned 256-bit `value` is below `bound` (words least significant first).
    private static func isBelow(_ value: SIMD4<UInt64>, _ bound: SIMD4<UInt64>) -> Bool {
        for index in stride(from: 3, through: 0, by: -1) where value[index] != bound[index] {
            return value[index] < bound[index]
        }
        return false
    }
}
