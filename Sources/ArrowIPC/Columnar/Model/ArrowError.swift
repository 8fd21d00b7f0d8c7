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

    /// The sentence without the category prefix.
    public var reason: String {
        switch self {
        case .invalidData(let message), .invalidArgument(let message), .notSupported(let message), .io(let message):
            return message
        }
    }

    /// The sentence with its category, e.g. `invalid Arrow data: …`.
    public var description: String {
        switch self {
        case .invalidData(let message): return "invalid Arrow data: \(message)"
        case .invalidArgument(let message): return "invalid argument: \(message)"
        case .notSupported(let message): return "not supported: \(message)"
        case .io(let message): return "I/O error: \(message)"
        }
    }
}
