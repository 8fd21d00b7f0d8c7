import Foundation
import Synchronization
import Testing
@testable import ArrowIPC

/// The two halves of a pipelined conversion: `ReadAheadBatchSource` (the source's batches and
/// errors, in its order, read on another thread one batch ahead), and writers that write each
/// batch on a thread of their own while the next is encoded.
@Suite struct PipelineTests {
    private func batches(_ count: Int) throws -> [RecordBatch] {
        try (0..<count).map { seed in
            let rows = 300 + seed * 11
            return try RecordBatch(names: ["n", "s"], columns: [
                Int64Array((0..<rows).map { $0 % 5 == 0 ? nil : Int64($0 * (seed + 1)) }),
                StringArray((0..<rows).map { "row \($0) of batch \(seed)" }),
            ])
        }
    }

    /// How far a ``CountingSource`` was read, and whether it is still alive.
    private final class Counts: Sendable {
        let reads = Atomic<Int>(0)
        let alive = Atomic<Int>(0)
    }

    /// A source of `batches` that fails in place of batch `failing`, and counts its reads.
    private final class CountingSource: RecordBatchSource, @unchecked Sendable {
        let schema: Schema
        let batches: [RecordBatch]
        let failing: Int?
        let counts: Counts
        private var position = 0

        init(_ batches: [RecordBatch], failing: Int? = nil, counts: Counts) {
            schema = batches[0].schema
            self.batches = batches
            self.failing = failing
            self.counts = counts
            counts.alive.add(1, ordering: .relaxed)
        }

        deinit { counts.alive.subtract(1, ordering: .relaxed) }

        func next(columns: [Int]?) throws -> RecordBatch? {
            counts.reads.add(1, ordering: .relaxed)
            defer { position += 1 }
            if position == failing { throw ArrowError.invalidData("batch \(position) is broken") }
            guard position < batches.count else { return nil }
            return batches[position]
        }
    }

    @Test func givesTheBatchesOfAFileInOrderAndAWriterCopiesThem() throws {
        let expected = try batches(9)
        let writer = try ArrowFileWriter(schema: expected[0].schema, options: ArrowWriteOptions(compression: .zstd))
        for batch in expected { try writer.write(batch) }
        let file = try writer.finish()
        var source = ReadAheadBatchSource(try ArrowBatchSource.open(data: file))
        #expect(source.schema == expected[0].schema)
        let copy = try ArrowStreamWriter(schema: source.schema).write(contentsOf: &source)
        let read = try ArrowStreamReader(data: copy).readAll()
        #expect(read.count == expected.count)
        #expect(zip(read, expected).allSatisfy { $0.isEqual(to: $1) })
        #expect(try source.next(columns: nil) == nil)
    }

    @Test(arguments: [CompressionCodec.zstd, .lz4Frame])
    func aCompressedFileConvertedThroughBothThreadsKeepsEveryBatch(codec: CompressionCodec) throws {
        let expected = try batches(12)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.arrow")
        let output = folder.appendingPathComponent("out.arrows")
        try ArrowFileWriter.write(to: input, schema: expected[0].schema, options: ArrowWriteOptions(compression: codec)) { writer in
            for batch in expected { try writer.write(batch) }
        }
        var source = ReadAheadBatchSource(try ArrowBatchSource.open(url: input, options: ArrowReadOptions().memoryMapsFiles(false)))
        // Recompressed: the writer's frames go back to its pool from the writing thread.
        try ArrowStreamWriter(url: output, schema: source.schema, options: ArrowWriteOptions(compression: codec))
            .write(contentsOf: &source)
        let read = try ArrowStreamReader(url: output, options: ArrowReadOptions(validation: .full)).readAll()
        #expect(read.count == expected.count)
        #expect(zip(read, expected).allSatisfy { $0.isEqual(to: $1) })
    }

    @Test func readsOnlyTheColumnsItWasMadeWith() throws {
        let expected = try batches(3)
        let writer = try ArrowStreamWriter(schema: expected[0].schema)
        for batch in expected { try writer.write(batch) }
        let source = ReadAheadBatchSource(try ArrowStreamReader(data: try writer.finish()), columns: [1])
        #expect(throws: ArrowError.self) { try source.next(columns: nil) }
        var count = 0
        while let batch = try source.next(columns: [1]) {
            #expect(batch.columnCount == 1)
            #expect(batch.columnData[0].isEqual(to: expected[count].columnData[1]))
            count += 1
        }
        #expect(count == expected.count)
    }

