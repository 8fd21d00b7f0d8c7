import Foundation
import Testing
@testable import ArrowIPC

/// A batch with a column of every classic layout: primitive, boolean, string, list, struct.
func ipcSampleBatch() throws -> RecordBatch {
    let ints = Int64Array([1, nil, 3, 4, 5, nil, 7, 8, 9, 10])
    let strings = StringArray(["a", "bb", nil, "dddd", "", "ffffff", "g", nil, "iii", "jj"])
    let bools = BooleanArray([true, false, nil, true, true, false, nil, true, false, true])
    let listValues = Int32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    let lists = try ListArray(
        offsets: [0, 1, 3, 3, 6, 6, 7, 9, 10, 12, 12], values: listValues,
        validity: [true, true, false, true, true, true, true, true, true, true])
    let structs = try StructArray(
        fields: [Field("x", .int32), Field("y", .utf8)],
        columns: [Int32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, nil]), StringArray(["p", "q", "r", nil, "t", "u", "v", "w", "x", "y"])],
        validity: [true, true, true, true, false, true, true, true, true, true])
    let schema = Schema(
        [
            Field("ints", .int64, metadata: ["unit": "m", "unit": "again"]),
            Field("strings", .utf8),
            Field("bools", .boolean),
            Field("lists", lists.type),
            Field("structs", structs.type),
        ],
        metadata: ["origin": "tests", "b": "2"])
    return try RecordBatch(schema: schema, columns: [ints, strings, bools, lists, structs], metadata: ["batch": "first"])
}

@Suite struct IPCRoundTripTests {
    @Test func streamRoundTripInMemory() throws {
        let batch = try ipcSampleBatch()
        let writer = try ArrowStreamWriter(schema: batch.schema)
        try writer.write(batch)
        try writer.write(batch.slice(3, 5))
        let bytes = try writer.finish()
        let reader = try ArrowStreamReader(data: bytes)
        #expect(reader.schema == batch.schema)
        let first = try #require(try reader.next())
        #expect(first.isEqual(to: batch))
        #expect(first.metadata == ["batch": "first"])
        let second = try #require(try reader.next())
        #expect(second.isEqual(to: try batch.slice(3, 5)))
        #expect(try reader.next() == nil)
    }

    @Test func fileRoundTripWithRandomAccess() throws {
        let batch = try ipcSampleBatch()
        let writer = try ArrowFileWriter(schema: batch.schema, footerMetadata: ["footer": "yes"])
        for start in 0..<6 { try writer.write(batch.slice(start, 10 - start)) }
        let reader = try ArrowFileReader(data: try writer.finish())
        #expect(reader.recordBatchCount == 6)
        #expect(reader.footerMetadata == ["footer": "yes"])
        #expect(reader.schema.metadata == ["origin": "tests", "b": "2"])
        #expect(reader.schema.fields[0].metadata.entries.count == 2)
        for index in [5, 0, 3] {
            let read = try reader.recordBatch(at: index)
            #expect(read.isEqual(to: try batch.slice(index, 10 - index)))
            #expect(try reader.recordBatchInfo(at: index).rowCount == 10 - index)
        }
        #expect(throws: ArrowError.self) { try reader.recordBatch(at: 6) }
    }

    /// Slices at every offset exercise bitmap shifting and offset rebasing in the writer.
    @Test func slicedArraysAreRebased() throws {
        let batch = try ipcSampleBatch()
        for start in 0..<10 {
            for count in 0...(10 - start) {
                let slice = try batch.slice(start, count)
                let writer = try ArrowStreamWriter(schema: slice.schema, options: ArrowWriteOptions(alignment: 8))
                try writer.write(slice)
                let reader = try ArrowStreamReader(data: try writer.finish())
                let read = try #require(try reader.next())
                #expect(read.isEqual(to: slice), "slice \(start) count \(count)")
                #expect(read.columnData.allSatisfy { $0.offset == 0 })
            }
        }
    }

    @Test func projectionDecodesOnlySelectedColumns() throws {
        let batch = try ipcSampleBatch()
        let writer = try ArrowFileWriter(schema: batch.schema)
        try writer.write(batch)
        let reader = try ArrowFileReader(data: try writer.finish())
        let projected = try reader.recordBatch(at: 0, columns: [4, 1])
        #expect(projected.schema.fields.map(\.name) == ["structs", "strings"])
        #expect(projected.isEqual(to: try batch.selecting(columns: [4, 1])))
        #expect(throws: ArrowError.self) { try reader.recordBatch(at: 0, columns: [9]) }
    }

