import Foundation
import Testing
@testable import ArrowIPC

/// The push decoder (``ArrowStreamDecoder``) fed every golden stream and file, pyarrow's
/// streams and files (`PyarrowRecords/streams`, made by `PyarrowRecords/make_streams.py`) and
/// streams and files our writers write, in chunks of every size: it gives exactly the schema
/// and batches the readers give for the same bytes, its events in stream order, and an error
/// when the input is cut short.
@Suite(.enabled(if: GoldenData.root != nil, "the Arrow golden files (../shared/arrow-testing/data or ARROW_TESTING_DATA) are absent"))
struct PushDecoderTests {
    static let options = ArrowReadOptions(validation: .full)

    @Test func findsEveryInput() {
        #expect(PushInput.goldenIds.count == 2 * GoldenCases.all.count)
        #expect(PushInput.goldenIds.count >= 182)
        #expect(PushInput.pyarrowIds.count >= 17)
    }

    /// The dictionary inputs hold what they are named for: deltas, or replacements.
    @Test func dictionaryInputsHoldDeltasAndReplacements() throws {
        let deltas = ["pyarrow:dictionary-deltas.arrows", "pyarrow:dictionary-deltas.arrow", "pyarrow:dictionary-deltas-zstd.arrows",
                      "swift:dictionary-deltas-lz4.arrows", "swift:dictionary-deltas-zstd.arrow"]
        for id in deltas {
            let events = PushFeed.push(try PushInput(id).chunks(.fixed(64)), options: Self.options).events
            #expect(events.contains(.dictionaryBatch(id: 0, isDelta: true)), "\(id): no delta")
        }
        for id in ["pyarrow:dictionary-replacements.arrows", "swift:dictionary-replacements.arrows"] {
            let events = PushFeed.push(try PushInput(id).chunks(.fixed(64)), options: Self.options).events
            let definitions = events.filter { if case .dictionaryBatch(_, false) = $0 { true } else { false } }
            #expect(definitions.count >= 4 && Set(definitions.map(\.description)).count == 1, "\(id): \(definitions)")
        }
    }

    @Test(arguments: PushInput.allIds)
    func chunksOfEverySizeGiveWhatTheReadersGive(_ id: String) throws {
        let input = try PushInput(id)
        let expected = try ReaderResult(input)
        // One chunk of the whole input: the reference for the events of every other split.
        let whole = PushFeed.push(input.chunks(.whole), options: Self.options)
        try check(whole, against: expected, input, "one chunk")
        let splits = input.bytes.count <= PushInput.singleByteLimit ? ChunkSplit.all : ChunkSplit.all.filter { $0 != .fixed(1) }
        for split in splits {
            let outcome = PushFeed.push(input.chunks(split), options: Self.options)
            try check(outcome, against: expected, input, "\(split)")
            #expect(outcome.events == whole.events, "\(id), \(split): the events differ from those of one chunk")
        }
        // Through the copying overload: each chunk an array slice, not an ArrowBuffer.
        let copied = PushFeed.pushCopying(input.bytes, ChunkSplit.random(seed: 99).ranges(count: input.bytes.count), options: Self.options)
        try check(copied, against: expected, input, "copied random chunks")
    }

    @Test(arguments: PushInput.allIds)
    func feedingExactlyBytesNeededReadsNoFurther(_ id: String) throws {
        let input = try PushInput(id)
        let expected = try ReaderResult(input)
        let exact = PushFeed.pushBytesNeeded(input.bytes, options: Self.options)
        try check(exact.outcome, against: expected, input, "bytesNeeded at a time")
        #expect(exact.consumedEveryByte, "\(id): a chunk of bytesNeeded bytes was not consumed whole")
        // A stream is read up to its end-of-stream marker, never past it: what follows is left.
        if !input.isFile, exact.outcome.events.last == .endOfStream {
            let endOfStream = exact.messageEnds.last ?? 0
            #expect(endOfStream == input.bytes.count, "\(id): the end-of-stream marker ends at \(endOfStream)")
            let followed = PushFeed.push(
                [ArrowBuffer(copying: input.bytes.bytes + [UInt8](repeating: 0xAB, count: 100))], options: Self.options)
            try check(followed, against: expected, input, "followed by other bytes")
        }
    }

