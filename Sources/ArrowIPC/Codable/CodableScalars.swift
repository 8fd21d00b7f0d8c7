import Foundation

/// `Date`s as counts of a time unit since 1970 and back. Counts are taken from the date's
/// own reference (2001) so that a date of whole microseconds comes back equal.
enum CodableDate {
    /// Seconds from 1970-01-01 to 2001-01-01, Foundation's reference date.
    private static let referenceOffset: Int64 = 978_307_200

    /// `date` as a count of `unit`s since 1970, rounded to the nearest; `nil` beyond `Int64`.
    static func count(_ date: Date, unit: TimeUnit) -> Int64? {
        let perSecond = unit.perSecond
        guard let sinceReference = Int64(exactly: (date.timeIntervalSinceReferenceDate * Double(perSecond)).rounded()) else {
            return nil
        }
        let (count, overflow) = sinceReference.addingReportingOverflow(referenceOffset * perSecond)
        return overflow ? nil : count
    }

    /// The date `count` `unit`s after 1970.
    static func date(_ count: Int64, unit: TimeUnit) -> Date {
        let perSecond = unit.perSecond
        let (sinceReference, overflow) = count.subtractingReportingOverflow(referenceOffset * perSecond)
        if !overflow, sinceReference.magnitude <= 1 << 53 {
            // One correctly rounded division: exact round trips for whole units.
            return Date(timeIntervalSinceReferenceDate: Double(sinceReference) / Double(perSecond))
        }
        let (seconds, fraction) = count.quotientAndRemainder(dividingBy: perSecond)
        return Date(timeIntervalSinceReferenceDate: Double(seconds) - Double(referenceOffset) + Double(fraction) / Double(perSecond))
    }

    /// `date` as whole days since 1970; `nil` when it is not midnight UTC (to the millisecond)
    /// or beyond `Int32`.
    static func days(_ date: Date) -> Int32? {
        guard let milliseconds = count(date, unit: .millisecond), milliseconds % 86_400_000 == 0 else { return nil }
        return Int32(exactly: milliseconds / 86_400_000)
    }
}

/// Foundation `Decimal`s as ``ArrowDecimal``s.
enum CodableDecimal {
    /// `value` exactly, with the scale its digits after the point need (negative for
    /// trailing zeros before the point) and precision 38; `nil` for NaN.
    static func arrowDecimal(_ value: Decimal) -> ArrowDecimal? {
        guard !value.isNaN else { return nil }
        var magnitude: UInt128 = 0
        for digit in value.significand.description.utf8 {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { continue }
            let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times10.addingReportingOverflow(UInt128(digit - UInt8(ascii: "0")))
            guard !overflow, !carry else { return nil }
            magnitude = sum
        }
        let words = SIMD4<UInt64>(UInt64(truncatingIfNeeded: magnitude), UInt64(truncatingIfNeeded: magnitude >> 64), 0, 0)
        return ArrowDecimal(
            storage: value.sign == .minus && magnitude != 0 ? DecimalText.negated(words) : words,
            precision: 38, scale: -value.exponent)
    }

    /// The scale an Arrow decimal needs to hold `value` exactly: its digits after the point.
    static func neededScale(_ value: Decimal) -> Int {
        max(0, -value.exponent)
    }
}