    @Test func memoryMappedFileIsNotCopied() throws {
        let batch = try ipcSampleBatch()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zero-copy-\(UUID()).arrow")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try ArrowFileWriter(url: url, schema: batch.schema)
        try writer.write(batch)
        try writer.finish()
        let reader = try ArrowFileReader(url: url)
        let read = try reader.recordBatch(at: 0)
        #expect(read.isEqual(to: batch))
        let mapped = try #require(reader.bytes as? ArrowBuffer)
        let mapping = mapped.baseAddress..<(mapped.baseAddress + mapped.count)
        let values = read.columnData[0].buffers[0]
        #expect(mapping.contains(values.baseAddress))
        #expect(mapping.contains(read.columnData[1].buffers[1].baseAddress))
        let sharesTheMapping = values.owner === mapped.owner
        #expect(sharesTheMapping)
        // 64-byte alignment of every buffer within the file.
        #expect(mapped.baseAddress.distance(to: values.baseAddress) % 64 == 0)
    }

    @Test func streamFromPipeAndFile() throws {
        let batch = try ipcSampleBatch()
        let writer = try ArrowStreamWriter(schema: batch.schema)
        for _ in 0..<3 { try writer.write(batch) }
        let bytes = try writer.finish()

        let pipe = Pipe()
        let feeder = Thread {
            pipe.fileHandleForWriting.write(bytes)
            try? pipe.fileHandleForWriting.close()
        }
        feeder.start()
        let fromPipe = try ArrowStreamReader(fileHandle: pipe.fileHandleForReading)
        #expect(try fromPipe.readAll().count == 3)

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID()).arrows")
        defer { try? FileManager.default.removeItem(at: url) }
        let fileWriter = try ArrowStreamWriter(url: url, schema: batch.schema)
        try fileWriter.write(batch)
        try fileWriter.finish()
        let fromFile = try ArrowStreamReader(url: url)
        #expect(try #require(try fromFile.next()).isEqual(to: batch))
        #expect(try fromFile.next() == nil)
    }

    /// Streams from before Arrow 0.15 have no continuation marker before each length.
    @Test func legacyFramingWithoutContinuationMarker() throws {
        let batch = try ipcSampleBatch()
        let writer = try ArrowStreamWriter(schema: batch.schema)
        try writer.write(batch)
        let modern = [UInt8](try writer.finish())
        var legacy: [UInt8] = []
        var position = 0
        while position < modern.count {
            #expect(Array(modern[position..<(position + 4)]) == [0xFF, 0xFF, 0xFF, 0xFF])
            let length = modern[(position + 4)..<(position + 8)].withUnsafeBytes { Int($0.loadUnaligned(as: Int32.self)) }
            legacy += modern[(position + 4)..<(position + 8)]
            if length == 0 { break }
            let message = try Message(flatbuffer: UnsafeRawBufferPointer(start: modern.withUnsafeBytes { $0.baseAddress! } + position + 8, count: length))
            let end = position + 8 + length + Int(message.bodyLength)
            legacy += modern[(position + 8)..<end]
            position = end
        }
        let reader = try ArrowStreamReader(data: Data(legacy))
        #expect(try #require(try reader.next()).isEqual(to: batch))
        #expect(try reader.next() == nil)
    }

    @Test func emptyFilesAndEmptyBatches() throws {
        let schema = Schema([Field("a", .int64), Field("s", .utf8), Field("l", .list(Field("item", .int32)))])
        let writer = try ArrowFileWriter(schema: schema)
        let empty = try RecordBatch(schema: schema, columns: [Int64Array([]), StringArray([]), try ListArray(offsets: [0], values: Int32Array([]), validity: nil)])
        try writer.write(empty)
        let reader = try ArrowFileReader(data: try writer.finish())
        #expect(reader.recordBatchCount == 1)
        #expect(try reader.recordBatch(at: 0).rowCount == 0)

        let none = try ArrowStreamWriter(schema: schema)
        let noBatches = try ArrowStreamReader(data: try none.finish())
        #expect(noBatches.schema == schema)
        #expect(try noBatches.next() == nil)
    }

    @Test func writerRejectsMisuse() throws {
        let batch = try ipcSampleBatch()
        #expect(throws: ArrowError.self) { try ArrowStreamWriter(schema: batch.schema, options: ArrowWriteOptions(alignment: 16)) }
        let writer = try ArrowStreamWriter(schema: Schema([Field("x", .int32)]))
        #expect(throws: ArrowError.self) { try writer.write(batch) }
        try writer.finish()
        #expect(throws: ArrowError.self) { try writer.write(batch) }
    }

    @Test func truncatedInputThrows() throws {
        let batch = try ipcSampleBatch()
        let writer = try ArrowFileWriter(schema: batch.schema)
        try writer.write(batch)
        let bytes = try writer.finish()
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            let prefix = bytes.prefix(cut)
            #expect(throws: ArrowError.self) { _ = try ArrowFileReader(data: prefix).readAll() }
            if let stream = try? ArrowStreamReader(data: prefix) { _ = try? stream.readAll() }
        }
    }
}
