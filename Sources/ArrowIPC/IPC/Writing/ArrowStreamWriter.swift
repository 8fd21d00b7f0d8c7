import Foundation

/// Writes record batches in the Arrow IPC stream format (`.arrows`): the schema, then each
/// batch as it is written, then the end-of-stream marker on ``finish()``.
///
/// ```swift
/// let writer = try ArrowStreamWriter(schema: batch.schema)
/// try writer.write(batch)
/// let bytes: Data = try writer.finish()
/// ```
public final class ArrowStreamWriter {
    private let core: IPCWriter

    /// A writer that collects the stream in memory; ``finish()`` returns it.
    public init(schema: Schema, options: ArrowWriteOptions = ArrowWriteOptions()) throws {
        core = try IPCWriter(schema: schema, format: .stream, options: options, url: nil, descriptor: nil)
        try core.writeSchema()
    }

    /// A writer to the file at `url`, which appears there, whole, when ``finish()`` returns.
    ///
    /// Until then the path keeps what it held: the bytes go to a file no name points at (on
    /// Linux an unnamed file; elsewhere a hidden `.NAME.RANDOM.partial` beside it, see
    /// ``UnfinishedOutputFiles``), which `finish()` flushes to disk and then names, replacing
    /// the old file in one step. A writer that fails, or is dropped unfinished, leaves the
    /// path as it was. A symbolic link is followed (its target is replaced); a FIFO or
    /// device is written directly, as it goes.
    public init(url: URL, schema: Schema, options: ArrowWriteOptions = ArrowWriteOptions()) throws {
        core = try IPCWriter(schema: schema, format: .stream, options: options, url: url, descriptor: nil)
        try core.writeSchema()
    }

    /// A writer to an open file handle, such as standard output or a pipe; the handle stays open.
    public init(fileHandle: FileHandle, schema: Schema, options: ArrowWriteOptions = ArrowWriteOptions()) throws {
        core = try IPCWriter(schema: schema, format: .stream, options: options, url: nil, descriptor: fileHandle.fileDescriptor)
        try core.writeSchema()
    }

    /// The schema every batch must have: the one given, dictionary-encoded fields without a
    /// dictionary id having been given one. Under ``CompatibilityLevel/oldest`` the stream's
    /// schema has the classic layouts instead of the view layouts.
    public var schema: Schema { core.batchSchema }

    /// Appends `batch` to the stream, preceded by the dictionary batches its dictionary-encoded
    /// columns need: nothing for a dictionary already written, a delta when the dictionary
    /// extends the one written and ``ArrowWriteOptions/emitDictionaryDeltas`` is set, a
    /// replacement otherwise. Its columns must have the writer's schema's types.
    public func write(_ batch: RecordBatch) throws {
        _ = try core.write(batch)
    }

    /// Appends a message of another input as it is (see ``ArrowMessageCopy``).
    func writeCopy(of source: SourceMessage, lineUpAlignment: Int) throws {
        _ = try core.writeCopy(of: source, lineUpAlignment: lineUpAlignment)
    }

    /// Writes the end-of-stream marker and flushes. Returns the whole stream for an in-memory
    /// writer, and empty `Data` for a file or handle.
    @discardableResult
    public func finish() throws -> Data {
        if !core.isFinished { try core.writeEndOfStream() }
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

extension ArrowStreamWriter {
    /// Writes the stream at `url` through `body`, which writes its batches, and finishes it:
    /// the file appears whole when `body` returns, and not at all when it throws.
    @discardableResult
    public static func write<Result>(
        to url: URL, schema: Schema, options: ArrowWriteOptions = ArrowWriteOptions(), _ body: (ArrowStreamWriter) throws -> Result
    ) throws -> Result {
        let writer = try ArrowStreamWriter(url: url, schema: schema, options: options)
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
