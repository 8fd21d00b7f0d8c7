/// A date and time of day read from text, before it becomes a date or a timestamp.
struct DateTimeFields {
    /// Days since 1970-01-01 of the date as written.
    var days: Int64
    /// Nanoseconds since midnight of the time as written (0 without a time).
    var nanosecondOfDay: Int64 = 0
    /// How many digits the fraction of a second had (0 without one).
    var fractionDigits = 0
    /// The offset east of UTC the text gave, in seconds (`Z` is 0), or `nil` when it gave none.
    var offset: Int64?
    /// Whether the text gave a time of day at all.
    var hasTime = false
}

/// Reads dates and times: ISO 8601 as pyarrow's casts from strings read it, or `strptime`
/// formats (see ``TimestampFormat``).
enum TemporalParser {
    /// `YYYY-MM-DD`, and unless `dateOnly`, then optionally `T` or a space and `HH`, `HH:MM`,
    /// `HH:MM:SS` or `HH:MM:SS.f` (1 to 9 digits), then optionally `Z`, `±HH`, `±HHMM` or
    /// `±HH:MM`. Years have four digits; dates and times must exist (no `2023-02-29`, no
    /// `24:00`, no leap second `23:59:60`); offsets are below 24 hours.
    static func iso(_ text: UnsafeRawBufferPointer, dateOnly: Bool) -> DateTimeFields? {
        var reader = FieldReader(text)
        guard let year = reader.digits(exactly: 4), reader.skip(UInt8(ascii: "-")),
              let month = reader.digits(exactly: 2), reader.skip(UInt8(ascii: "-")),
              let day = reader.digits(exactly: 2),
              var fields = date(year: year, month: month, day: day) else { return nil }
        if dateOnly { return reader.atEnd ? fields : nil }
        if reader.skip(UInt8(ascii: "T")) || reader.skip(UInt8(ascii: " ")) {
            guard let hour = reader.digits(exactly: 2), hour < 24 else { return nil }
            var minute: Int64 = 0
            var second: Int64 = 0
            var nanoseconds: Int64 = 0
            if reader.skip(UInt8(ascii: ":")) {
                guard let value = reader.digits(exactly: 2), value < 60 else { return nil }
                minute = value
                if reader.skip(UInt8(ascii: ":")) {
                    guard let value = reader.digits(exactly: 2), value < 60 else { return nil }
                    second = value
                    if reader.skip(UInt8(ascii: ".")) {
                        guard let (value, digits) = reader.fraction() else { return nil }
                        nanoseconds = value
                        fields.fractionDigits = digits
                    }
                }
            }
            fields.hasTime = true
            fields.nanosecondOfDay = ((hour * 60 + minute) * 60 + second) * 1_000_000_000 + nanoseconds
            if !reader.atEnd {
                guard let offset = reader.isoOffset() else { return nil }
                fields.offset = offset
            }
        }
        return reader.atEnd ? fields : nil
    }

    /// The fields of the date `year`-`month`-`day`, or `nil` when there is no such day.
    static func date(year: Int64, month: Int64, day: Int64) -> DateTimeFields? {
        guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        return DateTimeFields(days: days(year: year, month: month, day: day))
    }

    static func isLeapYear(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to `year`-`month`-`day` of the proleptic Gregorian calendar (the
    /// inverse of ``TemporalText/civilDate(days:)``), for years of at most six digits.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        // Years counted from March, so that a leap day ends the year; eras of 400 years.
        let marchYear = month <= 2 ? year - 1 : year
        let era = TemporalText.floorDivide(marchYear, 400).quotient
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// Reads fields from the bytes of one value, front to back.
struct FieldReader {
    let text: UnsafeRawBufferPointer
    var position = 0

    init(_ text: UnsafeRawBufferPointer) {
        self.text = text
    }

    var atEnd: Bool { position == text.count }

    var next: UInt8? { position < text.count ? text[position] : nil }

    /// Reads `byte` when it comes next; whether it did.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard next == byte else { return false }
        position += 1
        return true
    }

    /// Exactly `count` decimal digits.
    mutating func digits(exactly count: Int) -> Int64? {
        guard text.count - position >= count else { return nil }
        var value: Int64 = 0
        for _ in 0..<count {
            let digit = text[position] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
            position += 1
        }
        return value
    }

    /// One to `maximum` decimal digits (as many as there are).
    mutating func digits(upTo maximum: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while count < maximum, let byte = next, byte &- UInt8(ascii: "0") < 10 {
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            position += 1
            count += 1
        }
        return count > 0 ? value : nil
    }

    /// One to nine digits of a fraction of a second, as nanoseconds, and how many digits.
    mutating func fraction() -> (nanoseconds: Int64, digits: Int)? {
        let start = position
        guard let value = digits(upTo: 9) else { return nil }
        let count = position - start
        var nanoseconds = value
        for _ in count..<9 { nanoseconds *= 10 }
        // More than nine digits are more than any unit holds.
        if let byte = next, byte &- UInt8(ascii: "0") < 10 { return nil }
        return (nanoseconds, count)
    }

    /// `Z`, `±HH`, `±HHMM` or `±HH:MM` in seconds east of UTC.
    mutating func isoOffset() -> Int64? {
        if skip(UInt8(ascii: "Z")) { return 0 }
        guard let sign = next, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        position += 1
        guard let hours = digits(exactly: 2), hours < 24 else { return nil }
        var minutes: Int64 = 0
        if !atEnd {
            _ = skip(UInt8(ascii: ":"))
            guard let value = digits(exactly: 2), value < 60 else { return nil }
            minutes = value
        }
        let seconds = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }
}
