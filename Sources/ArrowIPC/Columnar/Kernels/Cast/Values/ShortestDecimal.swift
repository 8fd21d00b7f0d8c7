/// The shortest decimal that reads back as a given `Double` or `Float`: the digits Swift's
/// `description` shows, found with integer arithmetic alone (no text on the way) by Junekey
/// Jeon's Dragonbox method ("Dragonbox: A New Floating-Point Binary-to-Decimal Conversion
/// Algorithm", 2020).
///
/// A double or float is c·2^e. The interval of reals that round to it (halfway to its neighbours; its
/// ends belong to it when c is even) is scaled by a power of ten chosen so that its width is
/// between 100 and 1000 units. One product (`c` times a 128-bit power of ten) gives the
/// interval's upper end z in those units and its width δ: when a multiple of 1000 lies in
/// the interval it is the shortest decimal (the width leaves room for one at most); otherwise
/// there is a multiple of 100, and the one nearest the double is found from z − δ/2. A second
/// product, needed only when the fractions the first leaves out could decide (a tie or an end
/// of the interval), settles those cases exactly. Ties go to the even candidate, as the
/// standard library's printer does.
enum ShortestDecimal {
    /// The shortest `digits`·10^`exponent` (no trailing zeros in `digits`) that reads back as
    /// `magnitude` in its own type (a `Float`'s digits are fewer than its double's), which is
    /// finite and above zero; among equally short decimals, the nearest.
    @inline(__always)
    static func of<F: ShortestDecimalFloat>(_ magnitude: F) -> (digits: UInt64, exponent: Int) {
        let p = F.significandBitCount
        let bias = 1 << (F.exponentBitCount &- 1) &- 1
        let storedExponent = Int(truncatingIfNeeded: magnitude.exponentBitPattern)
        let fraction = UInt64(truncatingIfNeeded: magnitude.significandBitPattern)
        var (digits, exponent): (UInt64, Int)
        if storedExponent == 0 {
            // Subnormal: c·2^(1 - bias - p) with c below 2^p.
            (digits, exponent) = nearest(significand: fraction, binaryExponent: 1 &- bias &- p)
        } else {
            let significand = 1 << UInt64(p) | fraction
            let shift = bias &+ p &- storedExponent
            if shift > 0 && shift <= p && (significand >> UInt64(shift)) << UInt64(shift) == significand {
                // A whole number below 2^(p + 1): its digits are its value.
                (digits, exponent) = (significand >> UInt64(shift), 0)
            } else if shift <= 0 && magnitude <= F.largestPlainMagnitude {
                // A larger whole number still written plain (a half up to 65504): its value
                // too, where the shortest digits would end in zeros (4110 for 4112).
                (digits, exponent) = (significand << UInt64(-shift), 0)
            } else if fraction == 0 {
                (digits, exponent) = nearestAtPowerOfTwo(binaryExponent: -shift, fractionBits: p, tieExponent: F.tieExponent)
            } else {
                (digits, exponent) = nearest(significand: significand, binaryExponent: -shift)
            }
        }
        while digits % 10 == 0 {
            digits /= 10
            exponent &+= 1
        }
        return (digits, exponent)
    }

    /// The shortest decimal in the rounding interval of c·2^e, whose neighbours are equally
    /// far below and above: digits and exponent, possibly with trailing zeros.
    @inline(__always)
    private static func nearest(significand c: UInt64, binaryExponent e: Int) -> (UInt64, Int) {
        let twiceC = c << 1
        // The interval's ends belong to it when c is even (round half to even).
        let endsIncluded = c & 1 == 0
        // 10^k scales the interval to a width of 100 to 1000 units; 2^beta (beta 6 to 9) is the
        // power of two left over.
        let k = 2 &- floorLog10Pow2(e)
        let power = powerOfTen(k &- minimumK)
        let beta = e &+ floorLog2Pow10(k)
        // The width δ, and the upper end z = (2c + 1)·2^(e-1)·10^k: its whole part and whether
        // it has a fraction.
        let width = power.high &>> UInt64(63 &- beta)
        let upper = product(high: power.high, low: power.low, (twiceC | 1) &<< UInt64(beta))
        var digits = upper.whole / 1000
        var remainder = upper.whole &- digits &* 1000
        // A multiple of 1000 inside: remainder below δ, or equal with the lower end's fraction
        // deciding; the upper end itself only when it belongs to the interval.
        if remainder < width {
            if remainder != 0 || !upper.isWhole || endsIncluded { return (digits, 3 &- k) }
            digits &-= 1
            remainder = 1000
        } else if remainder == width {
            let lower = parityAndWholeness(high: power.high, low: power.low, twiceC &- 1, beta: beta)
            if lower.isOdd || (lower.isWhole && endsIncluded) { return (digits, 3 &- k) }
        }
        // Otherwise the multiple of 100 nearest the double (the centre, δ/2 below z), whose
        // parity tells which of two candidates it is when the division is exact.
        let distance = remainder &- width / 2 &+ 50
        let approximateParity = (distance ^ 50) & 1 != 0
        let (hundreds, leftOver) = distance.quotientAndRemainder(dividingBy: 100)
        digits = digits &* 10 &+ hundreds
        if leftOver == 0 {
            let centre = parityAndWholeness(high: power.high, low: power.low, twiceC, beta: beta)
            if centre.isOdd != approximateParity {
                digits &-= 1
            } else if centre.isWhole && digits & 1 == 1 {
                // Halfway between two candidates: the even one.
                digits &-= 1
            }
        }
        return (digits, 2 &- k)
    }

