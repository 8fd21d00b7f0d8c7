import Foundation

/// What the stream and file writers share: the destination, the schema message, the
/// dictionaries and the encoding of record batches into messages.
final class IPCWriter {
    /// The schema every batch must have: the caller's, every dictionary-encoded field given
    /// a dictionary id.
    let batchSchema: Schema
    /// The schema as written: `batchSchema`, in the classic layouts under compatibility oldest.
    let schema: Schema
    let options: ArrowWriteOptions
    let messages: MessageWriter
    /// Compresses the buffers of every body, when the options ask for compression.
    private let compressor: BodyCompressor?
    private var dictionaries: DictionaryTracker
    private let sink: any ByteSink
    private let memory: MemorySink?
    /// The file of a writer opened on a URL, named only when the writer finishes.
    private let output: OutputFile?
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
        self.batchSchema = try schema.assigningDictionaryIds()
        self.options = try options.validated()
        self.schema = try Self.writtenSchema(batchSchema, options: self.options)
        dictionaries = DictionaryTracker(format: format, emitDeltas: options.emitDictionaryDeltas)
        compressor = try options.compression.map {
            try BodyCompressor(codec: $0, level: options.compressionLevel, parallel: options.parallel)
        }
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
        messages = MessageWriter(sink: sink, alignment: self.options.alignment, position: startPosition)
    }

    #if DEBUG
    deinit {
        // A writer on a URL dropped without finish() leaves nothing at its path: say so, in
        // debug builds, unless a failure the caller saw explains it.
        if let output, !isFinished, failure == nil {
            FileHandle.standardError.write(Data(
                "warning: an Arrow writer for \(output.path) was dropped without finish(); nothing was written there\n".utf8))
        }
    }
    #endif

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
        let message = Message(version: options.metadataVersion, header: .schema(schema, .little), bodyLength: 0, customMetadata: [:])
        try writing { try messages.write(message) }
    }

    /// Writes the dictionary batch messages `batch` needs, then `batch` as a record batch
    /// message; returns where the dictionary messages and the batch went.
    func write(_ batch: RecordBatch) throws -> (dictionaries: [Block], batch: Block) {
        guard !isFinished else {
            throw ArrowError.invalidArgument("the writer is \(isCancelled ? "cancelled" : "finished"); no more batches can be written")
        }
        // (Dictionary ids of nested fields are the writer's to assign, so they may differ.)
        guard batch.schema.fields.map(\.type.comparableForm) == batchSchema.fields.map(\.type.comparableForm) else {
            throw ArrowError.invalidArgument("the batch's column types do not match the writer's schema")
        }
        for (index, column) in batch.columnData.enumerated() {
            do {
                try column.validate(.default)
            } catch let error as ArrowError {
                throw ArrowError.invalidArgument("column \(index) '\(batch.schema.fields[index].name)' is not valid: \(error.reason)")
            }
        }
        let written = try writtenBatch(batch)
        var tracker = dictionaries
        let (dictionaryMessages, columns) = try tracker.prepare(written, schema: schema)
        // Everything is encoded before anything is written: a batch that cannot be encoded
        // leaves the output, and what the tracker says the reader holds, as they were.
        let encodedDictionaries = try dictionaryMessages.map(encode)
        let encoded = RecordBatch(schema: schema, columnData: columns, rowCount: batch.rowCount, metadata: batch.metadata)
        let encoder = try RecordBatchEncoder.encode(encoded, version: options.metadataVersion)
        let (header, body, bodyLength) = try encoder.body(
            length: batch.rowCount, alignment: options.alignment, compressor: compressor)
        let message = Message(
            version: options.metadataVersion, header: .recordBatch(header), bodyLength: Int64(bodyLength),
            customMetadata: batch.metadata)
        return try writing {
            var dictionaryBlocks: [Block] = []
            for (dictionaryMessage, body) in encodedDictionaries {
                dictionaryBlocks.append(try messages.write(dictionaryMessage, body: body))
                compressor?.recycle(body)
            }
            dictionaries = tracker
            let block = try messages.write(message, body: body)
            // The sinks copy or write what they are given before returning: the frames are free.
            compressor?.recycle(body)
            return (dictionaryBlocks, block)
        }
    }

    /// One dictionary batch message — the values as a one-column record batch — and its body.
    private func encode(_ dictionary: DictionaryTracker.Message) throws -> (Message, [BodyBuffer]) {
        let values = dictionary.values
        let field = Field("dictionary \(dictionary.id)", values.type)
        let batch = RecordBatch(schema: Schema([field]), columnData: [values], rowCount: values.length, metadata: [:])
        let encoder = try RecordBatchEncoder.encode(batch, version: options.metadataVersion)
        let (data, body, bodyLength) = try encoder.body(
            length: values.length, alignment: options.alignment, compressor: compressor)
        let header = DictionaryBatchHeader(id: dictionary.id, data: data, isDelta: dictionary.isDelta)
        let message = Message(
            version: options.metadataVersion, header: .dictionaryBatch(header), bodyLength: Int64(bodyLength),
            customMetadata: [:])
        return (message, body)
    }

    /// The schema written for batches of `batchSchema`: in the classic layouts under
    /// compatibility oldest, and checked to be one the metadata version can carry.
    private static func writtenSchema(_ batchSchema: Schema, options: ArrowWriteOptions) throws -> Schema {
        let schema = options.compatibility == .oldest ? batchSchema.classicLayout : batchSchema
        try options.metadataVersion.checkCanCarry(schema)
        return schema
    }

    /// `batch` (validated, of `batchSchema`'s types) as written: its columns in the classic
    /// layouts under compatibility oldest.
    private func writtenBatch(_ batch: RecordBatch) throws -> RecordBatch {
        guard options.compatibility == .oldest else { return batch }
        let columns = try batch.columnData.enumerated().map { index, column in
            try column.classicLayout(path: "column \(index) '\(batch.schema.fields[index].name)'")
        }
        return RecordBatch(schema: schema, columnData: columns, rowCount: batch.rowCount, metadata: batch.metadata)
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
        output?.discard()
    }
}
