import Foundation

/// How ``ArrowExportable/write(to:options:)`` writes: the format (Wolfram's `"Streamable"`),
/// compression and level (`"Compression"`, `CompressionLevel`), and the writer's other options.
public struct ExportOptions: Sendable {
    /// Whether to write the stream format (`.arrows`) rather than the file format (`.arrow`).
    public var streamable: Bool
    /// Alignment, compression and its level, compatibility, metadata version, flushing.
    public var writeOptions: ArrowWriteOptions
    /// Custom metadata for the file's footer (the file format only).
    public var footerMetadata: Metadata

    /// The file format, uncompressed, unless told otherwise; `compression` and `level` set
    /// those of `writeOptions`.
    public init(
        streamable: Bool = false, compression: CompressionCodec? = nil, level: CompressionLevel = .automatic,
        writeOptions: ArrowWriteOptions = ArrowWriteOptions(), footerMetadata: Metadata = [:]
    ) {
        self.streamable = streamable
        var options = writeOptions
        if compression != nil || level != .automatic {
            options = options.compression(compression ?? options.compression, level: level)
        }
        self.writeOptions = options
        self.footerMetadata = footerMetadata
    }
}

/// Data that writes as Arrow IPC in one call: a ``RecordBatch``, a ``Table``, a
/// ``TimeSeries`` (its time column, then its values), records (`[ArrowRecord]`, their types
/// inferred) — as Wolfram's `Export["f.arrow", data, opts]`.
///
/// ```swift
/// try table.write(to: url, options: ExportOptions(compression: .zstd, level: 0.5))
/// let bytes = try RecordBatch(inferringRows: [[1, "a"], [2, "b"]]).arrowData(options: ExportOptions(streamable: true))
/// ```
///
/// A file written to a URL appears whole when the call returns, or not at all.
public protocol ArrowExportable {
    /// The schema and the batches to write.
    func exportedBatches() throws -> (schema: Schema, batches: [RecordBatch])
}

extension ArrowExportable {
    /// Writes this data to `url`, as a file or (`streamable`) a stream.
    public func write(to url: URL, options: ExportOptions = ExportOptions()) throws {
        let (schema, batches) = try exportedBatches()
        if options.streamable {
            try ArrowStreamWriter.write(to: url, schema: schema, options: options.writeOptions) { writer in
                for batch in batches { try writer.write(batch) }
            }
        } else {
            try ArrowFileWriter.write(to: url, schema: schema, footerMetadata: options.footerMetadata, options: options.writeOptions) { writer in
                for batch in batches { try writer.write(batch) }
            }
        }
    }

    /// This data as the bytes of an Arrow file or (`streamable`) stream.
    public func arrowData(options: ExportOptions = ExportOptions()) throws -> Data {
        let (schema, batches) = try exportedBatches()
        if options.streamable {
            let writer = try ArrowStreamWriter(schema: schema, options: options.writeOptions)
            for batch in batches { try writer.write(batch) }
            return try writer.finish()
        }
        let writer = try ArrowFileWriter(schema: schema, footerMetadata: options.footerMetadata, options: options.writeOptions)
        for batch in batches { try writer.write(batch) }
        return try writer.finish()
    }
}

extension RecordBatch: ArrowExportable {
    public func exportedBatches() throws -> (schema: Schema, batches: [RecordBatch]) { (schema, [self]) }
}

extension Table: ArrowExportable {
    public func exportedBatches() throws -> (schema: Schema, batches: [RecordBatch]) { (schema, batches) }
}

extension TimeSeries: ArrowExportable {
    public func exportedBatches() throws -> (schema: Schema, batches: [RecordBatch]) { (table.schema, table.batches) }
}

extension Array: ArrowExportable where Element == ArrowRecord {
    /// One batch of the records, their types inferred (see ``RecordBatch/init(inferringRecords:unions:)``).
    public func exportedBatches() throws -> (schema: Schema, batches: [RecordBatch]) {
        let batch = try RecordBatch(inferringRecords: self)
        return (batch.schema, [batch])
    }
}