    /// Cut short anywhere but between messages of a stream, an input is an error at `finish()`
    /// (never while decoding, never a trap); the stream reader agrees on the same bytes.
    @Test(arguments: PushInput.allIds)
    func truncatedInputsFailAtFinish(_ id: String) throws {
        let input = try PushInput(id)
        let exact = PushFeed.pushBytesNeeded(input.bytes, options: Self.options)
        // Where a stream may end: after the schema or any later message (the end-of-stream
        // marker is optional). A file may end only after its footer.
        let boundaries = input.isFile ? [] : Set(exact.messageEnds.dropLast(exact.outcome.events.last == .endOfStream ? 1 : 0))
        let count = input.bytes.count
        var cuts: Set<Int> = [0, 1, 4, 7, count - 1, count - 4, count - 8]
        for end in exact.messageEnds.prefix(12) { cuts.formUnion([end - 1, end, end + 1]) }
        var random = SeededRandom(seed: UInt64(count))
        for _ in 0..<6 { cuts.insert(Int(random.next() % UInt64(count))) }
        for cut in cuts.sorted() where cut >= 0 && cut < count {
            let prefix = input.bytes.slice(offset: 0, length: cut) ?? .empty
            let split = ChunkSplit.random(seed: UInt64(cut))
            let outcome = PushFeed.push(chunks(prefix, split), options: Self.options)
            let reader = ReaderOutcome(stream: prefix, options: Self.options)
            #expect(outcome.decodeError == nil, "\(id) cut at \(cut): decoding threw \(outcome.decodeError.map { "\($0)" } ?? "")")
            if boundaries.contains(cut) {
                #expect(outcome.finishError == nil, "\(id) cut between messages at \(cut): \(outcome.finishError.map { "\($0)" } ?? "")")
            } else {
                #expect(outcome.finishError is ArrowError, "\(id) cut at \(cut) of \(count): finish() did not throw an ArrowError")
            }
            #expect(outcome.succeeded == reader.succeeded, "\(id) cut at \(cut): the decoder and the stream reader disagree")
            if outcome.succeeded, reader.succeeded {
                #expect(outcome.batches.count == reader.batchCount, "\(id) cut at \(cut)")
            }
        }
    }

