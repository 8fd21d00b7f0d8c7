import Foundation
import Testing
@testable import ArrowIPC

/// The async reader and writers: chunk sequences of every kind, pipes read while written,
/// back-pressure, cancellation, errors.
@Suite struct AsyncStreamTests {
    /// Three batches with a dictionary column whose dictionary grows, so that the stream
    /// holds dictionary batches between record batches.
    static func sampleBatches() throws -> [RecordBatch] {
        try (0..<3).map { part in
            let rows = 500 * (part + 1)
            let ints = Int64Array((0..<rows).map { $0 % 7 == 0 ? nil : Int64($0 * (part + 1)) })
            let strings = StringArray((0..<rows).map { $0 % 11 == 0 ? nil : "value \($0 % 50) of \(part)" })
            let colors = try DictionaryArray(
                indices: Int8Array((0..<rows).map { Int8($0 % (part + 2)) }),
                dictionary: StringArray(Array(["red", "green", "blue", "cyan"].prefix(part + 2))))
            let schema = Schema(
                [Field("ints", .int64), Field("strings", .utf8), Field("colors", colors.data.type)], metadata: ["part": "sample"])
            return try RecordBatch(schema: schema, columns: [ints, strings, colors])
        }
    }

    static func sampleStream(options: ArrowWriteOptions = ArrowWriteOptions(emitDictionaryDeltas: true)) throws -> Data {
        let batches = try sampleBatches()
        let writer = try ArrowStreamWriter(schema: batches[0].schema, options: options)
        for batch in batches { try writer.write(batch) }
        return try writer.finish()
    }

