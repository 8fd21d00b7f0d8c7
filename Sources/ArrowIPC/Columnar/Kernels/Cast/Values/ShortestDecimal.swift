/// The shortest decimal that reads back as a given `Double`: the digits Swift's `description`
/// shows, found with integer arithmetic alone (no text on the way) by Raffaello Giulietti's
/// Schubfach method ("The Schubfach way to render doubles", 2020).
///
/// A double is c·2^q. Scaled by a power of ten 10^-k chosen so that the result has 16 or 17
/// digits (fewer for subnormals), the double and the two ends of the interval of reals that
/// round to it (halfway to its neighbours) become integers s, with two more bits of precision
/// and a sticky bit; the shorter multiple of ten inside that interval, or else the nearer of s
/// and s + 1, is the answer. Ties go to the even candidate, as the standard library's printer does.
enum ShortestDecimal {
    /// The shortest `digits`·10^`exponent` (no trailing zeros in `digits`) that reads back as
    /// `magnitude`, which is finite and above zero; among equally short decimals, the nearest.
    @inline(__always)
    static func of(_ magnitude: Double) -> (digits: UInt64, exponent: Int) {
        let bits = magnitude.bitPattern
        let storedExponent = Int(truncatingIfNeeded: bits >> 52) & 0x7ff
        let fraction = bits & (1 << 52 &- 1)
        var (digits, exponent): (UInt64, Int)
        if storedExponent == 0 {
            // Subnormal: c·2^-1074 with c below 2^52.
            (digits, exponent) = scaled(significand: fraction, binaryExponent: -1074)
        } else {
            let significand = 1 << 52 | fraction
            let shift = 1075 &- storedExponent
            if shift > 0 && shift < 53 && (significand >> UInt64(shift)) << UInt64(shift) == significand {
                // A whole number below 2^53: its digits are its value.
                (digits, exponent) = (significand >> UInt64(shift), 0)
            } else {
                (digits, exponent) = scaled(significand: significand, binaryExponent: -shift)
            }
        }
        while digits % 10 == 0 {
            digits /= 10
            exponent &+= 1
        }
        return (digits, exponent)
    }

    /// The shortest decimal in the rounding interval of c·2^q: digits and exponent, possibly
    /// with trailing zeros.
    @inline(__always)
    private static func scaled(significand c: UInt64, binaryExponent q: Int) -> (UInt64, Int) {
        // An odd c does not own the ends of its interval (round half to even).
        let excluded = c & 1
        // c, and the interval's ends, times 4.
        let center = c << 2
        let upper = center &+ 2
        let lower: UInt64
        let k: Int
        if c != 1 << 52 || q == -1074 {
            lower = center &- 2
            k = floorLog10Pow2(q)
        } else {
            // At a power of two the gap below is half the gap above.
            lower = center &- 1
            k = floorLog10ThreeQuartersPow2(q)
        }
        // 10^-k ≈ g·2^(floorLog2Pow10(-k) - 125); the shift makes the products below hold
        // value·10^-k·4 in their top bits (h is 2 to 5, so the shifted values stay below 2^60).
        let h = q &+ floorLog2Pow10(-k) &+ 2
        let (g1, g0) = powerOfTen(k &- minimumK)
        let scaledCenter = roundedProduct(g1, g0, center << UInt64(h))
        let scaledLower = roundedProduct(g1, g0, lower << UInt64(h)) &+ excluded
        let scaledUpper = roundedProduct(g1, g0, upper << UInt64(h)) &- excluded
        let s = scaledCenter >> 2
        if s >= 10 {
            // The multiples of ten around s: one digit fewer, if exactly one of them is inside
            // (returned without its trailing zero).
            let tens = s / 10
            let downInside = scaledLower <= tens &* 40
            let upInside = (tens &+ 1) &* 40 <= scaledUpper
            if downInside != upInside { return (downInside ? tens : tens &+ 1, k &+ 1) }
        }
        let t = s &+ 1
        let sInside = scaledLower <= s << 2
        let tInside = t << 2 <= scaledUpper
        if sInside != tInside { return (sInside ? s : t, k) }
        // Both inside: the nearer, and the even one at a tie.
        let difference = Int64(bitPattern: scaledCenter &- (s &+ t) << 1)
        return (difference < 0 || (difference == 0 && s & 1 == 0) ? s : t, k)
    }

    /// g·x / 2^127 rounded down, g = g1·2^63 + g0, with its lowest bit set when the division
    /// was not exact (so that comparisons against multiples of 4 stay exact).
    @inline(__always)
    private static func roundedProduct(_ g1: UInt64, _ g0: UInt64, _ x: UInt64) -> UInt64 {
        let low = g0.multipliedFullWidth(by: x).high
        let high = g1.multipliedFullWidth(by: x)
        let middle = (high.low >> 1) &+ low
        let quotient = high.high &+ (middle >> 63)
        let inexact = ((middle & (1 << 63 &- 1)) &+ (1 << 63 &- 1)) >> 63
        return quotient | inexact
    }

    /// The smallest k of ``powerOfTen(_:)``.
    private static let minimumK = -324

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
