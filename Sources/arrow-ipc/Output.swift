import ArrowIPC
import Foundation

/// Writes an output file so that it appears whole or not at all: the bytes go to a
/// temporary file beside the target, which is renamed into place when complete.
struct AtomicOutput {
    let target: URL
    let temporary: URL

    init(path: String) {
        target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent()
        temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).partial")
    }

    /// Runs `write` against the temporary file, then moves it over the target; on failure the
    /// temporary file is removed and the target is untouched.
    func write(_ write: (URL) throws -> Void) throws {
        do {
            try write(temporary)
            guard rename(temporary.path, target.path) == 0 else {
                throw CommandFailure(message: "cannot move the output into place at \(target.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

/// Hands text to standard output as it comes.
func writeToStandardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
