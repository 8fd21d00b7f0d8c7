import Foundation

/// Writes record batches as an Arrow IPC stream to an asynchronous destination: a closure
/// that sends each chunk (a socket, a network protocol, an `AsyncStream`'s continuation), or
/// a file handle written without blocking a thread of Swift's cooperative pool.
///
/// Each ``write(_:isolation:)`` waits until the destination has taken the batch's chunks, so
/// a slow consumer slows the producer and memory stays at about one batch. Large buffers go
/// out as chunks of their own, straight from the batch's memory; the small pieces between
/// them (metadata, padding, small buffers) are joined into one chunk.
///
/// ```swift
/// let writer = try ArrowAsyncStreamWriter(schema: schema) { chunk in try await socket.send(chunk) }
/// for batch in batches { try await writer.write(batch) }
/// try await writer.finish()
/// ```
public final class ArrowAsyncStreamWriter {
    private var encoder: ArrowStreamEncoder
    private let send: (ArrowBuffer) async throws -> Void
    private var startedStream = false
    private var isFinished = false
    /// Set when sending failed part-way: what was sent is incomplete.
    private var failure: (any Error)?

    /// A writer that hands each chunk of the stream to `send`, in order, waiting for it.
    public init(
        schema: Schema, options: ArrowWriteOptions = ArrowWriteOptions(), send: @escaping (ArrowBuffer) async throws -> Void
    ) throws {
        encoder = try ArrowStreamEncoder(schema: schema, options: options)
        self.send = send
    }

    /// A writer to an open file handle — standard output, a pipe, a socket — written on a
    /// dispatch queue of the writer's own; the handle stays open.
    public convenience init(fileHandle: FileHandle, schema: Schema, options: ArrowWriteOptions = ArrowWriteOptions()) throws {
        let descriptor = fileHandle.fileDescriptor
        let name = descriptor == STDOUT_FILENO ? "standard output" : "file descriptor \(descriptor)"
        let sink = QueueOwnedSink(FileDescriptorSink(descriptor: descriptor, name: name))
        let queue = DispatchQueue(label: "ArrowIPC.ArrowAsyncStreamWriter")
        try self.init(schema: schema, options: options) { chunk in
            try await runBlockingWork(on: queue) { try chunk.withUnsafeBytes { try sink.sink.writeAll($0) } }
        }
    }

    /// The schema every batch must have (see ``ArrowStreamEncoder/schema``).
    public var schema: Schema { encoder.schema }

    /// Sends `batch`, preceded by the schema (before the first batch) and the dictionary
    /// batches its dictionary-encoded columns need; returns when the destination has taken it.
    public func write(_ batch: RecordBatch, isolation: isolated (any Actor)? = #isolation) async throws {
        guard !isFinished else {
            throw ArrowError.invalidArgument("the writer is finished; no more batches can be written")
        }
        var messages = startedStream ? [] : [encoder.schemaMessage()]
        messages += try encoder.encode(batch)
        startedStream = true
        try await sendAll(messages, isolation: isolation)
    }

    /// Sends the end-of-stream marker (and the schema, when no batch was written).
    public func finish(isolation: isolated (any Actor)? = #isolation) async throws {
        guard !isFinished else {
            throw ArrowError.invalidArgument("the writer is already finished")
        }
        isFinished = true
        var messages = startedStream ? [] : [encoder.schemaMessage()]
        messages.append(encoder.endOfStream())
        startedStream = true
        try await sendAll(messages, isolation: isolation)
    }

    private func sendAll(_ messages: [ArrowEncodedMessage], isolation: isolated (any Actor)?) async throws {
        if let failure {
            throw ArrowError.invalidArgument("the output is incomplete, since an earlier write failed: \(failure)")
        }
        do {
            for message in messages {
                for chunk in message.chunks() {
                    try await send(chunk)
                }
            }
        } catch {
            failure = error
            throw error
        }
    }
}

/// The descriptor sink of an async writer, used only on its queue (one write at a time: the
/// writer waits for each).
private final class QueueOwnedSink: @unchecked Sendable {
    let sink: FileDescriptorSink

    init(_ sink: FileDescriptorSink) {
        self.sink = sink
    }
}
