/// A `strptime`-style format for reading dates and times from strings, such as
/// `%d/%m/%Y %H:%M` or `%Y-%m-%dT%H:%M:%S.%f%z`.
///
/// | directive | reads |
/// |---|---|
/// | `%Y` | the year, 1 to 4 digits |
/// | `%y` | a year of 2 digits: 69–99 are 1969–1999, 00–68 are 2000–2068 |
/// | `%m`, `%d`, `%e` | month, day of month: 1 or 2 digits (`%e` after an optional space) |
/// | `%j` | day of the year, 1 to 3 digits |
/// | `%b`, `%h`, `%B` | an English month name, abbreviated or in full, in any case |
/// | `%a`, `%A` | an English weekday name, abbreviated or in full (not checked against the date) |
/// | `%H`, `%I`, `%M`, `%S` | hour (0–23), hour (1–12, with `%p`), minute, second: 1 or 2 digits |
/// | `%p` | `AM` or `PM`, in any case |
/// | `%f` | a fraction of a second, 1 to 9 digits (without the point) |
/// | `%z` | `Z`, or an offset `±HH`, `±HHMM`, `±HH:MM` |
/// | `%F`, `%T`, `%D`, `%R` | `%Y-%m-%d`, `%H:%M:%S`, `%m/%d/%y`, `%H:%M` |
/// | `%%`, `%n`, `%t` | `%`, white space, white space |
///
/// Any other character must appear as it is, but white space in the format matches any run
/// of white space in the text, or none. The whole text must match.
struct TimestampFormat: Sendable, Hashable {
    private enum Field: Hashable {
        case year, shortYear, month, monthName, day, spacedDay, dayOfYear, weekdayName
        case hour, hour12, minute, second, fraction, meridiem, offset

        /// Whether the field is part of a time of day.
        var isTime: Bool {
            switch self {
            case .hour, .hour12, .minute, .second, .fraction: return true
            default: return false
            }
        }
    }

    private enum Token: Hashable {
        case literal(UInt8)
        case space
        case field(Field)
    }

    private let tokens: [Token]
    /// The format as given.
    let text: String

