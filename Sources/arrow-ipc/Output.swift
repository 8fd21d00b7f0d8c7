import ArrowIPC
import Foundation

/// The tool's standard output and standard error, written with `write(2)`: a write that
/// fails (a full disk, a closed descriptor) is an error the command reports, never lost and
/// never a crash. (A reader that goes away ends the process quietly by `SIGPIPE`, see
/// ``ProcessSignals``.)
enum StandardOutput {
    /// Writes `text` to standard output; throws when the write fails.
    static func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            guard let failure = writeAll(bytes, to: STDOUT_FILENO) else { return }
            throw CommandFailure(message: "writing to standard output failed: \(String(cString: strerror(failure)))")
        }
    }

    /// Writes `bytes` to standard output; throws when the write fails.
    static func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let failure = writeAll(bytes.assumingMemoryBound(to: UInt8.self), to: STDOUT_FILENO) else { return }
        throw CommandFailure(message: "writing to standard output failed: \(String(cString: strerror(failure)))")
    }

    /// Writes `text` to standard error, ignoring failures: there is nowhere left to report them.
    static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { _ = writeAll($0, to: STDERR_FILENO) }
    }

    /// Writes all of `bytes`; returns the `errno` of a failure.
    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
        guard var next = bytes.baseAddress else { return nil }
        var left = bytes.count
        while left > 0 {
            let written = Foundation.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            next += written
            left -= written
        }
        return nil
    }
}
