import Foundation

/// What the stream and file writers share: the destination, the schema message and the
/// encoding of record batches into messages.
final class IPCWriter {
    let schema: Schema
    let options: ArrowWriteOptions
    let messages: MessageWriter
    private let sink: any ByteSink
    private let memory: MemorySink?
    private var descriptorToClose: Int32?
    private(set) var isFinished = false

    /// A writer to memory (`url` and `descriptor` nil), to a new file at `url`, or to an open descriptor.
    init(schema: Schema, options: ArrowWriteOptions, url: URL?, descriptor: Int32?, startPosition: Int = 0) throws {
        self.schema = schema
        self.options = try options.validated()
        if let url {
            let path = url.path
            let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard opened >= 0 else {
                throw ArrowError.io("cannot create \(path): \(systemErrorDescription())")
            }
            sink = FileDescriptorSink(descriptor: opened, name: path)
            descriptorToClose = opened
            memory = nil
        } else if let descriptor {
            sink = FileDescriptorSink(descriptor: descriptor, name: "file descriptor \(descriptor)")
            memory = nil
        } else {
            let memorySink = MemorySink()
            sink = memorySink
            memory = memorySink
        }
        messages = MessageWriter(sink: sink, alignment: self.options.alignment, position: startPosition)
    }

    deinit {
        if let descriptorToClose { close(descriptorToClose) }
    }

    func writeSchema() throws {
        let message = Message(version: .v5, header: .schema(schema, .little), bodyLength: 0, customMetadata: [:])
        try messages.write(message)
    }

    /// Writes `batch` as a record batch message and returns where it went.
    func write(_ batch: RecordBatch) throws -> Block {
        guard !isFinished else {
            throw ArrowError.invalidArgument("the writer is finished; no more batches can be written")
        }
        guard batch.schema.fields.map(\.type) == schema.fields.map(\.type) else {
            throw ArrowError.invalidArgument("the batch's column types do not match the writer's schema")
        }
        for (index, column) in batch.columnData.enumerated() {
            do {
                try column.validate(.default)
            } catch let error as ArrowError {
                throw ArrowError.invalidArgument("column \(index) '\(batch.schema.fields[index].name)' is not valid: \(error.reason)")
            }
        }
        let encoder = try RecordBatchEncoder.encode(batch)
        let (header, bodyLength) = encoder.header(length: batch.rowCount, alignment: options.alignment)
        let message = Message(
            version: .v5, header: .recordBatch(header), bodyLength: Int64(bodyLength),
            customMetadata: batch.metadata)
        return try messages.write(message, body: encoder.buffers)
    }

    /// Flushes and closes the destination; returns the bytes for an in-memory writer.
    func finish() throws -> Data {
        guard !isFinished else {
            throw ArrowError.invalidArgument("the writer is already finished")
        }
        isFinished = true
        try messages.flush()
        if let descriptorToClose {
            self.descriptorToClose = nil
            guard close(descriptorToClose) == 0 else {
                throw ArrowError.io("closing the output failed: \(systemErrorDescription())")
            }
        }
        return memory?.data ?? Data()
    }
}
