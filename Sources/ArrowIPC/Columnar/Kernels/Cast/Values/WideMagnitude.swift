/// An unsigned integer of 1024 bits, for the magnitudes of decimal casts: wide enough for a
/// 256-bit decimal rescaled by any power of ten a precision allows, and for every double
/// multiplied out exactly (`m × 2^e` with `e ≤ 971`). Operations report overflow instead of
/// wrapping. Words are least significant first; no allocation.
struct WideMagnitude: Equatable {
    private(set) var words: SIMD16<UInt64>

    static let zero = WideMagnitude(words: SIMD16(repeating: 0))

    private init(words: SIMD16<UInt64>) {
        self.words = words
    }

    init(_ value: UInt64) {
        var words = SIMD16<UInt64>(repeating: 0)
        words[0] = value
        self.words = words
    }

    /// The magnitude and sign of a two's-complement 256-bit value (as ``ArrowDecimal`` keeps it).
    init(signed value: SIMD4<UInt64>) {
        let negative = value[3] >> 63 == 1
        let magnitude = negative ? DecimalText.negated(value) : value
        var words = SIMD16<UInt64>(repeating: 0)
        for index in 0..<4 { words[index] = magnitude[index] }
        self.words = words
    }

    var isZero: Bool { words == SIMD16(repeating: 0) }

    /// The number of significant bits (0 for zero).
    var bitWidth: Int {
        for index in stride(from: 15, through: 0, by: -1) where words[index] != 0 {
            return index * 64 + 64 - words[index].leadingZeroBitCount
        }
        return 0
    }

    /// The low 256 bits as two's complement, negated when `negative`; `nil` when the
    /// magnitude needs more than 255 bits (or 256 for the most negative value).
    func signedWords(negative: Bool) -> SIMD4<UInt64>? {
        let width = bitWidth
        guard width <= 255 || (negative && width == 256 && words[3] == 1 << 63 && words[0] == 0 && words[1] == 0 && words[2] == 0) else {
            return nil
        }
        let low = SIMD4(words[0], words[1], words[2], words[3])
        return negative ? DecimalText.negated(low) : low
    }

    /// The value as a `UInt64`, or `nil` when it does not fit.
    var uint64: UInt64? { bitWidth <= 64 ? words[0] : nil }

    // MARK: - Arithmetic

    /// `self × factor + addend`, or `nil` on overflow.
    func multiplied(by factor: UInt64, adding addend: UInt64 = 0) -> WideMagnitude? {
        var result = self
        var carry = addend
        for index in 0..<16 {
            let product = words[index].multipliedFullWidth(by: factor)
            let (low, overflow) = product.low.addingReportingOverflow(carry)
            result.words[index] = low
            carry = product.high &+ (overflow ? 1 : 0)
        }
        return carry == 0 ? result : nil
    }

    /// `self × 10^exponent`, or `nil` on overflow.
    func multiplied(byPowerOfTen exponent: Int) -> WideMagnitude? {
        var result = self
        var remaining = exponent
        while remaining > 0 {
            let step = min(remaining, 19)
            guard let next = result.multiplied(by: NumberText.powersOfTen[step]) else { return nil }
            result = next
            remaining -= step
        }
        return result
    }

    /// The quotient and remainder of `self / divisor`.
    func divided(by divisor: UInt64) -> (quotient: WideMagnitude, remainder: UInt64) {
        var quotient = self
        var remainder: UInt64 = 0
        for index in stride(from: 15, through: 0, by: -1) {
            let (q, r) = divisor.dividingFullWidth((high: remainder, low: words[index]))
            quotient.words[index] = q
            remainder = r
        }
        return (quotient, remainder)
    }