    /// The shortest decimal in the rounding interval of 2^p·2^e, a power of two (p the
    /// type's fraction bits), whose gap below is half the gap above: digits and exponent,
    /// possibly with trailing zeros. At `tieExponent` the value is halfway between two.
    @inline(__always)
    private static func nearestAtPowerOfTwo(binaryExponent e: Int, fractionBits p: Int, tieExponent: Int) -> (UInt64, Int) {
        let k = -floorLog10ThreeQuartersPow2(e)
        // The top half of the 128-bit power of ten. (Dragonbox has a float's rounded up to 64
        // bits; for the 254 powers of two among floats, all tested, this gives the same.)
        let power = powerOfTen(k &- minimumK).high
        let beta = e &+ floorLog2Pow10(k)
        // The interval's ends, (2^p - 1/4)·2^e·10^k and (2^p + 1/2)·2^e·10^k, rounded inward
        // (the lower end is a whole number only for e of 2 and 3).
        let endShift = UInt64(63 &- p &- beta)
        var lower = (power &- power &>> UInt64(p &+ 2)) &>> endShift
        let upper = (power &+ power &>> UInt64(p &+ 1)) &>> endShift
        if e < 2 || e > 3 { lower &+= 1 }
        let tens = upper / 10
        if tens &* 10 >= lower { return (tens, 1 &- k) }
        // The value itself, rounded half up; the one tie goes to the even candidate.
        var digits = ((power &>> UInt64(62 &- p &- beta)) &+ 1) / 2
        if digits & 1 == 1 && e == tieExponent {
            digits &-= 1
        } else if digits < lower {
            digits &+= 1
        }
        return (digits, -k)
    }

    /// The top 128 bits of the 192-bit product x·(high·2^64 + low): the top 64 (the whole part,
    /// in the units above) and whether the 64 below them are all zeros.
    @inline(__always)
    private static func product(high: UInt64, low: UInt64, _ x: UInt64) -> (whole: UInt64, isWhole: Bool) {
        let top = x.multipliedFullWidth(by: high)
        let (middle, carry) = top.low.addingReportingOverflow(x.multipliedFullWidth(by: low).high)
        return (top.high &+ (carry ? 1 : 0), middle == 0)
    }

    /// For x·2^(beta-1)·10^k (x·(high·2^64 + low), beta bits into the bottom 128 of the 192):
    /// whether its whole part is odd, and whether it is a whole number.
    @inline(__always)
    private static func parityAndWholeness(high: UInt64, low: UInt64, _ x: UInt64, beta: Int) -> (isOdd: Bool, isWhole: Bool) {
        let bottom = x.multipliedFullWidth(by: low)
        let middle = x &* high &+ bottom.high
        let isOdd = (middle &>> UInt64(64 &- beta)) & 1 != 0
        let isWhole = (middle &<< UInt64(beta)) | (bottom.low &>> UInt64(64 &- beta)) == 0
        return (isOdd, isWhole)
    }

    /// The smallest k of ``powerOfTen(_:)``.
    private static let minimumK = -292

    /// floor(e·log10(2)), for |e| up to about 5,000.
    @inline(__always)
    private static func floorLog10Pow2(_ e: Int) -> Int { (e &* 661_971_961_083) >> 41 }

    /// floor(e·log10(2) + log10(3/4)), for |e| up to about 5,000.
    @inline(__always)
    private static func floorLog10ThreeQuartersPow2(_ e: Int) -> Int { (e &* 661_971_961_083 &- 274_743_187_321) >> 41 }

    /// floor(e·log2(10)), for |e| up to about 1,000 (the generator checks the range it uses).
    @inline(__always)
    private static func floorLog2Pow10(_ e: Int) -> Int { (e &* 913_124_641_741) >> 38 }
}

/// A floating-point type whose shortest digits ``ShortestDecimal`` finds (`Double`, `Float`,
/// `Float16`).
protocol ShortestDecimalFloat: BinaryFloatingPoint {
    /// The binary exponent of the one power of two whose interval's centre is a tie between
    /// two shortest decimals (Dragonbox's analysis: -77 for doubles, -35 for floats, -17 for
    /// halves).
    static var tieExponent: Int { get }
    /// The largest magnitude Swift's `description` writes without an exponent: the largest
    /// whole number of the type's precision, 2^(p + 1), for doubles and floats; every finite
    /// half.
    static var largestPlainMagnitude: Self { get }
}

extension ShortestDecimalFloat {
    static var largestPlainMagnitude: Self {
        Self(sign: .plus, exponent: Exponent(significandBitCount + 1), significand: 1)
    }
}

extension Double: ShortestDecimalFloat {
    static var tieExponent: Int { -77 }
}

extension Float: ShortestDecimalFloat {
    static var tieExponent: Int { -35 }
}

#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
extension Float16: ShortestDecimalFloat {
    static var tieExponent: Int { -17 }
    static var largestPlainMagnitude: Float16 { .greatestFiniteMagnitude }
}
#endif