    /// Inputs that crashed other Arrow readers: the decoder, fed in chunks, succeeds exactly
    /// when the stream reader does, with as many batches.
    @Test(arguments: FuzzCorpus.files)
    func fuzzCorpusEndsAsTheStreamReaderEnds(_ path: String) throws {
        let data = try Data(contentsOf: try #require(GoldenData.root).appendingPathComponent(path))
        let bytes = data.withUnsafeBytes { ArrowBuffer(copying: $0) }
        let reader = ReaderOutcome(stream: bytes, options: Self.options)
        for split in [ChunkSplit.fixed(1), .fixed(64), .random(seed: 5), .whole] {
            let outcome = PushFeed.push(chunks(bytes, split), options: Self.options)
            #expect(outcome.succeeded == reader.succeeded, "\(path), \(split): the decoder and the stream reader disagree")
            if outcome.succeeded, reader.succeeded {
                #expect(outcome.batches.count == reader.batchCount, "\(path), \(split)")
            }
            for case let error? in [outcome.decodeError, outcome.finishError] {
                #expect(error is ArrowError, "\(path), \(split): \(type(of: error)) \(error)")
            }
        }
    }

    /// The end-of-stream marker is optional: a stream may end after any message, in memory
    /// as well as pushed.
    @Test func aStreamWithoutItsEndOfStreamMarkerReads() throws {
        let schema = Schema([Field("i", .int32)])
        let writer = try ArrowStreamWriter(schema: schema)
        try writer.write(try RecordBatch(schema: schema, columns: [Int32Array([1, 2, 3]).data]))
        let whole = try writer.finish()
        #expect(whole.suffix(8) == Data([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]))
        let bytes = whole.dropLast(8)
        let reader = try ArrowStreamReader(data: bytes)
        #expect(try reader.readAll().map(\.rowCount) == [3])
        let pushed = PushFeed.push(chunks(bytes.withUnsafeBytes { ArrowBuffer(copying: $0) }, .fixed(5)), options: Self.options)
        #expect(pushed.succeeded)
        #expect(pushed.events == [.schema, .recordBatch(rows: 3)])
    }

    /// The decoder's outcome for `input` equals the readers' `expected` result.
    private func check(_ outcome: PushOutcome, against expected: ReaderResult, _ input: PushInput, _ how: String) throws {
        let label = "\(input.id), \(how)"
        #expect(outcome.decodeError == nil && outcome.finishError == nil,
                "\(label): \(outcome.decodeError.map { "\($0)" } ?? "") \(outcome.finishError.map { "\($0)" } ?? "")")
        #expect(outcome.bytesNeededStayedPositive, "\(label): bytesNeeded was 0 before the input ended")
        #expect(outcome.schema == expected.schema, "\(label): the schema differs")
        // The schema first and once; the end-of-stream marker last and once.
        #expect(outcome.events.first == .schema, "\(label): \(outcome.events.prefix(3))")
        #expect(outcome.events.filter { $0 == .schema }.count == 1, "\(label)")
        #expect(outcome.events.last == .endOfStream, "\(label): \(outcome.events.suffix(3))")
        #expect(outcome.events.filter { $0 == .endOfStream }.count == 1, "\(label)")
        // A dictionary is defined before a batch uses it, and before it is extended.
        let used = try Set(expected.schema.dictionaryValueTypes().keys)
        var defined = Set<Int64>()
        for event in outcome.events {
            switch event {
            case .dictionaryBatch(let id, let isDelta):
                #expect(used.contains(id), "\(label): a dictionary batch for id \(id), which no field uses")
                #expect(!isDelta || defined.contains(id), "\(label): a delta for dictionary \(id) before it was defined")
                defined.insert(id)
            case .recordBatch:
                #expect(used.isSubset(of: defined), "\(label): a batch before dictionaries \(used.subtracting(defined).sorted())")
            case .schema, .endOfStream:
                break
            }
        }
        #expect(outcome.batches.count == expected.batches.count, "\(label): \(outcome.batches.count) batches, the readers \(expected.batches.count)")
        for (index, (batch, other)) in zip(outcome.batches, expected.batches).enumerated() {
            let difference = batch.firstDifference(from: other)
            #expect(difference == nil, "\(label) batch \(index): \(difference ?? "")")
        }
        // The same dictionaries as the stream reader's, not only the same decoded values. (The
        // file reader applies all of a file's dictionary batches, deltas too, before any batch.)
        for (index, (batch, other)) in zip(outcome.batches, expected.streamBatches).enumerated() {
            #expect(batch.columnData.map { $0.dictionary?.length } == other.columnData.map { $0.dictionary?.length },
                    "\(label) batch \(index): dictionary lengths")
        }
    }
}

// MARK: - Inputs

/// One input of the tests: a golden stream or file, one of pyarrow's, or one our writers write.
struct PushInput {
    let id: String
    let bytes: ArrowBuffer
    /// Whether it is an Arrow file (read front to back) rather than a stream.
    let isFile: Bool

    /// Inputs up to this size are also fed one byte at a time: all but the decimal and
    /// decimal256 streams and files of the 1.0.0 sets (eight inputs of 250–360 KB, many rows
    /// of one layout), which would take three quarters of the single-byte time (about 2 µs a
    /// byte, 8 s for every input).
    static let singleByteLimit = 64 << 10

    /// `golden:<set>/<case>.stream|arrow_file` for every golden case.
    static var goldenIds: [String] {
        GoldenCases.ids.flatMap { ["golden:\($0).stream", "golden:\($0).arrow_file"] }
    }

    static var pyarrowFolder: URL? { Bundle.module.url(forResource: "PyarrowRecords/streams", withExtension: nil) }

