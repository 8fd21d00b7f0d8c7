#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers as text, both ways, the way pyarrow's casts to and from strings write and read
/// them: written into a caller's bytes and read from bytes in place, without `String`s on the
/// way where that can be helped.
enum NumberText {
    /// The room ``write(_:to:)-(I)``, ``write(_:to:)-(Double)`` and ``writeDescription(_:to:)``
    /// need at their target: they count at most 32 bytes, and may write past those up to here.
    static let maximumLength = 48

    /// 10^0 … 10^19, the powers of ten a `UInt64` holds: a literal, which the compiler emits as
    /// constant data (a stored global would be initialised lazily, checked on every access).
    static var powersOfTen: [UInt64] {
        [
            1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
            10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
            1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000,
            1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
        ]
    }

    // MARK: - Writing

    /// Writes the decimal digits of `value` (with `-` when negative) at `target`; the count.
    /// Bytes after those counted, up to ``maximumLength`` from `target`, may be written too.
    @inline(__always)
    static func write<I: FixedWidthInteger>(_ value: I, to target: UnsafeMutablePointer<UInt8>) -> Int {
        let magnitude = UInt64(truncatingIfNeeded: value.magnitude)
        // The minus sign, counted only when the value is negative (no branch on the sign).
        target[0] = UInt8(ascii: "-")
        let start = target + (value < 0 ? 1 : 0)
        let digits = digitCount(magnitude)
        storeDigits(magnitude, count: digits, at: start)
        return start - target + digits
    }

    /// Writes `value` as ``write(_:to:)-(I)`` does, right-aligned in the `width` bytes from
    /// `field` (from `field` on when it is wider); the end of the text. The bytes of the field
    /// before the text are not written; bytes after it, up to ``maximumLength`` from its start,
    /// may be.
    @inline(__always)
    static func write<I: FixedWidthInteger>(
        _ value: I, rightAlignedIn width: Int, at field: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        let magnitude = UInt64(truncatingIfNeeded: value.magnitude)
        let digits = digitCount(magnitude)
        let sign = value < 0 ? 1 : 0
        let end = field + max(width, digits &+ sign)
        // The minus sign where the text starts; a positive value's first digit replaces it.
        (end - digits - sign).pointee = UInt8(ascii: "-")
        storeDigits(magnitude, count: digits, at: end - digits)
        return end
    }

    /// Stores the `count` decimal digits of `magnitude` (its ``digitCount(_:)``) at `start`,
    /// and possibly bytes after them, up to 17 from `start`.
    @inline(__always)
    private static func storeDigits(_ magnitude: UInt64, count: Int, at start: UnsafeMutablePointer<UInt8>) {
        if count <= 16 {
            // Made in registers and stored at once.
            DigitCharacters(magnitude, count: count).store(at: start)
        } else {
            writeDigits(magnitude, count: count, to: start)
        }
    }

    /// Writes the `count` decimal digits of `magnitude` (its ``digitCount(_:)``) at `target`,
    /// and nothing past them.
    @inline(__always)
    static func writeDigits(_ magnitude: UInt64, count: Int, to target: UnsafeMutablePointer<UInt8>) {
        // Eight digits at a time from the last, one 64-bit division per eight; then the first
        // one to eight, taken from the end of their eight characters.
        var rest = magnitude
        var end = target + count
        while rest >= 100_000_000 {
            let (quotient, eight) = rest.quotientAndRemainder(dividingBy: 100_000_000)
            end -= 8
            UnsafeMutableRawPointer(end).storeBytes(
                of: DigitCharacters.eightCharacters(UInt32(truncatingIfNeeded: eight)).littleEndian, as: UInt64.self)
            rest = quotient
        }
        let characters = DigitCharacters.eightCharacters(UInt32(truncatingIfNeeded: rest))
        let first = end - target
        for index in 0..<first {
            target[index] = UInt8(truncatingIfNeeded: characters >> UInt64(truncatingIfNeeded: 8 &* (8 &- first &+ index)))
        }
    }

