/// Writes encapsulated IPC messages to a sink and keeps track of where each one lands.
final class MessageWriter {
    private let sink: any ByteSink
    private let alignment: Int
    /// Bytes written so far.
    private(set) var position: Int

    init(sink: any ByteSink, alignment: Int, position: Int = 0) {
        self.sink = sink
        self.alignment = alignment
        self.position = position
    }

    /// Writes raw bytes (file magic, footer) outside any message.
    func writeRaw(_ bytes: [UInt8]) throws {
        try sink.write(bytes)
        position += bytes.count
    }

    /// Writes one message: the continuation marker, the metadata length, the flatbuffer
    /// padded so that the body starts aligned, then each body buffer padded to the alignment.
    /// Returns the block that locates the message, for a file footer.
    @discardableResult
    func write(_ message: Message, body: [ArrowBuffer] = []) throws -> Block {
        try write(message, body: body.map { BodyBuffer(lengthPrefix: nil, bytes: $0) })
    }

    /// Writes one message whose body buffers may carry length prefixes (a compressed body).
    @discardableResult
    func write(_ message: Message, body: [BodyBuffer]) throws -> Block {
        let start = position
        let flatbuffer = message.flatbuffer()
        let metadataLength = padded(start + 8 + flatbuffer.count, to: max(8, alignment)) - start
        var prefix = [UInt8](repeating: 0xFF, count: 4)
        withUnsafeBytes(of: Int32(metadataLength - 8).littleEndian) { prefix.append(contentsOf: $0) }
        try sink.write(prefix)
        try sink.write(flatbuffer)
        try sink.writeZeros(metadataLength - 8 - flatbuffer.count)
        position += metadataLength
        var bodyLength = 0
        for buffer in body {
            if let lengthPrefix = buffer.lengthPrefix {
                try withUnsafeBytes(of: lengthPrefix.littleEndian) { try sink.write($0) }
            }
            try buffer.bytes.withUnsafeBytes { try sink.write($0) }
            let paddedCount = padded(buffer.count, to: alignment)
            try sink.writeZeros(paddedCount - buffer.count)
            bodyLength += paddedCount
        }
        position += bodyLength
        return Block(offset: Int64(start), metadataLength: Int32(metadataLength), bodyLength: Int64(bodyLength))
    }

    /// Writes the end-of-stream marker: a continuation marker and a zero length.
    func writeEndOfStream() throws {
        try writeRaw([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0])
    }

    func flush() throws {
        try sink.flush()
    }
}
