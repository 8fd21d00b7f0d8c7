/// One IPC message framed from the input: its decoded metadata and its body bytes.
struct FramedMessage {
    let message: Message
    let body: ArrowBuffer
    /// Which message of the input it is, counting from 0.
    let index: Int
    /// The byte of the input where its framing starts.
    let offset: Int
}

/// The one parser of the IPC message framing, fed bytes as they arrive; it does no I/O.
///
/// An encapsulated message is `0xFFFFFFFF`, an int32 metadata length, the `Message`
/// flatbuffer padded to 8 bytes, then the body; before Arrow 0.15 messages started directly
/// with the length. A zero length ends the stream. An Arrow file read front to back is a
/// stream after an 8-byte magic, with the footer after its end-of-stream marker: that
/// footer is gathered and checked when the input ends, so a cut file is not taken as whole.
///
/// The framing is read in pieces — a length, the metadata, the body — and each piece whose
/// bytes lie in one chunk is a slice of it, copied nowhere. Only a piece split across
/// chunks is gathered, into memory of exactly its size.
struct MessageFramer {
    private enum Stage {
        /// The first four bytes of a message: the continuation marker, or the metadata length
        /// of the legacy framing; for the first message maybe the start of the file magic.
        case lengthPrefix
        /// The rest of the file magic ("W1" and two bytes of padding).
        case fileMagicRest
        /// The metadata length after a continuation marker.
        case continuedLength
        case metadata(length: Int)
        case body(Message, length: Int)
        /// After the end-of-stream marker of a file: its footer and closing magic, up to the end.
        case trailer
        /// After the end-of-stream marker of a stream, or the trailer checked.
        case finished
    }

    private let options: ArrowReadOptions
    private var stage = Stage.lengthPrefix
    /// The bytes gathered so far of a piece that started in an earlier chunk.
    private var partial: PartialPiece?
    /// The footer and magic gathered after a file's end-of-stream marker.
    private var trailer: [UInt8] = []
    /// How many messages were framed, for error messages.
    private(set) var messageIndex = 0
    /// Whether the input began with the Arrow file magic.
    private(set) var isFileFormat = false
    /// Bytes of the input consumed so far.
    private(set) var offset = 0
    /// Where the message being framed started.
    private var messageOffset = 0

    /// A framer for a whole input (a stream, or a file read front to back).
    init(options: ArrowReadOptions) {
        self.options = options
    }

    /// A framer for the one message of a file's footer block at `offset`: no file magic is
    /// looked for, and errors call the message `name`.
    init(options: ArrowReadOptions, blockAt offset: Int, name: String) {
        self.options = options
        self.offset = offset
        messageOffset = offset
        blockName = name
        isFileFormat = true
    }

    /// What errors call the message of a file block.
    private var blockName: String?

    /// What errors call the message being framed.
    private var messageName: String { blockName ?? "message \(messageIndex)" }

    /// Whether the end-of-stream marker (and for a file, everything up to the end) was read.
    var isFinished: Bool {
        if case .finished = stage { return true }
        return false
    }

    /// Whether the end-of-stream marker was read.
    var hasReadEndOfStream: Bool {
        switch stage {
        case .trailer, .finished: true
        case .lengthPrefix, .fileMagicRest, .continuedLength, .metadata, .body: false
        }
    }

    /// Whether the input may end here: between messages, or after the end-of-stream marker.
    /// A file read front to back may end only after its trailer.
    var isAtMessageBoundary: Bool {
        switch stage {
        case .lengthPrefix: partial == nil
        case .finished, .trailer: true
        case .fileMagicRest, .continuedLength, .metadata, .body: false
        }
    }

    /// The metadata of the message whose body is awaited, if the framer is there.
    var messageAwaitingBody: Message? {
        if case .body(let message, _) = stage { return message }
        return nil
    }

    /// How many more bytes complete the piece being read (a length, the metadata, a body): the
    /// least that makes progress, and no more than the input holds if it is whole. After a
    /// file's end-of-stream marker, 1: its trailer runs to the end of the input. 0 when finished.
    var bytesNeeded: Int {
        let gathered = partial?.filled ?? 0
        switch stage {
        case .lengthPrefix, .fileMagicRest, .continuedLength: return 4 - gathered
        case .metadata(let length), .body(_, let length): return length - gathered
        case .trailer: return 1
        case .finished: return 0
        }
    }

