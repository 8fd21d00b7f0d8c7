import Foundation
import Testing
@testable import ArrowIPC

/// Compressed bodies: what the writers make, what the readers accept, and how they refuse
/// frames and length prefixes that lie.
@Suite struct CompressionTests {
    /// A batch with every classic layout plus dictionary and view columns, long enough that
    /// its buffers compress.
    private func sampleBatch(rows: Int = 2000) throws -> RecordBatch {
        let ints = Int64Array((0..<rows).map { $0 % 7 == 0 ? nil : Int64($0 % 100) })
        let strings = StringArray((0..<rows).map { $0 % 11 == 0 ? nil : "value \($0 % 50)" })
        let views = StringViewArray((0..<rows).map { $0 % 5 == 0 ? nil : "a longer string view \($0 % 30)" })
        let doubles = Float64Array((0..<rows).map { Double($0) / 4 })
        let dictionary = try DictionaryArray(
            indices: Int8Array((0..<rows).map { Int8($0 % 3) }), dictionary: StringArray(["red", "green", "blue"]))
        let schema = Schema([
            Field("ints", .int64), Field("strings", .utf8), Field("views", .utf8View),
            Field("doubles", .float64), Field("colors", dictionary.data.type),
        ])
        return try RecordBatch(schema: schema, columns: [ints, strings, views, doubles, dictionary])
    }

    /// Every message of `data` (a stream or a file read front to back).
    private func messages(_ data: Data) throws -> [FramedMessage] {
        try framedMessages(data)
    }

    /// The record batch header and body of every batch and dictionary message of `data`.
    private func bodies(_ data: Data) throws -> [(header: RecordBatchHeader, body: ArrowBuffer)] {
        try messages(data).compactMap { framed in
            switch framed.message.header {
            case .recordBatch(let header): (header, framed.body)
            case .dictionaryBatch(let header): (header.data, framed.body)
            case .schema: nil
            }
        }
    }

    @Test(arguments: [
        (CompressionCodec.lz4Frame, nil), (.lz4Frame, 1), (.lz4Frame, 9), (.lz4Frame, 12),
        (.zstd, nil), (.zstd, 1), (.zstd, 3), (.zstd, 19), (.zstd, -5),
    ] as [(CompressionCodec, Int?)])
    func roundTripsInBothFormats(_ codec: CompressionCodec, _ level: Int?) throws {
        let level: CompressionLevel = level.map(CompressionLevel.exactly) ?? .automatic
        let batch = try sampleBatch()
        let options = ArrowWriteOptions().compression(codec, level: level)
        let fileWriter = try ArrowFileWriter(schema: batch.schema, options: options)
        try fileWriter.write(batch)
        try fileWriter.write(batch.slice(100, 1000))
        let file = try fileWriter.finish()
        let reader = try ArrowFileReader(data: file, options: ArrowReadOptions(validation: .full))
        #expect(try reader.recordBatch(at: 0).isEqual(to: batch))
        #expect(try reader.recordBatch(at: 1).isEqual(to: batch.slice(100, 1000)))

        let streamWriter = try ArrowStreamWriter(schema: batch.schema, options: options)
        try streamWriter.write(batch)
        let stream = try streamWriter.finish()
        let streamReader = try ArrowStreamReader(data: stream, options: ArrowReadOptions(validation: .full))
        #expect(try #require(try streamReader.next()).isEqual(to: batch))

        // Batches and dictionaries are compressed, and smaller than without compression.
        let compressed = try bodies(stream)
        #expect(compressed.count == 2)
        #expect(compressed.allSatisfy { $0.header.compression == codec })
        let plainWriter = try ArrowStreamWriter(schema: batch.schema)
        try plainWriter.write(batch)
        #expect(stream.count < (try plainWriter.finish()).count)
    }

    @Test(arguments: CompressionCodec.allCases)
    func outputIsTheSameWithOrWithoutThreads(_ codec: CompressionCodec) throws {
        // Over the threshold for threads: about 2.5 MB of buffers.
        let batch = try sampleBatch(rows: 200_000)
        var outputs: [Data] = []
        for parallel in [true, false] {
            let writer = try ArrowFileWriter(schema: batch.schema, options: ArrowWriteOptions().compression(codec).parallel(parallel))
            try writer.write(batch)
            outputs.append(try writer.finish())
        }
        #expect(outputs[0] == outputs[1])
        for parallel in [true, false] {
            let reader = try ArrowFileReader(data: outputs[0], options: ArrowReadOptions().parallel(parallel))
            #expect(try reader.recordBatch(at: 0).isEqual(to: batch))
        }
    }

