import Foundation

/// Decompressing gzip files with the system's `gzip` program, which every Debian/Ubuntu and
/// macOS system has.
enum Gunzip {
    private static let candidates = ["/bin/gzip", "/usr/bin/gzip"]

    /// The decompressed contents of the gzip file at `url`.
    static func decompress(fileAt url: URL) throws -> Data {
        guard let program = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw ArrowError.io(
                "cannot decompress \(url.path): no gzip program at \(candidates.joined(separator: " or ")); install gzip")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-dc", "--", url.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ArrowError.io("cannot run \(program) to decompress \(url.path): \(error.localizedDescription)")
        }
        // gzip writes at most a line to standard error, so reading standard output first
        // cannot block on a full error pipe.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ArrowError.io(
                "\(program) could not decompress \(url.path): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return data
    }
}
