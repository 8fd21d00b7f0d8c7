import Foundation
import Testing
@testable import ArrowIPC

/// Streams whose record batch headers lie, built directly from messages.
@Suite struct HostileHeaderTests {
    private func stream(schema: Schema, header: RecordBatchHeader, body: [UInt8]) throws -> Data {
        let sink = MemorySink()
        let writer = HandMadeMessageWriter(sink: sink, alignment: 8)
        try writer.write(Message(version: .v5, header: .schema(schema, .little), bodyLength: 0, customMetadata: [:]))
        try writer.write(
            Message(version: .v5, header: .recordBatch(header), bodyLength: Int64(body.count), customMetadata: [:]),
            body: [ArrowBuffer(copying: body)])
        try writer.writeEndOfStream()
        return sink.data
    }

    private func expectRejected(_ data: Data, _ comment: Comment) {
        #expect(throws: ArrowError.self, comment) {
            let reader = try ArrowStreamReader(data: data)
            _ = try reader.readAll()
        }
    }

    @Test func hugeNodeLengthIsRejected() throws {
        let schema = Schema([Field("a", .int32)])
        let header = RecordBatchHeader(
            length: 4, nodes: [FieldNode(length: .max, nullCount: 1)],
            buffers: [BufferRange(offset: 0, length: 8), BufferRange(offset: 8, length: 16)],
            compression: nil, variadicBufferCounts: [])
        expectRejected(try stream(schema: schema, header: header, body: [UInt8](repeating: 0, count: 24)), "length Int64.max")
    }

    @Test func nodeLengthMustMatchTheBatch() throws {
        let schema = Schema([Field("a", .null)])
        let header = RecordBatchHeader(
            length: 4, nodes: [FieldNode(length: 1 << 62, nullCount: 0)], buffers: [],
            compression: nil, variadicBufferCounts: [])
        expectRejected(try stream(schema: schema, header: header, body: []), "null column longer than the batch")
    }

    @Test func buffersOutsideTheBodyAreRejected() throws {
        let schema = Schema([Field("s", .utf8)])
        for range in [BufferRange(offset: -8, length: 8), BufferRange(offset: 8, length: .max), BufferRange(offset: 0, length: 64)] {
            let header = RecordBatchHeader(
                length: 1, nodes: [FieldNode(length: 1, nullCount: 0)],
                buffers: [BufferRange(offset: 0, length: 0), BufferRange(offset: 0, length: 8), range],
                compression: nil, variadicBufferCounts: [])
            expectRejected(try stream(schema: schema, header: header, body: [UInt8](repeating: 0, count: 16)), "range \(range)")
        }
    }

    @Test func missingNodesAndBuffersAreRejected() throws {
        let schema = Schema([Field("l", .list(Field("item", .int64)))])
        let header = RecordBatchHeader(
            length: 1, nodes: [FieldNode(length: 1, nullCount: 0)], buffers: [BufferRange(offset: 0, length: 0)],
            compression: nil, variadicBufferCounts: [])
        expectRejected(try stream(schema: schema, header: header, body: []), "one node for a list")
    }

    @Test func offsetsPastTheDataAreRejected() throws {
        let schema = Schema([Field("s", .utf8)])
        var body = [UInt8](repeating: 0, count: 16)
        body[4] = 200  // the second offset says 200 bytes of data; there are 8
        let header = RecordBatchHeader(
            length: 1, nodes: [FieldNode(length: 1, nullCount: 0)],
            buffers: [BufferRange(offset: 0, length: 0), BufferRange(offset: 0, length: 8), BufferRange(offset: 8, length: 8)],
            compression: nil, variadicBufferCounts: [])
        expectRejected(try stream(schema: schema, header: header, body: body), "offset 200")
    }

    @Test func readingAfterTheEndStaysAtTheEnd() throws {
        let batch = try ipcSampleBatch()
        let writer = try ArrowStreamWriter(schema: batch.schema)
        try writer.write(batch)
        var bytes = try writer.finish()
        bytes.append(contentsOf: [0x01, 0x02, 0x03])  // garbage after the end-of-stream marker
        let reader = try ArrowStreamReader(data: bytes)
        #expect(try reader.next() != nil)
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }

    @Test func writerRejectsInvalidArrays() throws {
        let offsets = ArrowBuffer(copying: [Int32(0), 5, 9])
        let broken = ArrayData(type: .utf8, length: 2, validity: nil, buffers: [offsets, ArrowBuffer(copying: [UInt8](repeating: 97, count: 5))])
        let batch = try RecordBatch(schema: Schema([Field("s", .utf8)]), columns: [broken])
        let writer = try ArrowStreamWriter(schema: batch.schema)
        #expect(throws: ArrowError.self) { try writer.write(batch) }
    }

    @Test func emptyArrayWithoutOffsetsIsWritten() throws {
        let empty = ArrayData(type: .utf8, length: 0, validity: nil, buffers: [.empty, .empty])
        let batch = try RecordBatch(schema: Schema([Field("s", .utf8)]), columns: [empty])
        let writer = try ArrowFileWriter(schema: batch.schema)
        try writer.write(batch)
        let reader = try ArrowFileReader(data: try writer.finish())
        #expect(try reader.recordBatch(at: 0).rowCount == 0)
    }
}