    /// Reads `format`; throws ``ArrowError/invalidArgument(_:)`` for an unknown directive.
    init(_ format: String) throws {
        var tokens: [Token] = []
        var iterator = Array(format.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") {
                tokens.append(.space)
                continue
            }
            guard byte == UInt8(ascii: "%") else {
                tokens.append(.literal(byte))
                continue
            }
            guard let directive = iterator.next() else {
                throw ArrowError.invalidArgument("the format '\(format)' ends with a lone %")
            }
            switch directive {
            case UInt8(ascii: "Y"): tokens.append(.field(.year))
            case UInt8(ascii: "y"): tokens.append(.field(.shortYear))
            case UInt8(ascii: "m"): tokens.append(.field(.month))
            case UInt8(ascii: "b"), UInt8(ascii: "h"), UInt8(ascii: "B"): tokens.append(.field(.monthName))
            case UInt8(ascii: "d"): tokens.append(.field(.day))
            case UInt8(ascii: "e"): tokens.append(.field(.spacedDay))
            case UInt8(ascii: "j"): tokens.append(.field(.dayOfYear))
            case UInt8(ascii: "a"), UInt8(ascii: "A"): tokens.append(.field(.weekdayName))
            case UInt8(ascii: "H"): tokens.append(.field(.hour))
            case UInt8(ascii: "I"): tokens.append(.field(.hour12))
            case UInt8(ascii: "M"): tokens.append(.field(.minute))
            case UInt8(ascii: "S"): tokens.append(.field(.second))
            case UInt8(ascii: "f"): tokens.append(.field(.fraction))
            case UInt8(ascii: "p"): tokens.append(.field(.meridiem))
            case UInt8(ascii: "z"): tokens.append(.field(.offset))
            case UInt8(ascii: "F"): tokens += [.field(.year), .literal(UInt8(ascii: "-")), .field(.month), .literal(UInt8(ascii: "-")), .field(.day)]
            case UInt8(ascii: "T"): tokens += [.field(.hour), .literal(UInt8(ascii: ":")), .field(.minute), .literal(UInt8(ascii: ":")), .field(.second)]
            case UInt8(ascii: "D"): tokens += [.field(.month), .literal(UInt8(ascii: "/")), .field(.day), .literal(UInt8(ascii: "/")), .field(.shortYear)]
            case UInt8(ascii: "R"): tokens += [.field(.hour), .literal(UInt8(ascii: ":")), .field(.minute)]
            case UInt8(ascii: "%"): tokens.append(.literal(UInt8(ascii: "%")))
            case UInt8(ascii: "n"), UInt8(ascii: "t"): tokens.append(.space)
            default:
                throw ArrowError.invalidArgument(
                    "the format '\(format)' has the directive %\(Character(Unicode.Scalar(directive))), which casts do not read")
            }
        }
        self.tokens = tokens
        text = format
    }

    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                                     "september", "october", "november", "december"].map { Array($0.utf8) }
    private static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        .map { Array($0.utf8) }

    /// The date and time `text` spells in this format, or `nil` when it does not match or
    /// names a day or time that does not exist. A missing date is 1970-01-01.
    func parse(_ text: UnsafeRawBufferPointer) -> DateTimeFields? {
        var reader = FieldReader(text)
        var year: Int64 = 1970
        var month: Int64 = 1
        var day: Int64 = 1
        var dayOfYear: Int64?
        var hour: Int64 = 0
        var hour12: Int64?
        var afternoon: Bool?
        var minute: Int64 = 0
        var second: Int64 = 0
        var fields = DateTimeFields(days: 0)
        for token in tokens {
            switch token {
            case .literal(let byte):
                guard reader.skip(byte) else { return nil }
            case .space:
                while let next = reader.next, next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n") {
                    reader.position += 1
                }
            case .field(let field):
                switch field {
                case .year:
                    let negative = reader.skip(UInt8(ascii: "-"))
                    guard let value = reader.digits(upTo: 4) else { return nil }
                    year = negative ? -value : value
                case .shortYear:
                    guard let value = reader.digits(upTo: 2) else { return nil }
                    year = value < 69 ? 2000 + value : 1900 + value
                case .month:
                    guard let value = reader.digits(upTo: 2) else { return nil }
                    month = value
                case .monthName:
                    guard let index = reader.name(from: Self.monthNames) else { return nil }
                    month = Int64(index + 1)
                case .day, .spacedDay:
                    if field == .spacedDay { _ = reader.skip(UInt8(ascii: " ")) }
                    guard let value = reader.digits(upTo: 2) else { return nil }
                    day = value
                case .dayOfYear:
                    guard let value = reader.digits(upTo: 3) else { return nil }
                    dayOfYear = value
                case .weekdayName:
                    guard reader.name(from: Self.weekdayNames) != nil else { return nil }
                case .hour:
                    guard let value = reader.digits(upTo: 2), value < 24 else { return nil }
                    hour = value
                case .hour12:
                    guard let value = reader.digits(upTo: 2), value >= 1, value <= 12 else { return nil }
                    hour12 = value
                case .minute:
                    guard let value = reader.digits(upTo: 2), value < 60 else { return nil }
                    minute = value
                case .second:
                    guard let value = reader.digits(upTo: 2), value < 60 else { return nil }
                    second = value
                case .fraction:
                    guard let (value, digits) = reader.fraction() else { return nil }
                    fields.fraction = value
                    fields.fractionDigits = digits
                case .meridiem:
                    guard let index = reader.name(from: [Array("am".utf8), Array("pm".utf8)]) else { return nil }
                    afternoon = index == 1
                case .offset:
                    guard let offset = reader.isoOffset() else { return nil }
                    fields.offset = offset
                }
                if field.isTime { fields.hasTime = true }
            }
        }
        guard reader.atEnd else { return nil }
        if let hour12 {
            hour = hour12 % 12 + (afternoon == true ? 12 : 0)
        } else if afternoon != nil {
            return nil
        }
        if let dayOfYear {
            guard dayOfYear >= 1, dayOfYear <= (TemporalParser.isLeapYear(year) ? 366 : 365) else { return nil }
            fields.days = TemporalParser.days(year: year, month: 1, day: 1) + dayOfYear - 1
        } else {
            guard let date = TemporalParser.date(year: year, month: month, day: day) else { return nil }
            fields.days = date.days
        }
        fields.secondOfDay = (hour * 60 + minute) * 60 + second
        return fields
    }
}

extension FieldReader {
    /// The index of the name in `names` (lowercase) that comes next, in full or as its first
    /// three letters, in any case.
    fileprivate mutating func name(from names: [[UInt8]]) -> Int? {
        for (index, name) in names.enumerated() {
            for length in [name.count, 3] where text.count - position >= length {
                let matches = (0..<length).allSatisfy { text[position + $0] | 0x20 == name[$0] }
                if matches {
                    position += length
                    return index
                }
            }
        }
        return nil
    }
}
