/// What a message carries (the `MessageHeader` union of Message.fbs).
enum MessageHeader: Sendable {
    /// The schema of a stream, and the byte order of the buffers that follow.
    case schema(Schema, Endianness)
    case recordBatch(RecordBatchHeader)
    case dictionaryBatch(DictionaryBatchHeader)
}

/// One IPC message's metadata: the `Message` table of Message.fbs.
///
/// The body (`bodyLength` bytes of buffers) follows the metadata in a stream or file and is
/// handled by the IPC layer.
struct Message: Sendable {
    var version: MetadataVersion
    var header: MessageHeader
    var bodyLength: Int64
    var customMetadata: Metadata

    init(version: MetadataVersion, header: MessageHeader, bodyLength: Int64, customMetadata: Metadata) {
        self.version = version
        self.header = header
        self.bodyLength = bodyLength
        self.customMetadata = customMetadata
    }

    /// Decodes a `Message` flatbuffer.
    ///
    /// Throws ``ArrowError/invalidData(_:)`` for malformed metadata or a message without a
    /// header, and ``ArrowError/notSupported(_:)`` for Tensor and SparseTensor messages and
    /// metadata versions other than V4 and V5.
    init(flatbuffer: UnsafeRawBufferPointer, maxNestingDepth: Int = SchemaDecoder.maximumDepth) throws {
        let reader = FlatBufferReader(flatbuffer)
        let table = try reader.root("Message")
        version = try MetadataVersion.decode(table, slot: 0)
        let tag = try table.scalar(1, "header_type", default: UInt8(0))
        let typeName: String
        switch tag {
        case 0: throw ArrowError.invalidData("the message has no header (Message.header_type is NONE)")
        case 1: typeName = "Schema"
        case 2: typeName = "DictionaryBatch"
        case 3: typeName = "RecordBatch"
        case 4, 5:
            throw ArrowError.notSupported(
                "\(tag == 4 ? "Tensor" : "SparseTensor") messages are not supported; only schemas, record batches and dictionary batches are")
        default:
            throw ArrowError.invalidData("Message.header_type \(tag) is not a known message type")
        }
        guard let headerTable = try table.table(2, "header", type: typeName) else {
            throw ArrowError.invalidData("the message says it holds a \(typeName) but Message.header is missing")
        }
        var decoder = SchemaDecoder(reader: reader, maxDepth: maxNestingDepth)
        switch tag {
        case 1:
            let (schema, endianness) = try decoder.schema(headerTable)
            header = .schema(schema, endianness)
        case 2:
            header = .dictionaryBatch(try DictionaryBatchHeader(headerTable))
        default:
            header = .recordBatch(try RecordBatchHeader(headerTable))
        }
        bodyLength = try table.scalar(3, "bodyLength", default: Int64(0))
        customMetadata = try decoder.metadata(table, slot: 4)
    }

    /// Encodes the message as a `Message` flatbuffer, with the version as given.
    func flatbuffer() -> [UInt8] {
        var builder = FlatBufferBuilder()
        let tag: UInt8
        let headerTable: FlatBufferOffset
        switch header {
        case .schema(let schema, let endianness):
            tag = 1
            headerTable = SchemaEncoder.schema(schema, endianness: endianness, into: &builder)
        case .dictionaryBatch(let batch):
            tag = 2
            headerTable = batch.encode(into: &builder)
        case .recordBatch(let batch):
            tag = 3
            headerTable = batch.encode(into: &builder)
        }
        var fields: [FlatBufferField] = [
            .int16(0, version.rawValue),
            .uint8(1, tag),
            .offset(2, headerTable),
            .int64(3, bodyLength, default: 0),
        ]
        if let metadata = SchemaEncoder.metadata(customMetadata, into: &builder) {
            fields.append(.offset(4, metadata))
        }
        let root = builder.createTable(fields)
        return builder.finish(root: root)
    }
}
