import Foundation
@testable import ArrowIPC

/// Every message of `bytes` (a stream, or a file read front to back), as the readers frame
/// them, each with the byte where it ends.
func framedMessagesWithEnds(_ bytes: some ContiguousBytes) throws -> [(message: FramedMessage, end: Int)] {
    let buffer = bytes.withUnsafeBytes { ArrowBuffer(copying: $0) }
    var framer = MessageFramer(options: ArrowReadOptions())
    var position = 0
    var messages: [(FramedMessage, Int)] = []
    while let message = try framer.next(from: buffer, at: &position) {
        messages.append((message, position))
    }
    return messages
}

/// Every message of `bytes` (a stream, or a file read front to back).
func framedMessages(_ bytes: some ContiguousBytes) throws -> [FramedMessage] {
    try framedMessagesWithEnds(bytes).map(\.message)
}

/// Writes hand-made messages — any header, any body — framed as the encoder frames them, for
/// tests that build unusual or hostile input.
final class HandMadeMessageWriter {
    private let sink: MemorySink
    private let alignment: Int
    private var position = 0

    init(sink: MemorySink, alignment: Int) {
        self.sink = sink
        self.alignment = alignment
    }

    /// Writes `message` with `body`, each buffer padded to the alignment.
    func write(_ message: Message, body: [ArrowBuffer] = []) throws {
        let bodyLength = body.reduce(0) { $0 + padded($1.count, to: alignment) }
        let encoded = ArrowEncodedMessage(
            framing: message, kind: .recordBatch, body: body.map { BodyBuffer(lengthPrefix: nil, bytes: $0) },
            bodyLength: bodyLength, alignment: alignment, at: position)
        try sink.write(encoded.bytes.bytes)
        position += encoded.byteCount
    }

    func writeEndOfStream() throws {
        try sink.write([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0])
        position += 8
    }
}