    @Test func anErrorComesAfterTheBatchesBeforeItAndEndsTheBatches() throws {
        let counts = Counts()
        let expected = try batches(5)
        let source = ReadAheadBatchSource(CountingSource(expected, failing: 2, counts: counts))
        #expect(try source.next(columns: nil)?.isEqual(to: expected[0]) == true)
        #expect(try source.next(columns: nil)?.isEqual(to: expected[1]) == true)
        #expect(throws: ArrowError.invalidData("batch 2 is broken")) { try source.next(columns: nil) }
        #expect(try source.next(columns: nil) == nil)
        // Nothing is read after the error.
        #expect(counts.reads.load(ordering: .relaxed) == 3)
    }

    @Test func readsOneBatchAheadAndStopsWhenDroppedEarly() throws {
        let counts = Counts()
        let expected = try batches(20)
        var source: ReadAheadBatchSource? = ReadAheadBatchSource(CountingSource(expected, counts: counts))
        #expect(try source?.next(columns: nil)?.isEqual(to: expected[0]) == true)
        // While the caller holds a batch, the reader reads the next one: never further (two
        // batches' memory at once).
        try waitUntil { counts.reads.load(ordering: .relaxed) == 2 }
        Thread.sleep(forTimeInterval: 0.05)
        #expect(counts.reads.load(ordering: .relaxed) == 2)
        #expect(try source?.next(columns: nil)?.isEqual(to: expected[1]) == true)
        try waitUntil { counts.reads.load(ordering: .relaxed) == 3 }
        Thread.sleep(forTimeInterval: 0.05)
        #expect(counts.reads.load(ordering: .relaxed) == 3)
        source = nil
        // The reading thread lets the source go.
        try waitUntil { counts.alive.load(ordering: .relaxed) == 0 }
        #expect(counts.reads.load(ordering: .relaxed) == 3)
    }

    /// A file read by several threads, each taking every few batches by position: the
    /// batches in the file's order, with the columns asked for, then the end.
    @Test(arguments: [1, 2, 3, 16])
    func aFileReadBySeveralThreadsGivesItsBatchesInOrder(readers: Int) throws {
        let expected = try batches(11)
        let writer = try ArrowFileWriter(schema: expected[0].schema, options: ArrowWriteOptions(compression: .zstd))
        for batch in expected { try writer.write(batch) }
        let file = try ArrowFileReader(data: try writer.finish())
        var source = ReadAheadBatchSource(file: file, readers: readers)
        let copy = try ArrowStreamWriter(schema: source.schema).write(contentsOf: &source)
        let read = try ArrowStreamReader(data: copy).readAll()
        #expect(read.count == expected.count)
        #expect(zip(read, expected).allSatisfy { $0.isEqual(to: $1) })
        #expect(try source.next(columns: nil) == nil)
        let strings = ReadAheadBatchSource(file: file, columns: [1], readers: readers)
        var count = 0
        while let batch = try strings.next(columns: [1]) {
            #expect(batch.columnData[0].isEqual(to: expected[count].columnData[1]))
            count += 1
        }
        #expect(count == expected.count)
    }

    /// A batch of a file that fails to read is the error of the call that would have returned
    /// it, after the batches before it, whichever thread read it; then the batches end.
    @Test(arguments: [1, 2, 3])
    func aFileBatchThatFailsComesAfterTheBatchesBeforeIt(readers: Int) throws {
        let expected = try batches(7)
        let writer = try ArrowFileWriter(schema: expected[0].schema, options: ArrowWriteOptions(compression: .zstd))
        for batch in expected { try writer.write(batch) }
        var bytes = [UInt8](try writer.finish())
        // Batch 4's body, its first compressed frame's magic number spoiled.
        let block = try ArrowFileReader(data: Data(bytes)).blocks[4]
        let body = Int(block.offset) + Int(block.metadataLength)
        let magic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]
        let frame = try #require((body..<bytes.count - 4).first { Array(bytes[$0..<$0 + 4]) == magic })
        bytes[frame] ^= 0xFF
        let source = ReadAheadBatchSource(file: try ArrowFileReader(data: Data(bytes)), readers: readers)
        for index in 0..<4 {
            #expect(try source.next(columns: nil)?.isEqual(to: expected[index]) == true)
        }
        #expect(throws: ArrowError.self) { try source.next(columns: nil) }
        #expect(try source.next(columns: nil) == nil)
    }

    private func waitUntil(_ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(10)
        while !condition() {
            guard Date() < deadline else { throw ArrowError.invalidData("timed out waiting") }
            Thread.sleep(forTimeInterval: 0.002)
        }
    }
}
