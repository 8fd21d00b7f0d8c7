import Foundation

/// The formats this library reads: the two Arrow IPC formats and the legacy Feather V1.
///
/// ``ArrowIPCFormat`` names what the writers write; this type adds the read-only Feather V1,
/// so that code which picks a reader by a file's first bytes (``detect(url:)``) can tell all
/// three apart without every switch over ``ArrowIPCFormat`` having to handle a format no
/// writer produces.
public enum ArrowInputFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The Arrow IPC file format (``ArrowIPCFormat/file``): read with ``ArrowFileReader``.
    case file
    /// The Arrow IPC stream format (``ArrowIPCFormat/stream``): read with ``ArrowStreamReader``.
    case stream
    /// The legacy Feather V1 format (magic `FEA1`): read with ``FeatherV1Reader``.
    case featherV1 = "feather-v1"

    /// The IPC format as an input format.
    public init(_ format: ArrowIPCFormat) {
        switch format {
        case .file: self = .file
        case .stream: self = .stream
        }
    }

    /// The IPC format, or `nil` for Feather V1.
    public var ipcFormat: ArrowIPCFormat? {
        switch self {
        case .file: return .file
        case .stream: return .stream
        case .featherV1: return nil
        }
    }

    /// For people: `file`, `stream` or `Feather V1`. (``rawValue`` is the name for programs:
    /// `file`, `stream` or `feather-v1`.)
    public var description: String {
        self == .featherV1 ? "Feather V1" : rawValue
    }

    /// The format of input that starts with `prefix`: Feather V1 when it opens with `FEA1`,
    /// else as ``ArrowIPCFormat/detect(prefix:)`` says (a file when it opens with `ARROW1`,
    /// otherwise a stream).
    public static func detect<Bytes: Collection<UInt8>>(prefix: Bytes) -> ArrowInputFormat {
        prefix.starts(with: featherV1Magic) ? .featherV1 : ArrowInputFormat(ArrowIPCFormat.detect(prefix: prefix))
    }

    /// The format of the file at `url`, read from its first bytes.
    public static func detect(url: URL) throws -> ArrowInputFormat {
        detect(prefix: try filePrefix(url: url, count: max(fileMagic.count, featherV1Magic.count)))
    }
}
