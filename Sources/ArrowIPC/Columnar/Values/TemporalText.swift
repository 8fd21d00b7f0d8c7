/// Text for dates, times, timestamps, durations and intervals, computed from the stored
/// integers with the proleptic Gregorian calendar (no Foundation, no time zone database).
///
/// - dates: `2020-01-31`; years before 1 are written with a sign and at least four digits
///   (`-0001-12-31`), years after 9999 with all their digits;
/// - times of day: `12:34:56`, plus `.123`, `.123456` or `.123456789` for milliseconds,
///   microseconds and nanoseconds;
/// - timestamps: `2020-01-01 00:00:00.123456` — the UTC wall time, with the same fraction
///   digits as times; zone-aware timestamps (any non-empty time zone) are written as the UTC
///   instant followed by `Z`, so the text never depends on a time zone database;
/// - durations: the count and the unit, `1500 ms` (units `s`, `ms`, `us`, `ns`);
/// - intervals: `14M` (months), `2d3000ms` (days and milliseconds), `1M2d3000000ns`.
enum TemporalText {
    /// Year, month (1...12) and day (1...31) of the day `days` after 1970-01-01.
    static func civilDate(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        // Count from 0000-03-01 so that leap days fall at the end of each year, then split the
        // count into 400-year eras of 146097 days.
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        // Months counted from March: 0 is March, 11 is February, each 153 days per 5 months.
        let marchMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
        let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// `YYYY-MM-DD` for the day `days` after 1970-01-01.
    static func date(days: Int64) -> String {
        let (year, month, day) = civilDate(days: days)
        let yearText = year < 0 ? "-" + padded(UInt64(-year), 4) : padded(UInt64(year), 4)
        return yearText + "-" + padded(UInt64(month), 2) + "-" + padded(UInt64(day), 2)
    }

    /// The date of `milliseconds` since the epoch (`date64`).
    static func date(milliseconds: Int64) -> String {
        date(days: floorDivide(milliseconds, 86_400_000).quotient)
    }

    /// The date and UTC wall time of `value` units since the epoch, `Z`-suffixed when `zoned`.
    static func timestamp(_ value: Int64, unit: TimeUnit, zoned: Bool) -> String {
        let (seconds, fraction) = floorDivide(value, unitsPerSecond(unit))
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        var text = date(days: days) + " " + clock(UInt64(secondOfDay))
        appendFraction(UInt64(fraction), unit: unit, to: &text)
        if zoned { text += "Z" }
        return text
    }

    /// `HH:MM:SS[.fraction]` for `value` units since midnight; values outside a day are written
    /// as they are (`-00:00:01`, `25:00:00`) rather than wrapped.
    static func time(_ value: Int64, unit: TimeUnit) -> String {
        let perSecond = UInt64(unitsPerSecond(unit))
        let magnitude = value.magnitude
        var text = value < 0 ? "-" : ""
        text += clock(magnitude / perSecond)
        appendFraction(magnitude % perSecond, unit: unit, to: &text)
        return text
    }

    /// `<count> <unit>`, e.g. `1500 ms`.
    static func duration(_ value: Int64, unit: TimeUnit) -> String {
        String(value) + " " + unit.abbreviation
    }

    /// The quotient rounded towards negative infinity and the (non-negative) remainder;
    /// `divisor` is positive. Never overflows, even for `Int64.min`.
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    private static func unitsPerSecond(_ unit: TimeUnit) -> Int64 {
        switch unit {
        case .second: return 1
        case .millisecond: return 1_000
        case .microsecond: return 1_000_000
        case .nanosecond: return 1_000_000_000
        }
    }

    private static func clock(_ seconds: UInt64) -> String {
        padded(seconds / 3600, 2) + ":" + padded(seconds / 60 % 60, 2) + ":" + padded(seconds % 60, 2)
    }

    private static func appendFraction(_ fraction: UInt64, unit: TimeUnit, to text: inout String) {
        switch unit {
        case .second: return
        case .millisecond: text += "." + padded(fraction, 3)
        case .microsecond: text += "." + padded(fraction, 6)
        case .nanosecond: text += "." + padded(fraction, 9)
        }
    }

    /// The decimal digits of `value`, with leading zeros up to `width`.
    static func padded(_ value: UInt64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
