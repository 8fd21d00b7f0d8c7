/// Text for dates, times, timestamps and durations, computed from the stored integers with
/// the proleptic Gregorian calendar (no Foundation calendar or formatter), as `String`s; the
/// bytes come from ``TemporalWriter``.
///
/// - dates: `2020-01-31`; years before 1 are written with a sign and at least four digits
///   (`-0001-12-31`), years after 9999 with all their digits;
/// - times of day: `12:34:56`, plus `.123`, `.123456` or `.123456789` for milliseconds,
///   microseconds and nanoseconds;
/// - timestamps: `2020-01-01 00:00:00.123456`, with the same fraction digits as times. A
///   timestamp without a time zone is written as its wall time; one with a zone as the wall
///   time in that zone followed by its offset (`2024-03-01 09:30:00-05:00` in
///   `America/New_York`), or by `Z` in the zone `UTC`. A zone the system does not know is
///   written as the UTC time and `Z`, which is the same instant;
/// - durations: the count and the unit, `1500 ms` (units `s`, `ms`, `us`, `ns`).
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
        text { TemporalWriter.writeDate(days: days, to: $0) }
    }

    /// The date of `milliseconds` since the epoch (`date64`).
    static func date(milliseconds: Int64) -> String {
        date(days: floorDivide(milliseconds, 86_400_000).quotient)
    }

    /// The timestamp `value` (units since the epoch) of a column whose time zone is
    /// `timeZone` (`nil` or empty for none), as the type's description above says.
    static func timestamp(_ value: Int64, unit: TimeUnit, timeZone: String?) -> String {
        let zone: TemporalWriter.Zone? = switch timeZone {
        case nil, "": nil
        case let name?: TemporalWriter.Zone(name: name, offsetStyle: .extended)
        }
        return text { TemporalWriter.writeTimestamp(value, unit: unit, zone: zone, to: $0) }
    }

    /// `HH:MM:SS[.fraction]` for `value` units since midnight; values outside a day are written
    /// as they are (`-00:00:01`, `25:00:00`) rather than wrapped.
    static func time(_ value: Int64, unit: TimeUnit) -> String {
        text { TemporalWriter.writeTime(value, unit: unit, to: $0) }
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

    /// The text `write` writes into a buffer of ``TemporalWriter/maximumLength`` bytes.
    private static func text(_ write: (UnsafeMutablePointer<UInt8>) -> Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TemporalWriter.maximumLength) { buffer in
            guard let start = buffer.baseAddress else { return "" }
            return String(decoding: UnsafeBufferPointer(start: start, count: write(start)), as: UTF8.self)
        }
    }
}
