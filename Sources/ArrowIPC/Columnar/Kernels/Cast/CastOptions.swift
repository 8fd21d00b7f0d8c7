/// How ``ArrayData/cast(to:options:)`` treats values that do not convert, and how it reads
/// dates and times from strings.
///
/// ```swift
/// let values = try column.cast(to: .float32)                                  // strict
/// let dates = try column.cast(to: .date32, options: CastOptions(mode: .lenient, timestampFormats: ["%d/%m/%Y"]))
/// ```
public struct CastOptions: Sendable, Hashable {
    /// What happens to a value that does not convert: one that overflows the target type,
    /// would lose its fractional part or precision, is NaN or infinite where an integer is
    /// wanted, a string that does not parse, a date out of range.
    public enum Mode: Sendable, Hashable {
        /// The cast throws ``ArrowError/castFailed(_:)``, naming the row and the value (as
        /// pyarrow's safe casts do).
        case strict
        /// The value becomes null; the cast goes on.
        case lenient
    }

    /// Strict (the default) or lenient.
    public var mode: Mode
    /// The formats in which strings cast to `date32`, `date64` and `timestamp` are read,
    /// tried in order, in `strptime` style: `%d/%m/%Y %H:%M`, `%Y-%m-%dT%H:%M:%S.%f%z`,
    /// `%b %d, %Y`. The directives are `%Y` (1 to 4 digits), `%y`, `%m`, `%d`, `%e`, `%j`,
    /// `%b`/`%B`/`%h` and `%a`/`%A` (English names), `%H`, `%I` with `%p`, `%M`, `%S`, `%f`
    /// (1 to 9 digits of a second), `%z` (`Z`, `±HH`, `±HHMM`, `±HH:MM`), `%F`, `%T`, `%D`,
    /// `%R` and `%%`; white space matches any run of white space; the whole string must match.
    /// A time read without `%z` is the wall time of the target's time zone; a date cast takes
    /// the date written.
    ///
    /// Empty (the default): ISO 8601 as pyarrow reads it — `2024-03-01`, `2024-03-01T09:30`,
    /// `2024-03-01 09:30:00.123456`, with `Z` or an offset such as `+05:00` exactly when the
    /// timestamp type has a time zone.
    public var timestampFormats: [String]

    /// Options with `mode` and `timestampFormats`; by default strict, reading ISO 8601.
    public init(mode: Mode = .strict, timestampFormats: [String] = []) {
        self.mode = mode
        self.timestampFormats = timestampFormats
    }

    /// Strict casts reading ISO 8601: the default.
    public static let strict = CastOptions()
    /// Lenient casts reading ISO 8601.
    public static let lenient = CastOptions(mode: .lenient)

    /// Returns a copy with ``mode`` set.
    public func mode(_ mode: Mode) -> CastOptions {
        var copy = self
        copy.mode = mode
        return copy
    }

    /// Returns a copy with ``timestampFormats`` set.
    public func timestampFormats(_ formats: [String]) -> CastOptions {
        var copy = self
        copy.timestampFormats = formats
        return copy
    }
}
