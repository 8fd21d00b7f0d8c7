/// A record batch's message header, as ``ArrowFileReader/recordBatchInfo(at:)`` and
/// ``ArrowStreamReader/nextInfo()`` read it, without decoding or decompressing the data.
public struct RecordBatchInfo: Sendable, Hashable {
    /// The number of rows.
    public let rowCount: Int
    /// The custom metadata of the batch's message.
    public let metadata: Metadata
    /// The size of the batch's body in bytes, as stored.
    public let bodyLength: Int
    /// The codec that compressed the body's buffers, or `nil` when they are stored plain.
    public let compression: CompressionCodec?
    /// What the body takes decompressed: for a compressed body, the uncompressed lengths its
    /// buffers declare, each padded to 8 bytes; for a plain body, ``bodyLength``.
    public let uncompressedBodyLength: Int

    /// Reads the length prefixes of a compressed body's buffers (never their frames).
    init(header: RecordBatchHeader, body: any RandomAccessBytes, metadata: Metadata, context: String) throws {
        guard header.length >= 0, header.length <= Int64(Int.max) else {
            throw ArrowError.invalidData("\(context) has an invalid row count \(header.length)")
        }
        rowCount = Int(header.length)
        self.metadata = metadata
        bodyLength = body.count
        compression = header.compression
        guard header.compression != nil else {
            uncompressedBodyLength = body.count
            return
        }
        var total = 0
        for (index, range) in header.buffers.enumerated() where range.length != 0 {
            guard range.offset >= 0, range.length >= 8, range.offset <= Int64(body.count) - range.length else {
                throw ArrowError.invalidData(
                    "\(context): compressed buffer \(index) spans bytes \(range.offset)..<\(range.offset &+ range.length), which do not hold a length prefix inside the body of \(body.count) bytes")
            }
            let prefix = try body.read(offset: Int(range.offset), count: 8, purpose: "the length prefix of compressed buffer \(index) of \(context)")
            let declared = Int64(littleEndian: prefix.baseAddress.loadUnaligned(as: Int64.self))
            let length: Int64 = declared == -1 ? range.length - 8 : declared
            // (Room for the padding, so that neither it nor the total overflows.)
            guard length >= 0, length <= Int64(Int.max - 8 - total) else {
                throw ArrowError.invalidData("\(context): compressed buffer \(index) declares an uncompressed length of \(declared)")
            }
            total += padded(Int(length), to: 8)
        }
        uncompressedBodyLength = total
    }
}
