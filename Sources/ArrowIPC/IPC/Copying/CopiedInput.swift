import Foundation

/// A message to copy: its metadata, decoded, and where its body lies in its input.
struct SourceMessage {
    let message: Message
    let body: RandomAccessSlice
}

/// One Arrow IPC file or stream, on a regular file, scanned for ``ArrowMessageCopy``: every
/// message's metadata read and checked, the bodies left where they are.
///
/// A file is read through its footer, as ``ArrowFileReader`` reads it: its dictionary batches
/// in the footer's order, then its record batches — a valid stream order, since a file's
/// dictionaries serve all its batches. A stream is framed front to back, each body skipped.
struct CopiedInput {
    let path: String
    let format: ArrowIPCFormat
    let schema: Schema
    let endianness: Endianness
    /// The footer's custom metadata; empty for a stream.
    let footerMetadata: Metadata
    /// The dictionary batches and record batches, in the order they go out.
    let messages: [SourceMessage]
    /// The metadata version of every message (and for a file, its footer's schema).
    let versions: Set<MetadataVersion>
    /// The compression of the bodies: `nil` for plain ones.
    let compressions: Set<CompressionCodec?>
    /// The alignment every buffer of every body keeps, 64 at most.
    let bufferAlignment: Int
    /// Whether a dictionary batch replaces the dictionary of its id (which a stream may do).
    let replacesDictionaries: Bool
    /// Whether a dictionary batch is a delta.
    let hasDictionaryDeltas: Bool

    /// Scans the Arrow IPC file or stream at `path` (a regular file, in the format its first
    /// bytes name); throws for input a reader would refuse at the metadata level.
    init(path: String, format: ArrowIPCFormat, options: ArrowReadOptions) throws {
        self.path = path
        self.format = format
        var scan: Scan
        switch format {
        case .file:
            let reader = try ArrowFileReader(url: URL(fileURLWithPath: path), options: options.memoryMapsFiles(false))
            scan = try Scan(schema: reader.schema, endianness: reader.byteOrder)
            try reader.checkDictionaryBlocksAreDisjoint()
            for (index, block) in reader.dictionaryBlocks.enumerated() {
                let name = "dictionary batch \(index)"
                let (message, body) = try reader.readMessage(block, name: name)
                try scan.add(message, body: body, name: name, expectingDictionary: true, inFile: true)
            }
            for (index, block) in reader.blocks.enumerated() {
                let name = "record batch \(index)"
                let (message, body) = try reader.readMessage(block, name: name)
                try scan.add(message, body: body, name: name, expectingDictionary: false, inFile: true)
            }
            footerMetadata = reader.footerMetadata
        case .stream:
            let file = try InputFile.open(path: path, waitingForWriter: false)
            guard let size = file.regularFileSize else {
                throw ArrowError.io("\(path) is not a regular file, so its messages cannot be copied as bytes")
            }
            scan = try Self.scanStream(file, size: size, options: options)
            footerMetadata = [:]
        }
        schema = scan.schema
        endianness = scan.endianness
        messages = scan.messages
        versions = scan.versions
        compressions = scan.compressions
        bufferAlignment = scan.bufferAlignment
        replacesDictionaries = scan.replacesDictionaries
        hasDictionaryDeltas = scan.hasDictionaryDeltas
    }

    /// Frames the stream in `file` front to back with the readers' framing, reading each
    /// length and metadata and skipping each body.
    private static func scanStream(_ file: InputFile, size: Int, options: ArrowReadOptions) throws -> Scan {
        var framer = MessageFramer(options: options)
        var scan: Scan?
        while !framer.isFinished {
            if framer.messageAwaitingBody != nil {
                let start = framer.offset
                let length = framer.bytesNeeded
                guard length <= size - start else {
                    throw ArrowError.invalidData(
                        "the input ends inside the body of message \(framer.messageIndex): it needs \(length) bytes at byte \(start), but only \(size - start) remain (truncated?)")
                }
                guard let framed = framer.skipBody() else { continue }
                let body = RandomAccessSlice(base: file, offset: start, count: length)
                try add(framed, body: body, to: &scan)
                continue
            }
            let available = size - framer.offset
            let count = min(framer.bytesNeeded, available)
            let chunk = count > 0 ? try file.read(offset: framer.offset, count: count, purpose: "the framing of a message") : .empty
            var position = 0
            // (At the end of the input, the framing ends the stream or says what is missing.)
            if let framed = try framer.next(from: chunk, at: &position, inputEnds: count == available) {
                try add(framed, body: RandomAccessSlice(base: file, offset: framer.offset, count: 0), to: &scan)
            }
        }
        guard let scan else {
            throw ArrowError.invalidData("the stream is empty: it has no schema message")
        }
        return scan
    }