    /// `pyarrow:<name>` for every stream and file in `PyarrowRecords/streams`.
    static var pyarrowIds: [String] {
        guard let folder = pyarrowFolder else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".arrows") || $0.hasSuffix(".arrow") }.sorted().map { "pyarrow:\($0)" }
    }

    /// `swift:<name>` for every input ``WrittenInput`` makes.
    static var writtenIds: [String] { WrittenInput.all.map { "swift:\($0.name)" } }

    static var allIds: [String] { goldenIds + pyarrowIds + writtenIds }

    init(_ id: String) throws {
        self.id = id
        let colon = try #require(id.firstIndex(of: ":"))
        let name = String(id[id.index(after: colon)...])
        switch id[..<colon] {
        case "golden":
            let suffix = name.hasSuffix(".stream") ? "stream" : "arrow_file"
            let url = GoldenCases.url(String(name.dropLast(suffix.count + 1)), suffix)
            bytes = try Data(contentsOf: url).withUnsafeBytes { ArrowBuffer(copying: $0) }
            isFile = suffix == "arrow_file"
        case "pyarrow":
            let url = try #require(Self.pyarrowFolder).appendingPathComponent(name)
            bytes = try Data(contentsOf: url).withUnsafeBytes { ArrowBuffer(copying: $0) }
            isFile = name.hasSuffix(".arrow")
        default:
            let written = try #require(WrittenInput(name: name))
            bytes = try written.bytes().withUnsafeBytes { ArrowBuffer(copying: $0) }
            isFile = written.isFile
        }
    }

    /// The input in the chunks `split` makes.
    func chunks(_ split: ChunkSplit) -> some Sequence<ArrowBuffer> {
        PushDecoderTests.chunks(bytes, split)
    }
}

extension PushDecoderTests {
    /// `bytes` in the chunks `split` makes, each copied into memory of its own when it is
    /// reached (as chunks arriving from a transport are), so that batches must keep their
    /// chunk alive.
    static func chunks(_ bytes: ArrowBuffer, _ split: ChunkSplit) -> some Sequence<ArrowBuffer> {
        split.ranges(count: bytes.count).lazy.map { range in
            (bytes.slice(offset: range.lowerBound, length: range.count) ?? .empty).withUnsafeBytes { ArrowBuffer(copying: $0) }
        }
    }

    func chunks(_ bytes: ArrowBuffer, _ split: ChunkSplit) -> some Sequence<ArrowBuffer> {
        Self.chunks(bytes, split)
    }
}

/// Streams and files our own writers write: dictionaries extended by deltas and replaced,
/// compressed, empty batches, 8-byte alignment, and every golden case of the newest set
/// (every type the integration tests know) written compressed.
enum WrittenInput {
    case deltas(file: Bool)
    case replacements
    case emptyBatches
    /// The golden case `id` (`set/name`), as a stream compressed with LZ4 (dictionaries
    /// extended by deltas) or as a file compressed with ZSTD.
    case golden(String, file: Bool)

    /// The newest golden set, written again by our writers.
    static let goldenSet = "cpp-21.0.0"

    static var all: [WrittenInput] {
        [.deltas(file: false), .deltas(file: true), .replacements, .emptyBatches]
            + GoldenCases.ids.filter { $0.hasPrefix(goldenSet + "/") }.flatMap { [.golden($0, file: false), .golden($0, file: true)] }
    }

    init?(name: String) {
        guard let input = Self.all.first(where: { $0.name == name }) else { return nil }
        self = input
    }

    var name: String {
        switch self {
        case .deltas(let file): file ? "dictionary-deltas-zstd.arrow" : "dictionary-deltas-lz4.arrows"
        case .replacements: "dictionary-replacements.arrows"
        case .emptyBatches: "empty-batches-align8.arrows"
        case .golden(let id, let file): file ? "\(id)-zstd.arrow" : "\(id)-lz4-deltas.arrows"
        }
    }

    var isFile: Bool { name.hasSuffix(".arrow") }