    /// `self / 10^exponent` rounded as `rounding` says, and whether the division was exact.
    func divided(byPowerOfTen exponent: Int, rounding: Rounding) -> (quotient: WideMagnitude, exact: Bool) {
        guard exponent > 0 else { return (self, true) }
        // Beyond 10^309 every 1024-bit value divides to zero.
        guard exponent <= 310 else { return Self.zero.rounded(upFrom: isZero ? .exact : .belowHalf, rounding) }
        var quotient = self
        var remaining = exponent
        var lastRemainder: UInt64 = 0
        var lastDivisor: UInt64 = 10
        var lowerNonZero = false
        while remaining > 0 {
            let step = min(remaining, 19)
            lowerNonZero = lowerNonZero || lastRemainder != 0
            (quotient, lastRemainder) = quotient.divided(by: NumberText.powersOfTen[step])
            lastDivisor = NumberText.powersOfTen[step]
            remaining -= step
        }
        // The part dropped is (lastRemainder + δ) / lastDivisor, where 0 ≤ δ < 1 comes from
        // the earlier steps' remainders and is 0 only when they all were; lastDivisor is even.
        let half = lastDivisor / 2
        let fraction: Fraction
        if lastRemainder == 0 && !lowerNonZero {
            fraction = .exact
        } else if lastRemainder < half {
            fraction = .belowHalf
        } else if lastRemainder == half && !lowerNonZero {
            fraction = .half
        } else {
            fraction = .aboveHalf
        }
        return quotient.rounded(upFrom: fraction, rounding)
    }

    /// `self >> shift`, rounded as `rounding` says, and whether the shift was exact.
    func shiftedRight(_ shift: Int, rounding: Rounding) -> (quotient: WideMagnitude, exact: Bool) {
        guard shift > 0 else { return (self, true) }
        guard shift < 1024 else { return Self.zero.rounded(upFrom: isZero ? .exact : .belowHalf, rounding) }
        let wordShift = shift / 64
        let bitShift = UInt64(shift % 64)
        var result = Self.zero
        for index in 0..<(16 - wordShift) {
            let low = words[index + wordShift] >> bitShift
            let high = bitShift == 0 || index + wordShift + 1 >= 16 ? 0 : words[index + wordShift + 1] << (64 - bitShift)
            result.words[index] = low | high
        }
        // The bits shifted out: the highest decides the half, the others whether it is exact.
        let halfBit = shift - 1
        let halfSet = words[halfBit / 64] >> UInt64(halfBit % 64) & 1 == 1
        var belowHalf = false
        for bit in 0..<halfBit where words[bit / 64] >> UInt64(bit % 64) & 1 == 1 {
            belowHalf = true
            break
        }
        let fraction: Fraction = halfSet ? (belowHalf ? .aboveHalf : .half) : (belowHalf ? .belowHalf : .exact)
        return result.rounded(upFrom: fraction, rounding)
    }

    /// `self << shift`, or `nil` when bits would be lost.
    func shiftedLeft(_ shift: Int) -> WideMagnitude? {
        guard shift > 0 else { return self }
        guard bitWidth + shift <= 1024 else { return nil }
        let wordShift = shift / 64
        let bitShift = UInt64(shift % 64)
        var result = Self.zero
        for index in stride(from: 15, through: wordShift, by: -1) {
            let high = words[index - wordShift] << bitShift
            let low = bitShift == 0 || index - wordShift - 1 < 0 ? 0 : words[index - wordShift - 1] >> (64 - bitShift)
            result.words[index] = high | low
        }
        return result
    }

    /// Whether `self < 10^exponent`.
    func isBelow(powerOfTen exponent: Int) -> Bool {
        guard let bound = WideMagnitude(1).multiplied(byPowerOfTen: exponent) else { return true }
        for index in stride(from: 15, through: 0, by: -1) where words[index] != bound.words[index] {
            return words[index] < bound.words[index]
        }
        return false
    }

    /// How a division rounds its quotient.
    enum Rounding {
        /// Towards zero (the magnitude down).
        case truncate
        /// To the nearest, halves to the even neighbour.
        case halfEven
    }

    /// Where the part dropped by a division lies between 0 and 1.
    private enum Fraction { case exact, belowHalf, half, aboveHalf }

    private func rounded(upFrom fraction: Fraction, _ rounding: Rounding) -> (quotient: WideMagnitude, exact: Bool) {
        let roundsUp: Bool
        switch (rounding, fraction) {
        case (.truncate, _), (_, .exact), (_, .belowHalf): roundsUp = false
        case (.halfEven, .aboveHalf): roundsUp = true
        case (.halfEven, .half): roundsUp = words[0] & 1 == 1
        }
        let quotient = roundsUp ? (multiplied(by: 1, adding: 1) ?? self) : self
        return (quotient, fraction == .exact)
    }
}
