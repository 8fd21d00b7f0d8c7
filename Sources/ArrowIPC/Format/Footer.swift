/// Where one message lies in an IPC file (`Block` in File.fbs).
struct Block: Sendable, Equatable {
    /// The file offset of the message, at its continuation marker or length prefix.
    var offset: Int64
    /// The length of the framing plus the `Message` flatbuffer plus padding.
    var metadataLength: Int32
    /// The length of the message body that follows the metadata.
    var bodyLength: Int64
}

/// The footer of an IPC file (`Footer` in File.fbs): the schema and where each dictionary and
/// record batch message lies, for random access.
struct Footer: Sendable {
    var version: MetadataVersion
    var schema: Schema
    var endianness: Endianness
    var dictionaries: [Block]
    var recordBatches: [Block]
    var customMetadata: Metadata

    init(
        version: MetadataVersion, schema: Schema, endianness: Endianness,
        dictionaries: [Block], recordBatches: [Block], customMetadata: Metadata
    ) {
        self.version = version
        self.schema = schema
        self.endianness = endianness
        self.dictionaries = dictionaries
        self.recordBatches = recordBatches
        self.customMetadata = customMetadata
    }

    /// Decodes a `Footer` flatbuffer; throws on malformed metadata, a missing schema or a
    /// metadata version newer than V5.
    ///
    /// Older versions are decoded as stored rather than rejected: Arrow 0.14 wrote footers
    /// without a version (reading as V1) for files whose messages are V4, and Arrow C++ ignores
    /// the footer's version. Each message's own version is what a reader must check.
    init(flatbuffer: UnsafeRawBufferPointer, maxNestingDepth: Int = SchemaDecoder.maximumDepth) throws {
        let reader = FlatBufferReader(flatbuffer)
        let table = try reader.root("Footer")
        version = try MetadataVersion.decode(table, slot: 0, acceptingOlder: true)
        guard let schemaTable = try table.table(1, "schema", type: "Schema") else {
            throw ArrowError.invalidData("the file footer has no schema (Footer.schema is missing)")
        }
        var decoder = SchemaDecoder(reader: reader, maxDepth: maxNestingDepth)
        (schema, endianness) = try decoder.schema(schemaTable)
        dictionaries = try Self.blocks(table, slot: 2, "dictionaries")
        recordBatches = try Self.blocks(table, slot: 3, "recordBatches")
        customMetadata = try decoder.metadata(table, slot: 4)
    }

    private static func blocks(_ table: FlatBufferTable, slot: Int, _ field: String) throws -> [Block] {
        guard let vector = try table.vector(slot, field, elementSize: 24) else { return [] }
        var blocks: [Block] = []
        blocks.reserveCapacity(vector.count)
        for index in 0..<vector.count {
            blocks.append(Block(
                offset: vector.load(Int64.self, at: index),
                metadataLength: vector.load(Int32.self, at: index, byteOffset: 8),
                bodyLength: vector.load(Int64.self, at: index, byteOffset: 16)))
        }
        return blocks
    }

    private static func encode(_ blocks: [Block], into builder: inout FlatBufferBuilder) -> FlatBufferOffset {
        builder.createStructVector(count: blocks.count, elementSize: 24, alignment: 8) { index, bytes in
            bytes.storeBytes(of: blocks[index].offset.littleEndian, toByteOffset: 0, as: Int64.self)
            bytes.storeBytes(of: blocks[index].metadataLength.littleEndian, toByteOffset: 8, as: Int32.self)
            bytes.storeBytes(of: blocks[index].bodyLength.littleEndian, toByteOffset: 16, as: Int64.self)
        }
    }

    /// Encodes the footer as a `Footer` flatbuffer, with the version as given.
    func flatbuffer() -> [UInt8] {
        var builder = FlatBufferBuilder()
        let schemaTable = SchemaEncoder.schema(schema, endianness: endianness, into: &builder)
        let dictionaryVector = Self.encode(dictionaries, into: &builder)
        let batchVector = Self.encode(recordBatches, into: &builder)
        var fields: [FlatBufferField] = [
            .int16(0, version.rawValue),
            .offset(1, schemaTable),
            .offset(2, dictionaryVector),
            .offset(3, batchVector),
        ]
        if let metadata = SchemaEncoder.metadata(customMetadata, into: &builder) {
            fields.append(.offset(4, metadata))
        }
        let root = builder.createTable(fields)
        return builder.finish(root: root)
    }
}