    /// The number of decimal digits of `value` (1 for 0).
    @inline(__always)
    static func digitCount(_ value: UInt64) -> Int {
        // Bit length × log10(2) (1233 / 4096) is the count or one less: the powers of ten say which.
        // (`value | 1` reaches the next power of ten only when `value` does: 10^k - 1 is odd.)
        let bits = UInt64.bitWidth - (value | 1).leadingZeroBitCount
        let estimate = (bits &* 1233) >> 12
        return (value | 1) >= powersOfTen[estimate] ? estimate + 1 : estimate
    }

    /// Writes `value` as its Swift `description` reads (`0.1`, `100.0`, `-0.0`, `1e-05`,
    /// `1.5e+16`, `nan`, `inf`): the shortest digits that read back as it (a `Float`'s or
    /// `Float16`'s own, fewer than its double's), without an exponent from 1e-4 up to 2^53
    /// (2^24 for a `Float`, every finite half) and with one (of at least two digits) outside.
    /// Returns the count; bytes after those counted, up to ``maximumLength`` from `target`, may
    /// be written too.
    ///
    /// The digits are made and laid out in registers and stored in fixed-size pieces, without
    /// loops over them, and the sign is written whatever it is: the branches left depend on
    /// the value's magnitude alone, where random signs and digit counts would be mispredicted.
    static func writeDescription<F: ShortestDecimalFloat>(_ value: F, to target: UnsafeMutablePointer<UInt8>) -> Int {
        if let text = specialDescription(value) { return copy(text, to: target) }
        // The minus sign, counted only when the value is negative.
        target[0] = UInt8(ascii: "-")
        let start = target + (value.sign == .minus ? 1 : 0)
        let (digits, exponent) = ShortestDecimal.of(value.magnitude)
        let layout = DescriptionLayout(digits: digits, exponent: exponent, plain: value.magnitude <= F.largestPlainMagnitude)
        return layout.store(at: start) - target
    }

    /// Writes `value` as ``writeDescription(_:to:)`` does, right-aligned in the `width` bytes
    /// from `field` (from `field` on when it is wider); the end of the text. The bytes of the
    /// field before the text are not written; bytes after it, up to ``maximumLength`` from its
    /// start, may be.
    static func writeDescription<F: ShortestDecimalFloat>(
        _ value: F, rightAlignedIn width: Int, at field: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        if let text = specialDescription(value) {
            let end = field + max(width, text.utf8CodeUnitCount)
            _ = copy(text, to: end - text.utf8CodeUnitCount)
            return end
        }
        let sign = value.sign == .minus ? 1 : 0
        let (digits, exponent) = ShortestDecimal.of(value.magnitude)
        let layout = DescriptionLayout(digits: digits, exponent: exponent, plain: value.magnitude <= F.largestPlainMagnitude)
        let length = layout.length
        let end = field + max(width, length &+ sign)
        // The minus sign where the text starts; a positive value's first character replaces it.
        (end - length - sign).pointee = UInt8(ascii: "-")
        _ = layout.store(at: end - length)
        return end
    }

    /// The `description` of a value that has no digits to find (a NaN, an infinity or a
    /// zero); nil for the others.
    @inline(__always)
    private static func specialDescription<F: ShortestDecimalFloat>(_ value: F) -> StaticString? {
        guard !value.isFinite || value == 0 else { return nil }
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return value.sign == .minus ? "-0.0" : "0.0"
    }

    /// `digits`·10^`exponent` (no trailing zeros) laid out as `description` lays it out:
    /// without an exponent from 1e-4 up when `plain` (the value is at most the largest whole
    /// number its type holds exactly), with one otherwise. Its ``length`` is known before it
    /// is stored, so that it can be stored right-aligned.
    private struct DescriptionLayout {
        let text: DigitCharacters
        let count: Int
        /// The exponent of the first digit.
        let leading: Int
        let plain: Bool

        @inline(__always)
        init(digits: UInt64, exponent: Int, plain: Bool) {
            count = digitCount(digits)
            text = DigitCharacters(digits, count: count)
            leading = exponent &+ count &- 1
            self.plain = plain
        }

