import Foundation

/// Any Arrow input — an IPC file or stream, told apart by its bytes, or a legacy Feather V1
/// file — asked about itself and imported in part, as Wolfram's `Import["f.arrow", element]`
/// does (see ``ImportElement``).
///
/// Opening reads what every metadata element needs — the footer and the message headers,
/// never a batch's data — so ``summary``, ``schema``, ``columnLabels``, ``columnTypes``,
/// ``columnCount``, ``rowCount``, ``dimensions``, ``metaInformation`` and ``elements`` are
/// plain properties. The data elements (``table(rows:columns:options:)``,
/// ``data(rows:columns:options:)``, ``dataset(rows:columns:options:)``) decode only the
/// batches that hold selected rows and only the selected columns, and can be asked again.
///
/// A file is memory-mapped unless the read options say not to
/// (``ArrowReadOptions/memoryMapsFiles(_:)``, Wolfram's `UseMemoryMappedFile`). A stream that
/// can be read only once (a pipe, a FIFO, a socket, standard input) is read whole into memory
/// at opening; for one pass with bounded memory, use ``ArrowBatchSource``.
///
/// ```swift
/// let source = try ArrowIPCSource(url: url)
/// print(source.summary)
/// let (rows, columns) = source.dimensions
/// let part = try source.table(rows: RowSelection(parsing: "0:10:2"), columns: ColumnSelection(parsing: "Name,Area"))
/// let records = try source.dataset(rows: RowSelection(parsing: "-3:"))
/// ```
public struct ArrowIPCSource: Sendable {
    /// Where the bytes are: a regular file, read again for each element, or memory.
    private enum Origin: Sendable {
        case file(URL)
        case memory(Data)
    }

    private let origin: Origin
    /// The options the input is read with.
    public let readOptions: ArrowReadOptions
    /// Format, size, schema, counts, compression and metadata, from the footer and headers.
    public let summary: FileSummary

