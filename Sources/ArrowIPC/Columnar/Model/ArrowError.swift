/// Everything that can go wrong reading, writing or building Arrow data.
///
/// Each case carries a sentence for people that says what is wrong and where.
public enum ArrowError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input bytes are not a valid Arrow file, stream or message.
    case invalidData(String)
    /// Arrays, batches or options given to the API do not fit together.
    case invalidArgument(String)
    /// Valid Arrow that this library does not handle (yet).
    case notSupported(String)
    /// Reading or writing a file, handle or pipe failed.
    case io(String)
    /// A strict cast met a value that does not convert: which row, which value, and why.
    case castFailed(CastFailure)
    /// Text input (CSV, TSV, JSON Lines, JSON) that cannot be read: which line, which column
    /// or key, and why.
    case invalidText(TextInputFailure)

    /// The sentence without the category prefix.
    public var reason: String {
        switch self {
        case .invalidData(let message), .invalidArgument(let message), .notSupported(let message), .io(let message):
            return message
        case .castFailed(let failure):
            return failure.description
        case .invalidText(let failure):
            return failure.description
        }
    }

    /// The sentence with its category, e.g. `invalid Arrow data: …`; a cast failure reads
    /// `column 'v', row 3: cannot cast 300 to int8: out of range (-128 to 127)`, and a text
    /// input failure `invalid input: line 3, column 2 ('price'): …`.
    public var description: String {
        switch self {
        case .invalidData(let message): return "invalid Arrow data: \(message)"
        case .invalidArgument(let message): return "invalid argument: \(message)"
        case .notSupported(let message): return "not supported: \(message)"
        case .io(let message): return "I/O error: \(message)"
        case .castFailed(let failure): return failure.description
        case .invalidText(let failure): return "invalid input: \(failure.description)"
        }
    }
}
