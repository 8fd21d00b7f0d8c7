/// Dates, times and timestamps written as bytes: `2024-03-01`, `09:30:00.123`,
/// `2024-03-01 09:30:00.123456`, and for zone-aware timestamps the local time with its offset
/// (`2024-03-01 10:30:00+0100` as pyarrow's casts to string write it, or `+01:00` for text
/// people read), or `Z` for the zone `UTC`. ``TemporalText`` makes `String`s of them; the
/// casts to string write them straight into the string column's data.
///
/// The calendar is the proleptic Gregorian one of ``TemporalText``, for every year (pyarrow
/// writes `<value out of range: …>` beyond the years ±32767 instead).
enum TemporalWriter {
    /// The most bytes any of the writers writes for one value.
    static let maximumLength = 64

    /// The time zone of a zone-aware timestamp column, as the writer needs it.
    struct Zone {
        /// How an offset from UTC is written.
        enum OffsetStyle {
            /// `+0100`, as pyarrow's casts to string write it.
            case basic
            /// `+01:00`, ISO 8601's extended form.
            case extended
        }

        /// The zone's rule; `nil` writes the UTC time and `Z`.
        let rule: TimeZoneRule?
        let offsetStyle: OffsetStyle

        /// The zone spelled `name`; a name the system does not know writes UTC times and `Z`,
        /// the same instants.
        init(name: String, offsetStyle: OffsetStyle) {
            rule = name == "UTC" ? nil : try? TimeZoneRule.shared(name)
            self.offsetStyle = offsetStyle
        }

        /// The zone spelled `name`; throws ``ArrowError/invalidArgument(_:)`` for a name that
        /// is not a zone.
        init(validating name: String, offsetStyle: OffsetStyle) throws {
            rule = name == "UTC" ? nil : try TimeZoneRule.shared(name)
            self.offsetStyle = offsetStyle
        }
    }

    /// The digits of a fraction of a second in `unit`: 0, 3, 6 or 9.
    static func fractionDigits(_ unit: TimeUnit) -> Int {
        switch unit {
        case .second: return 0
        case .millisecond: return 3
        case .microsecond: return 6
        case .nanosecond: return 9
        }
    }

    /// Writes `YYYY-MM-DD` for the day `days` after 1970-01-01 (a sign before years below 0,
    /// all the digits of years past 9999); returns the count.
    static func writeDate(days: Int64, to target: UnsafeMutablePointer<UInt8>) -> Int {
        let (year, month, day) = TemporalText.civilDate(days: days)
        var count = 0
        if year < 0 {
            target[0] = UInt8(ascii: "-")
            count = 1
        }
        count += writePadded(year.magnitude, width: 4, to: target + count)
        target[count] = UInt8(ascii: "-")
        count += 1 + writePadded(UInt64(month), width: 2, to: target + count + 1)
        target[count] = UInt8(ascii: "-")
        count += 1 + writePadded(UInt64(day), width: 2, to: target + count + 1)
        return count
    }

    /// Writes `HH:MM:SS` and, for units below a second, `.` and the fraction's digits, for
    /// `value` units since midnight; a value outside the day is written as it is (`-00:00:01`,
    /// `25:00:00`). Returns the count.
    static func writeTime(_ value: Int64, unit: TimeUnit, to target: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        if value < 0 {
            target[0] = UInt8(ascii: "-")
            count = 1
        }
        let perSecond = UInt64(unit.perSecond)
        let magnitude = value.magnitude
        count += writeClock(magnitude / perSecond, to: target + count)
        count += writeFraction(magnitude % perSecond, unit: unit, to: target + count)
        return count
    }

    /// Writes the timestamp `value` (units since the epoch, UTC) as `YYYY-MM-DD HH:MM:SS[.f]`:
    /// the UTC time for a timestamp without a zone; for one with a zone, the local time and
    /// then `Z` (zone `UTC`, or one the system does not know) or the offset (in the extended
    /// style with its seconds when it has any, as local mean times do). Returns the count.
    static func writeTimestamp(_ value: Int64, unit: TimeUnit, zone: Zone?, to target: UnsafeMutablePointer<UInt8>) -> Int {
        let (utcSeconds, fraction) = TemporalText.floorDivide(value, unit.perSecond)
        let offset = zone?.rule?.offset(atUTC: utcSeconds) ?? 0
        let (days, secondOfDay) = TemporalText.floorDivide(utcSeconds &+ offset, 86_400)
        var count = writeDate(days: days, to: target)
        target[count] = UInt8(ascii: " ")
        count += 1
        count += writeClock(UInt64(secondOfDay), to: target + count)
        count += writeFraction(UInt64(fraction), unit: unit, to: target + count)
        guard let zone else { return count }
        guard zone.rule != nil else {
            target[count] = UInt8(ascii: "Z")
            return count + 1
        }
        target[count] = offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
        count += 1
        let minutes = UInt64(offset.magnitude / 60)
        count += writePadded(minutes / 60, width: 2, to: target + count)
        if zone.offsetStyle == .extended {
            target[count] = UInt8(ascii: ":")
            count += 1
        }
        count += writePadded(minutes % 60, width: 2, to: target + count)
        let seconds = UInt64(offset.magnitude % 60)
        if zone.offsetStyle == .extended, seconds > 0 {
            // Local mean time, before zones had whole-minute offsets (New York's -04:56:02).
            target[count] = UInt8(ascii: ":")
            count += 1 + writePadded(seconds, width: 2, to: target + count + 1)
        }
        return count
    }

    private static func writeClock(_ seconds: UInt64, to target: UnsafeMutablePointer<UInt8>) -> Int {
        var count = writePadded(seconds / 3600, width: 2, to: target)
        target[count] = UInt8(ascii: ":")
        count += 1 + writePadded(seconds / 60 % 60, width: 2, to: target + count + 1)
        target[count] = UInt8(ascii: ":")
        count += 1 + writePadded(seconds % 60, width: 2, to: target + count + 1)
        return count
    }

    private static func writeFraction(_ fraction: UInt64, unit: TimeUnit, to target: UnsafeMutablePointer<UInt8>) -> Int {
        let digits = fractionDigits(unit)
        guard digits > 0 else { return 0 }
        target[0] = UInt8(ascii: ".")
        return 1 + writePadded(fraction, width: digits, to: target + 1)
    }

    /// The decimal digits of `value`, with leading zeros up to `width`; the count.
    @inline(__always)
    private static func writePadded(_ value: UInt64, width: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        var digits = 1
        var rest = value / 10
        while rest > 0 { digits += 1; rest /= 10 }
        let count = max(digits, width)
        var remaining = value
        for index in stride(from: count - 1, through: 0, by: -1) {
            target[index] = UInt8(truncatingIfNeeded: remaining % 10) + UInt8(ascii: "0")
            remaining /= 10
        }
        return count
    }
}
