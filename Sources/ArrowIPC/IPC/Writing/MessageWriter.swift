/// Writes encoded IPC messages to a sink and keeps track of where each one lands.
final class MessageWriter {
    private let sink: any ByteSink
    /// Bytes written so far.
    private(set) var position: Int

    init(sink: any ByteSink, position: Int = 0) {
        self.sink = sink
        self.position = position
    }

    /// Writes raw bytes (file magic, footer) outside any message.
    func writeRaw(_ bytes: [UInt8]) throws {
        try sink.write(bytes)
        position += bytes.count
    }

    /// Writes one message, piece by piece from the memory it was encoded in. Returns the
    /// block that locates it, for a file footer.
    @discardableResult
    func write(_ message: ArrowEncodedMessage) throws -> Block {
        let start = position
        try message.metadata.withUnsafeBytes { try sink.write($0) }
        try message.forEachBodyPiece { piece in try piece.withUnsafeBytes { try sink.write($0) } }
        position += message.byteCount
        return Block(offset: Int64(start), metadataLength: Int32(message.metadata.count), bodyLength: Int64(message.bodyLength))
    }

    func flush() throws {
        try sink.flush()
    }
}
