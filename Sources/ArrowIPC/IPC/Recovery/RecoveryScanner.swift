/// Reads an input front to back for ``ArrowRecovery``: its messages through the push decoder,
/// one record batch at a time, keeping count of the messages read whole and of the byte where
/// the last one ended, so that the first failure can say where it happened.
///
/// A file is read as a stream after its magic, its footer checked at the end: a file whose
/// footer is damaged or missing still yields every message before the damage.
struct RecoveryScanner {
    private let source: any ByteSource
    private var decoder: ArrowStreamDecoder
    /// The chunk being decoded, and how far.
    private var chunk = ArrowBuffer.empty
    private var position = 0
    /// How many messages were read whole: the index of the next one.
    private var messagesRead = 0
    /// The byte after the last message read whole.
    private var bytesRead = 0

    /// A scanner of `source`, which ``readSchema()`` starts reading.
    init(source: any ByteSource, options: ArrowReadOptions) throws {
        self.source = source
        decoder = try ArrowStreamDecoder(options: options)
    }

    /// The input's format, once its schema was read: a file when it starts with the file magic.
    var inputFormat: ArrowIPCFormat { decoder.isFileFormat ? .file : .stream }

    /// Reads the schema, the input's first message; throws when the input does not start with
    /// a whole one.
    mutating func readSchema() throws -> Schema {
        // The decoder's first message is the schema, or it throws.
        guard case .schema(let schema) = try nextItem() else {
            throw ArrowError.invalidData("the input is empty")
        }
        markRead()
        return schema
    }

    /// The next record batch, decoded, with the dictionary batches before it applied; `nil`
    /// at the end of a whole input. Throws at the first message that cannot be read or
    /// decoded, or at a damaged end: ``breakPoint(after:)`` then says where.
    mutating func nextBatch() throws -> RecordBatch? {
        while true {
            switch try nextItem() {
            case nil:
                return nil
            case .schema, .dictionaryBatch:
                markRead()
            case .recordBatch(let header, let framed):
                let batch = try decoder.recordBatch(header, framed, columns: nil)
                markRead()
                return batch
            }
        }
    }

    /// Where the input broke, `error` being what ``nextBatch()`` threw.
    func breakPoint(after error: any Error) -> RecoveryReport.BreakPoint {
        let reason = (error as? ArrowError)?.reason ?? String(describing: error)
        return RecoveryReport.BreakPoint(offset: bytesRead, messageIndex: messagesRead, reason: reason)
    }

    private mutating func markRead() {
        messagesRead += 1
        bytesRead = decoder.bytesConsumed
    }

    /// The next message, read into `chunk` as far as the decoder needs; `nil` at the end of
    /// the input.
    private mutating func nextItem() throws -> ArrowStreamDecoder.Item? {
        while true {
            if source.isExhausted, position == chunk.count, decoder.bytesConsumed == bytesRead,
               !decoder.isFinished, !decoder.readsToEnd {
                // The input ends between two messages: the end of a stream, a cut in a file.
                try decoder.endOfInput()
                return nil
            }
            if let item = try decoder.next(from: chunk, at: &position, inputEnds: source.isExhausted) { return item }
            if decoder.isFinished { return nil }
            // A file's footer runs to the end of the input: read it in large pieces.
            let wanted = decoder.readsToEnd ? 1 << 16 : decoder.bytesNeeded
            guard let next = try source.nextChunk(upTo: wanted) else {
                try decoder.endOfInput()
                return nil
            }
            chunk = next
            position = 0
        }
    }
}