        /// The number of bytes ``store(at:)`` counts.
        @inline(__always)
        var length: Int {
            if leading >= -4 && plain {
                if leading < 0 { return 1 &- leading &+ count }
                return count <= leading &+ 1 ? leading &+ 3 : count &+ 1
            }
            let magnitude = UInt64(leading.magnitude)
            return (count > 1 ? count &+ 1 : 1) &+ 2 &+ (magnitude < 10 ? 2 : digitCount(magnitude))
        }

        /// Stores the text at `start`; its end. Bytes after it, up to 32 from `start`, may be
        /// written too.
        @inline(__always)
        func store(at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
            if leading >= -4 && plain {
                if leading < 0 {
                    // 0.000ddd: "0." and up to three zeros, then the digits over the zeros not needed.
                    UnsafeMutableRawPointer(start).storeBytes(of: UInt64(0x3030_3030_3030_2E30).littleEndian, as: UInt64.self)
                    let first = start + (1 &- leading)
                    text.store(at: first)
                    return first + count
                }
                if count <= leading &+ 1 {
                    // ddd000.0: at most 16 digits, as the value is at most 2^53.
                    text.store(at: start)
                    UnsafeMutableRawPointer(start + count).storeBytes(of: DigitCharacters.zeros, as: UInt128.self)
                    start[leading &+ 1] = UInt8(ascii: ".")
                    start[leading &+ 2] = UInt8(ascii: "0")
                    return start + leading + 3
                }
                // ddd.ddd: the digits one place on, then the first 16 bytes again with the whole
                // part in place.
                text.store(at: start + 1)
                UnsafeMutableRawPointer(start).storeBytes(of: text.makingRoom(at: leading &+ 1).littleEndian, as: UInt128.self)
                start[leading &+ 1] = UInt8(ascii: ".")
                return start + count + 1
            }
            // d.ddde±XX
            text.store(at: start + 1)
            start[0] = text.first
            var end = start + 1
            if count > 1 {
                start[1] = UInt8(ascii: ".")
                end = start + count + 1
            }
            end[0] = UInt8(ascii: "e")
            end[1] = leading < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            // At least two digits: e-05.
            let magnitude = UInt64(leading.magnitude)
            if magnitude < 10 {
                end[2] = UInt8(ascii: "0")
                end[3] = UInt8(truncatingIfNeeded: magnitude) &+ UInt8(ascii: "0")
                return end + 4
            }
            let exponentDigits = digitCount(magnitude)
            writeDigits(magnitude, count: exponentDigits, to: end + 2)
            return end + 2 + exponentDigits
        }
    }

    /// Writes `value` as Arrow writes a floating-point number: the fewest significant digits
    /// that read back as `value` (a `Float`'s own: `0.1`, not its double's
    /// `0.10000000149011612`), plain from 1e-6 up to below 1e10 (`0.000001`, `123.5`,
    /// `1000000000`) and in exponent form outside (`1e-7`, `1.5e+10`); `0`, `-0`, `nan`,
    /// `inf`, `-inf`. Returns the count.
    static func write<F: ShortestDecimalFloat>(_ value: F, to target: UnsafeMutablePointer<UInt8>) -> Int {
        if let count = writeSpecial(value, to: target) { return count }
        let (digits, exponent) = ShortestDecimal.of(value.magnitude)
        return layOut(negative: value < 0, digits: digits, exponent: exponent, to: target)
    }

    /// Writes `nan`, `inf`, `-inf`, `0` or `-0` for those values; nil for others.
    @inline(__always)
    private static func writeSpecial<F: FloatingPoint>(_ value: F, to target: UnsafeMutablePointer<UInt8>) -> Int? {
        if value.isNaN { return copy("nan", to: target) }
        if value.isInfinite { return copy(value < 0 ? "-inf" : "inf", to: target) }
        if value == 0 { return copy(value.sign == .minus ? "-0" : "0", to: target) }
        return nil
    }

