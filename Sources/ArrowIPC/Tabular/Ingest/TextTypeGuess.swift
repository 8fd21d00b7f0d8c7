/// The type of a column of text values, guessed value by value with the cast kernel's own
/// readers (``NumberText``, ``TemporalParser``), so that every value of the guessed type
/// then casts from its text:
///
/// - integers (`-12`, `0x1f`): `int64`, or `uint64` when one is past `Int64.max` and none is
///   negative (with both, `double`);
/// - numbers with a point or an exponent, `nan`, `inf` (any case), and integers among them:
///   `double`;
/// - `true` and `false` in any case: `bool`;
/// - ISO 8601 dates (`2024-03-01`): `date32`;
/// - ISO 8601 timestamps (`2024-03-01 09:30`, `2024-03-01T09:30:00.250`), dates among them:
///   `timestamp`, in the unit the most fraction digits need (none: seconds, 1–3:
///   milliseconds, 4–6: microseconds, 7–9: nanoseconds); with an offset or `Z` on every
///   one, `timestamp[…, tz=UTC]` (the instant, as pyarrow reads them);
/// - nothing but nulls: `null`;
/// - anything else, or kinds mixed otherwise: `string`.
struct TextTypeGuess {
    private var hasValue = false
    private var integer = true
    private var negative = false
    private var large = false
    private var floating = true
    private var boolean = true
    private var temporal = true
    private var hasTime = false
    private var hasDate = false
    /// Whether the timestamps carry an offset (`nil` before the first).
    private var zoned: Bool?
    private var fractionDigits = 0

    /// Takes one (non-null) value into account.
    @inline(__always)
    mutating func add(_ text: UnsafeRawBufferPointer) {
        hasValue = true
        if integer {
            if let value = NumberText.integer(text, as: Int64.self) {
                negative = negative || value < 0
            } else if NumberText.integer(text, as: UInt64.self) != nil, text.first != UInt8(ascii: "-") {
                large = true
            } else {
                integer = false
            }
        }
        if floating { floating = NumberText.isFloatingPointText(text) }
        if boolean { boolean = NumberText.boolean(text) != nil && text.count > 1 }
        if temporal { addTemporal(text) }
    }

    /// Whether every value added so far is an ISO 8601 date or timestamp that go together.
    var mayBeTemporal: Bool { temporal }

    /// Takes one (non-null) value into account for ``temporalType`` only.
    mutating func addTemporalOnly(_ text: UnsafeRawBufferPointer) {
        hasValue = true
        if temporal { addTemporal(text) }
    }

    private mutating func addTemporal(_ text: UnsafeRawBufferPointer) {
        guard text.count >= 10, let fields = TemporalParser.iso(text, dateOnly: false) else {
            temporal = false
            return
        }
        guard fields.hasTime else {
            hasDate = true
            temporal = zoned != true
            return
        }
        hasTime = true
        let offset = fields.offset != nil
        if let zoned, zoned != offset {
            temporal = false
            return
        }
        zoned = offset
        fractionDigits = max(fractionDigits, fields.fractionDigits)
        // A date has no offset: dates and zoned timestamps do not mix.
        if offset && hasDate { temporal = false }
    }

    /// The type of the values added.
    var type: DataType {
        guard hasValue else { return .null }
        if integer && !(negative && large) { return large ? .uint64 : .int64 }
        if floating { return .float64 }
        if boolean { return .boolean }
        return temporalType ?? .utf8
    }

    /// `date32` or a timestamp when every value added is an ISO 8601 date or timestamp (as
    /// ``type`` reads them), otherwise `nil`.
    var temporalType: DataType? {
        guard hasValue && temporal else { return nil }
        guard hasTime else { return .date32 }
        let unit: TimeUnit = switch fractionDigits {
        case 0: .second
        case 1...3: .millisecond
        case 4...6: .microsecond
        default: .nanosecond
        }
        return .timestamp(unit, timeZone: zoned == true ? "UTC" : nil)
    }
}
