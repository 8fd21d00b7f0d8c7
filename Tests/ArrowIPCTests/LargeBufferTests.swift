import Foundation
import Testing

@testable import ArrowIPC

/// Buffers beyond 2 and 4 GiB: what the writers produce from valid data, the readers take back
/// with their default limits.
@Suite struct LargeBufferTests {
    /// Whether the opt-in tests that write and read a buffer over 4 GiB run.
    static let largeTestsEnabled = ProcessInfo.processInfo.environment["ARROW_IPC_LARGE_TESTS"] == "1"

    @Test func theDecompressionLimitsDefaultToTheMachinesMemory() {
        let options = ArrowReadOptions()
        #expect(options.maxDecompressedBufferSize == machineMemorySize)
        #expect(options.maxDecompressedBodySize == machineMemorySize)
        #expect(machineMemorySize > 0)
    }

    /// A buffer declaring 3 GiB — over the old fixed limit of 2 GiB — from a frame large enough
    /// to hold it passes every limit: only its (made-up) frame is refused. A 1 TiB declaration
    /// is still refused by the limit, and so is one the frame cannot justify.
    @Test(
        .enabled(if: machineMemorySize > 4 << 30, "the machine has less than 4 GiB of memory"),
        arguments: CompressionCodec.allCases)
    func buffersOverTwoGiBPassTheDefaultLimits(_ codec: CompressionCodec) throws {
        let declared = 3 << 30
        let frameSize = declared / (codec == .lz4Frame ? 256 : 32_768) + 4096
        let frame = [UInt8](repeating: 0xAB, count: frameSize)
        let stored = withUnsafeBytes(of: Int64(declared).littleEndian, Array.init) + frame
        let data = try stream(codec: codec, rows: declared / 8, stored: stored)
        do {
            let reader = try ArrowStreamReader(data: data)
            _ = try reader.next()
            Issue.record("a made-up frame was accepted")
        } catch let error as ArrowError {
            #expect(error.reason.contains("\(codec.displayName) frame"), "\(error.reason)")
            #expect(!error.reason.contains("limit"), "\(error.reason)")
        }
    }

    /// Writes one batch with a buffer over 4 GiB compressed with `codec`, reads it back and
    /// validates it in full. Opt-in: about 20 GB of memory and 20 s per codec.
    @Test(
        .enabled(if: largeTestsEnabled, "buffers over 4 GiB take ~20 GB of memory and a minute or two; set ARROW_IPC_LARGE_TESTS=1 to run"),
        arguments: CompressionCodec.allCases)
    func aBufferOverFourGiBRoundTrips(_ codec: CompressionCodec) throws {
        let count = (4 << 30) / 8 + 64 << 20
        let values = ArrowBuffer(count: count * 8) { bytes in
            let words = bytes.bindMemory(to: Int64.self)
            for index in words.indices { words[index] = Int64(index % 1000) }
        }
        let column = ArrayData(type: .int64, length: count, validity: nil, buffers: [values])
        let batch = try RecordBatch(schema: Schema([Field("big", .int64, nullable: false)]), columns: [column])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("large-\(UUID()).arrow")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try ArrowFileWriter(url: url, schema: batch.schema, options: ArrowWriteOptions().compression(codec))
        try writer.write(batch)
        try writer.finish()

        let reader = try ArrowFileReader(url: url, options: ArrowReadOptions(validation: .full))
        #expect(try reader.recordBatchInfo(at: 0).compression == codec)
        let read = try reader.recordBatch(at: 0)
        #expect(read.columnData[0].buffers[0].count == count * 8)
        #expect(read.isEqual(to: batch))
    }

    /// A stream of one batch of `rows` int64 values whose values buffer is `stored`.
    private func stream(codec: CompressionCodec, rows: Int, stored: [UInt8]) throws -> Data {
        let sink = MemorySink()
        let writer = HandMadeMessageWriter(sink: sink, alignment: 8)
        let schema = Schema([Field("c0", .int64)])
        try writer.write(Message(version: .v5, header: .schema(schema, .little), bodyLength: 0, customMetadata: [:]))
        let body = stored + [UInt8](repeating: 0, count: padded(stored.count, to: 8) - stored.count)
        let header = RecordBatchHeader(
            length: Int64(rows), nodes: [FieldNode(length: Int64(rows), nullCount: 0)],
            buffers: [BufferRange(offset: 0, length: 0), BufferRange(offset: 0, length: Int64(stored.count))],
            compression: codec, variadicBufferCounts: [])
        try writer.write(
            Message(version: .v5, header: .recordBatch(header), bodyLength: Int64(body.count), customMetadata: [:]),
            body: [ArrowBuffer(copying: body)])
        try writer.writeEndOfStream()
        return sink.data
    }
}
