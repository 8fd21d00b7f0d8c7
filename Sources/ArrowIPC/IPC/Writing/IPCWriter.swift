import Foundation

/// The body size from which a copied body lines up with its input's pages.
private let pageAlignedBodySize = 1 << 20

/// What the stream and file writers share: the destination, and the encoder of the schema,
/// dictionaries and record batches into messages.
final class IPCWriter {
    private var encoder: ArrowStreamEncoder
    let messages: MessageWriter
    private let sink: any ByteSink
    private let memory: MemorySink?
    /// The file of a writer opened on a URL, named only when the writer finishes.
    private let output: OutputFile?
    /// Whether each batch is flushed to the destination as it is written: on a handle given by
    /// the caller (a pipe, a socket, standard output), not on a file of the writer's own.
    private let flushesEachBatch: Bool
    /// Set when writing to the destination failed part-way: what was written is incomplete.
    private var failure: ArrowError?
    /// Set by ``finish()`` and ``cancel()``: no more batches are taken.
    private(set) var isFinished = false
    /// Set by ``cancel()``.
    private var isCancelled = false

    /// A writer of `format` to memory (`url` and `descriptor` nil), to a new file at `url`, or
    /// to an open descriptor.
    init(
        schema: Schema, format: ArrowIPCFormat, options: ArrowWriteOptions, url: URL?, descriptor: Int32?,
        startPosition: Int = 0
    ) throws {
        // (A file's messages start after its 8-byte magic.)
        encoder = try ArrowStreamEncoder(
            schema: schema, format: format, options: options, startPosition: startPosition + (format == .file ? 8 : 0))
        flushesEachBatch = descriptor != nil
        if let url {
            let file = try OutputFile(path: url.path)
            sink = FileDescriptorSink(descriptor: file.descriptor, name: url.path)
            output = file
            memory = nil
        } else if let descriptor {
            let name = descriptor == STDOUT_FILENO ? "standard output" : "file descriptor \(descriptor)"
            sink = FileDescriptorSink(descriptor: descriptor, name: name)
            output = nil
            memory = nil
        } else {
            let memorySink = MemorySink()
            sink = memorySink
            memory = memorySink
            output = nil
        }
        // A file of the writer's own is written on a thread of its own while the next batch is
        // encoded; a handle given by the caller gets each batch before `write` returns.
        messages = MessageWriter(sink: sink, position: startPosition, writesBehind: output != nil && options.parallel)
    }

    /// The schema every batch must have (see ``ArrowStreamEncoder/schema``).
    var batchSchema: Schema { encoder.schema }
    /// The schema as written.
    var schema: Schema { encoder.writtenSchema }
    var options: ArrowWriteOptions { encoder.options }

    deinit {
        // Before the file goes: the writing thread may still be writing to it.
        messages.close()
        #if DEBUG
        // A writer on a URL dropped without finish() leaves nothing at its path: say so, in
        // debug builds, unless a failure the caller saw explains it.
        if let output, !isFinished, failure == nil {
            FileHandle.standardError.write(Data(
                "warning: an Arrow writer for \(output.path) was dropped without finish(); nothing was written there\n".utf8))
        }
        #endif
    }

    /// Runs `write`, which writes to the destination; a failure part-way leaves the output
    /// incomplete, so every later write and ``finish()`` refuse (and a file is never named).
    @discardableResult
    func writing<T>(_ write: () throws -> T) throws -> T {
        if let failure {
            throw ArrowError.invalidArgument("the output is incomplete, since an earlier write failed: \(failure.reason)")
        }
        do {
            return try write()
        } catch let error as ArrowError {
            failure = error
            throw error
        }
    }

    func writeSchema() throws {
        let message = encoder.schemaMessage()
        try writing { try messages.write(message) }
    }