    /// Opens `url`: a regular file in the format its first bytes name, or a FIFO or device
    /// holding a stream (read whole).
    public init(url: URL, options: ArrowReadOptions = ArrowReadOptions()) throws {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            throw ArrowError.io("cannot open \(url.path): \(String(cString: strerror(errno)))")
        }
        if info.st_mode & S_IFMT == S_IFREG {
            try self.init(origin: .file(url), options: options)
        } else {
            try self.init(readingWhole: try ArrowBatchSource.open(url: url, options: options), options: options)
        }
    }

    /// Reads `data`, in the format its first bytes name.
    public init(data: Data, options: ArrowReadOptions = ArrowReadOptions()) throws {
        try self.init(origin: .memory(data), options: options)
    }

    /// Reads the summary of the input at `origin`.
    private init(origin: Origin, options: ArrowReadOptions) throws {
        self.origin = origin
        readOptions = options
        var source = try Self.openBatches(origin, options: options)
        var summary = try source.summary()
        switch origin {
        case .memory(let data):
            summary.fileSize = data.count
        case .file(let url):
            var info = stat()
            if summary.fileSize == nil, stat(url.path, &info) == 0 { summary.fileSize = Int(info.st_size) }
        }
        self.summary = summary
    }

    /// Reads the stream arriving on `fileHandle` (standard input, a pipe, a socket) to its
    /// end, into memory.
    public init(fileHandle: FileHandle, options: ArrowReadOptions = ArrowReadOptions()) throws {
        try self.init(readingWhole: try ArrowBatchSource.open(fileHandle: fileHandle, options: options), options: options)
    }

    /// Reads every batch of `batches` (a source opened however its input needs: a pipe with
    /// a timeout, a socket) into memory, so the elements can be asked more than once; the
    /// copy in memory is read with `options`.
    public init(readingWhole batches: ArrowBatchSource, options: ArrowReadOptions = ArrowReadOptions()) throws {
        try self.init(data: try Self.readWhole(batches), options: options)
    }

    /// The stream `source` holds, read to its end and written again into memory (batches and
    /// their metadata, dictionaries, the schema's metadata): each message is checked as it
    /// arrives, and the memory taken is what the stream's batches take.
    private static func readWhole(_ source: ArrowBatchSource) throws -> Data {
        var source = source
        let writer = try ArrowStreamWriter(schema: source.schema, options: ArrowWriteOptions().syncsToDisk(false))
        try source.forEachBatch { try writer.write($0) }
        return try writer.finish()
    }

    // MARK: - Metadata elements

    /// The schema: every column's field, and the schema's metadata.
    public var schema: Schema { summary.schema }

    /// The column names, in order.
    public var columnLabels: [String] { schema.fields.map(\.name) }

    /// Each column's name and type, in order.
    public var columnTypes: [(name: String, type: DataType)] { schema.fields.map { ($0.name, $0.type) } }

    /// The number of columns.
    public var columnCount: Int { summary.columnCount }

    /// The number of rows, from the message headers.
    public var rowCount: Int { summary.rowCount }

    /// The number of rows and of columns.
    public var dimensions: (rows: Int, columns: Int) { (rowCount, columnCount) }

    /// The custom metadata of the schema, the fields, the footer and each batch.
    public var metaInformation: MetaInformation { summary.metaInformation }

    /// The elements this input has: all of them, but ``ImportElement/timeSeries`` and
    /// ``ImportElement/eventSeries`` only when a column holds dates or timestamps.
    public var elements: [ImportElement] { summary.elements }

    // MARK: - Data elements

    /// The selected rows of the selected columns as a table: one batch per run of selected
    /// rows within an input batch (slices share the input's memory; rows taken with a step
    /// or out of order are gathered into new buffers). Only the batches holding selected rows,
    /// and only the selected columns, are decoded. `options` casts columns (a value that does
    /// not convert is an error naming its column, input row and value, or null when lenient),
    /// renames them and drops metadata.
    public func table(
        rows: RowSelection = .all, columns: ColumnSelection? = nil, options: ImportOptions = ImportOptions()
    ) throws -> Table {
        var source = try openBatches()
        let projection = try columns?.resolve(schema: schema)
        let selectedSchema = Schema(projection.map { $0.map { schema.fields[$0] } } ?? schema.fields, metadata: schema.metadata)
        let casts = try options.casts(selected: selectedSchema, input: schema)
        let resultSchema = try options.applied(to: try selectedSchema.casting(casts))
        var batches: [RecordBatch] = []
        try source.forEachSelectedBatch(rows: rows, columns: projection) { batch, run, firstRow in
            guard run.count > 0 else { return }
            var part = run.step == 1 ? try batch.slice(run.start, run.count) : try batch.take(Array(run))
            if !casts.isEmpty {
                do {
                    part = try part.cast(casts, options: options.castOptions)
                } catch ArrowError.castFailed(var failure) {
                    failure.row = firstRow + run[failure.row]  // the row in the input
                    throw ArrowError.castFailed(failure)
                }
            }
            batches.append(try RecordBatch(
                schema: resultSchema,
                columns: zip(part.columnData, resultSchema.fields).map { $0.retyped(as: $1.type) },
                metadata: options.includeMetadata ? part.metadata : [:]))
        }
        return try Table(schema: resultSchema, batches: batches)
    }

    /// The selected rows of the selected columns as rows of values, in order.
    public func data(
        rows: RowSelection = .all, columns: ColumnSelection? = nil, options: ImportOptions = ImportOptions()
    ) throws -> [[ArrowValue]] {
        try dataset(rows: rows, columns: columns, options: options).map(\.values)
    }

    /// The selected rows of the selected columns as records (column name → value), in order.
    public func dataset(
        rows: RowSelection = .all, columns: ColumnSelection? = nil, options: ImportOptions = ImportOptions()
    ) throws -> [ArrowRecord] {
        try table(rows: rows, columns: columns, options: options).rows()
    }

    /// A fresh reader of the input's batches.
    func openBatches() throws -> ArrowBatchSource {
        try Self.openBatches(origin, options: readOptions)
    }

    private static func openBatches(_ origin: Origin, options: ArrowReadOptions) throws -> ArrowBatchSource {
        switch origin {
        case .file(let url): return try ArrowBatchSource.open(url: url, options: options)
        case .memory(let data): return try ArrowBatchSource.open(data: data, options: options)
        }
    }
}

extension DataType {
    /// Whether values of this type are dates or timestamps.
    var isDateOrTimestamp: Bool {
        switch self {
        case .date32, .date64, .timestamp: return true
        default: return false
        }
    }
}