    /// Reads from `chunk`, starting at `position`, until a message is complete (returned, with
    /// `position` after it), the chunk is used up (`nil`: more bytes are needed), or the end
    /// of the stream. With `inputEnds`, nothing follows the chunk: a piece it does not
    /// complete is an error at once, and a file's trailer is checked.
    mutating func next(from chunk: ArrowBuffer, at position: inout Int, inputEnds: Bool = false) throws -> FramedMessage? {
        while true {
            switch stage {
            case .finished:
                return nil
            case .trailer:
                try gatherTrailer(chunk, at: &position)
                if inputEnds { try finish() }
                return nil
            case .lengthPrefix, .fileMagicRest, .continuedLength, .metadata, .body:
                // Input that ends between messages ends as finish() says: a stream may end there.
                if inputEnds, position == chunk.count, isAtMessageBoundary {
                    try finish()
                    return nil
                }
                guard let piece = try take(bytesNeeded, from: chunk, at: &position, inputEnds: inputEnds) else { return nil }
                if let message = try advance(with: piece) { return message }
            }
        }
    }

    /// Moves past the body of the message whose metadata was just framed, without its bytes,
    /// for a caller that copies the body from where it lies (``ArrowMessageCopy``); returns
    /// the message with an empty body, or `nil` when no body is awaited. The caller checks
    /// that the input holds the body.
    mutating func skipBody() -> FramedMessage? {
        guard case .body(let message, let length) = stage, partial == nil else { return nil }
        offset += length
        return complete(message, body: .empty)
    }

    /// Says that the input has ended: an error unless it ended between messages, after the
    /// end-of-stream marker, or (for a file read front to back) after a valid trailer.
    mutating func finish() throws {
        switch stage {
        case .finished:
            return
        case .trailer:
            try checkTrailer()
            stage = .finished
        case .lengthPrefix where partial == nil:
            if isFileFormat {
                throw ArrowError.invalidData("the Arrow file ends after message \(messageIndex - 1), without its end-of-stream marker and footer (truncated?)")
            }
            stage = .finished
        case .lengthPrefix, .fileMagicRest, .continuedLength, .metadata, .body:
            let got = partial?.filled ?? 0
            throw truncated(pieceStart: offset - got, got: got)
        }
    }

    // MARK: - Pieces

    /// The next `count` bytes of the input: a slice of `chunk` when it holds them all and no
    /// earlier chunk started them, else gathered; `nil` when the chunk runs out first.
    private mutating func take(
        _ count: Int, from chunk: ArrowBuffer, at position: inout Int, inputEnds: Bool
    ) throws -> ArrowBuffer? {
        let available = chunk.count - position
        if partial == nil {
            if count <= available {
                defer { position += count; offset += count }
                return chunk.slice(offset: position, length: count)
            }
            if inputEnds { throw truncated(pieceStart: offset, got: available) }
            if available == 0 { return nil }
            partial = try PartialPiece(count: count, purpose: pieceName)
        }
        guard var gathering = partial else { return nil }
        let copied = min(available, gathering.remaining)
        chunk.withUnsafeBytes { bytes in
            gathering.append(UnsafeRawBufferPointer(rebasing: bytes[position..<(position + copied)]))
        }
        position += copied
        offset += copied
        guard gathering.remaining == 0 else {
            if inputEnds { throw truncated(pieceStart: offset - gathering.filled, got: gathering.filled) }
            partial = gathering
            return nil
        }
        partial = nil
        return gathering.buffer
    }

    /// Moves past the piece `bytes` just read; returns the message it completes, if any.
    private mutating func advance(with bytes: ArrowBuffer) throws -> FramedMessage? {
        switch stage {
        case .lengthPrefix:
            if messageIndex == 0, !isFileFormat, bytes.hasPrefix(Array(fileMagic.prefix(4)), at: 0) {
                stage = .fileMagicRest
                return nil
            }
            if messageIndex == 0, !isFileFormat, bytes.hasPrefix(featherV1Magic, at: 0) {
                throw ArrowError.notSupported(
                    "the input is a Feather V1 file, which is read from a regular file (its metadata is at its end), not front to back as a stream")
            }
            let length = bytes.loadInt32(at: 0)
            if length == -1 {
                stage = .continuedLength
                return nil
            }
            return try startMetadata(length: length)
        case .fileMagicRest:
            guard bytes.hasPrefix(Array(fileMagic.suffix(2)), at: 0) else {
                throw ArrowError.invalidData("the input starts like the Arrow file magic 'ARROW1' but is not")
            }
            isFileFormat = true
            messageOffset = offset
            stage = .lengthPrefix
            return nil
        case .continuedLength:
            return try startMetadata(length: bytes.loadInt32(at: 0))
        case .metadata:
            let message = try bytes.withUnsafeBytes { try Message(flatbuffer: $0, maxNestingDepth: options.maxNestingDepth) }
            let length = message.bodyLength
            guard length >= 0, length <= Int64(Int.max) else {
                throw ArrowError.invalidData("\(messageName) has an invalid body length \(length)")
            }
            if length == 0 { return complete(message, body: .empty) }
            stage = .body(message, length: Int(length))
            return nil
        case .body(let message, _):
            return complete(message, body: bytes)
        case .trailer, .finished:
            return nil
        }
    }

