@testable import ArrowIPC
import Testing

/// `NumberText.writeDescription` (through `ShortestDecimal`) against the standard library's
/// `description`, byte for byte: the digits (shortest, nearest, ties to even) and the layout.
@Suite struct ShortestDecimalTests {
    /// The values whose text differs: none, when every one matches.
    private static func mismatches(_ values: some Sequence<Double>) -> [String] {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: NumberText.maximumLength)
        defer { buffer.deallocate() }
        var found: [String] = []
        for value in values {
            let count = NumberText.writeDescription(value, to: buffer)
            let text = String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
            if text != value.description && found.count < 10 {
                found.append("\(value.bitPattern): \(text) (description: \(value.description))")
            }
        }
        return found
    }

    /// Arrow's layout of a number (`0.000001`, `123.5`, `1000000000`, `1e-7`, `1.5e+10`), made
    /// from Swift's description by string handling: the reference for the casts to strings.
    private static func arrowText(fromDescription text: String) -> String {
        guard text != "nan", text != "inf", text != "-inf" else { return text }
        var rest = Substring(text)
        let negative = rest.hasPrefix("-")
        if negative { rest = rest.dropFirst() }
        var exponent = 0
        if let e = rest.firstIndex(of: "e") {
            exponent = Int(rest[rest.index(after: e)...]) ?? 0
            rest = rest[..<e]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0]
        var digits = Array(whole + (parts.count > 1 ? parts[1] : ""))
        // The value is 0.DIGITS × 10^point.
        var point = whole.count + exponent
        while digits.count > 1 && digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.count > 1 && digits.last == "0" { digits.removeLast() }
        let sign = negative ? "-" : ""
        if digits == ["0"] { return sign + "0" }
        let leading = point - 1
        guard leading >= -6 && leading < 10 else {
            let fraction = digits.count > 1 ? "." + String(digits[1...]) : ""
            return sign + String(digits[0]) + fraction + "e" + (leading < 0 ? "-" : "+") + String(leading.magnitude)
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }
        if digits.count <= point { return sign + String(digits) + String(repeating: "0", count: point - digits.count) }
        return sign + String(digits[..<point]) + "." + String(digits[point...])
    }

    /// Arrow's layout of doubles and floats (casts to strings), each with its own shortest
    /// digits, against the reference made from their descriptions.
    @Test func arrowLayoutMatchesTheDescriptions() {
        var random = SeededRandom(seed: 7)
        var doubles: [Double] = [0, -0.0, .nan, .infinity, -.infinity, 1e-6, 1e-7, 1e10, 9_999_999_999, 123.5, .leastNonzeroMagnitude]
        var floats: [Float] = [0, -0.0, .nan, .infinity, -.infinity, 1e-6, 1e-7, 1e10, 999_999.9, 0.1, .leastNonzeroMagnitude]
        for _ in 0..<50_000 {
            doubles.append(Double(bitPattern: random.next()))
            doubles.append(Double.random(in: -1e12...1e12, using: &random))
            floats.append(Float(bitPattern: UInt32(truncatingIfNeeded: random.next())))
            floats.append(Float.random(in: -1e6...1e6, using: &random))
        }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: NumberText.maximumLength)
        defer { buffer.deallocate() }
        var mismatches: [String] = []
        func check(_ count: Int, _ description: String) {
            let text = String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
            let reference = Self.arrowText(fromDescription: description)
            if text != reference && mismatches.count < 10 { mismatches.append("\(description): \(text) (\(reference))") }
        }
        for value in doubles { check(NumberText.write(value, to: buffer), value.description) }
        for value in floats { check(NumberText.write(value, to: buffer), value.description) }
        #expect(mismatches == [])
    }

    @Test func specialValues() {
        let values: [Double] = [
            0, -0.0, 1, -1, 0.1, 100, 1e-4, 1e-5, 0.00012345, 1e15, 1e16, 0x1p53, 0x1p53 + 2, 1e17,
            .infinity, -.infinity, .nan, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
            .leastNonzeroMagnitude, .leastNormalMagnitude, Double.leastNormalMagnitude.nextDown,
            .pi, 123.456, 12345678.9, 4.35e15, Double(bitPattern: 4),
        ]
        #expect(Self.mismatches(values) == [])
    }

    /// Powers of two (including the subnormal ones, and the irregular gaps at each) and their
    /// neighbours; powers of ten and their neighbours.
    @Test func powersAndNeighbours() {
        var values: [Double] = []
        for exponent in -1074...1023 {
            let power = Double(sign: .plus, exponent: exponent, significand: 1)
            values += [power, power.nextUp, power.nextDown, -power]
        }
        for exponent in -325...308 {
            guard let power = Double("1e\(exponent)") else { continue }
            values += [power, power.nextUp, power.nextDown]
        }
        #expect(Self.mismatches(values) == [])
    }

    /// The smallest subnormals and the largest finite values, bit pattern by bit pattern;
    /// whole numbers on both sides of 2^53, where the layout changes.
    @Test func edgesOfTheRange() {
        let low = (0..<5_000 as Range<UInt64>).map { Double(bitPattern: $0) }
        let high = (0..<5_000 as Range<UInt64>).map { Double(bitPattern: 0x7FEF_FFFF_FFFF_FFFF - $0) }
        var wholes: [Double] = []
        for offset in -2_000...2_000 {
            let step = Double(offset)
            wholes += [step, 0x1p53 + 2 * step, 1e16 + 2 * step, 1e15 + step]
        }
        #expect(Self.mismatches(low + high + wholes) == [])
    }

    @Test func randomBitPatterns() {
        var random = SeededRandom(seed: 0x5EED_D0B1E)
        let values = (0..<200_000).map { _ in Double(bitPattern: random.next()) }.filter(\.isFinite)
        #expect(Self.mismatches(values) == [])
    }

    /// Significands with a few bits set, at every exponent, and short decimals with their
    /// neighbours: the doubles whose scaled interval has an end, a centre or a tie on a whole
    /// number, where the digits are settled by the second product.
    @Test func sparseSignificandsAndShortDecimals() {
        var random = SeededRandom(seed: 0xD1_6175)
        var values: [Double] = []
        for storedExponent in 0..<2047 as Range<UInt64> {
            for _ in 0..<20 {
                let bitsSet = 1 + random.next() % 12
                let significand = (random.next() & (1 << bitsSet - 1)) << (52 - bitsSet)
                values.append(Double(bitPattern: storedExponent << 52 | significand))
            }
        }
        for _ in 0..<20_000 {
            let digits = Double(1 + random.next() % 999_999)
            let exponent = Int(random.next() % 601) - 300
            guard let value = Double("\(Int(digits))e\(exponent)"), value.isFinite, value > 0 else { continue }
            values += [value, value.nextUp, value.nextDown]
        }
        #expect(Self.mismatches(values) == [])
    }

    /// Floats get their own shortest digits (fewer than their doubles'), laid out as their
    /// `description`: every power of two with its neighbours, the subnormal and largest bit
    /// patterns, whole numbers on both sides of 2^24 (where the layout changes), and random bit
    /// patterns. (Every positive finite float was compared once outside the suite.)
    @Test func floats() {
        var values: [Float] = [0, -0.0, .nan, .infinity, -.infinity, 0.1, 1e-4, 1e-5, 0x1p24, 0x1p24 + 2, .pi]
        for exponent in -149...127 {
            let power = Float(sign: .plus, exponent: exponent, significand: 1)
            values += [power, power.nextUp, power.nextDown, -power]
        }
        values += (0..<3_000 as Range<UInt32>).map { Float(bitPattern: $0) }
        values += (0..<3_000 as Range<UInt32>).map { Float(bitPattern: 0x7F7F_FFFF - $0) }
        values += (-1_000...1_000).map { Float(0x1p24) + 2 * Float($0) }
        var random = SeededRandom(seed: 0xF1_0A7)
        values += (0..<200_000).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: random.next())) }.filter(\.isFinite)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: NumberText.maximumLength)
        defer { buffer.deallocate() }
        var found: [String] = []
        for value in values {
            let text = String(decoding: UnsafeBufferPointer(start: buffer, count: NumberText.writeDescription(value, to: buffer)), as: UTF8.self)
            if text != value.description && found.count < 10 {
                found.append("\(value.bitPattern): \(text) (description: \(value.description))")
            }
        }
        #expect(found == [])
    }

    #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    /// Halves get their own shortest digits too: every one of the 65,536 bit patterns, as
    /// its `description`.
    @Test func halves() {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: NumberText.maximumLength)
        defer { buffer.deallocate() }
        var found: [String] = []
        for bits in UInt16.min...UInt16.max {
            let value = Float16(bitPattern: bits)
            let text = String(decoding: UnsafeBufferPointer(start: buffer, count: NumberText.writeDescription(value, to: buffer)), as: UTF8.self)
            if text != value.description && found.count < 10 {
                found.append("\(bits): \(text) (description: \(value.description))")
            }
        }
        #expect(found == [])
    }
    #endif

    /// Values as data holds them: a few digits after the point, or all seventeen.
    @Test func randomEverydayValues() {
        var random = SeededRandom(seed: 42)
        var values: [Double] = []
        for _ in 0..<50_000 {
            values.append(Double.random(in: -1_000...1_000, using: &random))
            values.append(Double(Int.random(in: -1_000_000...1_000_000, using: &random)) / 100)
            values.append(Double.random(in: 0..<1, using: &random) * 1e-6)
        }
        #expect(Self.mismatches(values) == [])
    }

    /// The decimal point at every place of numbers of 17, 16, 9 and 1 digits, either sign, and
    /// whole numbers of every length: the layouts made in registers.
    @Test func pointAtEveryPlace() {
        var values: [Double] = []
        for digits in ["12345678901234567", "9876543210987654", "123456789", "7"] {
            for point in 0...digits.count {
                let text = "0" + digits.prefix(point) + "." + digits.dropFirst(point)
                if let value = Double(text) { values += [value, -value, value / 1_000, -value * 1e-5] }
            }
        }
        var whole = 1.0
        for _ in 0..<17 {
            values += [whole, whole * 7, -whole * 3]
            whole *= 10
        }
        #expect(Self.mismatches(values) == [])
    }

    /// What is written, counted or not, stays within ``NumberText/maximumLength`` bytes.
    @Test func writesStayInTheirRoom() {
        let room = NumberText.maximumLength
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: room + 16)
        defer { buffer.deallocate() }
        var random = SeededRandom(seed: 7)
        var values: [Double] = [-0x1p53, -1234567890123456.8, -1e-4 * 1.2345678901234567, -.greatestFiniteMagnitude, -5e-324]
        values += (0..<10_000).map { _ in Double(bitPattern: random.next() | 1 << 63) }.filter(\.isFinite)
        var overruns = 0
        for value in values {
            buffer.initialize(repeating: 0xA5, count: room + 16)
            _ = NumberText.writeDescription(value, to: buffer)
            _ = NumberText.write(value, to: buffer)
            _ = NumberText.write(Int64(truncatingIfNeeded: value.bitPattern), to: buffer)
            if (room..<room + 16).contains(where: { buffer[$0] != 0xA5 }) { overruns += 1 }
        }
        #expect(overruns == 0)
    }
}
