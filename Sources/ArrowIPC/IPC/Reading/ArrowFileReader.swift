import Foundation

/// Reads an Arrow IPC file (`.arrow`, Feather v2) with random access to its batches.
///
/// Opening reads only the footer; ``recordBatch(at:columns:)`` decodes one batch (and only
/// the selected columns) on demand. A file opened from a URL is memory-mapped, and the
/// buffers of the batches it returns point straight into the mapping: nothing is copied.
/// With ``ArrowReadOptions/memoryMapsFiles`` off, each message is read from the file into
/// memory of its own instead.
///
/// ```swift
/// let reader = try ArrowFileReader(url: url)
/// let batch = try reader.recordBatch(at: reader.recordBatchCount - 1)
/// ```
public struct ArrowFileReader: Sendable, RecordBatchSource {
    /// The schema of every batch, with its metadata.
    public let schema: Schema
    /// Custom metadata of the file footer (the schema's is ``Schema/metadata`` of ``schema``).
    public let footerMetadata: Metadata
    let blocks: [Block]
    let dictionaryBlocks: [Block]
    /// The schema, byte order and options, without dictionaries.
    private let context: IPCDecodingContext
    /// The context with the dictionaries, read from all dictionary blocks on the first batch
    /// that needs them.
    private let dictionaryCache: FileDictionaryCache
    let bytes: any RandomAccessBytes
    /// The batch ``next(columns:)`` returns.
    private var nextIndex = 0
    private var options: ArrowReadOptions { context.options }

    /// Opens the file at `url` and reads its footer. The file is memory-mapped unless
    /// ``ArrowReadOptions/memoryMapsFiles`` is off.
    ///
    /// As with any memory map, a mapped file must not be truncated by another process while
    /// batches from it are in use: the system stops a program that touches a page past the
    /// file's new end. Turn ``ArrowReadOptions/memoryMapsFiles`` off for a file that can
    /// change while it is read; a file that then shrinks is an ``ArrowError/io(_:)`` naming it.
    public init(url: URL, options: ArrowReadOptions = ArrowReadOptions()) throws {
        try options.check()
        let bytes = try InputFile.randomAccessBytes(
            path: url.path, mapped: options.memoryMapsFiles,
            why: "the file format needs random access (read a FIFO or device with ArrowStreamReader, which takes both formats front to back)")
        try self.init(bytes: bytes, options: options)
    }

    /// Reads a file held in memory. The bytes are copied once into aligned memory.
    public init(data: Data, options: ArrowReadOptions = ArrowReadOptions()) throws {
        try self.init(buffer: data.withUnsafeBytes { ArrowBuffer(copying: $0) }, options: options)
    }

    /// Reads a file held in `buffer`, without copying it.
    public init(buffer: ArrowBuffer, options: ArrowReadOptions = ArrowReadOptions()) throws {
        try self.init(bytes: buffer, options: options)
    }

    private init(bytes: any RandomAccessBytes, options: ArrowReadOptions) throws {
        try options.check()
        let size = bytes.count
        let trailerSize = 4 + fileMagic.count
        guard size >= 8 + trailerSize else {
            throw ArrowError.invalidData("the file has \(size) bytes, too few for an Arrow file")
        }
        guard try bytes.read(offset: 0, count: fileMagic.count, purpose: "the file magic").hasPrefix(fileMagic, at: 0) else {
            throw ArrowError.invalidData("the file does not start with the Arrow magic 'ARROW1'")
        }
        let trailer = try bytes.read(offset: size - trailerSize, count: trailerSize, purpose: "the file trailer")
        guard trailer.hasPrefix(fileMagic, at: 4) else {
            throw ArrowError.invalidData("the file does not end with the Arrow magic 'ARROW1' (truncated, or a stream?)")
        }
        let footerLength = Int(trailer.loadInt32(at: 0))
        guard footerLength > 0, footerLength <= size - 8 - trailerSize else {
            throw ArrowError.invalidData("the footer length \(footerLength) does not fit in a file of \(size) bytes")
        }
        guard footerLength <= options.maxMetadataSize else {
            throw ArrowError.invalidData(
                "the footer has \(footerLength) bytes, more than the metadata limit of \(options.maxMetadataSize)")
        }
        let footerBytes = try bytes.read(offset: size - trailerSize - footerLength, count: footerLength, purpose: "the footer")
        let footer = try footerBytes.withUnsafeBytes { try Footer(flatbuffer: $0, maxNestingDepth: options.maxNestingDepth) }
        self.schema = footer.schema
        self.footerMetadata = footer.customMetadata
        self.blocks = footer.recordBatches
        self.dictionaryBlocks = footer.dictionaries
        self.context = try IPCDecodingContext(schema: footer.schema, endianness: footer.endianness, options: options)
        self.dictionaryCache = FileDictionaryCache()
        self.bytes = bytes
    }