    /// Writes the dictionary batch messages `batch` needs, then `batch` as a record batch
    /// message; returns where the dictionary messages and the batch go. Everything is
    /// encoded before anything is written: a batch that cannot be encoded leaves the output
    /// as it was. To a file of the writer's own, the messages are written on the writer's
    /// thread while the caller goes on; a failure there is thrown by the next call.
    func write(_ batch: RecordBatch) throws -> (dictionaries: [Block], batch: Block) {
        guard !isFinished else {
            throw ArrowError.invalidArgument("the writer is \(isCancelled ? "cancelled" : "finished"); no more batches can be written")
        }
        let encoded = try encoder.encode(batch)
        let compressor = encoder.compressor
        return try writing {
            let blocks = try messages.writeBehind(encoded) {
                // The sinks copy or write what they are given before returning: the frames are free.
                for message in encoded { compressor?.recycle(message.bodyBuffers) }
            }
            // A reader at the other end of a pipe or socket gets each batch as it is written.
            if flushesEachBatch { try messages.flush() }
            return (Array(blocks.dropLast()), blocks[blocks.count - 1])
        }
    }

    /// Writes `source`, a message of another input, without decoding its body: its metadata
    /// framed for where it lands (padded so that the body starts at a multiple of the
    /// alignment, and a body of 1 MiB or more from a file at the same offset in a page as
    /// in its input), then its body copied from its input, padded to a multiple of the
    /// alignment, so that the next message starts aligned.
    /// Returns where it went.
    ///
    /// A body lines up with its input's pages when it starts there at a multiple of
    /// `lineUpAlignment`: the alignment its buffers must keep.
    func writeCopy(of source: SourceMessage, lineUpAlignment: Int) throws -> Block {
        guard !isFinished else {
            throw ArrowError.invalidArgument("the writer is \(isCancelled ? "cancelled" : "finished"); no more messages can be written")
        }
        let body = source.body
        var message = source.message
        let bodyLength = padded(body.count, to: max(8, options.alignment))
        message.bodyLength = Int64(bodyLength)
        let kind: ArrowEncodedMessage.Kind
        switch message.header {
        case .schema: kind = .schema
        case .dictionaryBatch(let header): kind = .dictionaryBatch(id: header.id, isDelta: header.isDelta)
        case .recordBatch: kind = .recordBatch
        }
        // A large body starts where it does in its page of the input, when that keeps the
        // alignment: the system then copies whole pages, twice as fast as shifted ones.
        let alignment = options.alignment
        let linesUp = body.count >= pageAlignedBodySize && body.offset % max(8, lineUpAlignment) == 0 && body.base is InputFile
        let framed = ArrowEncodedMessage(
            framing: message, kind: kind, body: [], bodyLength: bodyLength, alignment: alignment, at: messages.position,
            pageOffset: linesUp ? body.offset % pageSize : nil)
        return try writing {
            let block = try messages.write(framed)
            try sink.copy(from: body.base, offset: body.offset, count: body.count)
            try sink.writeZeros(bodyLength - body.count)
            if flushesEachBatch, kind == .recordBatch { try messages.flush() }
            return block
        }
    }

    /// Writes the end-of-stream marker.
    func writeEndOfStream() throws {
        let marker = encoder.endOfStream()
        try writing { try messages.write(marker) }
    }

    /// Flushes the destination, and gives a file opened on a URL its name; returns the bytes
    /// for an in-memory writer. A writer whose output is incomplete throws instead, and its
    /// file never gets the name.
    func finish() throws -> Data {
        guard !isFinished else {
            throw ArrowError.invalidArgument("the writer is already \(isCancelled ? "cancelled" : "finished")")
        }
        isFinished = true
        do {
            try writing { try messages.flush() }
            try output?.commit(syncing: options.syncsToDisk)
        } catch {
            messages.close()
            output?.discard()
            throw error
        }
        return memory?.data ?? Data()
    }

    /// Abandons the output: a file on a URL is never named (its temporary file is removed and
    /// the path keeps what it held); a descriptor or memory keeps what was written. Later
    /// writes and ``finish()`` throw. Does nothing once finished or cancelled.
    func cancel() {
        guard !isFinished else { return }
        isFinished = true
        isCancelled = true
        messages.close()
        output?.discard()
    }
}
