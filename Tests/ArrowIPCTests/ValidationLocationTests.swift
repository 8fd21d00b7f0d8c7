import Foundation
import Testing
@testable import ArrowIPC

/// Errors say where (message, field path, buffer index), the full level checks decimal
/// precision only when asked, and the reader's limits are options with checked ranges.
@Suite struct ValidationLocationTests {
    private func buffer<T: BitwiseCopyable>(_ values: [T]) -> ArrowBuffer { ArrowBuffer(copying: values) }

    private func fileBytes(_ batch: RecordBatch) throws -> Data {
        let writer = try ArrowFileWriter(schema: batch.schema)
        try writer.write(batch)
        return try writer.finish()
    }

    private func streamBytes(_ batch: RecordBatch) throws -> Data {
        let writer = try ArrowStreamWriter(schema: batch.schema)
        try writer.write(batch)
        return try writer.finish()
    }

    private func readFile(_ data: Data, _ options: ArrowReadOptions) throws -> RecordBatch {
        try ArrowFileReader(data: data, options: options).recordBatch(at: 0)
    }

    /// The reason of the `ArrowError` that `body` throws, or "" (and an issue) when it throws none.
    private func reason(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> String {
        do {
            try body()
            Issue.record("no error was thrown", sourceLocation: sourceLocation)
        } catch let error as ArrowError {
            return error.reason
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
        return ""
    }

    // MARK: - Paths

    @Test func pathsNameFieldsAndFallBackToPositions() {
        let inner = [Field("x", .int8), Field("x", .int8), Field("", .int8)]
        let columns = [Field("a", .struct([Field("b", .struct(inner))])), Field("a", .int8), Field("c", .int8)]
        var path = FieldPath(column: 0, of: columns)
        #expect(path.description == "[column 0]")
        path = FieldPath(column: 2, of: columns)
        #expect(path.description == "c")
        path.push(.field(index: 0, siblings: [Field("b", .struct(inner))]))
        for (index, expected) in ["c.b[child 0]", "c.b[child 1]", "c.b[child 2]"].enumerated() {
            path.push(.field(index: index, siblings: inner))
            #expect(path.description == expected)
            path.pop()
        }
        path.push(.dictionary)
        #expect(path.description == "c.b[dictionary]")
        #expect(FieldPath().description == "")
    }

    @Test func nodesAreCountedInMessageOrderOutsideDictionaries() {
        var path = FieldPath()
        #expect(path.enterNode() == 0)
        path.push(.dictionary)
        #expect(path.enterNode() == nil)
        path.pop()
        #expect(path.enterNode() == 1)
    }

    // MARK: - Errors from the reader

    /// Column 'x' (int32), then struct 's' whose unnamed string child has a bad UTF-8 byte, then
    /// list 'l' whose offsets decrease: all pass the default level, which the writer checks.
    private func badContents() throws -> RecordBatch {
        let strings = ArrayData(type: .utf8, length: 2, validity: nil,
                                buffers: [buffer([Int32(0), 1, 2]), buffer([UInt8(0x61), 0xFF])])
        let structure = ArrayData(type: .struct([Field("", .utf8)]), length: 2, validity: nil, buffers: [],
                                  children: [strings])
        let values = ArrayData(type: .int32, length: 3, validity: nil, buffers: [buffer([Int32(1), 2, 3])])
        let decreasing = ArrayData(type: .list(Field("item", .int32)), length: 2, validity: nil,
                                   buffers: [buffer([Int32(0), 2, 1])], children: [values])
        let schema = Schema([
            Field("x", .int32), Field("s", structure.type), Field("l", decreasing.type),
        ])
        let x = ArrayData(type: .int32, length: 2, validity: nil, buffers: [buffer([Int32(7), 8])])
        return try RecordBatch(schema: schema, columns: [x, structure, decreasing])
    }

    @Test func fullValidationErrorsNameTheBatchFieldAndBuffer() throws {
        let file = try fileBytes(try badContents())
        // Buffers: x validity 0, values 1; s validity 2; its child validity 3, offsets 4, data 5;
        // l validity 6, offsets 7; its item validity 8, values 9.
        #expect(reason { _ = try readFile(file, ArrowReadOptions(validation: .full)) }
            == "record batch 0, field 's[child 0]', buffer 5: the string in slot 1 is not valid UTF-8 (at its byte 0)")
        // Projected without 's', the list is the first problem, with the same buffer numbers.
        #expect(reason {
            _ = try ArrowFileReader(data: file, options: ArrowReadOptions(validation: .full)).recordBatch(at: 0, columns: [2])
        } == "record batch 0, field 'l', buffer 7: offsets decrease from 2 to 1 at slot 1")
        // Streams name the message.
        #expect(reason {
            let reader = try ArrowStreamReader(data: try streamBytes(try badContents()), options: ArrowReadOptions(validation: .full))
            _ = try reader.readAll()
        }.hasPrefix("the record batch in message 1, field 's[child 0]', buffer 5: "))
        // The default and none levels read the same file.
        for level in [ValidationLevel.default, .none] {
            #expect(try readFile(file, ArrowReadOptions(validation: level)).rowCount == 2)
        }
    }

    @Test func structuralErrorsNameTheFieldNodeOrBuffer() throws {
        // Struct 't' of 2 rows with an int32 child 'v', from hand-made field nodes and buffers.
        let schema = Schema([Field("t", .struct([Field("v", .int32)]))])
        func decode(childLength: Int64) throws -> RecordBatch {
            let header = RecordBatchHeader(
                length: 2, nodes: [FieldNode(length: 2, nullCount: 0), FieldNode(length: childLength, nullCount: 0)],
                buffers: [BufferRange(offset: 0, length: 0), BufferRange(offset: 0, length: 0), BufferRange(offset: 0, length: 4)],
                compression: nil, variadicBufferCounts: [])
            let body = ArrowBuffer(copying: [UInt8](repeating: 0, count: 8))
            return try RecordBatchDecoder.decode(
                EncodedBatch(header: header, body: body, metadata: [:], version: .v5, name: "test batch"),
                schema: schema, projection: nil, endianness: .little, options: ArrowReadOptions(), dictionaries: [:])
        }
        // A child too short for its parent is about the parent's node, not a buffer.
        #expect(reason { _ = try decode(childLength: 1) }
            == "test batch, field 't', field node 0: child 'v' has 1 slots, needs 2 for 2 slots at offset 0")
        // A values buffer too short for its node names the buffer.
        #expect(reason { _ = try decode(childLength: 2) }
            == "test batch, field 't.v', buffer 2: values buffer has 4 bytes, needs 8 for 2 slots at offset 0")
    }

    // MARK: - Decimal precision

    /// A decimal node of `type` holding `values` as unscaled integers, one slot null when
    /// `nullAt` is given.
    private func decimals(_ type: DataType, _ values: [Int128], nullAt: Int? = nil) throws -> ArrayData {
        try DecimalArray(unscaled: values.enumerated().map { $0.offset == nullAt ? nil : $0.element }, type: type).data
    }

    @Test(arguments: [
        DataType.decimal32(precision: 4, scale: 0), .decimal64(precision: 4, scale: 1),
        .decimal128(precision: 4, scale: 2), .decimal256(precision: 4, scale: -1),
    ])
    func decimalPrecisionIsCheckedOnlyWhenAsked(type: DataType) throws {
        // 4 digits: ±9999 fit, ±10000 do not.
        try decimals(type, [9999, -9999, 0]).validate(.full, checkingDecimalPrecision: true)
        for value: Int128 in [10000, -10000, 123_456] {
            let data = try decimals(type, [1, value])
            try data.validate(.full)
            try data.validate(.default, checkingDecimalPrecision: true)
            #expect(throws: ArrowError.invalidData(
                "the decimal in slot 1 has the unscaled value \(value), more than the 4 digits of its precision"
            )) { try data.validate(.full, checkingDecimalPrecision: true) }
            // A null slot's value is not checked.
            try decimals(type, [1, value], nullAt: 1).validate(.full, checkingDecimalPrecision: true)
        }
    }

    /// A decimal256 node of precision 76 holding the integers `texts`.
    private func decimal256(_ texts: [String]) throws -> ArrayData {
        var bytes = [UInt8](repeating: 0, count: 32 * texts.count)
        for (index, text) in texts.enumerated() {
            let stored = bytes.withUnsafeMutableBytes { target in
                target.baseAddress.map { DecimalText.store(text, byteWidth: 32, at: $0 + index * 32) } ?? false
            }
            try #require(stored)
        }
        return ArrayData(type: .decimal256(precision: 76, scale: 0), length: texts.count, validity: nil,
                         buffers: [ArrowBuffer(copying: bytes)])
    }

    @Test func decimalPrecisionAtTheWidestBounds() throws {
        // 38 and 76 digits: the largest values of 128- and 256-bit decimals, and one past them.
        var largest128: Int128 = 1
        for _ in 0..<38 { largest128 *= 10 }
        largest128 -= 1
        try decimals(.decimal128(precision: 38, scale: 0), [largest128, -largest128])
            .validate(.full, checkingDecimalPrecision: true)
        #expect(throws: ArrowError.self) {
            try decimals(.decimal128(precision: 37, scale: 0), [largest128]).validate(.full, checkingDecimalPrecision: true)
        }
        let nines = String(repeating: "9", count: 76)
        try decimal256([nines, "-" + nines, "0"]).validate(.full, checkingDecimalPrecision: true)
        for past in ["1" + String(repeating: "0", count: 76), "-1" + String(repeating: "0", count: 76)] {
            #expect(throws: ArrowError.self) { try decimal256(["1", past]).validate(.full, checkingDecimalPrecision: true) }
        }
    }

    @Test func readersCheckDecimalPrecisionWhenTheOptionsSay() throws {
        let type = DataType.decimal128(precision: 3, scale: 0)
        let batch = try RecordBatch(schema: Schema([Field("d", type)]), columns: [try decimals(type, [999, 1000])])
        let file = try fileBytes(batch)
        #expect(try readFile(file, ArrowReadOptions(validation: .full)).rowCount == 2)
        #expect(reason { _ = try readFile(file, ArrowReadOptions(validation: .full).checksDecimalPrecision(true)) }
            == "record batch 0, field 'd', buffer 1: the decimal in slot 1 has the unscaled value 1000, more than the 3 digits of its precision")
    }

    // MARK: - Limits

    /// A file whose one column nests `depth` levels of lists around int32.
    private func nestedFile(depth: Int) throws -> Data {
        var type = DataType.int32
        for _ in 1..<depth { type = .list(Field("x", type)) }
        let writer = try ArrowFileWriter(schema: Schema([Field("top", type)]))
        return try writer.finish()
    }

    @Test func nestingDepthIsAReaderOption() throws {
        let file = try nestedFile(depth: 10)
        _ = try ArrowFileReader(data: file, options: ArrowReadOptions().maxNestingDepth(10))
        let message = reason { _ = try ArrowFileReader(data: file, options: ArrowReadOptions().maxNestingDepth(9)) }
        #expect(message.contains("nested more than 9 levels deep"))
        let streamBytes = try ArrowStreamWriter(schema: try ArrowFileReader(data: file).schema).finish()
        #expect(reason { _ = try ArrowStreamReader(data: streamBytes, options: ArrowReadOptions().maxNestingDepth(9)) }
            .contains("nested more than 9 levels deep"))
        // The default is 64, the most allowed.
        #expect(ArrowReadOptions().maxNestingDepth == 64)
        _ = try ArrowFileReader(data: try nestedFile(depth: 64))
    }

    @Test func limitsOutsideTheirRangesAreRefused() throws {
        let file = try nestedFile(depth: 1)
        let cases: [(ArrowReadOptions, String)] = [
            (ArrowReadOptions().maxNestingDepth(0), "maxNestingDepth is 0; it must be in 1...64"),
            (ArrowReadOptions().maxNestingDepth(65), "maxNestingDepth is 65; it must be in 1...64"),
            (ArrowReadOptions().maxMetadataSize(-1), "maxMetadataSize is -1; it must be in 0...2147483647"),
            (ArrowReadOptions().maxMetadataSize(Int.max), "maxMetadataSize is \(Int.max); it must be in 0...2147483647"),
            (ArrowReadOptions().maxDecompressedBufferSize(-1), "maxDecompressedBufferSize is -1; it must not be negative"),
            (ArrowReadOptions().maxDecompressedBodySize(-5), "maxDecompressedBodySize is -5; it must not be negative"),
        ]
        for (options, message) in cases {
            #expect(throws: ArrowError.invalidArgument(message)) { _ = try ArrowFileReader(data: file, options: options) }
            #expect(throws: ArrowError.invalidArgument(message)) { _ = try ArrowStreamReader(data: file, options: options) }
        }
    }

    @Test func metadataLimitIsAReaderOption() throws {
        let file = try nestedFile(depth: 3)
        #expect(reason { _ = try ArrowFileReader(data: file, options: ArrowReadOptions().maxMetadataSize(16)) }
            .contains("more than the metadata limit of 16"))
        #expect(reason { _ = try ArrowStreamReader(data: file, options: ArrowReadOptions().maxMetadataSize(16)) }
            .contains("more than the limit of 16"))
    }
}