    /// `bytes` as an `AsyncStream` of chunks of `size` bytes, each made by `chunk`.
    static func chunks<Element: Sendable>(
        _ bytes: Data, size: Int, _ chunk: @escaping @Sendable (Data) -> Element
    ) -> AsyncStream<Element> {
        AsyncStream { continuation in
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + size)
                continuation.yield(chunk(bytes.subdata(in: start..<end)))
                start = end
            }
            continuation.finish()
        }
    }

    private func expectSameBatches(_ found: [RecordBatch], _ bytes: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try ArrowStreamReader(data: bytes).readAll()
        #expect(found.count == expected.count, sourceLocation: sourceLocation)
        for (got, want) in zip(found, expected) {
            #expect(got.isEqual(to: want), sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [1, 7, 64, 4096, 1 << 20])
    func everyKindOfChunkGivesTheSyncReadersBatches(size: Int) async throws {
        let bytes = try Self.sampleStream()
        let fromArrays = try await ArrowAsyncStreamReader(Self.chunks(bytes, size: size) { [UInt8]($0) }).readAll()
        try expectSameBatches(fromArrays, bytes)
        let fromData = try await ArrowAsyncStreamReader(Self.chunks(bytes, size: size) { $0 }).readAll()
        try expectSameBatches(fromData, bytes)
        let fromSlices = try await ArrowAsyncStreamReader(Self.chunks(bytes, size: size) { [UInt8]($0)[...] }).readAll()
        try expectSameBatches(fromSlices, bytes)
        let fromBuffers = try await ArrowAsyncStreamReader(
            Self.chunks(bytes, size: size) { data in data.withUnsafeBytes { ArrowBuffer(copying: $0) } }).readAll()
        try expectSameBatches(fromBuffers, bytes)
    }

    @Test func aFileIsReadFrontToBackAndItsFooterChecked() async throws {
        let batches = try Self.sampleBatches()
        let writer = try ArrowFileWriter(schema: batches[0].schema)
        for batch in batches { try writer.write(batch) }
        let file = try writer.finish()
        let read = try await ArrowAsyncStreamReader(Self.chunks(file, size: 100) { $0 }).readAll()
        #expect(read.count == 3)
        // Without its footer, the file is not taken as whole.
        let cut = file.prefix(file.count - 20)
        await #expect(throws: ArrowError.self) {
            _ = try await ArrowAsyncStreamReader(Self.chunks(Data(cut), size: 100) { $0 }).readAll()
        }
    }

    @Test func theSchemaComesWithTheFirstMessage() async throws {
        let bytes = try Self.sampleStream()
        let reader = try ArrowAsyncStreamReader(Self.chunks(bytes, size: 64) { $0 })
        let schema = try await reader.schema
        #expect(schema == (try ArrowStreamReader(data: bytes)).schema)
        var count = 0
        for try await batch in reader {
            #expect(batch.schema.fields == schema.fields)
            count += 1
        }
        #expect(count == 3)
    }

    @Test func truncatedAndEmptyInputsThrow() async throws {
        let bytes = try Self.sampleStream()
        for cut in [0, 3, 100, bytes.count / 2, bytes.count - 9] {
            await #expect(throws: ArrowError.self, "cut at \(cut)") {
                _ = try await ArrowAsyncStreamReader(Self.chunks(Data(bytes.prefix(cut)), size: 50) { $0 }).readAll()
            }
        }
        // An error ends the reader: later calls rethrow it.
        let reader = try ArrowAsyncStreamReader(Self.chunks(Data(bytes.prefix(100)), size: 50) { $0 })
        await #expect(throws: ArrowError.self) { _ = try await reader.next() }
        await #expect(throws: ArrowError.self) { _ = try await reader.next() }
    }

    /// A stream may end between messages without its end-of-stream marker (pyarrow reads
    /// such a stream): every reader takes it, from memory, a file or chunks.
    @Test func aStreamMayEndWithoutItsMarker() async throws {
        let bytes = try Self.sampleStream()
        let unmarked = Data(bytes.prefix(bytes.count - 8))
        #expect(try ArrowStreamReader(data: unmarked).readAll().count == 3)
        var decoder = try ArrowStreamDecoder()
        let events = try decoder.decode(unmarked)
        try decoder.finish()
        #expect(events.filter { if case .recordBatch = $0 { true } else { false } }.count == 3)
        #expect(try await ArrowAsyncStreamReader(Self.chunks(unmarked, size: 64) { $0 }).readAll().count == 3)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("unmarked-\(UUID().uuidString).arrows")
        defer { try? FileManager.default.removeItem(at: url) }
        try unmarked.write(to: url)
        #expect(try ArrowStreamReader(url: url).readAll().count == 3)
        #expect(try ArrowStreamReader(url: url, options: ArrowReadOptions(memoryMapsFiles: false)).readAll().count == 3)
    }

    @Test func encodedChunksAndTheAsyncWriterMakeTheSyncWritersStream() async throws {
        let batches = try Self.sampleBatches()
        let options = ArrowWriteOptions(emitDictionaryDeltas: true)
        let expected = try Self.sampleStream(options: options)
        let source = AsyncStream<RecordBatch> { continuation in
            for batch in batches { continuation.yield(batch) }
            continuation.finish()
        }
        var joined = Data()
        for try await chunk in ArrowEncodedChunks(schema: batches[0].schema, batches: source, options: options) {
            joined.append(contentsOf: chunk.bytes)
        }
        #expect(joined == expected)

        let collected = Locked(Data())
        let writer = try ArrowAsyncStreamWriter(schema: batches[0].schema, options: options) { chunk in
            collected.withLock { $0.append(contentsOf: chunk.bytes) }
        }
        for batch in batches { try await writer.write(batch) }
        try await writer.finish()
        #expect(collected.withLock { $0 } == expected)
    }

    @Test func aCompressedStreamRoundTripsThroughTheAsyncPair() async throws {
        let batches = try Self.sampleBatches()
        let options = ArrowWriteOptions(compression: .zstd)
        let source = AsyncStream<RecordBatch> { continuation in
            for batch in batches { continuation.yield(batch) }
            continuation.finish()
        }
        let chunks = ArrowEncodedChunks(schema: batches[0].schema, batches: source, options: options)
        let read = try await ArrowAsyncStreamReader(chunks).readAll()
        #expect(read.count == batches.count)
        for (got, want) in zip(read, batches) { #expect(got.isEqual(to: want)) }
    }

    /// A slow consumer of encoded chunks: the batches are pulled from upstream only as the
    /// chunks of the one before are taken, so at most one batch is encoded ahead.
    @Test func aSlowConsumerHoldsBackTheProducer() async throws {
        let batches = try Self.sampleBatches()
        let produced = Locked(0)
        let upstream = AsyncStream<RecordBatch> { () -> RecordBatch? in
            let index = produced.withLock { count -> Int in
                count += 1
                return count - 1
            }
            return index < 30 ? batches[index % 3] : nil
        }
        let chunks = ArrowEncodedChunks(schema: batches[0].schema, batches: upstream)
        let reader = try ArrowAsyncStreamReader(chunks)
        var consumed = 0
        var mostAhead = 0
        while let _ = try await reader.next() {
            consumed += 1
            mostAhead = max(mostAhead, produced.withLock { $0 } - consumed)
            try await Task.sleep(for: .milliseconds(2))
        }
        #expect(consumed == 30)
        // (The upstream stream asks for one element ahead of the encoder's demand.)
        #expect(mostAhead <= 2)
    }

    /// A pipe read while it is written: the first batch arrives while the writer waits for it.
    @Test func aPipeIsReadWhileItIsWritten() async throws {
        let batches = try Self.sampleBatches()
        let pipe = Pipe()
        let firstArrived = DispatchSemaphore(value: 0)
        let writerWaited = Locked<Bool?>(nil)
        let writing = Thread {
            do {
                let writer = try ArrowStreamWriter(fileHandle: pipe.fileHandleForWriting, schema: batches[0].schema)
                try writer.write(batches[0])
                // (A long bound: with the whole suite running, under a sanitizer, the reader's
                // task may wait minutes for a thread of the cooperative pool.)
                writerWaited.withLock { $0 = firstArrived.wait(timeout: .now() + 900) == .success }
                for batch in batches.dropFirst() { try writer.write(batch) }
                try writer.finish()
            } catch {
                writerWaited.withLock { $0 = false }
            }
            try? pipe.fileHandleForWriting.close()
        }
        writing.start()
        let reader = try ArrowAsyncStreamReader(fileHandle: pipe.fileHandleForReading)
        var read: [RecordBatch] = []
        while let batch = try await reader.next() {
            read.append(batch)
            if read.count == 1 { firstArrived.signal() }
        }
        #expect(read.count == 3)
        while writerWaited.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(5)) }
        #expect(writerWaited.withLock { $0 } == true)
    }

    /// The async writer to a pipe, read by the sync reader on another thread as it goes.
    @Test func theAsyncWriterFeedsAPipeAsItGoes() async throws {
        let batches = try Self.sampleBatches()
        let pipe = Pipe()
        let readCount = Locked(0)
        let done = DispatchSemaphore(value: 0)
        let reading = Thread {
            if let reader = try? ArrowStreamReader(fileHandle: pipe.fileHandleForReading) {
                while let batch = try? reader.next(), batch.rowCount > 0 { readCount.withLock { $0 += 1 } }
            }
            done.signal()
        }
        reading.start()
        let writer = try ArrowAsyncStreamWriter(fileHandle: pipe.fileHandleForWriting, schema: batches[0].schema)
        try await writer.write(batches[0])
        // The reader sees the first batch before the writer goes on.
        var waited = 0
        while readCount.withLock({ $0 }) < 1 && waited < 90_000 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        #expect(readCount.withLock { $0 } == 1)
        for batch in batches.dropFirst() { try await writer.write(batch) }
        try await writer.finish()
        try pipe.fileHandleForWriting.close()
        done.wait()
        #expect(readCount.withLock { $0 } == 3)
    }

    /// A task reading a pipe that sends nothing stops when cancelled.
    @Test func cancellationStopsAWaitingRead() async throws {
        let pipe = Pipe()
        let reader = try ArrowAsyncStreamReader(fileHandle: pipe.fileHandleForReading)
        let task = Task { try await reader.next() }
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        task.cancel()
        let result = await task.result
        // (Without cancellation it would wait forever: the pipe stays open until the end. The
        // bound is loose for sanitizer builds on a busy machine.)
        #expect(ContinuousClock.now - started < .seconds(600))
        #expect(throws: CancellationError.self) { _ = try result.get() }
        try pipe.fileHandleForWriting.close()
    }

    /// A stream read through a pipe in the sizes a pipe gives: each message exactly as far as
    /// it needs, not gathered from pieces.
    @Test func aFileOnDiskIsReadThroughTheReadersQueue() async throws {
        let bytes = try Self.sampleStream(options: ArrowWriteOptions(compression: .lz4Frame))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("async-\(UUID().uuidString).arrows")
        defer { try? FileManager.default.removeItem(at: url) }
        try bytes.write(to: url)
        let read = try await ArrowAsyncStreamReader(url: url).readAll()
        try expectSameBatches(read, bytes)
    }
}
