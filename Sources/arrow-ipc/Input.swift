import ArrowIPC
import Foundation

/// `total + rows`, or an error when the row count of the input overflows.
func addRows(_ total: Int, _ rows: Int) throws -> Int {
    let (sum, overflow) = total.addingReportingOverflow(rows)
    guard !overflow else { throw ArrowError.invalidData("the input's row count overflows") }
    return sum
}

/// An input given on the command line: a file or stream path, or `-` for standard input.
enum Input {
    case file(ArrowFileReader)
    case stream(ArrowStreamReader)
    case featherV1(FeatherV1Reader)

    /// Opens `path`. A regular file is read in the format its first bytes name (either IPC
    /// format or Feather V1); a FIFO, a
    /// device and standard input are read front to back as streams (of either format).
    /// Waiting for their first input ends with an error after `timeout` seconds when given.
    static func open(_ path: String, options: ArrowReadOptions, timeout: Double?) throws -> Input {
        if path == "-" {
            let notice = isatty(STDIN_FILENO) == 1 ? "waiting for input on standard input" : nil
            return .stream(try waitingForInput(on: "standard input", notice: notice, timeout: timeout) {
                try ArrowStreamReader(fileHandle: .standardInput, options: options)
            })
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CommandFailure(message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        let url = URL(fileURLWithPath: path)
        guard info.st_mode & S_IFMT == S_IFREG else {
            let notice = info.st_mode & S_IFMT == S_IFIFO ? "waiting for a writer to open \(path) and send input" : nil
            return .stream(try waitingForInput(on: path, notice: notice, timeout: timeout) {
                try ArrowStreamReader(url: url, options: options)
            })
        }
        switch try ArrowInputFormat.detect(url: url) {
        case .file: return .file(try ArrowFileReader(url: url, options: options))
        case .stream: return .stream(try ArrowStreamReader(url: url, options: options))
        case .featherV1: return .featherV1(try FeatherV1Reader(url: url, options: options))
        }
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

    var format: ArrowInputFormat {
        switch self {
        case .file: return .file
        case .stream: return .stream
        case .featherV1: return .featherV1
        }
    }

    var schema: Schema {
        switch self {
        case .file(let reader): return reader.schema
        case .stream(let reader): return reader.schema
        case .featherV1(let reader): return reader.schema
        }
    }

    /// Calls `body` with each batch in order, decoding only `columns` when given, until
    /// `done` says to stop; one batch is held at a time.
    mutating func forEachBatch(
        columns: [Int]? = nil, until done: () -> Bool = { false }, _ body: (RecordBatch) throws -> Void
    ) throws {
        switch self {
        case .file(let reader):
            for index in 0..<reader.recordBatchCount where !done() {
                try body(try reader.recordBatch(at: index, columns: columns))
            }
        case .stream(var reader):
            while !done(), let batch = try reader.next(columns: columns) {
                try body(batch)
            }
            self = .stream(reader)
        case .featherV1(let reader):
            if !done() { try body(try reader.recordBatch(columns: columns)) }
        }
    }
}
