/// A date and time of day read from text, before it becomes a date or a timestamp.
struct DateTimeFields {
    /// Days since 1970-01-01 of the date as written.
    var days: Int64
    /// Seconds since midnight of the time as written (0 without a time).
    var secondOfDay: Int64 = 0
    /// The digits of the fraction of a second as an integer (`123` for `.123`), 0 without one.
    var fraction: Int64 = 0
    /// How many digits the fraction had (0 without one).
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
    @inline(__always)
    static func iso(_ text: UnsafeRawBufferPointer, dateOnly: Bool) -> DateTimeFields? {
        if !dateOnly, let fields = commonDateTime(text) { return fields }
        return anyISO(text, dateOnly: dateOnly)
    }

    /// The fields of `YYYY-MM-DD HH:MM:SS` (or with `T`), optionally with `.` and 1 to 9
    /// digits and nothing after them: the shape most timestamps have, checked and read with
    /// a few 8-byte words. `nil` when the text has another shape or a field is out of range,
    /// and then ``anyISO(_:dateOnly:)`` decides, which reads this shape the same way.
    @inline(__always)
    private static func commonDateTime(_ text: UnsafeRawBufferPointer) -> DateTimeFields? {
        let count = text.count
        guard count >= 19, count <= 29, let base = text.baseAddress else { return nil }
        // Each word xor its template: digits become 0 to 9 and the separators 0. Bytes 0-7
        // are `YYYY-MM-`, 8-9 `DD` (byte 10 is `T` or a space), 11-18 `HH:MM:SS`.
        let ymd = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)) ^ 0x2D30_302D_3030_3030
        let dd = UInt64(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt16.self))) ^ 0x3030
        let hms = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 11, as: UInt64.self)) ^ 0x3030_3A30_303A_3030
        let separator = base.load(fromByteOffset: 10, as: UInt8.self)
        // Adding 0x76 to a byte's low seven bits sets its top bit when it was above 9, adding
        // 0x7F when it was not 0; no byte carries into the next. Its own top bit counts too.
        let invalid = ((ymd & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F76_767F_7676_7676 | ymd)
            | ((hms & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7F76_767F_7676 | hms)
            | ((dd & 0x7F7F) &+ 0x7676 | dd)
        guard invalid & 0x8080_8080_8080_8080 == 0, separator == UInt8(ascii: " ") || separator == UInt8(ascii: "T") else {
            return nil
        }
        // Byte i of a word times 10 plus byte i + 1: the two-digit number starting at byte i
        // (at most 99, so again no carries).
        let datePairs = ymd &* 10 &+ ymd >> 8
        let timePairs = hms &* 10 &+ hms >> 8
        let year = Int64(datePairs & 0xFF) &* 100 &+ Int64(datePairs >> 16 & 0xFF)
        let month = Int64(datePairs >> 40 & 0xFF)
        let hour = Int64(timePairs & 0xFF)
        let minute = Int64(timePairs >> 24 & 0xFF)
        let second = Int64(timePairs >> 48 & 0xFF)
        let day = Int64((dd & 0xFF) &* 10 &+ dd >> 8)
        guard hour < 24, minute < 60, second < 60, month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else {
            return nil
        }
        var fields = DateTimeFields(days: days(fourDigitYear: year, month: month, day: day))
        if count > 19 {
            // The fraction's 1 to 9 digits, from the text's last eight bytes, those before the
            // fraction read as `0`s (and for nine digits, the first of them on its own).
            let digitCount = count &- 20
            guard digitCount >= 1, base.load(fromByteOffset: 19, as: UInt8.self) == UInt8(ascii: ".") else { return nil }
            let last = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
            let before: UInt64 = (1 &<< UInt64(truncatingIfNeeded: 64 &- 8 &* min(digitCount, 8))) &- 1
            guard var fraction = NumberText.eightDigits(last & ~before | 0x3030_3030_3030_3030 & before) else { return nil }
            if digitCount == 9 {
                let first = base.load(fromByteOffset: 20, as: UInt8.self) &- UInt8(ascii: "0")
                guard first < 10 else { return nil }
                fraction &+= UInt64(first) &* 100_000_000
            }
            fields.fraction = Int64(fraction)
            fields.fractionDigits = digitCount
        }
        fields.hasTime = true
        fields.secondOfDay = (hour &* 60 &+ minute) &* 60 &+ second
        return fields
    }

    /// ``iso(_:dateOnly:)`` for every shape it reads.
    private static func anyISO(_ text: UnsafeRawBufferPointer, dateOnly: Bool) -> DateTimeFields? {
        // The fields sit at fixed places up to the fraction: YYYY-MM-DDTHH:MM:SS.
        let count = text.count
        guard count >= 10, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-") else { return nil }
        let year = digits(text, 0, 4)
        let month = digits(text, 5, 2)
        let day = digits(text, 8, 2)
        guard year >= 0, month >= 0, day >= 0, var fields = date(year: year, month: month, day: day) else { return nil }
        if count == 10 { return fields }
        guard !dateOnly, text[10] == UInt8(ascii: "T") || text[10] == UInt8(ascii: " "), count >= 13 else { return nil }
        let hour = digits(text, 11, 2)
        guard hour >= 0, hour < 24 else { return nil }
        var minute: Int64 = 0
        var second: Int64 = 0
        var position = 13
        if position < count, text[position] == UInt8(ascii: ":") {
            minute = count >= 16 ? digits(text, 14, 2) : -1
            guard minute >= 0, minute < 60 else { return nil }
            position = 16
            if position < count, text[position] == UInt8(ascii: ":") {
                second = count >= 19 ? digits(text, 17, 2) : -1
                guard second >= 0, second < 60 else { return nil }
                position = 19
                if position < count, text[position] == UInt8(ascii: ".") {
                    var reader = FieldReader(text)
                    reader.position = 20
                    guard let (value, digits) = reader.fraction() else { return nil }
                    fields.fraction = value
                    fields.fractionDigits = digits
                    position = reader.position
                }
            }
        }
        fields.hasTime = true
        fields.secondOfDay = (hour * 60 + minute) * 60 + second
        if position < count {
            var reader = FieldReader(text)
            reader.position = position
            guard let offset = reader.isoOffset(), reader.atEnd else { return nil }
            fields.offset = offset
        }
        return fields
    }

    /// The `count` decimal digits of `text` from `start` as a number, or -1 when one is not a
    /// digit; the caller has checked that the text holds them.
    @inline(__always)
    private static func digits(_ text: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int64 {
        var value: Int64 = 0
        var valid = true
        for index in start..<(start + count) {
            let digit = text[index] &- UInt8(ascii: "0")
            valid = valid && digit < 10
            value = value &* 10 &+ Int64(digit)
        }
        return valid ? value : -1
    }

    /// The fields of the date `year`-`month`-`day`, or `nil` when there is no such day.
    @inline(__always)
    static func date(year: Int64, month: Int64, day: Int64) -> DateTimeFields? {
        guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        return DateTimeFields(days: days(year: year, month: month, day: day))
    }

    @inline(__always)
    static func isLeapYear(_ year: Int64) -> Bool {
        // Of the multiples of 4, those of 100 are the multiples of 25, and those of 400 the
        // multiples of 16: tests a multiplication and masks make.
        year & 3 == 0 && (year % 25 != 0 || year & 15 == 0)
    }

    /// The days of `month` (1 to 12) of `year`.
    @inline(__always)
    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        // Each month's days less 28, two bits per month from bit 2.
        let common: Int64 = 28 + (0x3BB_EECC >> (2 * month)) & 3
        return month == 2 && isLeapYear(year) ? 29 : common
    }

    /// Days from 1970-01-01 to `year`-`month`-`day` of the proleptic Gregorian calendar (the
    /// inverse of ``TemporalText/civilDate(days:)``), for years of at most six digits.
    @inline(__always)
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        // Years counted from March, so that a leap day ends the year; eras of 400 years,
        // counted from the year -400 on, so that the arithmetic is on unsigned numbers.
        let marchYear = month <= 2 ? year - 1 : year
        guard marchYear >= -400 else {
            let era = (marchYear - 399) / 400
            let yearOfEra = marchYear - era * 400
            return era * 146_097 + dayOfEra(UInt64(yearOfEra), month: month, day: day) - 719_468
        }
        let shifted = UInt64(marchYear + 400)
        let era = shifted / 400
        let yearOfEra = shifted - era * 400
        return (Int64(era) - 1) * 146_097 + dayOfEra(yearOfEra, month: month, day: day) - 719_468
    }

    /// ``days(year:month:day:)`` for years 0 to 9999, in fewer steps: no eras, no signs.
    @inline(__always)
    private static func days(fourDigitYear year: Int64, month: Int64, day: Int64) -> Int64 {
        // Years from March, from the year -400 on (the dates of each 400 years repeat): 399
        // to 10399, so that divisions floor, less the days from -400-03-01 to 1970-01-01.
        let marchYear = UInt64(year &+ (month <= 2 ? 399 : 400))
        let leapDays = marchYear / 4 &- marchYear / 100 &+ marchYear / 400
        return Int64(marchYear &* 365 &+ leapDays) &+ dayOfEra(0, month: month, day: day) &- 865_565
    }

    /// The days from March 1 of the year `yearOfEra` (0 to 399) of a 400-year era to `day` of
    /// `month` (months counted from March, so that February and its leap day come last).
    @inline(__always)
    private static func dayOfEra(_ yearOfEra: UInt64, month: Int64, day: Int64) -> Int64 {
        let dayOfYear = (153 * UInt64(month > 2 ? month - 3 : month + 9) + 2) / 5 + UInt64(day) - 1
        return Int64(yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear)
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
    @inline(__always)
    mutating func skip(_ byte: UInt8) -> Bool {
        guard next == byte else { return false }
        position += 1
        return true
    }

    /// Exactly `count` decimal digits.
    @inline(__always)
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

    /// One to nine digits of a fraction of a second, as an integer, and how many digits.
    mutating func fraction() -> (value: Int64, digits: Int)? {
        let start = position
        guard let value = digits(upTo: 9) else { return nil }
        // More than nine digits are more than any unit holds.
        if let byte = next, byte &- UInt8(ascii: "0") < 10 { return nil }
        return (value, position - start)
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
