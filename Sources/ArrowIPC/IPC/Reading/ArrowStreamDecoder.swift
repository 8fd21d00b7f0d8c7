import Foundation

/// Decodes an Arrow IPC stream pushed into it in chunks of any size, as they arrive from a
/// socket, a network protocol or any other transport; it does no I/O of its own.
///
/// Each call to ``decode(_:)-(ArrowBuffer)`` returns what the bytes so far complete: the schema, the
/// dictionary batches applied, the record batches, and the end of the stream. An Arrow file
/// pushed front to back is read the same way (its footer is checked at the end). The
/// decoder holds the decoding context — schema, byte order, options, dictionaries — once.
///
/// Fed an ``ArrowBuffer``, the batches point into it wherever a chunk holds a whole message
/// part: nothing is copied. Only a message split across chunks is gathered, into memory of
/// its own size; so memory stays about one message plus one chunk.
///
/// ```swift
/// var decoder = ArrowStreamDecoder()
/// for chunk in chunks {
///     for event in try decoder.decode(chunk) {
///         if case .recordBatch(let batch) = event { print(batch.rowCount) }
///     }
/// }
/// try decoder.finish()
/// ```
public struct ArrowStreamDecoder {
    /// What a chunk completed, in stream order.
    public enum Event: Sendable {
        /// The schema message, always first.
        case schema(Schema)
        /// A dictionary batch, applied: later record batches use it. `isDelta` when it extended
        /// the dictionary of its id rather than defining or replacing it.
        case dictionaryBatch(id: Int64, isDelta: Bool)
        /// A record batch, decoded.
        case recordBatch(RecordBatch)
        /// The end-of-stream marker. (A file's footer follows it, checked by ``finish()``.)
        case endOfStream
    }

    /// A message the decoder framed, before a record batch is decoded: readers decode it
    /// with their own column selection, or only read its header.
    enum Item {
        case schema(Schema)
        case dictionaryBatch(id: Int64, isDelta: Bool)
        case recordBatch(RecordBatchHeader, FramedMessage)
    }

    private var framer: MessageFramer
    private let options: ArrowReadOptions
    /// Set by the schema message.
    private(set) var context: IPCDecodingContext?

    /// A decoder reading with `options` (validation, limits, byte order).
    public init(options: ArrowReadOptions = ArrowReadOptions()) throws {
        try options.check()
        self.options = options
        framer = MessageFramer(options: options)
    }

    /// The stream's schema, once its first message has been decoded.
    public var schema: Schema? { context?.schema }

    /// The byte order the data is stored in, once the schema is known.
    public var byteOrder: Endianness? { context?.endianness }

    /// How many more bytes complete the next part of the current message (its length, its
    /// metadata, its body): the least that makes progress. A reader that sends exactly this
    /// many never reads past a message, and never past the end of the stream. After a file's
    /// end-of-stream marker, 1: its footer runs to the end of the input. 0 once finished.
    public var bytesNeeded: Int { framer.bytesNeeded }

    /// Whether the end-of-stream marker was decoded (and for a file, its footer gathered up
    /// to the end of the input); a stream's bytes after the marker are not read.
    public var isFinished: Bool { framer.isFinished }

    /// How many bytes of the input were consumed.
    public var bytesConsumed: Int { framer.offset }

    /// Whether the decoder waits for the rest of a file's input after its end-of-stream marker.
    var readsToEnd: Bool { framer.hasReadEndOfStream && !framer.isFinished }

    /// How many messages were framed.
    var messageCount: Int { framer.messageIndex }

    /// Whether the input began with the Arrow file magic: a file read front to back.
    var isFileFormat: Bool { framer.isFileFormat }

    /// Decodes what `chunk` completes, keeping the bytes of an incomplete message for the
    /// next chunk. Batches share `chunk`'s memory where it holds whole message parts.
    public mutating func decode(_ chunk: ArrowBuffer) throws -> [Event] {
        var events: [Event] = []
        var position = 0
        try collect(from: chunk, at: &position, into: &events)
        return events
    }

    /// Decodes what `bytes` complete (an array, a slice, `Data`, a raw buffer): message parts
    /// are copied out of them, since their memory is not the decoder's to keep.
    public mutating func decode(_ bytes: some ContiguousBytes) throws -> [Event] {
        try bytes.withUnsafeBytes { raw in
            // One copy into aligned memory; the batches then share it.
            try decode(ArrowBuffer(copying: raw))
        }
    }

    /// Says the input has ended: throws when it ended inside a message (with where and how
    /// much was missing), before the schema, or — for a file — without its footer.
    public mutating func finish() throws {
        try framer.finish()
        if context == nil {
            throw ArrowError.invalidData("the stream is empty: it has no schema message")
        }
    }

    private mutating func collect(from chunk: ArrowBuffer, at position: inout Int, into events: inout [Event]) throws {
        while let item = try next(from: chunk, at: &position) {
            switch item {
            case .schema(let schema): events.append(.schema(schema))
            case .dictionaryBatch(let id, let isDelta): events.append(.dictionaryBatch(id: id, isDelta: isDelta))
            case .recordBatch(let header, let framed): events.append(.recordBatch(try recordBatch(header, framed, columns: nil)))
            }
        }
        if framer.hasReadEndOfStream, !reportedEnd {
            reportedEnd = true
            events.append(.endOfStream)
        }
    }

    /// Whether ``Event/endOfStream`` was returned.
    private var reportedEnd = false

    /// The next message `chunk` completes from `position` on, with dictionary batches applied;
    /// `nil` when the chunk is used up or the stream has ended. With `inputEnds`, nothing
    /// follows the chunk: an incomplete message is an error at once.
    mutating func next(from chunk: ArrowBuffer, at position: inout Int, inputEnds: Bool = false) throws -> Item? {
        guard let framed = try framer.next(from: chunk, at: &position, inputEnds: inputEnds) else { return nil }
        guard let context else {
            guard case .schema(let schema, let endianness) = framed.message.header else {
                throw ArrowError.invalidData("the stream does not start with a schema message")
            }
            context = try IPCDecodingContext(schema: schema, endianness: endianness, options: options)
            return .schema(schema)
        }
        switch framed.message.header {
        case .recordBatch(let header):
            return .recordBatch(header, framed)
        case .dictionaryBatch(let header):
            var updated = context
            // (Cleared while it changes, so that the memo's dictionaries are not shared.)
            self.context = nil
            defer { self.context = updated }
            try updated.apply(
                header, body: framed.body, version: framed.message.version,
                name: "the dictionary batch in message \(framed.index)")
            return .dictionaryBatch(id: header.id, isDelta: header.isDelta)
        case .schema:
            throw ArrowError.invalidData("message \(framed.index) is a second schema message")
        }
    }

    /// Says the input has ended, as ``finish()``, for readers that know the schema was read.
    mutating func endOfInput() throws {
        try framer.finish()
    }

    /// Decodes a record batch message that ``next(from:at:inputEnds:)`` returned, only
    /// `columns` when given.
    func recordBatch(_ header: RecordBatchHeader, _ framed: FramedMessage, columns: [Int]?) throws -> RecordBatch {
        guard let context else {
            throw ArrowError.invalidData("the stream has a record batch before its schema")
        }
        return try context.recordBatch(
            header, body: framed.body, metadata: framed.message.customMetadata, version: framed.message.version,
            columns: columns, name: batchName(framed))
    }

    /// What errors call a record batch message.
    func batchName(_ framed: FramedMessage) -> String {
        "the record batch in message \(framed.index)"
    }
}