    @Test(arguments: CompressionCodec.allCases)
    func buffersThatDoNotShrinkAreStoredRawAndEmptyOnesStayEmpty(_ codec: CompressionCodec) throws {
        var generator = SystemRandomNumberGenerator()
        let noise = Int64Array((0..<4096).map { _ in Int64.random(in: .min ... .max, using: &generator) })
        let zeros = Int64Array([Int64](repeating: 0, count: 4096))
        let batch = try RecordBatch(schema: Schema([Field("noise", .int64), Field("zeros", .int64)]), columns: [noise, zeros])
        let writer = try ArrowStreamWriter(schema: batch.schema, options: ArrowWriteOptions().compression(codec))
        try writer.write(batch)
        let data = try writer.finish()
        let (header, body) = try #require(try bodies(data).first)
        // validity (empty, no nulls), values; validity, values
        #expect(header.buffers.map(\.length)[0] == 0 && header.buffers.map(\.length)[2] == 0)
        func prefix(_ index: Int) -> Int64 {
            body.baseAddress.loadUnaligned(fromByteOffset: Int(header.buffers[index].offset), as: Int64.self)
        }
        #expect(prefix(1) == -1)
        #expect(header.buffers[1].length == 8 + 4096 * 8)
        #expect(prefix(3) == 4096 * 8)
        #expect(header.buffers[3].length < 1000)
        let reader = try ArrowStreamReader(data: data)
        #expect(try #require(try reader.next()).isEqual(to: batch))
    }

