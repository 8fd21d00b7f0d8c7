import Foundation

/// Reads an Arrow IPC stream (`.arrows`) batch by batch.
///
/// The schema is read when the reader is made; each ``next(columns:)`` reads one more batch.
/// Reading from a file handle (standard input, a pipe, a socket) holds one message in memory
/// at a time. Copies of a reader share its position. An Arrow file given to a stream
/// reader is read front to back the same way, so a pipe may carry either format.
///
/// ```swift
/// var reader = try ArrowStreamReader(fileHandle: .standardInput)
/// while let batch = try reader.next() { print(batch.rowCount) }
/// ```
public struct ArrowStreamReader {
    /// The schema of every batch, with its metadata.
    public let schema: Schema
    private let messages: MessageReader
    private let options: ArrowReadOptions
    private let endianness: Endianness
    /// The dictionaries defined so far; shared by copies of the reader, like its position.
    private let memo: MemoBox

    /// Reads a stream held in memory. The bytes are copied once into aligned memory.
    public init(data: Data, options: ArrowReadOptions = ArrowReadOptions()) throws {
        try self.init(source: MemorySource(data.withUnsafeBytes { ArrowBuffer(copying: $0) }), options: options)
    }

    /// Reads the stream at `url`. A regular file is memory-mapped, and batches point into the
    /// mapping, unless ``ArrowReadOptions/memoryMapsFiles`` is off: then it is read one message
    /// at a time, and a file that shrinks while read is an ``ArrowError/io(_:)`` naming it
    /// (a mapped file must not shrink while its batches are in use). A FIFO or a character
    /// device is read as its bytes arrive; opening a FIFO waits for a writer.
    public init(url: URL, options: ArrowReadOptions = ArrowReadOptions()) throws {
        try options.check()
        let file = try InputFile.open(path: url.path)
        if options.memoryMapsFiles, file.regularFileSize != nil {
            try self.init(source: MemorySource(try file.map()), options: options)
        } else {
            try self.init(source: FileDescriptorSource(file: file), options: options)
        }
    }

    /// Reads incrementally from an open handle such as standard input; the handle stays open.
    public init(fileHandle: FileHandle, options: ArrowReadOptions = ArrowReadOptions()) throws {
        let descriptor = fileHandle.fileDescriptor
        let name = descriptor == STDIN_FILENO ? "standard input" : "file descriptor \(descriptor)"
        try self.init(source: FileDescriptorSource(descriptor: descriptor, name: name), options: options)
    }

    /// Reads a stream held in `buffer`, without copying it.
    public init(buffer: ArrowBuffer, options: ArrowReadOptions = ArrowReadOptions()) throws {
        try self.init(source: MemorySource(buffer), options: options)
    }

    init(source: any ByteSource, options: ArrowReadOptions) throws {
        try options.check()
        self.options = options
        messages = MessageReader(source: source, options: options)
        guard let first = try messages.next() else {
            throw ArrowError.invalidData("the stream is empty: it has no schema message")
        }
        guard case .schema(let schema, let endianness) = first.message.header else {
            throw ArrowError.invalidData("the stream does not start with a schema message")
        }
        self.schema = schema
        self.endianness = endianness
        memo = MemoBox(try DictionaryMemo(schema: schema))
    }

    /// The byte order the data is stored in. Batches come in the native byte order unless
    /// ``ArrowReadOptions/ensureNativeByteOrder`` is off, when they keep this one.
    public var byteOrder: Endianness { endianness }

    /// The next batch, decoding only `columns` (schema positions, in the order wanted) when
    /// given; `nil` at the end of the stream.
    public mutating func next(columns: [Int]? = nil) throws -> RecordBatch? {
        guard let (header, framed, context) = try nextBatchMessage() else { return nil }
        return try RecordBatchDecoder.decode(
            schema: schema, header: header, body: framed.body, metadata: framed.message.customMetadata,
            projection: columns, options: options, context: context,
            version: framed.message.version, endianness: endianness, dictionaries: memo.value.dictionaries)
    }

    /// What the next batch's message header says — its row count, custom metadata, body size
    /// and compression — without decoding or decompressing its data; `nil` at the end of the
    /// stream. The batch is consumed: a following ``next(columns:)`` returns the one after.
    /// Dictionary batches before it are applied — decoded, and decompressed when compressed —
    /// as ``next(columns:)`` applies them, so that later batches can use them.
    public mutating func nextInfo() throws -> RecordBatchInfo? {
        guard let (header, framed, context) = try nextBatchMessage() else { return nil }
        return try RecordBatchInfo(header: header, body: framed.body, metadata: framed.message.customMetadata, context: context)
    }

    /// The next record batch message, with a name for it in errors; the dictionary batches
    /// before it are applied.
    private mutating func nextBatchMessage() throws -> (RecordBatchHeader, FramedMessage, context: String)? {
        while let framed = try messages.next() {
            let index = messages.messageIndex - 1
            switch framed.message.header {
            case .recordBatch(let header):
                return (header, framed, "the record batch in message \(index)")
            case .dictionaryBatch(let header):
                try memo.value.apply(
                    header, body: framed.body, version: framed.message.version, endianness: endianness,
                    options: options, context: "the dictionary batch in message \(index)")
            case .schema:
                throw ArrowError.invalidData("message \(index) is a second schema message")
            }
        }
        return nil
    }

    /// All remaining batches.
    public mutating func readAll(columns: [Int]? = nil) throws -> [RecordBatch] {
        var batches: [RecordBatch] = []
        while let batch = try next(columns: columns) { batches.append(batch) }
        return batches
    }
}

/// The dictionary memo of a stream reader, in a reference so that copies of the reader share
/// it as they share the message reader.
private final class MemoBox {
    var value: DictionaryMemo

    init(_ value: DictionaryMemo) {
        self.value = value
    }
}
