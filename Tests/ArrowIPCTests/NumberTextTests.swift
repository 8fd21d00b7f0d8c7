@testable import ArrowIPC
import Testing

/// Integers as `NumberText` writes them (CSV, JSON lines, the table, casts to strings), against
/// `String(_:)`: every digit count, the boundaries of every eight-digit group, the extremes.
@Suite struct NumberTextTests {
    private static func text<I: FixedWidthInteger>(_ value: I) -> String {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: NumberText.maximumLength)
        defer { buffer.deallocate() }
        return String(decoding: UnsafeBufferPointer(start: buffer, count: NumberText.write(value, to: buffer)), as: UTF8.self)
    }

    @Test func unsignedIntegersOfEveryLength() {
        var values: [UInt64] = [0, 1, 9, .max, .max - 1]
        var power: UInt64 = 1
        for _ in 1...19 {
            power *= 10
            values += [power - 1, power, power + 1, power / 10 * 9 + 7]
        }
        var random = SeededRandom(seed: 11)
        values += (0..<20_000).map { _ in random.next() >> (random.next() % 64) }
        #expect(values.filter { Self.text($0) != String($0) } == [])
    }

    @Test func signedIntegers() {
        var random = SeededRandom(seed: 12)
        let values: [Int64] = [0, -1, .min, .max, .min + 1, -99_999_999, -100_000_000]
            + (0..<20_000).map { _ in Int64(bitPattern: random.next()) >> Int64(random.next() % 64) }
        #expect(values.filter { Self.text($0) != String($0) } == [])
        let small: [Int32] = [.min, .max, -1, 0, 100_000_000, -123_456_789]
        #expect(small.filter { Self.text($0) != String($0) } == [])
        let tiny: [Int8] = [.min, .max, -1, 0, 99, -100]
        #expect(tiny.filter { Self.text($0) != String($0) } == [])
    }

    /// Every group of four digits the table holds, in both halves of eight characters.
    @Test func everyGroupOfFourDigits() {
        func padded(_ value: Int) -> String { String(repeating: "0", count: 4 - String(value).count) + String(value) }
        let wrong = (0..<10_000).filter { group in
            var characters = DigitCharacters.eightCharacters(UInt32(group * 10_000 + 9_999 - group)).littleEndian
            let text = withUnsafeBytes(of: &characters) { String(decoding: $0, as: UTF8.self) }
            return text != padded(group) + padded(9_999 - group)
        }
        #expect(wrong == [])
    }
}
