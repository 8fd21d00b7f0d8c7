import Foundation

/// Any Arrow input read one record batch at a time: an IPC file (random access), an IPC
/// stream (front to back: a regular file, a FIFO, a device, a pipe, memory), or a legacy
/// Feather V1 file (one batch).
///
/// ``open(url:options:)`` tells the formats apart by a regular file's first bytes; FIFOs and
/// devices are read as streams of either IPC format, as they arrive. ``forEachBatch(columns:until:_:)``
/// holds one batch at a time; ``forEachSelectedBatch(rows:columns:_:)`` applies a
/// ``RowSelection`` the way that reads least.
public enum ArrowBatchSource: RecordBatchSource {
    /// An Arrow IPC file.
    case file(ArrowFileReader)
    /// An Arrow IPC stream.
    case stream(ArrowStreamReader)
    /// A legacy Feather V1 file.
    case featherV1(FeatherV1Reader)

    /// Opens `url`. A regular file is read in the format its first bytes name (either IPC
    /// format or Feather V1); a FIFO or a device is read front to back as a stream of either
    /// IPC format (opening a FIFO waits for a writer).
    public static func open(url: URL, options: ArrowReadOptions = ArrowReadOptions()) throws -> ArrowBatchSource {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            throw ArrowError.io("cannot open \(url.path): \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .stream(try ArrowStreamReader(url: url, options: options))
        }
        switch try ArrowInputFormat.detect(url: url) {
        case .file: return .file(try ArrowFileReader(url: url, options: options))
        case .stream: return .stream(try ArrowStreamReader(url: url, options: options))
        case .featherV1: return .featherV1(try FeatherV1Reader(url: url, options: options))
        }
    }

    /// Reads `data`, in the format its first bytes name.
    public static func open(data: Data, options: ArrowReadOptions = ArrowReadOptions()) throws -> ArrowBatchSource {
        switch ArrowInputFormat.detect(prefix: data.prefix(8)) {
        case .file: return .file(try ArrowFileReader(data: data, options: options))
        case .stream: return .stream(try ArrowStreamReader(data: data, options: options))
        case .featherV1: return .featherV1(try FeatherV1Reader(data: data, options: options))
        }
    }

    /// Reads a stream of either IPC format from `fileHandle` (standard input, a pipe, a
    /// socket) as it arrives.
    public static func open(fileHandle: FileHandle, options: ArrowReadOptions = ArrowReadOptions()) throws -> ArrowBatchSource {
        .stream(try ArrowStreamReader(fileHandle: fileHandle, options: options))
    }

    /// The input's format.
    public var format: ArrowInputFormat {
        switch self {
        case .file: return .file
        case .stream: return .stream
        case .featherV1: return .featherV1
        }
    }

    /// The schema of every batch.
    public var schema: Schema {
        switch self {
        case .file(let reader): return reader.schema
        case .stream(let reader): return reader.schema
        case .featherV1(let reader): return reader.schema
        }
    }

    /// The next batch (for a file, from batch 0 on), decoding only `columns` when given;
    /// `nil` after the last.
    public mutating func next(columns: [Int]? = nil) throws -> RecordBatch? {
        switch self {
        case .file(var reader):
            defer { self = .file(reader) }
            return try reader.next(columns: columns)
        case .stream(let reader):
            return try reader.next(columns: columns)
        case .featherV1(var reader):
            defer { self = .featherV1(reader) }
            return try reader.next(columns: columns)
        }
    }

    /// Calls `body` with each batch in order, decoding only `columns` when given, until
    /// `done` says to stop; one batch is held at a time.
    public mutating func forEachBatch(
        columns: [Int]? = nil, until done: () -> Bool = { false }, _ body: (RecordBatch) throws -> Void
    ) throws {
        switch self {
        case .file(let reader):
            for index in 0..<reader.recordBatchCount where !done() {
                try body(try reader.recordBatch(at: index, columns: columns))
            }
        case .stream(let reader):
            while !done(), let batch = try reader.next(columns: columns) {
                try body(batch)
            }
        case .featherV1(let reader):
            if !done() { try body(try reader.recordBatch(columns: columns)) }
        }
    }
}