    /// The byte order the data is stored in. Batches come in the native byte order unless
    /// ``ArrowReadOptions/ensureNativeByteOrder`` is off, when they keep this one.
    public var byteOrder: Endianness { context.endianness }

    /// The number of record batches.
    public var recordBatchCount: Int { blocks.count }

    /// The size of the file in bytes.
    public var fileSize: Int { bytes.count }

    /// Batch `index`, decoding only `columns` (positions in the schema, in the order wanted)
    /// when given. The batch's schema is the selected fields. The file's dictionaries are
    /// read the first time a selected column needs them.
    public func recordBatch(at index: Int, columns: [Int]? = nil) throws -> RecordBatch {
        let (header, bodyBytes, metadata, version) = try recordBatchMessage(at: index)
        let body = try bodyBytes.readAll(purpose: "the body of record batch \(index)")
        let selected = columns ?? Array(schema.fields.indices)
        let needsDictionaries = selected.contains {
            schema.fields.indices.contains($0) && schema.fields[$0].type.containsDictionary
        }
        let decoding = needsDictionaries ? try contextWithDictionaries() : context
        return try decoding.recordBatch(
            header, body: body, metadata: metadata, version: version, columns: columns, name: "record batch \(index)")
    }

    /// The decoding context with the dictionaries of the file: every dictionary batch of the
    /// footer applied in order.
    ///
    /// The file format allows deltas but not replacements, so the dictionary of an id after
    /// the last delta serves every batch (earlier batches use only a prefix of it).
    private func contextWithDictionaries() throws -> IPCDecodingContext {
        guard !dictionaryBlocks.isEmpty else { return context }
        return try dictionaryCache.value {
            try checkDictionaryBlocksAreDisjoint()
            var decoding = context
            for (index, block) in dictionaryBlocks.enumerated() {
                let name = "dictionary batch \(index)"
                let (message, body) = try readMessage(block, name: name)
                guard case .dictionaryBatch(let header) = message.header else {
                    throw ArrowError.invalidData(
                        "the footer's block for \(name) points at a message that is not a dictionary batch")
                }
                let update = try decoding.apply(
                    header, body: try body.readAll(purpose: "the body of \(name)"), version: message.version, name: name)
                guard update != .replaced else {
                    throw ArrowError.invalidData(
                        "\(name) replaces dictionary id \(header.id); the IPC file format allows one dictionary per id, extended only by deltas")
                }
            }
            return decoding
        }
    }

    /// Throws when two dictionary blocks of the footer share bytes: a delta listed many times
    /// would grow its dictionary without bound from a small file.
    func checkDictionaryBlocksAreDisjoint() throws {
        let order = dictionaryBlocks.indices.sorted { dictionaryBlocks[$0].offset < dictionaryBlocks[$1].offset }
        for (earlier, later) in zip(order, order.dropFirst()) {
            let block = dictionaryBlocks[earlier]
            // (Each block is checked against the file when its message is read.)
            let (withMetadata, metadataOverflow) = block.offset.addingReportingOverflow(Int64(block.metadataLength))
            let (end, bodyOverflow) = withMetadata.addingReportingOverflow(block.bodyLength)
            guard !metadataOverflow, !bodyOverflow, end <= dictionaryBlocks[later].offset else {
                let (first, second) = (min(earlier, later), max(earlier, later))
                throw ArrowError.invalidData(
                    "the footer's dictionary batches \(first) and \(second) overlap (blocks at offsets \(dictionaryBlocks[first].offset) and \(dictionaryBlocks[second].offset)); each dictionary batch must be listed once")
            }
        }
    }

    /// The batches in order, as a ``RecordBatchSource``: batch 0 first, then each following
    /// one; `nil` after the last. (Random access through ``recordBatch(at:columns:)`` does
    /// not move this position.)
    public mutating func next(columns: [Int]? = nil) throws -> RecordBatch? {
        guard nextIndex < recordBatchCount else { return nil }
        defer { nextIndex += 1 }
        return try recordBatch(at: nextIndex, columns: columns)
    }

