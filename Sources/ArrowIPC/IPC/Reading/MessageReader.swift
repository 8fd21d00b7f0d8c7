/// One IPC message as read from a stream or file: its decoded metadata and its body bytes.
struct FramedMessage {
    let message: Message
    let body: ArrowBuffer
}

/// Reads encapsulated IPC messages: `0xFFFFFFFF`, an int32 metadata length, the `Message`
/// flatbuffer padded to 8 bytes, then the body. Also reads the pre-0.15 framing that starts
/// directly with the length, and the messages of an Arrow file read front to back (its
/// magic is skipped; the footer after the end-of-stream marker is never reached).
///
/// A reference type, so that copies of a stream reader share one position.
final class MessageReader {
    let source: any ByteSource
    let options: ArrowReadOptions
    /// How many messages were read, for error messages.
    private(set) var messageIndex = 0
    /// Whether the input began with the Arrow file magic.
    private(set) var isFileFormat = false
    /// Set at the end of the stream; later reads return `nil` without touching the source.
    private var isFinished = false

    init(source: any ByteSource, options: ArrowReadOptions) {
        self.source = source
        self.options = options
    }

    /// The next message, or `nil` at the end-of-stream marker or the end of the input. For an
    /// Arrow file read front to back, the end also checks the footer that follows.
    func next() throws -> FramedMessage? {
        guard !isFinished else { return nil }
        guard let message = try readMessage() else {
            isFinished = true
            if isFileFormat { try checkFileTrailer() }
            return nil
        }
        return message
    }

    private func readMessage() throws -> FramedMessage? {
        let index = messageIndex
        guard var prefix = try source.read(count: 4, purpose: "the length prefix of message \(index)") else {
            return nil
        }
        if index == 0 && prefix.hasPrefix(Array(fileMagic.prefix(4)), at: 0) {
            // An Arrow file holds a stream after its 8-byte magic: read that stream.
            guard let rest = try source.read(count: 4, purpose: "the file magic"),
                  rest.hasPrefix(Array(fileMagic.suffix(2)), at: 0) else {
                throw ArrowError.invalidData("the input starts like the Arrow file magic 'ARROW1' but is not")
            }
            guard let next = try source.read(count: 4, purpose: "the length prefix of message 0") else {
                throw ArrowError.invalidData("the Arrow file ends after its magic")
            }
            prefix = next
            isFileFormat = true
        }
        if index == 0 && prefix.hasPrefix(featherV1Magic, at: 0) {
            throw ArrowError.notSupported(
                "the input is a Feather V1 file, which is read from a regular file (its metadata is at its end), not front to back as a stream")
        }
        var length = prefix.loadInt32(at: 0)
        if length == -1 {
            guard let continued = try source.read(count: 4, purpose: "the length of message \(index)") else {
                throw ArrowError.invalidData("the input ends after the continuation marker of message \(index)")
            }
            length = continued.loadInt32(at: 0)
        }
        if length == 0 { return nil }
        // A first length that makes no sense usually means the input is not Arrow at all.
        let lead = index == 0 && !isFileFormat ? "the input is not an Arrow IPC stream or file: " : ""
        guard length > 0 else {
            throw ArrowError.invalidData("\(lead)message \(index) has a negative metadata length \(length)")
        }
        guard Int(length) <= options.maxMetadataSize else {
            throw ArrowError.invalidData(
                "\(lead)message \(index) declares \(length) bytes of metadata, more than the limit of \(options.maxMetadataSize)")
        }
        if let remaining = source.remainingByteCount, Int(length) > remaining {
            throw ArrowError.invalidData(
                "\(lead)message \(index) declares \(length) bytes of metadata, but only \(remaining) bytes remain")
        }
        guard let metadata = try source.read(count: Int(length), purpose: "the metadata of message \(index)") else {
            throw ArrowError.invalidData("the input ends before the metadata of message \(index)")
        }
        let message = try metadata.withUnsafeBytes { try Message(flatbuffer: $0, maxNestingDepth: options.maxNestingDepth) }
        let body = try readBody(length: message.bodyLength, messageIndex: index)
        messageIndex += 1
        return FramedMessage(message: message, body: body)
    }

    /// After the end-of-stream marker of an Arrow file read front to back: checks that the
    /// rest is a footer, its length and the closing magic, so a cut file is not taken as whole.
    private func checkFileTrailer() throws {
        let trailer = try source.readToEnd(limit: options.maxMetadataSize + 10, purpose: "the file footer")
        let trailerSize = 4 + fileMagic.count
        guard trailer.count >= trailerSize, trailer.hasPrefix(fileMagic, at: trailer.count - fileMagic.count) else {
            throw ArrowError.invalidData("the Arrow file does not end with its footer and the magic 'ARROW1' (truncated?)")
        }
        let footerLength = Int(trailer.loadInt32(at: trailer.count - trailerSize))
        guard footerLength > 0, footerLength == trailer.count - trailerSize,
              let footer = trailer.slice(offset: 0, length: footerLength) else {
            throw ArrowError.invalidData("the Arrow file's footer length \(footerLength) does not match its \(trailer.count - trailerSize) footer bytes")
        }
        _ = try footer.withUnsafeBytes { try Footer(flatbuffer: $0, maxNestingDepth: options.maxNestingDepth) }
    }

    private func readBody(length: Int64, messageIndex index: Int) throws -> ArrowBuffer {
        guard length >= 0, length <= Int64(Int.max) else {
            throw ArrowError.invalidData("message \(index) has an invalid body length \(length)")
        }
        if let remaining = source.remainingByteCount, length > Int64(remaining) {
            throw ArrowError.invalidData(
                "message \(index) declares a body of \(length) bytes, but only \(remaining) bytes remain")
        }
        if length == 0 { return .empty }
        guard let body = try source.read(count: Int(length), purpose: "the body of message \(index)") else {
            throw ArrowError.invalidData("the input ends before the body of message \(index)")
        }
        return body
    }
}

extension ArrowBuffer {
    /// The little-endian int32 at byte `offset`; the caller has checked the range.
    func loadInt32(at offset: Int) -> Int32 {
        Int32(littleEndian: baseAddress.loadUnaligned(fromByteOffset: offset, as: Int32.self))
    }
}