    /// After a message's length: the end-of-stream marker when 0, else its metadata next.
    private mutating func startMetadata(length: Int32) throws -> FramedMessage? {
        if length == 0 {
            stage = isFileFormat ? .trailer : .finished
            return nil
        }
        // A first length that makes no sense usually means the input is not Arrow at all.
        let lead = messageIndex == 0 && !isFileFormat ? "the input is not an Arrow IPC stream or file: " : ""
        guard length > 0 else {
            throw ArrowError.invalidData("\(lead)\(messageName) has a negative metadata length \(length)")
        }
        guard Int(length) <= options.maxMetadataSize else {
            throw ArrowError.invalidData(
                "\(lead)\(messageName) declares \(length) bytes of metadata, more than the limit of \(options.maxMetadataSize)")
        }
        stage = .metadata(length: Int(length))
        return nil
    }

    private mutating func complete(_ message: Message, body: ArrowBuffer) -> FramedMessage {
        let framed = FramedMessage(message: message, body: body, index: messageIndex, offset: messageOffset)
        messageIndex += 1
        messageOffset = offset
        stage = .lengthPrefix
        return framed
    }

    /// What the piece being read is, for errors.
    private var pieceName: String {
        switch stage {
        case .lengthPrefix: "the length prefix of \(messageName)"
        case .fileMagicRest: "the file magic"
        case .continuedLength: "the metadata length of \(messageName)"
        case .metadata: "the metadata of \(messageName)"
        case .body: "the body of \(messageName)"
        case .trailer: "the file footer"
        case .finished: "the end of the stream"
        }
    }

    /// The error for an input that ends `got` bytes into the piece being read, which starts
    /// at byte `pieceStart`.
    private func truncated(pieceStart: Int, got: Int) -> ArrowError {
        let needed = bytesNeeded + (partial?.filled ?? 0)
        return ArrowError.invalidData(
            "the input ends inside \(pieceName): it needs \(needed) bytes at byte \(pieceStart), but only \(got) remain (truncated?)")
    }

    // MARK: - The file trailer

    private mutating func gatherTrailer(_ chunk: ArrowBuffer, at position: inout Int) throws {
        let count = chunk.count - position
        let limit = options.maxMetadataSize + 4 + fileMagic.count
        guard trailer.count + count <= limit else {
            throw ArrowError.invalidData("the file footer is longer than the limit of \(limit) bytes")
        }
        chunk.withUnsafeBytes { trailer.append(contentsOf: $0[position...]) }
        position += count
        offset += count
    }

    /// Checks what followed a file's end-of-stream marker: a footer, its length and the magic.
    private func checkTrailer() throws {
        let trailerSize = 4 + fileMagic.count
        let bytes = ArrowBuffer(copying: trailer)
        guard bytes.count >= trailerSize, bytes.hasPrefix(fileMagic, at: bytes.count - fileMagic.count) else {
            throw ArrowError.invalidData("the Arrow file does not end with its footer and the magic 'ARROW1' (truncated?)")
        }
        let footerLength = Int(bytes.loadInt32(at: bytes.count - trailerSize))
        guard footerLength > 0, footerLength == bytes.count - trailerSize,
              let footer = bytes.slice(offset: 0, length: footerLength) else {
            throw ArrowError.invalidData(
                "the Arrow file's footer length \(footerLength) does not match its \(bytes.count - trailerSize) footer bytes")
        }
        _ = try footer.withUnsafeBytes { try Footer(flatbuffer: $0, maxNestingDepth: options.maxNestingDepth) }
    }
}

/// A piece of the framing split across chunks, gathered into memory of its final size.
private struct PartialPiece {
    private let storage: HeapAllocation
    private(set) var filled = 0

    init(count: Int, purpose: @autoclosure () -> String) throws {
        storage = try HeapAllocation(inputSized: count, purpose: purpose())
    }

    var remaining: Int { storage.byteCount - filled }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        (storage.pointer + filled).copyMemory(from: source, byteCount: bytes.count)
        filled += bytes.count
    }

    var buffer: ArrowBuffer {
        ArrowBuffer(borrowing: UnsafeRawPointer(storage.pointer), count: filled, owner: storage)
    }
}

extension ArrowBuffer {
    /// The little-endian int32 at byte `offset`; the caller has checked the range.
    func loadInt32(at offset: Int) -> Int32 {
        Int32(littleEndian: baseAddress.loadUnaligned(fromByteOffset: offset, as: Int32.self))
    }
}
