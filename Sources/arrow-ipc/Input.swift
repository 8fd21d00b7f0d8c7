import ArrowIPC
import Foundation

/// `total + rows`, or an error when the row count of the input overflows.
func addRows(_ total: Int, _ rows: Int) throws -> Int {
    let (sum, overflow) = total.addingReportingOverflow(rows)
    guard !overflow else { throw ArrowError.invalidData("the input's row count overflows") }
    return sum
}

/// Opens inputs given on the command line: a file or stream path, or `-` for standard input.
enum Input {
    /// Opens `path` as the library's ``ArrowBatchSource`` does (a regular file in the format
    /// its first bytes name; a FIFO or device as a stream); `-` is standard input. Waiting for
    /// the first input of a FIFO, a device or a terminal ends with an error after `timeout`
    /// seconds when given.
    static func open(_ path: String, options: ArrowReadOptions, timeout: Double?) throws -> ArrowBatchSource {
        if path == "-" {
            let notice = isatty(STDIN_FILENO) == 1 ? "waiting for input on standard input" : nil
            return try waitingForInput(on: "standard input", notice: notice, timeout: timeout) {
                try ArrowBatchSource.open(fileHandle: .standardInput, options: options)
            }
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CommandFailure(message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        let url = URL(fileURLWithPath: path)
        guard info.st_mode & S_IFMT == S_IFREG else {
            let notice = info.st_mode & S_IFMT == S_IFIFO ? "waiting for a writer to open \(path) and send input" : nil
            return try waitingForInput(on: path, notice: notice, timeout: timeout) {
                try ArrowBatchSource.open(url: url, options: options)
            }
        }
        return try ArrowBatchSource.open(url: url, options: options)
    }

    /// Opens the text input at `path` with `url`, or standard input with `fileHandle` for `-`;
    /// waiting for the first input of standard input, a FIFO or a device ends with an error
    /// after `timeout` seconds when given.
    static func openText<Reader>(
        _ path: String, timeout: Double?, fileHandle: (FileHandle) throws -> Reader, url: (URL) throws -> Reader
    ) throws -> Reader {
        if path == "-" {
            let notice = isatty(STDIN_FILENO) == 1 ? "waiting for input on standard input" : nil
            return try waitingForInput(on: "standard input", notice: notice, timeout: timeout) {
                try fileHandle(.standardInput)
            }
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CommandFailure(message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        let location = URL(fileURLWithPath: path)
        guard info.st_mode & S_IFMT == S_IFREG else {
            let notice = info.st_mode & S_IFMT == S_IFIFO ? "waiting for a writer to open \(path) and send input" : nil
            return try waitingForInput(on: path, notice: notice, timeout: timeout) { try url(location) }
        }
        return try url(location)
    }

    /// Runs `open`, which waits until its input starts; after a second writes `notice`, when
    /// given, to standard error, and after `timeout` seconds ends the tool with an error.
    private static func waitingForInput<T>(
        on name: String, notice: String?, timeout: Double?, _ open: () throws -> T
    ) throws -> T {
        guard notice != nil || timeout != nil else { return try open() }
        let started = DispatchTime.now()
        let opened = DispatchSemaphore(value: 0)
        let watcher = Thread {
            if let notice {
                guard opened.wait(timeout: started + min(1, timeout ?? 1)) == .timedOut else { return }
                let limit = timeout.map { " (giving up after \(seconds($0)))" } ?? " (--input-timeout limits the wait)"
                StandardOutput.writeError("arrow-ipc: \(notice)\(limit)\n")
            }
            guard let timeout, opened.wait(timeout: started + timeout) == .timedOut else { return }
            StandardOutput.writeError("arrow-ipc: no input arrived on \(name) within \(seconds(timeout)) (--input-timeout)\n")
            UnfinishedOutputFiles.removeAll()
            exit(1)
        }
        watcher.start()
        defer { opened.signal() }
        return try open()
    }

    private static func seconds(_ value: Double) -> String {
        let text = Int(exactly: value).map(String.init) ?? String(value)
        return value == 1 ? "1 second" : "\(text) seconds"
    }
}
