import Foundation

/// The two Arrow IPC formats.
public enum ArrowIPCFormat: String, Sendable, CaseIterable {
    /// The random-access file format (`.arrow`, Feather v2): magic, stream, footer, magic.
    case file
    /// The stream format (`.arrows`): a schema message, then batches, then an end marker.
    case stream

    /// The format of input that starts with `prefix`: a file when it opens with the magic
    /// `ARROW1`, otherwise a stream.
    public static func detect<Bytes: Collection<UInt8>>(prefix: Bytes) -> ArrowIPCFormat {
        prefix.starts(with: fileMagic) ? .file : .stream
    }

    /// The format of the file at `url`, read from its first bytes.
    public static func detect(url: URL) throws -> ArrowIPCFormat {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw ArrowError.io("cannot open \(url.path)")
        }
        defer { try? handle.close() }
        let prefix = try? handle.read(upToCount: fileMagic.count)
        return detect(prefix: (prefix ?? nil) ?? Data())
    }
}
