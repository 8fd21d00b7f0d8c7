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

    /// Opens `path`, telling the format from its first bytes.
    static func open(_ path: String, options: ArrowReadOptions = ArrowReadOptions()) throws -> Input {
        if path == "-" {
            return .stream(try ArrowStreamReader(fileHandle: .standardInput, options: options))
        }
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(message: "\(path): no such file")
        }
        switch try ArrowIPCFormat.detect(url: url) {
        case .file: return .file(try ArrowFileReader(url: url, options: options))
        case .stream: return .stream(try ArrowStreamReader(url: url, options: options))
        }
    }

    var format: ArrowIPCFormat {
        switch self {
        case .file: return .file
        case .stream: return .stream
        }
    }

    var schema: Schema {
        switch self {
        case .file(let reader): return reader.schema
        case .stream(let reader): return reader.schema
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
        }
    }
}
