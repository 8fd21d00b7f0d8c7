import Foundation

/// Writes record batches in the Arrow IPC file format (`.arrow`, Feather v2): the magic,
/// the schema, each batch, and on ``finish()`` the footer that lets readers find any batch.
///
/// ```swift
/// let writer = try ArrowFileWriter(url: url, schema: batch.schema)
/// try writer.write(batch)
/// try writer.finish()
/// ```
public final class ArrowFileWriter {
    private let core: IPCWriter
    private var blocks: [Block] = []
    private var dictionaryBlocks: [Block] = []
    /// Custom metadata written into the footer. (The schema's own metadata is the
    /// ``Schema/metadata`` of the schema given, as for ``ArrowStreamWriter``.)
    public var footerMetadata: Metadata

    /// A writer that builds the file in memory; ``finish()`` returns it.
    public init(schema: Schema, footerMetadata: Metadata = [:], options: ArrowWriteOptions = ArrowWriteOptions()) throws {
        core = try IPCWriter(schema: schema, format: .file, options: options, url: nil, descriptor: nil)
        self.footerMetadata = footerMetadata
        try start()
    }

    /// A writer to the file at `url`, which appears there, whole, when ``finish()`` returns:
    /// until then the path keeps what it held (see ``ArrowStreamWriter/init(url:schema:options:)``
    /// for how).
    public init(url: URL, schema: Schema, footerMetadata: Metadata = [:], options: ArrowWriteOptions = ArrowWriteOptions()) throws {
        core = try IPCWriter(schema: schema, format: .file, options: options, url: url, descriptor: nil)
        self.footerMetadata = footerMetadata
        try start()
    }

    /// A writer to an open file handle, such as standard output or a pipe; the file starts at
    /// the handle's current position. The handle stays open.
    public init(fileHandle: FileHandle, schema: Schema, footerMetadata: Metadata = [:], options: ArrowWriteOptions = ArrowWriteOptions()) throws {
        // Footer blocks locate messages from the start of the file, wherever the handle is.
        let position = lseek(fileHandle.fileDescriptor, 0, SEEK_CUR)
        core = try IPCWriter(
            schema: schema, format: .file, options: options, url: nil, descriptor: fileHandle.fileDescriptor,
            startPosition: position > 0 ? Int(position) : 0)
        self.footerMetadata = footerMetadata
        try start()
    }

    private func start() throws {
        try core.writing { try core.messages.writeRaw(Array(fileMagic) + [0, 0]) }
        try core.writeSchema()
    }

    /// The schema every batch must have: the one given, dictionary-encoded fields without a
    /// dictionary id having been given one. Under ``CompatibilityLevel/oldest`` the file's
    /// schema has the classic layouts instead of the view layouts.
    public var schema: Schema { core.batchSchema }

    /// Appends `batch`, preceded by the dictionary batches its dictionary-encoded columns need.
    /// The file format keeps one dictionary per id, extended only by deltas: a dictionary that
    /// extends the one written goes out as a delta, and any other dictionary is merged into
    /// the file's — its new values as a delta, the batch's indices remapped to the merged
    /// dictionary. Throws when the merged dictionary outgrows the index type. The columns must
    /// have the writer's schema's types.
    public func write(_ batch: RecordBatch) throws {
        let (dictionaries, block) = try core.write(batch)
        dictionaryBlocks.append(contentsOf: dictionaries)
        blocks.append(block)
    }

    /// Appends a message of another input as it is (see ``ArrowMessageCopy``), recording its
    /// block in the footer.
    func writeCopy(of source: SourceMessage, lineUpAlignment: Int) throws {
        let block = try core.writeCopy(of: source, lineUpAlignment: lineUpAlignment)
        if case .dictionaryBatch = source.message.header {
            dictionaryBlocks.append(block)
        } else {
            blocks.append(block)
        }
    }

    /// Writes the end-of-stream marker, the footer and the closing magic, and flushes.
    /// Returns the whole file for an in-memory writer, and empty `Data` for a file or handle.
    @discardableResult
    public func finish() throws -> Data {
        if !core.isFinished {
            let footer = Footer(
                version: core.options.metadataVersion, schema: core.schema, endianness: .little, dictionaries: dictionaryBlocks,
                recordBatches: blocks, customMetadata: footerMetadata)
            let bytes = footer.flatbuffer()
            var trailer: [UInt8] = []
            withUnsafeBytes(of: Int32(bytes.count).littleEndian) { trailer.append(contentsOf: $0) }
            try core.writeEndOfStream()
            try core.writing {
                try core.messages.writeRaw(bytes)
                try core.messages.writeRaw(trailer + fileMagic)
            }
        }
        return try core.finish()
    }

    /// Abandons the output, as when an error stops the caller part-way: a writer on a URL
    /// leaves nothing at its path (and what the path held stays), without the debug-build
    /// warning a dropped writer gives; a writer on a handle or in memory stops where it is.
    /// Later writes and ``finish()`` throw. Does nothing after ``finish()``.
    public func cancel() {
        core.cancel()
    }
}

extension ArrowFileWriter {
    /// Writes the file at `url` through `body`, which writes its batches, and finishes it:
    /// the file appears whole when `body` returns, and not at all when it throws.
    ///
    /// ```swift
    /// try ArrowFileWriter.write(to: url, schema: schema) { writer in
    ///     for batch in batches { try writer.write(batch) }
    /// }
    /// ```
    @discardableResult
    public static func write<Result>(
        to url: URL, schema: Schema, footerMetadata: Metadata = [:], options: ArrowWriteOptions = ArrowWriteOptions(),
        _ body: (ArrowFileWriter) throws -> Result
    ) throws -> Result {
        let writer = try ArrowFileWriter(url: url, schema: schema, footerMetadata: footerMetadata, options: options)
        let result: Result
        do {
            result = try body(writer)
        } catch {
            writer.cancel()
            throw error
        }
        try writer.finish()
        return result
    }
}

/// The six bytes that open and close an Arrow file.
let fileMagic: [UInt8] = Array("ARROW1".utf8)
