/// Writes encoded IPC messages to a sink and keeps track of where each one lands.
final class MessageWriter {
    private let sink: any ByteSink
    /// Bytes written so far, or handed to ``behind`` to be written.
    private(set) var position: Int
    /// Where ``writeBehind(_:whenWritten:)`` sends its messages, when the writer has a thread
    /// for them.
    private let behind: WriteBehind?

    /// A writer to `sink`, which has `position` bytes already; with `writesBehind`, batches go
    /// out on a thread of their own (see ``writeBehind(_:whenWritten:)``).
    init(sink: any ByteSink, position: Int = 0, writesBehind: Bool = false) {
        self.sink = sink
        self.position = position
        behind = writesBehind ? WriteBehind() : nil
    }

    deinit {
        behind?.close()
    }

    /// Writes raw bytes (file magic, footer) outside any message.
    func writeRaw(_ bytes: [UInt8]) throws {
        try drain()
        try sink.write(bytes)
        position += bytes.count
    }

    /// Writes one message, piece by piece from the memory it was encoded in. Returns the
    /// block that locates it, for a file footer.
    @discardableResult
    func write(_ message: ArrowEncodedMessage) throws -> Block {
        try drain()
        try Self.write(message, to: sink)
        return advance(over: message)
    }

    /// Writes `messages` (the dictionaries and the record batch of one batch), on the writer's
    /// thread when it has one, then calls `whenWritten`; returns where they go. Their bytes
    /// must not change until they are written: until the next call on this writer returns.
    func writeBehind(_ messages: [ArrowEncodedMessage], whenWritten: @escaping () -> Void) throws -> [Block] {
        guard let behind else {
            let blocks = try messages.map { try write($0) }
            whenWritten()
            return blocks
        }
        let sink = self.sink
        try behind.submit {
            for message in messages { try Self.write(message, to: sink) }
            whenWritten()
        }
        return messages.map(advance(over:))
    }

    /// Waits until every message is written; throws what failed in writing one.
    func drain() throws {
        try behind?.drain()
    }

    /// Stops writing: a message not yet begun is dropped.
    func close() {
        behind?.close()
    }

    func flush() throws {
        try drain()
        try sink.flush()
    }

    private static func write(_ message: ArrowEncodedMessage, to sink: any ByteSink) throws {
        try message.metadata.withUnsafeBytes { try sink.write($0) }
        try message.forEachBodyPiece { piece in try piece.withUnsafeBytes { try sink.write($0) } }
    }

    /// The block of `message`, written at the current position, which moves past it.
    private func advance(over message: ArrowEncodedMessage) -> Block {
        let start = position
        position += message.byteCount
        return Block(offset: Int64(start), metadataLength: Int32(message.metadata.count), bodyLength: Int64(message.bodyLength))
    }
}