    func bytes() throws -> Data {
        switch self {
        case .deltas(let file):
            return try write(growingDictionaryBatches(), options: ArrowWriteOptions(emitDictionaryDeltas: true, compression: file ? .zstd : .lz4Frame))
        case .replacements:
            return try write(replacedDictionaryBatches(), options: ArrowWriteOptions())
        case .emptyBatches:
            let schema = Schema([Field("s", .utf8), Field("l", .list(Field("item", .int64)))])
            let full = try RecordBatch(schema: schema, columns: [
                StringArray(["a", nil, "ccc"]).data,
                try ListArray(offsets: [0, 2, 2, 3], values: Int64Array([1, 2, 3])).data,
            ])
            let empty = try full.slice(0, 0)
            return try write([empty, full, empty, empty, try full.slice(1, 2), empty], options: ArrowWriteOptions(alignment: 8))
        case .golden(let id, let file):
            let golden = try IntegrationFile(contentsOf: GoldenCases.url(id, "json.gz"))
            let options = file ? ArrowWriteOptions(compression: .zstd) : ArrowWriteOptions(emitDictionaryDeltas: true, compression: .lz4Frame)
            return try write(golden.batches, schema: golden.schema, options: options)
        }
    }

    private func write(_ batches: [RecordBatch], schema: Schema? = nil, options: ArrowWriteOptions) throws -> Data {
        let schema = try #require(schema ?? batches.first?.schema)
        if isFile {
            let writer = try ArrowFileWriter(schema: schema, options: options)
            for batch in batches { try writer.write(batch) }
            return try writer.finish()
        }
        let writer = try ArrowStreamWriter(schema: schema, options: options)
        for batch in batches { try writer.write(batch) }
        return try writer.finish()
    }

    /// A dictionary column that grows by three values every batch (deltas), with batches of
    /// 0 to 40 rows.
    private func growingDictionaryBatches() throws -> [RecordBatch] {
        let type = DataType.dictionary(index: .int16, value: .utf8, ordered: false)
        let schema = Schema([Field("word", type, dictionaryId: 0), Field("row", .int32)])
        return try (0..<30).map { index in
            let dictionary = StringArray((0...(index * 3)).map { "word \($0)" })
            let rows = (index * 7) % 41
            let indices = ArrayData(
                type: type, length: rows, validity: nil,
                buffers: [ArrowBuffer(copying: (0..<rows).map { Int16(($0 * 5) % (index * 3 + 1)) })], dictionary: dictionary.data)
            return try RecordBatch(schema: schema, columns: [indices, Int32Array((0..<rows).map { Int32($0) }).data])
        }
    }

    /// A dictionary column whose dictionary is replaced by one of other values every batch.
    private func replacedDictionaryBatches() throws -> [RecordBatch] {
        let type = DataType.dictionary(index: .int8, value: .largeUtf8, ordered: false)
        let schema = Schema([Field("word", type, dictionaryId: 3)])
        return try (0..<6).map { index in
            let dictionary = LargeStringArray((0..<4).map { "batch \(index) word \(($0 + index) % 4)" })
            let indices = ArrayData(
                type: type, length: 9, validity: nil, buffers: [ArrowBuffer(copying: (0..<9).map { Int8(($0 + index) % 4) })],
                dictionary: dictionary.data)
            return try RecordBatch(schema: schema, columns: [indices])
        }
    }
}

// MARK: - Splits and feeding

/// How a test cuts an input into chunks: the same splits serve the synchronous decoder and,
/// as an asynchronous sequence of the same chunks, an asynchronous reader.
enum ChunkSplit: Hashable, CustomStringConvertible {
    /// The input as one chunk.
    case whole
    /// Chunks of `n` bytes, the last one shorter.
    case fixed(Int)
    /// Chunks of random sizes drawn with `seed` — empty, a few bytes, a few hundred, or up to
    /// a quarter of the input — so that every piece of the framing is split somewhere.
    case random(seed: UInt64)

    /// The splits every input is fed in.
    static let all: [ChunkSplit] = [.fixed(1), .fixed(7), .fixed(64), .fixed(4096)] + (1...4).map { .random(seed: $0) }

