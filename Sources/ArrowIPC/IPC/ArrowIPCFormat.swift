import Foundation

/// The two Arrow IPC formats.
public enum ArrowIPCFormat: String, Sendable, Hashable, CaseIterable {
    /// The random-access file format (`.arrow`, Feather v2): magic, stream, footer, magic.
    case file
    /// The stream format (`.arrows`): a schema message, then batches, then an end marker.
    case stream

    /// The format of input that starts with `prefix`: a file when it opens with the magic
    /// `ARROW1`, otherwise a stream.
    ///
    /// Input in the legacy Feather V1 format counts as a stream here; ``ArrowInputFormat``
    /// tells it apart.
    public static func detect<Bytes: Collection<UInt8>>(prefix: Bytes) -> ArrowIPCFormat {
        prefix.starts(with: fileMagic) ? .file : .stream
    }

    /// The format an output named `name` (a path or a file name) gets unless told otherwise, as
    /// `arrow-ipc` chooses it: a stream for names ending in `.arrows` or `.stream` (in any
    /// case), otherwise a file.
    public static func defaultForOutput(named name: String) -> ArrowIPCFormat {
        let lowered = name.lowercased()
        return lowered.hasSuffix(".arrows") || lowered.hasSuffix(".stream") ? .stream : .file
    }

    /// The format of the file at `url`, read from its first bytes.
    public static func detect(url: URL) throws -> ArrowIPCFormat {
        detect(prefix: try filePrefix(url: url, count: fileMagic.count))
    }
}

/// Up to `count` bytes from the start of the file at `url`: fewer when the file is shorter.
func filePrefix(url: URL, count: Int) throws -> [UInt8] {
    let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
        throw ArrowError.io("cannot open \(url.path): \(systemErrorDescription())")
    }
    defer { close(descriptor) }
    var prefix = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < prefix.count {
        let got = prefix.withUnsafeMutableBytes { bytes -> Int in
            guard let base = bytes.baseAddress else { return 0 }
            return systemRead(descriptor, base + filled, bytes.count - filled)
        }
        if got < 0 && errno == EINTR { continue }
        guard got >= 0 else {
            throw ArrowError.io("cannot read \(url.path): \(systemErrorDescription())")
        }
        if got == 0 { break }
        filled += got
    }
    return Array(prefix[0..<filled])
}
