/// One IPC message as ``ArrowStreamEncoder`` encodes it: its metadata — the continuation
/// marker, the length, the `Message` flatbuffer and its padding — and its body, kept apart so
/// that a transport can send the body straight from the batch's memory.
public struct ArrowEncodedMessage: Sendable {
    /// What the message carries.
    public enum Kind: Sendable, Equatable {
        case schema
        /// A dictionary batch for dictionary `id`, extending it when `isDelta`.
        case dictionaryBatch(id: Int64, isDelta: Bool)
        case recordBatch
        /// The end-of-stream marker: metadata only, no body.
        case endOfStream
    }

    public let kind: Kind
    /// The framing and metadata, padded so that the body starts aligned.
    public let metadata: ArrowBuffer
    /// The body's buffers, each followed by padding up to the alignment.
    let bodyBuffers: [BodyBuffer]
    let alignment: Int
    /// The size of the body in bytes, padding included.
    public let bodyLength: Int

    init(kind: Kind, metadata: ArrowBuffer, bodyBuffers: [BodyBuffer], alignment: Int, bodyLength: Int) {
        self.kind = kind
        self.metadata = metadata
        self.bodyBuffers = bodyBuffers
        self.alignment = alignment
        self.bodyLength = bodyLength
    }

    /// `message` with `body` (`bodyLength` bytes once padded), framed to start at byte
    /// `position` of the output: the continuation marker, the metadata length, the flatbuffer
    /// padded so that the body starts at a multiple of `alignment`.
    /// With `pageOffset` (a multiple of the alignment), the body starts that many bytes into
    /// a 4096-byte page: more padding, so that a body copied from a file where it starts there
    /// is copied a whole page at a time.
    init(
        framing message: Message, kind: Kind, body: [BodyBuffer], bodyLength: Int, alignment: Int, at position: Int,
        pageOffset: Int? = nil
    ) {
        let flatbuffer = message.flatbuffer()
        var metadataLength = padded(position + 8 + flatbuffer.count, to: max(8, alignment)) - position
        if let pageOffset {
            metadataLength += (pageOffset - (position + metadataLength) % pageSize + pageSize) % pageSize
        }
        let metadata = ArrowBuffer(count: metadataLength) { bytes in
            bytes.initializeMemory(as: UInt8.self, repeating: 0)
            bytes.storeBytes(of: UInt32.max, as: UInt32.self)
            bytes.storeBytes(of: Int32(metadataLength - 8).littleEndian, toByteOffset: 4, as: Int32.self)
            flatbuffer.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(rebasing: bytes[8..<(8 + source.count)]).copyMemory(from: source)
            }
        }
        self.init(kind: kind, metadata: metadata, bodyBuffers: body, alignment: alignment, bodyLength: bodyLength)
    }

    /// The size of the whole message in bytes.
    public var byteCount: Int { metadata.count + bodyLength }

    /// The body as it goes out, in pieces: each buffer (after its 8-byte length prefix in a
    /// compressed body), then its zero padding. The buffers are the batch's own memory.
    public var bodyPieces: [ArrowBuffer] {
        var pieces: [ArrowBuffer] = []
        pieces.reserveCapacity(bodyBuffers.count * 2)
        forEachBodyPiece { pieces.append($0) }
        return pieces
    }

    /// The message as chunks for a transport: runs of pieces smaller than `threshold` bytes
    /// (the metadata, padding, small buffers) copied together, larger pieces as they are.
    public func chunks(coalescingBelow threshold: Int = 1 << 16) -> [ArrowBuffer] {
        var chunks: [ArrowBuffer] = []
        var small: [ArrowBuffer] = []
        func flushSmall() {
            guard !small.isEmpty else { return }
            chunks.append(small.count == 1 ? small[0] : ArrowBuffer(joining: small))
            small.removeAll()
        }
        for piece in [metadata] + bodyPieces {
            if piece.count < threshold {
                small.append(piece)
            } else {
                flushSmall()
                chunks.append(piece)
            }
        }
        flushSmall()
        return chunks
    }

    /// The whole message in one buffer (a copy of the body).
    public var bytes: ArrowBuffer {
        ArrowBuffer(joining: [metadata] + bodyPieces)
    }

    /// Calls `body` with each piece of the body in order, without collecting them.
    func forEachBodyPiece(_ body: (ArrowBuffer) throws -> Void) rethrows {
        for buffer in bodyBuffers {
            if let lengthPrefix = buffer.lengthPrefix {
                try body(ArrowBuffer(copying: [lengthPrefix.littleEndian]))
            }
            try body(buffer.bytes)
            let padding = padded(buffer.count, to: alignment) - buffer.count
            if padding > 0 { try body(ArrowBuffer.zeros(padding)) }
        }
    }
}

/// The page size the copies of message bodies line up with.
let pageSize = 4096

extension ArrowBuffer {
    /// One new buffer holding the bytes of `pieces`, in order.
    init(joining pieces: [ArrowBuffer]) {
        self.init(count: pieces.reduce(0) { $0 + $1.count }) { target in
            guard let start = target.baseAddress else { return }
            var position = 0
            for piece in pieces {
                piece.withUnsafeBytes { source in
                    if let base = source.baseAddress { (start + position).copyMemory(from: base, byteCount: source.count) }
                }
                position += piece.count
            }
        }
    }

    /// `count` zero bytes: up to 64 from the shared zeroed block of the empty buffer.
    static func zeros(_ count: Int) -> ArrowBuffer {
        guard count <= 64 else {
            return ArrowBuffer(count: count) { $0.initializeMemory(as: UInt8.self, repeating: 0) }
        }
        return ArrowBuffer(owner: HeapAllocation.emptyBlock, baseAddress: HeapAllocation.emptyBlock.pointer, count: count)
    }
}
