/// Encodes a schema, dictionaries and record batches into the exact bytes of IPC messages,
/// without writing them anywhere: for a transport that frames messages itself, or sends
/// them as they are made. ``ArrowStreamWriter`` and ``ArrowFileWriter`` are built on it.
///
/// The messages, in the order returned, are an Arrow IPC stream: the schema message, then
/// for each batch the dictionary batches it needs and the batch, then the end-of-stream
/// marker. Bodies are the batches' own buffers (or their compressed frames), not copies.
///
/// ```swift
/// var encoder = try ArrowStreamEncoder(schema: batch.schema)
/// var messages = [encoder.schemaMessage()]
/// messages += try encoder.encode(batch)
/// messages.append(encoder.endOfStream())
/// ```
public struct ArrowStreamEncoder {
    /// The schema every batch must have: the one given, dictionary-encoded fields without a
    /// dictionary id having been given one.
    public let schema: Schema
    /// The schema as written: ``schema``, in the classic layouts under compatibility oldest.
    let writtenSchema: Schema
    let options: ArrowWriteOptions
    /// Compresses the buffers of every body, when the options ask for compression.
    let compressor: BodyCompressor?
    /// The dictionaries the reader holds after the messages encoded so far.
    private var dictionaries: DictionaryTracker
    /// The bytes of the messages encoded so far, from the start of the output: metadata is
    /// padded so that every body starts at a multiple of the alignment.
    private(set) var position: Int

    /// An encoder of a stream of batches of `schema`.
    public init(schema: Schema, options: ArrowWriteOptions = ArrowWriteOptions()) throws {
        try self.init(schema: schema, format: .stream, options: options, startPosition: 0)
    }

    /// An encoder of the messages of `format`, the first of which lands at byte
    /// `startPosition` of the output.
    init(schema: Schema, format: ArrowIPCFormat, options: ArrowWriteOptions, startPosition: Int) throws {
        self.schema = try schema.assigningDictionaryIds()
        self.options = try options.validated()
        writtenSchema = self.options.compatibility == .oldest ? self.schema.classicLayout : self.schema
        try self.options.metadataVersion.checkCanCarry(writtenSchema)
        dictionaries = DictionaryTracker(format: format, emitDeltas: options.emitDictionaryDeltas)
        compressor = try options.compression.map {
            try BodyCompressor(codec: $0, level: options.compressionLevel, parallel: options.parallel)
        }
        position = startPosition
    }

    /// The schema message, which starts the stream (with the schema's metadata).
    public mutating func schemaMessage() -> ArrowEncodedMessage {
        let message = Message(
            version: options.metadataVersion, header: .schema(writtenSchema, .little), bodyLength: 0, customMetadata: [:])
        return encoded(message, kind: .schema, body: [], bodyLength: 0)
    }

    /// The messages of `batch`: the dictionary batches its dictionary-encoded columns need —
    /// none for a dictionary already sent, a delta when it extends the one sent (and deltas
    /// are on, or the format is a file), a replacement otherwise — then the batch. Its columns
    /// must have ``schema``'s types and be valid. Nothing changes when it throws.
    public mutating func encode(_ batch: RecordBatch) throws -> [ArrowEncodedMessage] {
        // (Dictionary ids of nested fields are the encoder's to assign, so they may differ.)
        guard batch.schema.fields.map(\.type.comparableForm) == schema.fields.map(\.type.comparableForm) else {
            throw ArrowError.invalidArgument("the batch's column types do not match the writer's schema")
        }
        for (index, column) in batch.columnData.enumerated() {
            do {
                try column.validate(.default)
            } catch let error as ArrowError {
                throw ArrowError.invalidArgument("column \(index) '\(batch.schema.fields[index].name)' is not valid: \(error.reason)")
            }
        }
        var next = self
        let (dictionaryMessages, columns) = try next.dictionaries.prepare(try writtenBatch(batch), schema: writtenSchema)
        var messages = try dictionaryMessages.map { try next.encode($0) }
        let written = RecordBatch(schema: writtenSchema, columnData: columns, rowCount: batch.rowCount, metadata: batch.metadata)
        let (header, body, bodyLength) = try RecordBatchEncoder.encode(written, version: options.metadataVersion)
            .body(length: batch.rowCount, alignment: options.alignment, compressor: compressor)
        let message = Message(
            version: options.metadataVersion, header: .recordBatch(header), bodyLength: Int64(bodyLength),
            customMetadata: batch.metadata)
        messages.append(next.encoded(message, kind: .recordBatch, body: body, bodyLength: bodyLength))
        self = next
        return messages
    }

    /// The end-of-stream marker.
    public mutating func endOfStream() -> ArrowEncodedMessage {
        position += 8
        return ArrowEncodedMessage(
            kind: .endOfStream, metadata: ArrowBuffer(copying: [UInt8](repeating: 0xFF, count: 4) + [0, 0, 0, 0]),
            bodyBuffers: [], alignment: options.alignment, bodyLength: 0)
    }

    /// One dictionary batch message: the values as a one-column record batch.
    private mutating func encode(_ dictionary: DictionaryTracker.Message) throws -> ArrowEncodedMessage {
        let values = dictionary.values
        let batch = RecordBatch(
            schema: Schema([Field("dictionary \(dictionary.id)", values.type)]), columnData: [values],
            rowCount: values.length, metadata: [:])
        let (data, body, bodyLength) = try RecordBatchEncoder.encode(batch, version: options.metadataVersion)
            .body(length: values.length, alignment: options.alignment, compressor: compressor)
        let header = DictionaryBatchHeader(id: dictionary.id, data: data, isDelta: dictionary.isDelta)
        let message = Message(
            version: options.metadataVersion, header: .dictionaryBatch(header), bodyLength: Int64(bodyLength),
            customMetadata: [:])
        return encoded(message, kind: .dictionaryBatch(id: dictionary.id, isDelta: dictionary.isDelta), body: body, bodyLength: bodyLength)
    }

    /// `message` framed to start at this point of the output.
    private mutating func encoded(
        _ message: Message, kind: ArrowEncodedMessage.Kind, body: [BodyBuffer], bodyLength: Int
    ) -> ArrowEncodedMessage {
        let encoded = ArrowEncodedMessage(
            framing: message, kind: kind, body: body, bodyLength: bodyLength, alignment: options.alignment, at: position)
        position += encoded.byteCount
        return encoded
    }

    /// `batch` as written: its columns in the classic layouts under compatibility oldest.
    private func writtenBatch(_ batch: RecordBatch) throws -> RecordBatch {
        guard options.compatibility == .oldest else { return batch }
        let columns = try batch.columnData.enumerated().map { index, column in
            try column.classicLayout(path: "column \(index) '\(batch.schema.fields[index].name)'")
        }
        return RecordBatch(schema: writtenSchema, columnData: columns, rowCount: batch.rowCount, metadata: batch.metadata)
    }
}
