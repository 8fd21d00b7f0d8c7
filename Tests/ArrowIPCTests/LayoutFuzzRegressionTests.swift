import Foundation
import Testing
@testable import ArrowIPC

// Reproducers of problems found by mutation-fuzzing the union, view, list view and run-end
// encoded layouts; each builds its input in the test.

/// `header` and `body` decoded against `schema` as record batch 0.
private func decodedBatch(
    _ schema: Schema, _ header: RecordBatchHeader, _ body: ArrowBuffer, version: MetadataVersion = .v5,
    validation: ValidationLevel = .full
) throws -> RecordBatch {
    try RecordBatchDecoder.decode(
            EncodedBatch(header: header, body: body, metadata: [:], version: version, name: "record batch 0"),
            schema: schema, projection: nil, endianness: .little, options: ArrowReadOptions(validation: validation), dictionaries: [:])
}

@Suite struct LayoutFuzzRegressionTests {
    /// A message may list thousands of variadic data buffers over the same misaligned bytes;
    /// copying each to realign it turned a small body into gigabytes. They are read byte by
    /// byte, so they stay slices of the body.
    @Test func misalignedVariadicBuffersAreNotCopied() throws {
        var bytes = [UInt8](repeating: 0x61, count: 16 + 4096)
        // One view of 13 bytes ("aaaa…") into data buffer 0 at its byte 0.
        withUnsafeBytes(of: Int32(13)) { bytes.replaceSubrange(0..<4, with: $0) }
        withUnsafeBytes(of: Int32(0)) { bytes.replaceSubrange(8..<12, with: $0) }
        withUnsafeBytes(of: Int32(0)) { bytes.replaceSubrange(12..<16, with: $0) }
        let body = ArrowBuffer(copying: bytes)
        let count = 1000
        let header = RecordBatchHeader(
            length: 1, nodes: [FieldNode(length: 1, nullCount: 0)],
            buffers: [BufferRange(offset: 0, length: 0), BufferRange(offset: 0, length: 16)]
                + Array(repeating: BufferRange(offset: 17, length: 4095), count: count),
            compression: nil, variadicBufferCounts: [Int64(count)])
        let batch = try decodedBatch(Schema([Field("s", .utf8View)]), header, body)
        let column = batch.columnData[0]
        #expect(column.buffers.count == 1 + count)
        #expect(column.buffers.dropFirst().allSatisfy { $0.baseAddress == body.baseAddress + 17 })
        #expect((batch.column(0) as? StringViewArray)?[0] == String(repeating: "a", count: 13))
    }

    /// Misaligned buffers are copied to be read through typed pointers. Sixty-four columns
    /// whose values all lie at the same misaligned range made sixty-four copies of it; past
    /// the body's size, they are now slices of one shifted copy of the body.
    @Test func overlappingMisalignedBuffersShareOneRealignedCopy() throws {
        let columnCount = 64
        let valueCount = 512
        var bytes = [UInt8](repeating: 0, count: 8 + valueCount * 8)
        for index in 0..<valueCount {
            withUnsafeBytes(of: Int64(index)) { bytes.replaceSubrange((1 + index * 8)..<(9 + index * 8), with: $0) }
        }
        let body = ArrowBuffer(copying: bytes)
        let header = RecordBatchHeader(
            length: Int64(valueCount),
            nodes: Array(repeating: FieldNode(length: Int64(valueCount), nullCount: 0), count: columnCount),
            buffers: Array(
                repeating: [BufferRange(offset: 0, length: 0), BufferRange(offset: 1, length: Int64(valueCount * 8))],
                count: columnCount
            ).flatMap { $0 },
            compression: nil, variadicBufferCounts: [])
        let schema = Schema((0..<columnCount).map { Field("c\($0)", .int64) })
        let batch = try decodedBatch(schema, header, body)
        let addresses = Set(batch.columnData.map { $0.buffers[0].baseAddress })
        #expect(addresses.count == 2)
        #expect(addresses.allSatisfy { Int(bitPattern: $0) & 7 == 0 })
        for index in [0, columnCount - 1] {
            #expect((batch.column(index) as? Int64Array).map(Array.init) == (0..<valueCount).map { Int64($0) })
        }
    }
}
