import Foundation

/// Reads an Arrow IPC stream (`.arrows`) batch by batch.
///
/// The schema is read when the reader is made; each ``next(columns:)`` reads one more batch,
/// and the reader is a `Sequence` of them (each a `Result`, so that an error in the input
/// ends the loop visibly). Reading from a file handle (standard input, a pipe, a socket)
/// reads exactly the bytes of one message at a time, into memory of that message's size, and
/// never past the end of the stream. An Arrow file given to a stream reader is read front to
/// back the same way, so a pipe may carry either format.
///
/// A reader is a reference: the position it reads at is the reader's, wherever it is passed.
///
/// ```swift
/// let reader = try ArrowStreamReader(fileHandle: .standardInput)
/// for batch in reader { print(try batch.get().rowCount) }
/// ```
public final class ArrowStreamReader: Sequence {
    /// The schema of every batch, with its metadata.
    public let schema: Schema
    private let source: any ByteSource
    private var decoder: ArrowStreamDecoder
    /// The chunk being decoded, and how far.
    private var chunk = ArrowBuffer.empty
    private var position = 0

    /// Reads a stream held in memory. The bytes are copied once into aligned memory.
    public convenience init(data: Data, options: ArrowReadOptions = ArrowReadOptions()) throws {
        try self.init(source: MemorySource(data.withUnsafeBytes { ArrowBuffer(copying: $0) }), options: options)
    }

    /// Reads the stream at `url`. A regular file is memory-mapped, and batches point into the
    /// mapping, unless ``ArrowReadOptions/memoryMapsFiles`` is off: then it is read one message
    /// at a time, and a file that shrinks while read is an ``ArrowError/io(_:)`` naming it
    /// (a mapped file must not shrink while its batches are in use). A FIFO or a character
    /// device is read as its bytes arrive; opening a FIFO waits for a writer.
    public convenience init(url: URL, options: ArrowReadOptions = ArrowReadOptions()) throws {
        try options.check()
        let file = try InputFile.open(path: url.path)
        if options.memoryMapsFiles, file.regularFileSize != nil {
            try self.init(source: MemorySource(try file.map()), options: options)
        } else {
            try self.init(source: FileDescriptorSource(file: file), options: options)
        }
    }

    /// Reads incrementally from an open handle such as standard input; the handle stays open.
    public convenience init(fileHandle: FileHandle, options: ArrowReadOptions = ArrowReadOptions()) throws {
        let descriptor = fileHandle.fileDescriptor
        let name = descriptor == STDIN_FILENO ? "standard input" : "file descriptor \(descriptor)"
        try self.init(source: FileDescriptorSource(descriptor: descriptor, name: name), options: options)
    }

    /// Reads a stream held in `buffer`, without copying it.
    public convenience init(buffer: ArrowBuffer, options: ArrowReadOptions = ArrowReadOptions()) throws {
        try self.init(source: MemorySource(buffer), options: options)
    }

    init(source: any ByteSource, options: ArrowReadOptions) throws {
        self.source = source
        decoder = try ArrowStreamDecoder(options: options)
        guard case .schema(let schema) = try Self.nextItem(&decoder, source, &chunk, &position) else {
            try decoder.finish()
            throw ArrowError.invalidData("the stream is empty: it has no schema message")
        }
        self.schema = schema
    }

    /// The byte order the data is stored in. Batches come in the native byte order unless
    /// ``ArrowReadOptions/ensureNativeByteOrder`` is off, when they keep this one.
    public var byteOrder: Endianness { decoder.byteOrder ?? .native }

    /// The next batch, decoding only `columns` (schema positions, in the order wanted) when
    /// given; `nil` at the end of the stream.
    public func next(columns: [Int]? = nil) throws -> RecordBatch? {
        guard let (header, framed) = try nextBatchMessage() else { return nil }
        return try decoder.recordBatch(header, framed, columns: columns)
    }

    /// What the next batch's message header says — its row count, custom metadata, body size
    /// and compression — without decoding or decompressing its data; `nil` at the end of the
    /// stream. The batch is consumed: a following ``next(columns:)`` returns the one after.
    /// Dictionary batches before it are applied — decoded, and decompressed when compressed —
    /// as ``next(columns:)`` applies them, so that later batches can use them.
    public func nextInfo() throws -> RecordBatchInfo? {
        guard let (header, framed) = try nextBatchMessage() else { return nil }
        return try RecordBatchInfo(
            header: header, body: framed.body, metadata: framed.message.customMetadata, context: decoder.batchName(framed))
    }

    /// All remaining batches.
    public func readAll(columns: [Int]? = nil) throws -> [RecordBatch] {
        var batches: [RecordBatch] = []
        while let batch = try next(columns: columns) { batches.append(batch) }
        return batches
    }

    /// The batches still to come, each a `Result`: an error reading one ends the sequence
    /// after it. The reader's position moves as the iterator goes.
    public func makeIterator() -> Iterator {
        Iterator(reader: self)
    }

    /// Iterates a reader's remaining batches.
    public struct Iterator: IteratorProtocol {
        private let reader: ArrowStreamReader
        private var failed = false

        init(reader: ArrowStreamReader) {
            self.reader = reader
        }

        public mutating func next() -> Result<RecordBatch, ArrowError>? {
            guard !failed else { return nil }
            do {
                return try reader.next().map { .success($0) }
            } catch {
                failed = true
                return .failure(error as? ArrowError ?? .io(String(describing: error)))
            }
        }
    }

    /// The next record batch message; the dictionary batches before it are applied.
    private func nextBatchMessage() throws -> (RecordBatchHeader, FramedMessage)? {
        while let item = try Self.nextItem(&decoder, source, &chunk, &position) {
            switch item {
            case .recordBatch(let header, let framed): return (header, framed)
            case .dictionaryBatch, .schema: continue
            }
        }
        return nil
    }

    /// The next message of `source`, read into `chunk` exactly as far as `decoder` needs;
    /// `nil` at the end of the stream.
    private static func nextItem(
        _ decoder: inout ArrowStreamDecoder, _ source: any ByteSource, _ chunk: inout ArrowBuffer, _ position: inout Int
    ) throws -> ArrowStreamDecoder.Item? {
        while true {
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