    @Test(arguments: CompressionCodec.allCases)
    func framesReusedFromBatchToBatchKeepEveryBatchIntact(_ codec: CompressionCodec) throws {
        let batches = try [4000, 100, 2500, 4000].enumerated().map { seed, rows in
            try RecordBatch(names: ["n", "s"], columns: [
                Int64Array((0..<rows).map { Int64(($0 * (seed + 3)) % 97) }),
                StringArray((0..<rows).map { "row \($0 % (seed + 5))" }),
            ])
        }
        let writer = try ArrowStreamWriter(schema: batches[0].schema, options: ArrowWriteOptions().compression(codec))
        for batch in batches { try writer.write(batch) }
        let reader = try ArrowStreamReader(data: try writer.finish(), options: ArrowReadOptions(validation: .full))
        let read = try reader.readAll()
        #expect(read.count == batches.count)
        for (got, expected) in zip(read, batches) { #expect(got.isEqual(to: expected)) }
    }

    @Test(arguments: CompressionCodec.allCases)
    func manyTasksReadOneCompressedFileAtOnce(_ codec: CompressionCodec) async throws {
        // Each batch (about 340 KB of buffers) is decompressed on several threads, inside
        // tasks that run at once.
        let rows = 20_000
        let batches = try (0..<4).map { seed in
            try RecordBatch(names: ["n", "s"], columns: [
                Int64Array((0..<rows).map { Int64(($0 + seed) % 1000) }), StringArray((0..<rows).map { "v\(($0 * seed) % 77)" }),
            ])
        }
        let writer = try ArrowFileWriter(schema: batches[0].schema, options: ArrowWriteOptions().compression(codec))
        for batch in batches { try writer.write(batch) }
        let reader = try ArrowFileReader(data: try writer.finish())
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var same = true
                    for round in 0..<4 {
                        let index = (task + round) % batches.count
                        let equal = try reader.recordBatch(at: index).isEqual(to: batches[index])
                        same = same && equal
                    }
                    return same
                }
            }
            for try await same in group { #expect(same) }
        }
    }

    @Test func theFramePoolReusesAndBoundsItsMemory() {
        let pool = FramePool()
        let first = pool.take([1000, 50])
        pool.keep(first)
        let second = pool.take([40, 900])
        #expect(second[0] === first[1] && second[1] === first[0])
        let big = HeapAllocation(byteCount: 10_000)
        pool.keep(second + [big])
        // No more than the largest request (1050 bytes) is kept: the big one goes.
        let third = pool.take([900, 40, 10_000])
        #expect(third[0] === first[0] && third[1] === first[1] && third[2] !== big)
    }

    @Test func optionsAreChecked() throws {
        let schema = Schema([Field("a", .int64)])
        #expect(throws: ArrowError.invalidArgument("LZ4 compression levels go from 1 to 12, not 13")) {
            try ArrowStreamWriter(schema: schema, options: ArrowWriteOptions().compression(.lz4Frame, level: 13))
        }
        #expect(throws: ArrowError.self) {
            try ArrowStreamWriter(schema: schema, options: ArrowWriteOptions().compression(.zstd, level: 23))
        }
        #expect(throws: ArrowError.self) {
            try ArrowStreamWriter(schema: schema, options: ArrowWriteOptions(compression: .lz4Frame, metadataVersion: .v4))
        }
        #expect(throws: ArrowError.invalidArgument("a compression level (level 3) needs a compression codec")) {
            try ArrowStreamWriter(schema: schema, options: ArrowWriteOptions(compressionLevel: 3))
        }
        #expect(throws: ArrowError.self) {
            try ArrowStreamWriter(schema: schema, options: ArrowWriteOptions().compression(.zstd, level: 1.5))
        }
    }

    @Test func fractionsMapOntoEachCodecsLevels() throws {
        #expect(CompressionCodec.lz4LevelRange == 1...12)
        #expect(try CompressionCodec.lz4Frame.level(0.0) == 1)
        #expect(try CompressionCodec.lz4Frame.level(0.5) == 7)
        #expect(try CompressionCodec.lz4Frame.level(1.0) == 12)
        let zstd = try CompressionCodec.zstd.levelRange()
        #expect(zstd.lowerBound < 0 && zstd.upperBound >= 19)
        #expect(try CompressionCodec.zstd.level(1.0) == zstd.upperBound)
        #expect(try CompressionCodec.zstd.level(.automatic) == 1)
        #expect(try CompressionCodec.zstd.level(-5) == -5)
        #expect(throws: ArrowError.self) { try CompressionCodec.zstd.level(-0.1) }
        // A stronger level makes a smaller body of compressible data.
        let batch = try RecordBatch(names: ["v"], columns: [Int64Array((0..<50_000).map { Int64($0 % 1000) * 7 })])
        func size(_ level: CompressionLevel) throws -> Int {
            let writer = try ArrowStreamWriter(schema: batch.schema, options: ArrowWriteOptions().compression(.zstd, level: level))
            try writer.write(batch)
            return try writer.finish().count
        }
        #expect(try size(1.0) < size(0.0))
    }

    @Test func aMissingLibraryIsNamedWithItsPackage() {
        do {
            _ = try SystemLibrary(candidates: ["libarrow-ipc-missing.so.1"], debianPackage: "liblz4-1", homebrewFormula: "lz4")
            Issue.record("a missing library loaded")
        } catch let error as ArrowError {
            guard case .notSupported(let reason) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(reason.contains("libarrow-ipc-missing.so.1"))
            #expect(reason.contains("apt-get install liblz4-1"))
            #expect(reason.contains("brew install lz4"))
        } catch {
            Issue.record("\(error)")
        }
    }

    // MARK: - Hostile bodies

    /// A stream of one batch of `rows` int64 values whose values buffer is `stored` (length
    /// prefix and frame, as the file would hold them), and a second column whose values are
    /// `second`, or the same bytes as the first column's when `sharing`.
    private func stream(
        codec: CompressionCodec, rows: Int, stored: [UInt8], second: [UInt8]? = nil, sharing: Bool = false
    ) throws -> Data {
        let sink = MemorySink()
        let writer = HandMadeMessageWriter(sink: sink, alignment: 8)
        let columns = second == nil ? 1 : 2
        let schema = Schema((0..<columns).map { Field("c\($0)", .int64) })
        try writer.write(Message(version: .v5, header: .schema(schema, .little), bodyLength: 0, customMetadata: [:]))
        var body: [UInt8] = []
        var ranges: [BufferRange] = []
        for bytes in [stored] + (second.map { [$0] } ?? []) {
            ranges.append(BufferRange(offset: Int64(body.count), length: 0))
            ranges.append(BufferRange(offset: Int64(body.count), length: Int64(bytes.count)))
            body += bytes
            body += [UInt8](repeating: 0, count: padded(body.count, to: 8) - body.count)
        }
        if sharing { ranges[3] = ranges[1] }
        let header = RecordBatchHeader(
            length: Int64(rows), nodes: Array(repeating: FieldNode(length: Int64(rows), nullCount: 0), count: columns),
            buffers: ranges, compression: codec, variadicBufferCounts: [])
        try writer.write(
            Message(version: .v5, header: .recordBatch(header), bodyLength: Int64(body.count), customMetadata: [:]),
            body: [ArrowBuffer(copying: body)])
        try writer.writeEndOfStream()
        return sink.data
    }

    /// `values` compressed by `codec` with its length prefix, as a writer stores them.
    private func stored(_ values: [Int64], _ codec: CompressionCodec, declaring declared: Int64? = nil) throws -> [UInt8] {
        let session = try codec.makeSession()
        let frame = try values.withUnsafeBytes { source in
            var target = [UInt8](repeating: 0, count: try session.compressedBound(source.count))
            let count = try target.withUnsafeMutableBytes { try session.compress(source, into: $0, level: 1) }
            return Array(target.prefix(count))
        }
        return withUnsafeBytes(of: (declared ?? Int64(values.count * 8)).littleEndian, Array.init) + frame
    }

    private func read(_ data: Data, options: ArrowReadOptions = ArrowReadOptions()) throws -> RecordBatch? {
        let reader = try ArrowStreamReader(data: data, options: options.validation(.full))
        return try reader.next()
    }

    private func expectRefusal(_ data: Data, containing expected: [String], options: ArrowReadOptions = ArrowReadOptions()) {
        do {
            _ = try read(data, options: options)
            Issue.record("accepted; expected an error containing \(expected)")
        } catch let error as ArrowError {
            for part in expected + ["record batch in message 1", "buffer 1 (field 'c0')"] {
                #expect(error.reason.contains(part), "\(error.reason) does not contain \(part)")
            }
        } catch {
            Issue.record("\(error)")
        }
    }

    private let values = (0..<1000).map { Int64($0 % 10) }

    @Test(arguments: CompressionCodec.allCases)
    func aHandMadeFrameReads(_ codec: CompressionCodec) throws {
        let batch = try #require(try read(try stream(codec: codec, rows: 1000, stored: try stored(values, codec))))
        #expect(batch.columnData[0].isEqual(to: Int64Array(values).data))
        let raw = withUnsafeBytes(of: Int64(-1).littleEndian, Array.init) + values.withUnsafeBytes(Array.init)
        let rawBatch = try #require(try read(try stream(codec: codec, rows: 1000, stored: raw)))
        #expect(rawBatch.columnData[0].isEqual(to: Int64Array(values).data))
    }

    @Test(arguments: CompressionCodec.allCases)
    func lyingLengthsAreRefused(_ codec: CompressionCodec) throws {
        let name = codec.displayName
        expectRefusal(try stream(codec: codec, rows: 1000, stored: try stored(values, codec, declaring: 8001)),
                      containing: ["\(name) frame", "8001"])
        expectRefusal(try stream(codec: codec, rows: 1000, stored: try stored(values, codec, declaring: 7999)),
                      containing: ["\(name) frame", "7999"])
        expectRefusal(try stream(codec: codec, rows: 1000, stored: try stored(values, codec, declaring: -2)),
                      containing: ["-2"])
        expectRefusal(try stream(codec: codec, rows: 1000, stored: try stored(values, codec, declaring: 1 << 40)),
                      containing: ["ArrowReadOptions.maxDecompressedBufferSize"])
        // A bomb: more than the frame could ever hold, refused before allocating.
        expectRefusal(try stream(codec: codec, rows: 1000, stored: try stored(values, codec, declaring: 1 << 30)),
                      containing: ["can hold"])
        expectRefusal(try stream(codec: codec, rows: 1000, stored: try stored(values, codec)),
                      containing: ["8000", "maxDecompressedBufferSize"],
                      options: ArrowReadOptions().maxDecompressedBufferSize(4096))
        expectRefusal(try stream(codec: codec, rows: 1000, stored: [1, 2, 3]), containing: ["too few"])
        // Truncated frames and frames with bytes after them.
        let good = try stored(values, codec)
        for cut in [9, 12, good.count / 2, good.count - 1] {
            expectRefusal(try stream(codec: codec, rows: 1000, stored: Array(good.prefix(cut))), containing: ["\(name) frame"])
        }
        expectRefusal(try stream(codec: codec, rows: 1000, stored: good + [0x42, 0x42, 0x42, 0x42]), containing: ["\(name) frame"])
    }

    @Test(arguments: CompressionCodec.allCases)
    func batchInfoRefusesLengthsThatOverflowTheTotal(_ codec: CompressionCodec) throws {
        // Found by fuzzing: Int.max - 7 overflowed when padded to 8 bytes.
        for declared in [Int64.max, Int64.max - 7] {
            let data = try stream(codec: codec, rows: 1000, stored: try stored(values, codec, declaring: declared))
            let reader = try ArrowStreamReader(data: data)
            #expect(throws: ArrowError.self, "\(declared)") { try reader.nextInfo() }
        }
        let reader = try ArrowStreamReader(data: try stream(codec: codec, rows: 1000, stored: try stored(values, codec)))
        let info = try #require(try reader.nextInfo())
        #expect(info.compression == codec && info.uncompressedBodyLength == 8000 && info.rowCount == 1000)
    }

    @Test(arguments: CompressionCodec.allCases)
    func aZeroLengthWithoutAFrameIsAnEmptyBuffer(_ codec: CompressionCodec) throws {
        // As Arrow Java writes empty buffers: the validity bitmap here (no nulls).
        let sink = MemorySink()
        let writer = HandMadeMessageWriter(sink: sink, alignment: 8)
        let schema = Schema([Field("v", .int64)])
        try writer.write(Message(version: .v5, header: .schema(schema, .little), bodyLength: 0, customMetadata: [:]))
        let values = try stored(self.values, codec)
        let body = [UInt8](repeating: 0, count: 8) + values + [UInt8](repeating: 0, count: padded(values.count, to: 8) - values.count)
        let header = RecordBatchHeader(
            length: 1000, nodes: [FieldNode(length: 1000, nullCount: 0)],
            buffers: [BufferRange(offset: 0, length: 8), BufferRange(offset: 8, length: Int64(values.count))],
            compression: codec, variadicBufferCounts: [])
        try writer.write(
            Message(version: .v5, header: .recordBatch(header), bodyLength: Int64(body.count), customMetadata: [:]),
            body: [ArrowBuffer(copying: body)])
        let batch = try #require(try read(sink.data))
        #expect(batch.columnData[0].isEqual(to: Int64Array(self.values).data))
    }

    @Test(arguments: CompressionCodec.allCases)
    func theMessageTotalIsLimited(_ codec: CompressionCodec) throws {
        // Two columns of 8000 bytes each: under a per-buffer limit of 8000, over a total of 12000.
        let good = try stored(values, codec)
        let data = try stream(codec: codec, rows: 1000, stored: good, second: good)
        let limited = ArrowReadOptions().maxDecompressedBufferSize(8000).maxDecompressedBodySize(12_000)
        do {
            _ = try read(data, options: limited)
            Issue.record("accepted")
        } catch let error as ArrowError {
            #expect(error.reason.contains("16000 uncompressed bytes in all"))
            #expect(error.reason.contains("ArrowReadOptions.maxDecompressedBodySize"))
        }
        #expect(try read(data, options: limited.maxDecompressedBodySize(16_000))?.rowCount == 1000)
    }

    @Test(arguments: CompressionCodec.allCases)
    func bitFlipsInsideFramesEndInAnErrorOrAValidBatch(_ codec: CompressionCodec) throws {
        let good = try stored(values, codec)
        var results = (errors: 0, batches: 0)
        for position in 8..<good.count {
            for bit in [0, 3, 7] {
                var bytes = good
                bytes[position] ^= UInt8(1 << bit)
                do {
                    let batch = try read(try stream(codec: codec, rows: 1000, stored: bytes))
                    #expect(batch?.rowCount == 1000)
                    results.batches += 1
                } catch is ArrowError {
                    results.errors += 1
                }
            }
        }
        #expect(results.errors > 0)
    }

    @Test(arguments: CompressionCodec.allCases)
    func buffersSharingTheSameBytesAreDecompressedOnce(_ codec: CompressionCodec) throws {
        let good = try stored(values, codec)
        let data = try stream(codec: codec, rows: 1000, stored: good, second: [], sharing: true)
        let batch = try #require(try read(data))
        #expect(batch.columnData[0].buffers[0].baseAddress == batch.columnData[1].buffers[0].baseAddress)
        #expect(batch.columnData[1].isEqual(to: Int64Array(values).data))
    }

    @Test(arguments: CompressionCodec.allCases)
    func unselectedColumnsAreNotDecompressed(_ codec: CompressionCodec) throws {
        let good = try stored(values, codec)
        var corrupt = good
        corrupt.replaceSubrange(8..<min(good.count, 20), with: [UInt8](repeating: 0xEE, count: min(good.count, 20) - 8))
        let data = try stream(codec: codec, rows: 1000, stored: good, second: corrupt)
        let reader = try ArrowStreamReader(data: data, options: ArrowReadOptions(validation: .full))
        #expect(try #require(try reader.next(columns: [0])).columnData[0].isEqual(to: Int64Array(values).data))
        #expect(throws: ArrowError.self) { try read(data) }
    }
}