    /// Lays out `digits`·10^`exponent` (no trailing zeros) in Arrow's form.
    @inline(__always)
    private static func layOut(negative: Bool, digits: UInt64, exponent: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        let count = digitCount(digits)
        var digitBytes: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &digitBytes) { buffer in
            let start = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            DigitCharacters(digits, count: count).store(at: start)
            return layOut(
                negative: negative, digits: UnsafeRawBufferPointer(start: start, count: count),
                decimalPoint: exponent &+ count, to: target)
        }
    }

    private static func layOut(
        negative: Bool, digits: UnsafeRawBufferPointer, decimalPoint: Int, to target: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var count = 0
        func put(_ byte: UInt8) {
            target[count] = byte
            count += 1
        }
        if negative { put(UInt8(ascii: "-")) }
        let exponent = decimalPoint - 1
        if exponent >= -6 && exponent < 10 {
            if decimalPoint <= 0 {
                put(UInt8(ascii: "0"))
                put(UInt8(ascii: "."))
                for _ in 0..<(-decimalPoint) { put(UInt8(ascii: "0")) }
                for digit in digits { put(digit) }
            } else {
                for (position, digit) in digits.enumerated() {
                    if position == decimalPoint { put(UInt8(ascii: ".")) }
                    put(digit)
                }
                if digits.count < decimalPoint {
                    for _ in digits.count..<decimalPoint { put(UInt8(ascii: "0")) }
                }
            }
        } else {
            for (position, digit) in digits.enumerated() {
                if position == 1 { put(UInt8(ascii: ".")) }
                put(digit)
            }
            put(UInt8(ascii: "e"))
            put(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            count += write(exponent.magnitude, to: target + count)
        }
        return count
    }

    private static func copy(_ text: StaticString, to target: UnsafeMutablePointer<UInt8>) -> Int {
        target.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return text.utf8CodeUnitCount
    }

    // MARK: - Reading

    /// The integer `text` spells, as pyarrow reads integers: an optional `-` (for signed types
    /// only) and decimal digits, or `0x`/`0X` and up to two hex digits per byte of `I`, which
    /// give the bit pattern (`0xff` is -1 as `Int8`); `nil` when it is not one or overflows.
    @inline(__always)
    static func integer<I: FixedWidthInteger>(_ text: UnsafeRawBufferPointer, as _: I.Type) -> I? {
        // Hex is tried only when decimal fails (as `0x…` does at its `x`), which keeps its
        // test on the first byte out of the decimal path, and inlined loops small.
        if let value = decimal(text, as: I.self) { return value }
        return hexBits(text, as: I.self)
    }

    /// `0x`/`0X` and up to two hex digits per byte of `I`, as their bit pattern.
    private static func hexBits<I: FixedWidthInteger>(_ text: UnsafeRawBufferPointer, as _: I.Type) -> I? {
        let count = text.count
        guard count > 2, text[0] == UInt8(ascii: "0"), text[1] | 0x20 == UInt8(ascii: "x"), count - 2 <= I.bitWidth / 4 else {
            return nil
        }
        var bits: I.Magnitude = 0
        for index in 2..<count {
            guard let digit = hexDigit(text[index]) else { return nil }
            bits = bits << 4 | I.Magnitude(digit)
        }
        return I(truncatingIfNeeded: bits)
    }

    /// An optional `-` (for signed types only) and decimal digits, in range of `I`.
    @inline(__always)
    private static func decimal<I: FixedWidthInteger>(_ text: UnsafeRawBufferPointer, as _: I.Type) -> I? {
        let count = text.count
        guard count > 0, let base = text.baseAddress else { return nil }
        // No branch on the sign, which real data mixes at random: a `-` is read as a leading
        // `0` (0x2D ^ 0x1D is 0x30), and the magnitude negated by arithmetic at the end.
        let first = base.load(as: UInt8.self)
        // 1 for a `-` (only 0 less 1 sets bit 31), else 0: written so, the compiler keeps it
        // arithmetic rather than splitting the code on it.
        let minus = UInt8(truncatingIfNeeded: (UInt32(first ^ UInt8(ascii: "-")) &- 1) >> 31)
        guard minus == 0 || I.isSigned else { return nil }
        guard count <= 18 else { return checkedInteger(text, from: Int(minus)) }
        // At most 18 digits (a `-` read as a `0`) cannot overflow 64 bits: accumulate, then
        // check the range.
        var magnitude: UInt64
        if count >= 8 {
            guard let value = manyDigits(base, count: count, firstByteFlip: UInt64(minus) &* 0x1D) else { return nil }
            magnitude = value
        } else {
            let firstDigit = (first ^ minus &* 0x1D) &- UInt8(ascii: "0")
            guard firstDigit < 10 else { return nil }
            magnitude = UInt64(firstDigit)
            var index = 1
            while index < count {
                let digit = base.load(fromByteOffset: index, as: UInt8.self) &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                magnitude = magnitude &* 10 &+ UInt64(digit)
                index &+= 1
            }
        }
        // A negative number may reach one past `I.max`; it is the two's complement of its
        // magnitude (all ones in `mask`). A lone `-` is no number.
        let negative = UInt64(minus)
        guard magnitude <= UInt64(I.max) &+ negative, count > Int(minus) else { return nil }
        let mask = 0 &- negative
        return I(truncatingIfNeeded: (magnitude ^ mask) &- mask)
    }

    /// The integer that `text`, of more than 18 bytes, spells, digit by digit from `start`
    /// (1 after a `-`) with overflow checks.
    private static func checkedInteger<I: FixedWidthInteger>(_ text: UnsafeRawBufferPointer, from start: Int) -> I? {
        let negative = start == 1
        var value: I = 0
        for index in start..<text.count {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative
                ? times10.subtractingReportingOverflow(I(digit))
                : times10.addingReportingOverflow(I(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = next
        }
        return value
    }

    /// The number the `count` (8 to 18) decimal digits at `start` spell, eight at a time, or
    /// `nil` when one is not a digit; the first byte is read xor `firstByteFlip`. The first
    /// chunk takes 1 to 8 digits, so that whole chunks of eight remain; its digits move to the
    /// top of the word, with `0`s below them.
    @inline(__always)
    private static func manyDigits(_ start: UnsafeRawPointer, count: Int, firstByteFlip: UInt64) -> UInt64? {
        let lead = (count &- 1) & 7 &+ 1
        let shift = UInt64(truncatingIfNeeded: 64 &- 8 &* lead)
        let first = UInt64(littleEndian: start.loadUnaligned(as: UInt64.self)) ^ firstByteFlip
        guard var value = eightDigits(first &<< shift | 0x3030_3030_3030_3030 & ((1 &<< shift) &- 1)) else { return nil }
        var index = lead
        while index < count {
            guard let eight = eightDigits(UInt64(littleEndian: start.loadUnaligned(fromByteOffset: index, as: UInt64.self))) else { return nil }
            value = value &* 100_000_000 &+ eight
            index &+= 8
        }
        return value
    }

    /// The number the eight ASCII digits of `chunk` spell, the first digit in its lowest byte
    /// (as its callers load it: little-endian), or `nil` when a byte is not a digit. Three
    /// multiplications join digits into pairs, pairs into fours, fours into eight.
    @inline(__always)
    static func eightDigits(_ chunk: UInt64) -> UInt64? {
        // Every byte 0x30 to 0x3F, and none of them above 0x39 (adding 6 would reach 0x40).
        guard chunk & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030,
              (chunk &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030 else { return nil }
        let digits = chunk &- 0x3030_3030_3030_3030
        // Each sum stays below its lane's limit, so no lane carries into the next.
        let pairs = (digits &* 10 &+ digits >> 8) & 0x00FF_00FF_00FF_00FF
        let fours = (pairs &* 100 &+ pairs >> 16) & 0x0000_FFFF_0000_FFFF
        return (fours &* 10_000 &+ fours >> 32) & 0xFFFF_FFFF
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Whether `text` is a number as pyarrow reads floating-point numbers: an optional sign,
    /// then digits with an optional point (`1`, `1.5`, `.5`, `5.`) and an optional exponent
    /// (`e5`, `E-3`, `e+2`), or `nan`, `inf` or `infinity` in any case. No spaces, no hex.
    static func isFloatingPointText(_ text: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = text.count
        if index < count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") { index += 1 }
        let word = UnsafeRawBufferPointer(rebasing: text[index...])
        if isWord(word, "nan") || isWord(word, "inf") || isWord(word, "infinity") { return true }
        var mantissaDigits = 0
        while index < count, text[index] &- UInt8(ascii: "0") < 10 { index += 1; mantissaDigits += 1 }
        if index < count, text[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, text[index] &- UInt8(ascii: "0") < 10 { index += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return false }
        if index < count, text[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") { index += 1 }
            let exponentStart = index
            while index < count, text[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            guard index > exponentStart else { return false }
        }
        return index == count
    }

    /// Whether `text` is `word` (lowercase ASCII) in any case.
    private static func isWord(_ text: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        guard text.count == word.utf8CodeUnitCount else { return false }
        for index in 0..<text.count where text[index] | 0x20 != word.utf8Start[index] {
            return false
        }
        return true
    }

    /// The `Double` nearest to the number `text` spells (see ``isFloatingPointText(_:)``);
    /// beyond the largest double it is infinite, as in pyarrow.
    static func double(_ text: UnsafeRawBufferPointer) -> Double? {
        guard isFloatingPointText(text) else { return nil }
        if let exact = exactDouble(text) { return exact }
        // `strtod` (correctly rounded) on a terminated copy on the stack, without making a
        // `String`. It reads a point only in a locale whose decimal separator is the point
        // (as the C locale's is): when it stops short, Swift's reader (which uses the C
        // locale always) reads the text.
        let read: Double? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { copy in
            guard let base = copy.baseAddress, let source = text.baseAddress else { return nil }
            UnsafeMutableRawPointer(base).copyMemory(from: source, byteCount: text.count)
            base[text.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(base, &end)
            return end == base + text.count ? value : nil
        }
        return read ?? Double(String(decoding: text, as: UTF8.self))
    }

    /// Powers of ten that doubles hold exactly: 10^0 … 10^22.
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { power, _ in power * 10 }
    }

    /// The double that `text` (a valid floating-point text) spells, when it has at most 15
    /// significant digits and a decimal exponent within ±22: then the digits and the power
    /// of ten are both exact doubles, and one multiplication or division rounds correctly
    /// (Clinger's fast path). `nil` otherwise, for the general reader.
    @inline(__always)
    private static func exactDouble(_ text: UnsafeRawBufferPointer) -> Double? {
        let count = text.count
        var index = 0
        var negative = false
        if text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
            negative = text[0] == UInt8(ascii: "-")
            index = 1
        }
        var digits: UInt64 = 0
        var significant = 0
        var exponent = 0
        var afterPoint = false
        while index < count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                afterPoint = true
            } else if byte &- UInt8(ascii: "0") < 10 {
                if digits != 0 || byte != UInt8(ascii: "0") { significant += 1 }
                guard significant <= 15 else { return nil }
                digits = digits &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                if afterPoint { exponent -= 1 }
            } else {
                break
            }
            index += 1
        }
        if index < count {
            // An exponent (`nan` and `inf` have no digits, and go to the general reader).
            guard text[index] | 0x20 == UInt8(ascii: "e") else { return nil }
            index += 1
            var exponentNegative = false
            if text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                exponentNegative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            guard count - index <= 3 else { return nil }
            var written = 0
            while index < count {
                written = written * 10 + Int(text[index] &- UInt8(ascii: "0"))
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        guard exponent >= -22 && exponent <= 22 else { return digits == 0 ? (negative ? -0.0 : 0.0) : nil }
        var value = Double(digits)
        value = exponent >= 0 ? value * exactPowersOfTen[exponent] : value / exactPowersOfTen[-exponent]
        return negative ? -value : value
    }

    /// The `Float` nearest to the number `text` spells (rounded once, not through a double).
    static func float(_ text: UnsafeRawBufferPointer) -> Float? {
        guard isFloatingPointText(text) else { return nil }
        return Float(String(decoding: text, as: UTF8.self))
    }

    /// The boolean `text` spells, as pyarrow reads them: `true`, `false` (in any case), `1`, `0`.
    static func boolean(_ text: UnsafeRawBufferPointer) -> Bool? {
        if isWord(text, "true") || (text.count == 1 && text[0] == UInt8(ascii: "1")) { return true }
        if isWord(text, "false") || (text.count == 1 && text[0] == UInt8(ascii: "0")) { return false }
        return nil
    }
}
