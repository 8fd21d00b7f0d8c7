import Foundation

/// Reads an Arrow IPC stream — or an Arrow file front to back — as its bytes arrive, from any
/// `AsyncSequence` of chunks, a file, a pipe or standard input, without blocking a thread.
///
/// It is an `AsyncSequence` of the record batches; ``schema`` is known once the first
/// message has arrived. Cancellation is checked before each read: a cancelled task stops
/// within the message being read. Memory holds one message plus one chunk (batches fed from
/// ``ArrowBuffer`` chunks point into them). Files and pipes are read on a dispatch queue of
/// the reader's own, never on a thread of Swift's cooperative pool, exactly as far as each
/// message needs (no message is copied together from pieces).
///
/// ```swift
/// let reader = try ArrowAsyncStreamReader(chunks)   // e.g. a socket's AsyncSequence of Data
/// print(try await reader.schema)
/// for try await batch in reader { print(batch.rowCount) }
/// ```
///
/// The reader is a reference: every iterator of it continues where the last one stopped. An
/// error ends the reading; later calls rethrow it.
public final class ArrowAsyncStreamReader: AsyncSequence {
    public typealias Element = RecordBatch

    private let source: any AsyncByteSource
    private var decoder: ArrowStreamDecoder
    /// The chunk being decoded, and how far.
    private var chunk = ArrowBuffer.empty
    private var position = 0
    private var inputEnded = false
    /// The error that stopped the reader, rethrown by every later call.
    private var failure: (any Error)?

    /// Reads the chunks of `chunks` — `[UInt8]`, `ArraySlice<UInt8>`, `Data`, ``ArrowBuffer``
    /// (used without a copy), or any other `ContiguousBytes` — in whatever sizes they come.
    public init<Chunks: AsyncSequence>(
        _ chunks: Chunks, options: ArrowReadOptions = ArrowReadOptions()
    ) throws where Chunks.Element: ContiguousBytes {
        source = ChunkSequenceSource(chunks)
        decoder = try ArrowStreamDecoder(options: options)
    }

    /// Reads the file, FIFO or device at `url` front to back; opening a FIFO waits (on the
    /// reader's queue) for a writer.
    public init(url: URL, options: ArrowReadOptions = ArrowReadOptions()) throws {
        let path = url.path
        source = DescriptorAsyncSource { FileDescriptorSource(file: try InputFile.open(path: path)) }
        decoder = try ArrowStreamDecoder(options: options)
    }

    /// Reads from an open handle — standard input, a pipe, a socket — which stays open.
    public init(fileHandle: FileHandle, options: ArrowReadOptions = ArrowReadOptions()) throws {
        let descriptor = fileHandle.fileDescriptor
        let name = descriptor == STDIN_FILENO ? "standard input" : "file descriptor \(descriptor)"
        source = DescriptorAsyncSource { FileDescriptorSource(descriptor: descriptor, name: name) }
        decoder = try ArrowStreamDecoder(options: options)
    }

    /// The schema of every batch, read from the first message when it has not come yet.
    public var schema: Schema {
        get async throws { try await schema() }
    }

    /// The schema of every batch, read from the first message when it has not come yet.
    public func schema(isolation: isolated (any Actor)? = #isolation) async throws -> Schema {
        if let schema = decoder.schema { return schema }
        guard case .schema(let schema) = try await nextItem(isolation: isolation) else {
            throw ArrowError.invalidData("the stream is empty: it has no schema message")
        }
        return schema
    }

    /// The byte order the data is stored in, once the schema has been read.
    public var byteOrder: Endianness? { decoder.byteOrder }

    /// The next batch, decoding only `columns` (schema positions, in the order wanted) when
    /// given; `nil` at the end of the stream.
    public func next(columns: [Int]? = nil, isolation: isolated (any Actor)? = #isolation) async throws -> RecordBatch? {
        while let item = try await nextItem(isolation: isolation) {
            if case .recordBatch(let header, let framed) = item {
                return try recording { try decoder.recordBatch(header, framed, columns: columns) }
            }
        }
        return nil
    }

    /// All remaining batches.
    public func readAll(columns: [Int]? = nil, isolation: isolated (any Actor)? = #isolation) async throws -> [RecordBatch] {
        var batches: [RecordBatch] = []
        while let batch = try await next(columns: columns, isolation: isolation) { batches.append(batch) }
        return batches
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(reader: self)
    }

    /// Iterates the reader's remaining batches.
    public struct Iterator: AsyncIteratorProtocol {
        private let reader: ArrowAsyncStreamReader

        init(reader: ArrowAsyncStreamReader) {
            self.reader = reader
        }

        public mutating func next() async throws -> RecordBatch? {
            try await reader.next(isolation: nil)
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws -> RecordBatch? {
            try await reader.next(isolation: actor)
        }
    }

    /// The next message, reading as far as it needs; `nil` at the end of the stream.
    private func nextItem(isolation: isolated (any Actor)?) async throws -> ArrowStreamDecoder.Item? {
        if let failure { throw failure }
        do {
            while true {
                if let item = try decoder.next(from: chunk, at: &position, inputEnds: inputEnded) { return item }
                if decoder.isFinished || inputEnded { return nil }
                try Task.checkCancellation()
                // A file's footer runs to the end of the input: any amount will do.
                let wanted = decoder.readsToEnd ? 1 << 16 : decoder.bytesNeeded
                guard let next = try await source.next(wanting: wanted, isolation: isolation) else {
                    inputEnded = true
                    try decoder.finish()
                    return nil
                }
                chunk = next
                position = 0
            }
        } catch {
            failure = error
            throw error
        }
    }

    /// Runs `body`; an error it throws stops the reader.
    private func recording<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            failure = error
            throw error
        }
    }
}