    /// Every batch, in order, decoding only `columns` when given.
    public func readAll(columns: [Int]? = nil) throws -> [RecordBatch] {
        try (0..<recordBatchCount).map { try recordBatch(at: $0, columns: columns) }
    }

    /// What the message header of batch `index` says — its row count, custom metadata, body
    /// size and compression — read without decoding or decompressing the data.
    public func recordBatchInfo(at index: Int) throws -> RecordBatchInfo {
        let (header, body, metadata, _) = try recordBatchMessage(at: index)
        return try RecordBatchInfo(header: header, body: body, metadata: metadata, context: "record batch \(index)")
    }

    private func recordBatchMessage(
        at index: Int
    ) throws -> (header: RecordBatchHeader, body: RandomAccessSlice, metadata: Metadata, version: MetadataVersion) {
        guard blocks.indices.contains(index) else {
            throw ArrowError.invalidArgument("record batch \(index) does not exist; the file has \(blocks.count)")
        }
        let block = blocks[index]
        let context = "record batch \(index)"
        let (message, body) = try readMessage(block, name: context)
        guard case .recordBatch(let header) = message.header else {
            throw ArrowError.invalidData("the footer's block for \(context) points at a message that is not a record batch")
        }
        return (header, body, message.customMetadata, message.version)
    }

    /// Decodes the message a footer block points at, checking the block against the file and
    /// the message; its body is read only when asked. `name` names it in errors.
    func readMessage(_ block: Block, name: String) throws -> (Message, RandomAccessSlice) {
        let limit = Int64(bytes.count)
        guard block.offset >= 8, block.metadataLength >= 8, block.bodyLength >= 0,
              block.offset <= limit, Int64(block.metadataLength) <= limit - block.offset,
              block.bodyLength <= limit - block.offset - Int64(block.metadataLength)
        else {
            throw ArrowError.invalidData(
                "\(name): its block (offset \(block.offset), metadata \(block.metadataLength), body \(block.bodyLength) bytes) lies outside the file of \(limit) bytes")
        }
        // (The framing before the flatbuffer and the padding after it take at most 16 bytes.)
        guard Int64(block.metadataLength) <= Int64(options.maxMetadataSize) + 16 else {
            throw ArrowError.invalidData(
                "\(name): its block declares \(block.metadataLength) bytes of metadata, more than the limit of \(options.maxMetadataSize)")
        }
        let start = Int(block.offset)
        let metadataLength = Int(block.metadataLength)
        let framing = try bytes.read(offset: start, count: metadataLength, purpose: "the metadata of \(name)")
        // The block's metadata bytes go through the stream's framing: they must frame one
        // message exactly, whose body the block's body length then holds.
        var framer = MessageFramer(options: options, blockAt: start, name: name)
        var position = 0
        let message: Message
        if let whole = try framer.next(from: framing, at: &position) {
            message = whole.message
        } else if let awaitingBody = framer.messageAwaitingBody {
            message = awaitingBody
        } else {
            throw ArrowError.invalidData("\(name): its block's \(metadataLength) metadata bytes do not frame a message")
        }
        guard position == metadataLength, message.bodyLength == block.bodyLength else {
            throw ArrowError.invalidData(
                "\(name): the message (metadata \(position) bytes, body \(message.bodyLength)) does not match its block (metadata \(metadataLength), body \(block.bodyLength))")
        }
        let body = RandomAccessSlice(base: bytes, offset: start + metadataLength, count: Int(block.bodyLength))
        return (message, body)
    }
}

extension ArrowBuffer {
    /// Whether the bytes at `offset` are `prefix`.
    func hasPrefix(_ prefix: [UInt8], at offset: Int) -> Bool {
        guard let range = slice(offset: offset, length: prefix.count) else { return false }
        return range.withUnsafeBytes { $0.elementsEqual(prefix) }
    }
}

/// The decoding context of a file reader with its dictionaries, computed once and shared by
/// the reader's copies across threads.
private final class FileDictionaryCache: Sendable {
    private let context = Locked<IPCDecodingContext?>(nil)

    /// The cached context, computed by `load` the first time (a failure is not cached).
    func value(_ load: () throws -> IPCDecodingContext) throws -> IPCDecodingContext {
        try context.withLock { context in
            if let context { return context }
            let loaded = try load()
            context = loaded
            return loaded
        }
    }
}