    /// The byte ranges of the chunks of an input of `count` bytes, in order, covering it.
    func ranges(count: Int) -> [Range<Int>] {
        switch self {
        case .whole:
            return [0..<count]
        case .fixed(let size):
            return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
        case .random(let seed):
            var random = SeededRandom(seed: seed)
            var ranges: [Range<Int>] = []
            var start = 0
            while start < count {
                let largest = [1, 8, 512, max(1, count / 4)][Int(random.next() % 4)]
                let size = Int(random.next() % UInt64(largest + 1))
                let end = min(count, start + size)
                ranges.append(start..<end)
                start = end
            }
            return ranges
        }
    }

    var description: String {
        switch self {
        case .whole: "one chunk"
        case .fixed(let size): "chunks of \(size)"
        case .random(let seed): "random chunks (seed \(seed))"
        }
    }
}

/// An event of the decoder, without its payload: what the tests compare between splits.
enum PushEvent: Equatable, CustomStringConvertible {
    case schema
    case dictionaryBatch(id: Int64, isDelta: Bool)
    case recordBatch(rows: Int)
    case endOfStream

    init(_ event: ArrowStreamDecoder.Event) {
        switch event {
        case .schema: self = .schema
        case .dictionaryBatch(let id, let isDelta): self = .dictionaryBatch(id: id, isDelta: isDelta)
        case .recordBatch(let batch): self = .recordBatch(rows: batch.rowCount)
        case .endOfStream: self = .endOfStream
        }
    }

    var description: String {
        switch self {
        case .schema: "schema"
        case .dictionaryBatch(let id, let isDelta): "dictionary \(id)\(isDelta ? " delta" : "")"
        case .recordBatch(let rows): "batch of \(rows)"
        case .endOfStream: "end of stream"
        }
    }
}

/// What feeding an input to the decoder gave.
struct PushOutcome {
    var events: [PushEvent] = []
    var batches: [RecordBatch] = []
    var schema: Schema?
    /// The error a `decode` call threw (feeding stops there).
    var decodeError: (any Error)?
    /// The error `finish()` threw.
    var finishError: (any Error)?
    /// Whether `bytesNeeded` was at least 1 after every chunk until the decoder finished, and
    /// 0 once it had.
    var bytesNeededStayedPositive = true

    var succeeded: Bool { decodeError == nil && finishError == nil }

    /// Takes in what one `decode` call returned, and checks `bytesNeeded` after it.
    mutating func record(_ decoded: [ArrowStreamDecoder.Event], _ decoder: ArrowStreamDecoder) {
        for event in decoded {
            events.append(PushEvent(event))
            switch event {
            case .schema(let schema): self.schema = schema
            case .recordBatch(let batch): batches.append(batch)
            case .dictionaryBatch, .endOfStream: break
            }
        }
        if decoder.isFinished ? decoder.bytesNeeded != 0 : decoder.bytesNeeded < 1 {
            bytesNeededStayedPositive = false
        }
    }

    /// Says the input ended.
    mutating func finish(_ decoder: inout ArrowStreamDecoder) {
        guard decodeError == nil else { return }
        do {
            try decoder.finish()
        } catch {
            finishError = error
        }
        if decoder.isFinished, decoder.bytesNeeded != 0 { bytesNeededStayedPositive = false }
    }
}

/// Feeds inputs to a decoder.
enum PushFeed {
    /// Feeds `chunks` in order to a new decoder (zero-copy), then says the input ended.
    static func push(_ chunks: some Sequence<ArrowBuffer>, options: ArrowReadOptions) -> PushOutcome {
        feed(chunks, options: options) { decoder, chunk in try decoder.decode(chunk) }
    }

    /// Feeds the `ranges` of `bytes` through the copying `decode(_:)`, as array slices.
    static func pushCopying(_ bytes: ArrowBuffer, _ ranges: [Range<Int>], options: ArrowReadOptions) -> PushOutcome {
        let array = bytes.bytes
        return feed(ranges, options: options) { decoder, range in try decoder.decode(array[range]) }
    }