    private static func add(_ framed: FramedMessage, body: RandomAccessSlice, to scan: inout Scan?) throws {
        guard var current = scan else {
            guard case .schema(let schema, let endianness) = framed.message.header else {
                throw ArrowError.invalidData("the stream does not start with a schema message")
            }
            var started = try Scan(schema: schema, endianness: endianness)
            started.versions.insert(framed.message.version)
            scan = started
            return
        }
        scan = nil
        try current.add(framed.message, body: body, name: "message \(framed.index)", expectingDictionary: nil, inFile: false)
        scan = current
    }
}

/// What scanning an input gathers, message by message.
private struct Scan {
    let schema: Schema
    let endianness: Endianness
    private let valueTypes: [Int64: DataType]
    private var defined: Set<Int64> = []
    var messages: [SourceMessage] = []
    var versions: Set<MetadataVersion> = []
    var compressions: Set<CompressionCodec?> = []
    var bufferAlignment = 64
    var replacesDictionaries = false
    var hasDictionaryDeltas = false

    init(schema: Schema, endianness: Endianness) throws {
        self.schema = schema
        self.endianness = endianness
        valueTypes = try schema.dictionaryValueTypes()
    }

    /// Checks `message` (a dictionary batch when `expectingDictionary` is true, a record batch
    /// when false, either when nil) and adds it.
    mutating func add(_ message: Message, body: RandomAccessSlice, name: String, expectingDictionary: Bool?, inFile: Bool) throws {
        let header: RecordBatchHeader
        let fields: [Field]
        switch message.header {
        case .schema:
            throw ArrowError.invalidData("\(name) is a second schema message")
        case .dictionaryBatch(let dictionary):
            if expectingDictionary == false {
                throw ArrowError.invalidData("the footer's block for \(name) points at a message that is not a record batch")
            }
            guard let valueType = valueTypes[dictionary.id] else {
                let known = valueTypes.keys.sorted().map(String.init).joined(separator: ", ")
                throw ArrowError.invalidData(
                    "\(name) defines dictionary id \(dictionary.id), which no field of the schema uses (its ids: \(known.isEmpty ? "none" : known))")
            }
            fields = [Field("dictionary \(dictionary.id)", valueType)]
            try requireDictionaries(of: fields, before: name)
            if dictionary.isDelta {
                hasDictionaryDeltas = true
                guard defined.contains(dictionary.id) else {
                    throw ArrowError.invalidData("\(name) is a delta for dictionary id \(dictionary.id), which has not been defined before")
                }
            } else if defined.contains(dictionary.id) {
                if inFile {
                    throw ArrowError.invalidData(
                        "\(name) replaces dictionary id \(dictionary.id); the IPC file format allows one dictionary per id, extended only by deltas")
                }
                replacesDictionaries = true
            }
            defined.insert(dictionary.id)
            header = dictionary.data
        case .recordBatch(let batch):
            if expectingDictionary == true {
                throw ArrowError.invalidData("the footer's block for \(name) points at a message that is not a dictionary batch")
            }
            try requireDictionaries(of: schema.fields, before: name)
            fields = schema.fields
            header = batch
        }
        let alignment = try MessageLayoutCheck.check(
            header, fields: fields, bodyLength: Int64(body.count), version: message.version, name: name)
        bufferAlignment = min(bufferAlignment, alignment)
        versions.insert(message.version)
        compressions.insert(header.compression)
        messages.append(SourceMessage(message: message, body: body))
    }

    /// Throws unless every dictionary the dictionary-encoded `fields` use was defined before
    /// the message `name`.
    private func requireDictionaries(of fields: [Field], before name: String) throws {
        let used = try Schema(fields).dictionaryValueTypes().keys
        if let missing = used.sorted().first(where: { !defined.contains($0) }) {
            throw ArrowError.invalidData("dictionary id \(missing) has not been defined before \(name)")
        }
    }
}
