/// IEEE 754 binary16 (`float16`) conversion both ways, without relying on `Float16`, which
/// some platforms (macOS on Intel) lack: the module's one half-float conversion.
enum HalfFloat {
    /// The value of the binary16 bit pattern `bits`, exactly (every half is a double); NaNs
    /// keep their sign and payload.
    static func double(_ bits: UInt16) -> Double {
        let sign: FloatingPointSign = bits & 0x8000 == 0 ? .plus : .minus
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = bits & 0x3FF
        switch exponent {
        case 0:
            return Double(sign: sign, exponent: -24, significand: Double(fraction))
        case 0x1F:
            // Infinity or NaN: the double with the same sign and the fraction at the top.
            return Double(bitPattern: UInt64(bits & 0x8000) << 48 | 0x7FF0_0000_0000_0000 | UInt64(fraction) << 42)
        default:
            return Double(sign: sign, exponent: exponent - 15, significand: 1 + Double(fraction) / 1024)
        }
    }

    /// The binary16 bit pattern nearest to `value` (ties to even), with overflow to infinity.
    static func bits(_ value: Double) -> UInt16 {
        let pattern = value.bitPattern
        let sign = UInt16(truncatingIfNeeded: (pattern >> 48) & 0x8000)
        let exponent = Int((pattern >> 52) & 0x7FF)
        let mantissa = pattern & ((1 << 52) - 1)
        if exponent == 0x7FF {
            // Infinity, or a quiet NaN.
            return sign | 0x7C00 | (mantissa != 0 ? 0x0200 : 0)
        }
        let halfExponent = exponent - 1023 + 15
        if halfExponent >= 0x1F {
            return sign | 0x7C00
        }
        if halfExponent <= 0 {
            // A subnormal half (or zero): the significand with its implicit bit, shifted down.
            guard halfExponent >= -10 else { return sign }
            let significand = mantissa | (1 << 52)
            let shift = UInt64(43 - halfExponent)
            var half = significand >> shift
            let remainder = significand & ((1 << shift) - 1)
            let halfway = UInt64(1) << (shift - 1)
            if remainder > halfway || (remainder == halfway && half & 1 == 1) {
                half += 1
            }
            return sign | UInt16(truncatingIfNeeded: half)
        }
        var half = UInt64(halfExponent) << 10 | mantissa >> 42
        let remainder = mantissa & ((1 << 42) - 1)
        let halfway = UInt64(1) << 41
        if remainder > halfway || (remainder == halfway && half & 1 == 1) {
            // A carry out of the mantissa correctly bumps the exponent, up to infinity.
            half += 1
        }
        return sign | UInt16(truncatingIfNeeded: half)
    }
}