    /// Feeds each of `chunks` to a new decoder through `decode`, then says the input ended.
    private static func feed<Chunk>(
        _ chunks: some Sequence<Chunk>, options: ArrowReadOptions,
        _ decode: (inout ArrowStreamDecoder, Chunk) throws -> [ArrowStreamDecoder.Event]
    ) -> PushOutcome {
        var outcome = PushOutcome()
        do {
            var decoder = try ArrowStreamDecoder(options: options)
            outcome.bytesNeededStayedPositive = decoder.bytesNeeded >= 1
            for chunk in chunks {
                do {
                    outcome.record(try decode(&decoder, chunk), decoder)
                } catch {
                    outcome.decodeError = error
                    return outcome
                }
            }
            outcome.finish(&decoder)
        } catch {
            outcome.decodeError = error
        }
        return outcome
    }

    /// What feeding exactly `bytesNeeded` bytes at a time gave.
    struct ExactFeed {
        var outcome = PushOutcome()
        /// Whether every chunk was consumed whole.
        var consumedEveryByte = true
        /// The offsets where messages ended (after each chunk that completed one), and where
        /// the end-of-stream marker ended.
        var messageEnds: [Int] = []
    }

    /// Feeds `bytes` in chunks of exactly `bytesNeeded` until the decoder finishes or the
    /// bytes run out, then says the input ended.
    static func pushBytesNeeded(_ bytes: ArrowBuffer, options: ArrowReadOptions) -> ExactFeed {
        var feed = ExactFeed()
        do {
            var decoder = try ArrowStreamDecoder(options: options)
            var position = 0
            while !decoder.isFinished, position < bytes.count {
                let wanted = decoder.bytesNeeded
                guard wanted >= 1 else {
                    feed.outcome.bytesNeededStayedPositive = false
                    break
                }
                let count = min(wanted, bytes.count - position)
                let chunk = bytes.withUnsafeBytes {
                    ArrowBuffer(copying: UnsafeRawBufferPointer(rebasing: $0[position..<(position + count)]))
                }
                let decoded: [ArrowStreamDecoder.Event]
                do {
                    decoded = try decoder.decode(chunk)
                } catch {
                    feed.outcome.decodeError = error
                    return feed
                }
                position += count
                if decoder.bytesConsumed != position { feed.consumedEveryByte = false }
                // (A chunk of bytesNeeded completes at most one message, or the end-of-stream marker.)
                if !decoded.isEmpty { feed.messageEnds.append(position) }
                feed.outcome.record(decoded, decoder)
            }
            feed.outcome.finish(&decoder)
        } catch {
            feed.outcome.decodeError = error
        }
        return feed
    }
}

// MARK: - What the readers give

/// The schema and batches the readers give for an input: the stream reader for a stream;
/// for a file, the file reader (random access through the footer), which the stream reader
/// (front to back) must agree with.
struct ReaderResult {
    let schema: Schema
    let batches: [RecordBatch]
    /// The stream reader's batches (for a stream, `batches`).
    let streamBatches: [RecordBatch]

    init(_ input: PushInput) throws {
        let stream = try ArrowStreamReader(buffer: input.bytes, options: PushDecoderTests.options)
        streamBatches = try stream.readAll()
        guard input.isFile else {
            schema = stream.schema
            batches = streamBatches
            return
        }
        let file = try ArrowFileReader(buffer: input.bytes, options: PushDecoderTests.options)
        schema = file.schema
        batches = try file.readAll()
        #expect(stream.schema == file.schema, "\(input.id): the stream reader's schema differs from the file reader's")
        #expect(streamBatches.count == batches.count, "\(input.id): the stream reader read \(streamBatches.count) batches")
    }
}

/// How the stream reader ends on some bytes: whether it read them whole, and how many batches.
struct ReaderOutcome {
    var succeeded = false
    var batchCount = 0

    init(stream bytes: ArrowBuffer, options: ArrowReadOptions) {
        do {
            let reader = try ArrowStreamReader(buffer: bytes, options: options)
            while try reader.next() != nil { batchCount += 1 }
            succeeded = true
        } catch {}
    }
}
