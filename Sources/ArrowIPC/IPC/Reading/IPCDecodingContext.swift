/// What decoding the messages of one stream or file takes, held in one place: the schema,
/// the byte order its data is stored in, the read options, and the dictionaries defined so far.
struct IPCDecodingContext: Sendable {
    let schema: Schema
    let endianness: Endianness
    let options: ArrowReadOptions
    /// The dictionaries the dictionary batches read so far define.
    private(set) var memo: DictionaryMemo

    /// A context for the messages after a schema message (or a file footer) of `schema`.
    /// Throws when two fields share a dictionary id but not a value type.
    init(schema: Schema, endianness: Endianness, options: ArrowReadOptions) throws {
        self.schema = schema
        self.endianness = endianness
        self.options = options
        memo = try DictionaryMemo(schema: schema)
    }

    /// Decodes the record batch message `header`, `body`, decoding only `columns` (schema
    /// positions, in the order wanted) when given. `name` names the message in errors.
    func recordBatch(
        _ header: RecordBatchHeader, body: ArrowBuffer, metadata: Metadata, version: MetadataVersion,
        columns: [Int]?, name: String
    ) throws -> RecordBatch {
        let message = EncodedBatch(header: header, body: body, metadata: metadata, version: version, name: name)
        return try RecordBatchDecoder.decode(
            message, schema: schema, projection: columns, endianness: endianness, options: options,
            dictionaries: memo.dictionaries)
    }

    /// Decodes the dictionary batch message `header`, `body` and defines, extends or replaces
    /// its id's dictionary. Nested dictionary-encoded fields of its values resolve against
    /// the dictionaries already defined.
    @discardableResult
    mutating func apply(
        _ header: DictionaryBatchHeader, body: ArrowBuffer, version: MetadataVersion, name: String
    ) throws -> DictionaryMemo.Update {
        let valueType = try memo.valueType(of: header.id, context: name)
        let message = EncodedBatch(header: header.data, body: body, metadata: [:], version: version, name: name)
        let batch = try RecordBatchDecoder.decode(
            message, schema: Schema([Field("dictionary \(header.id)", valueType)]), projection: nil,
            endianness: endianness, options: options, dictionaries: memo.dictionaries)
        return try memo.store(
            batch.columnData[0], id: header.id, isDelta: header.isDelta,
            growsInPlace: endianness == .native || options.ensureNativeByteOrder, context: name)
    }
}

/// A record batch as a message holds it, before decoding: its header, its body, and what
/// errors call it.
struct EncodedBatch {
    let header: RecordBatchHeader
    let body: ArrowBuffer
    let metadata: Metadata
    /// The metadata version of the message: V4 unions carry a validity buffer.
    let version: MetadataVersion
    /// Names the message in errors, e.g. "record batch 3".
    let name: String
}
