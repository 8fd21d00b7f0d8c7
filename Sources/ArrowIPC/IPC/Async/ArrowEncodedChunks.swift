/// An Arrow IPC stream encoded from an `AsyncSequence` of record batches, as the chunks a
/// transport sends: the schema, each batch with the dictionary batches it needs, then the
/// end-of-stream marker.
///
/// Batches are encoded as the chunks are asked for, so a slow consumer slows the producer
/// and memory stays at about one batch. Large buffers are chunks of their own, straight
/// from the batches' memory; the pieces between them are joined.
///
/// ```swift
/// for try await chunk in ArrowEncodedChunks(schema: schema, batches: batches) {
///     try await socket.send(chunk)
/// }
/// ```
public struct ArrowEncodedChunks<Batches: AsyncSequence>: AsyncSequence where Batches.Element == RecordBatch {
    public typealias Element = ArrowBuffer

    private let schema: Schema
    private let batches: Batches
    private let options: ArrowWriteOptions

    /// The stream of `batches`, each of which must have `schema`'s column types.
    public init(schema: Schema, batches: Batches, options: ArrowWriteOptions = ArrowWriteOptions()) {
        self.schema = schema
        self.batches = batches
        self.options = options
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(schema: schema, batches: batches.makeAsyncIterator(), options: options)
    }

    /// Encodes a batch each time the chunks of the one before have been taken.
    public struct Iterator: AsyncIteratorProtocol {
        private enum State {
            case notStarted(Schema, ArrowWriteOptions)
            case streaming(ArrowStreamEncoder)
            case ended
        }

        private var state: State
        private var batches: Batches.AsyncIterator
        private var pending: [ArrowBuffer] = []

        init(schema: Schema, batches: Batches.AsyncIterator, options: ArrowWriteOptions) {
            state = .notStarted(schema, options)
            self.batches = batches
        }

        public mutating func next() async throws -> ArrowBuffer? {
            try await next(isolation: nil)
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws -> ArrowBuffer? {
            while pending.isEmpty {
                switch state {
                case .ended:
                    return nil
                case .notStarted(let schema, let options):
                    state = .ended
                    var encoder = try ArrowStreamEncoder(schema: schema, options: options)
                    pending = encoder.schemaMessage().chunks()
                    state = .streaming(encoder)
                case .streaming(var encoder):
                    state = .ended
                    if let batch = try await batches.next(isolation: actor) {
                        pending = try encoder.encode(batch).flatMap { $0.chunks() }
                        state = .streaming(encoder)
                    } else {
                        pending = encoder.endOfStream().chunks()
                    }
                }
            }
            return pending.removeFirst()
        }
    }
}
