import Foundation
import Testing
@testable import ArrowIPC

/// Strings of every view kind: inline (up to 12 bytes), exactly 12, long, empty, null, non-ASCII.
private let sampleStrings: [String?] = [
    "a", nil, "a string longer than twelve bytes", "", "twelve bytes", "thirteen byte", nil, "ünïcödé and more",
]

/// One column of each layout of this file's types, 8 rows each.
private func layoutSampleBatch() throws -> RecordBatch {
    let stringViews = StringViewArray(sampleStrings)
    let binaryViews = BinaryViewArray(sampleStrings.map { $0.map { Array($0.utf8) } })
    // Out of order, overlapping, empty and null lists.
    let listViews = try ListViewArray(
        offsets: [5, 0, 2, 2, 9, 0, 3, 1], sizes: [3, 2, 4, 0, 1, 10, 2, 0],
        values: Int32Array([1, 2, nil, 4, 5, 6, 7, 8, 9, 10]),
        validity: [true, true, true, false, true, true, true, true])
    let largeListViews = try LargeListViewArray(
        offsets: [3, 0, 0, 1, 2, 0, 4, 4], sizes: [1, 5, 0, 2, 3, 1, 0, 1],
        values: StringArray(["p", "q", nil, "s", "t"]))
    let sparse = try UnionArray(
        typeCodes: [5, 9, 5, 5, 9, 9, 5, 9],
        children: [
            Int32Array([1, 2, 3, nil, 5, 6, 7, 8]),
            StringArray(["s0", "s1", "s2", "s3", nil, "s5", "s6", "s7"]),
        ],
        typeIds: [5, 9])
    let dense = try UnionArray(
        typeCodes: [3, 1, 3, 3, 1, 3, 1, 3], offsets: [0, 0, 1, 2, 1, 3, 2, 4],
        children: [Float64Array([1.5, nil, 2.5]), BooleanArray([true, false, nil, true, false])],
        typeIds: [1, 3], fields: [Field("f", .float64), Field("b", .boolean)])
    let runs = try RunEndEncodedArray(
        runEnds: Int32Array([2, 3, 6, 8]), values: StringArray(["x", nil, "a long value for a run", "z"]))
    let shortRuns = try RunEndEncodedArray(runEnds: Int16Array([8]), values: Int64Array([42]))
    return try RecordBatch(
        names: ["string_view", "binary_view", "list_view", "large_list_view", "sparse", "dense", "ree", "ree16"],
        columns: [stringViews, binaryViews, listViews, largeListViews, sparse, dense, runs, shortRuns])
}

/// `batch` written as a stream and as a file, each read back with full validation.
private func writtenAndRead(_ batch: RecordBatch) throws -> [RecordBatch] {
    let streamWriter = try ArrowStreamWriter(schema: batch.schema)
    try streamWriter.write(batch)
    let stream = try ArrowStreamReader(data: try streamWriter.finish(), options: ArrowReadOptions(validation: .full))
    let fromStream = try stream.readAll()

    let fileWriter = try ArrowFileWriter(schema: batch.schema)
    try fileWriter.write(batch)
    let file = try ArrowFileReader(data: try fileWriter.finish(), options: ArrowReadOptions(validation: .full))
    return fromStream + (try file.readAll())
}

/// `batch` through the record batch encoder and decoder alone, against `schema` (the batch's
/// by default), after `tamper` edits the header: for layouts the schema side does not carry
/// and for headers no writer makes.
private func reencoded(
    _ batch: RecordBatch, schema: Schema? = nil, projection: [Int]? = nil, validation: ValidationLevel = .full,
    tamper: (inout RecordBatchHeader) -> Void = { _ in }
) throws -> RecordBatch {
    let encoder = try RecordBatchEncoder.encode(batch)
    var (header, _, bodyLength) = try encoder.body(length: batch.rowCount, alignment: 8, compressor: nil)
    var body = [UInt8](repeating: 0, count: bodyLength)
    for (range, buffer) in zip(header.buffers, encoder.buffers) {
        buffer.withUnsafeBytes { bytes in
            body.withUnsafeMutableBytes { target in
                guard let source = bytes.baseAddress else { return }
                target.baseAddress?.advanced(by: Int(range.offset)).copyMemory(from: source, byteCount: bytes.count)
            }
        }
    }
    tamper(&header)
    return try decoded(schema ?? batch.schema, header, body, projection: projection, validation: validation)
}

private func decoded(
    _ schema: Schema, _ header: RecordBatchHeader, _ body: [UInt8], version: MetadataVersion = .v5,
    projection: [Int]? = nil, validation: ValidationLevel = .full
) throws -> RecordBatch {
    try RecordBatchDecoder.decode(
            EncodedBatch(header: header, body: ArrowBuffer(copying: body), metadata: [:], version: version, name: "test batch"),
            schema: schema, projection: projection, endianness: .little, options: ArrowReadOptions(validation: validation), dictionaries: [:])
}

/// Whether `body` throws ``ArrowError/invalidData(_:)`` whose message contains `fragment`.
private func expectInvalidData(
    _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) {
    #expect(sourceLocation: sourceLocation) {
        try body()
    } throws: { error in
        guard case .invalidData(let message) = error as? ArrowError else { return false }
        return message.contains(fragment)
    }
}

/// A node that passes the default level but not the full one, with the full level's
/// complaint; also written (when `throughWriter`) and read back at both levels.
private func expectValidOnlyByDefault(
    _ data: ArrayData, _ fragment: String, throughWriter: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    try data.validate(.default)
    expectInvalidData(fragment, sourceLocation: sourceLocation) { try data.validate(.full) }
    guard throughWriter else { return }
    // The writer checks the default level only, so the reader meets such data.
    let batch = try RecordBatch(names: ["c"], columns: [makeArray(data)])
    let writer = try ArrowStreamWriter(schema: batch.schema)
    try writer.write(batch)
    let bytes = try writer.finish()
    let lenient = try ArrowStreamReader(data: bytes)
    #expect(try lenient.readAll().count == 1, sourceLocation: sourceLocation)
    let strict = try ArrowStreamReader(data: bytes, options: ArrowReadOptions(validation: .full))
    expectInvalidData(fragment, sourceLocation: sourceLocation) { _ = try strict.readAll() }
}

@Suite struct LayoutTypesTests {
    // MARK: Round trips

    @Test func everyLayoutRoundTripsThroughStreamAndFile() throws {
        let batch = try layoutSampleBatch()
        try batch.validate(.full)
        let read = try writtenAndRead(batch)
        #expect(read.count == 2)
        for result in read {
            #expect(result.schema == batch.schema)
            #expect(result.firstDifference(from: batch) == nil)
            #expect(result.columnData.allSatisfy { $0.offset == 0 })
            #expect((result.column(0) as? StringViewArray).map(Array.init) == sampleStrings)
            #expect((result.column(1) as? BinaryViewArray).map(Array.init) == sampleStrings.map { $0.map { Array($0.utf8) } })
            #expect(result.column(2) is ListViewArray && result.column(3) is LargeListViewArray)
            #expect(result.column(4) is UnionArray && result.column(6) is RunEndEncodedArray)
        }
    }

    @Test func slicesRoundTripAtEveryOffset() throws {
        let batch = try layoutSampleBatch()
        for start in 0...batch.rowCount {
            for count in 0...(batch.rowCount - start) {
                let slice = try batch.slice(start, count)
                for result in try writtenAndRead(slice) {
                    #expect(result.firstDifference(from: slice) == nil, "slice \(start) count \(count)")
                    #expect(result.rowCount == count)
                }
            }
        }
    }

    @Test func slicedRunEndEncodedArraysWriteOnlyTheirRuns() throws {
        let runs = try RunEndEncodedArray(runEnds: Int64Array([3, 5, 9, 10]), values: Int8Array([1, 2, nil, 4]))
        let batch = try RecordBatch(names: ["r"], columns: [runs])
        let slice = try batch.slice(4, 4)
        let read = try #require(try writtenAndRead(slice).first)
        let column = try #require(read.column(0) as? RunEndEncodedArray)
        #expect((column.runEnds as? Int64Array).map(Array.init) == [1, 4])
        #expect((column.values as? Int8Array).map(Array.init) == [2, nil])
        #expect(column.map { ($0 as? Int8Array)?[0] } == [2, nil, nil, nil])
        // A node whose runs reach past its length is clamped too, offset 0 or not.
        let head = try #require(try writtenAndRead(try batch.slice(0, 4)).first?.column(0) as? RunEndEncodedArray)
        #expect((head.runEnds as? Int64Array).map(Array.init) == [3, 4])
    }

    @Test func nestedCombinationsRoundTrip() throws {
        let union = try UnionArray(
            typeCodes: [0, 1, 1, 0, 1, 0], children: [Int64Array([1, 2, 3, 4, 5, 6]), StringViewArray(["a", "b", nil, "d", "a long string value", "f"])])
        let listOfUnion = try ListArray(offsets: [0, 2, 2, 5, 6], values: union, validity: [true, false, true, true])
        let structOfViews = try StructArray(
            fields: [Field("s", .utf8View), Field("b", .binaryView)],
            columns: [StringViewArray(["one", nil, "three is longer than 12", "x"]), BinaryViewArray([[1], [], nil, Array(repeating: 7, count: 20)])],
            validity: [true, true, false, true])
        let runsOfStrings = try RunEndEncodedArray(
            runEnds: Int32Array([1, 3, 4]), values: StringArray(["first", nil, "third"]))
        let listViews = try ListViewArray(offsets: [0, 2, 1], sizes: [2, 1, 2], values: Int16Array([1, 2, 3]))
        let unionOfListViews = try UnionArray(
            typeCodes: [7, 2, 7, 7], offsets: [0, 0, 1, 2],
            children: [listViews, Float32Array([0.5])], typeIds: [7, 2])
        let batch = try RecordBatch(
            names: ["list_of_union", "struct_of_views", "runs_of_strings", "union_of_list_views"],
            columns: [listOfUnion, structOfViews, runsOfStrings, unionOfListViews])
        try batch.validate(.full)
        for start in 0...4 {
            for count in 0...(4 - start) {
                let slice = try batch.slice(start, count)
                for result in try writtenAndRead(slice) {
                    #expect(result.firstDifference(from: slice) == nil, "slice \(start) count \(count)")
                }
            }
        }
    }

    @Test func extensionArraysUseTheirStorageLayout() throws {
        let storage = try layoutSampleBatch()
        let fields = storage.schema.fields.map { field in
            Field(field.name, .extension(name: "test.\(field.name)", storage: field.type, metadata: "m"))
        }
        let typed = zip(fields, storage.columnData).map { field, data in
            ArrayData(
                type: field.type, length: data.length, offset: data.offset, nullCount: data.nullCount,
                validity: data.validity, buffers: data.buffers, children: data.children)
        }
        let batch = try RecordBatch(schema: Schema(fields), columns: typed)
        try batch.validate(.full)
        for (start, count) in [(0, 8), (3, 4), (7, 0)] {
            let slice = try batch.slice(start, count)
            let read = try reencoded(slice)
            // Each column keeps its field's extension type.
            #expect(read.columnData.map(\.type) == fields.map(\.type))
            #expect(read.firstDifference(from: slice) == nil, "slice \(start) count \(count)")
        }
    }

    @Test func projectionSkipsEveryLayout() throws {
        let batch = try layoutSampleBatch()
        for index in batch.schema.fields.indices {
            let read = try reencoded(batch, projection: [index])
            #expect(read.columnData[0].isEqual(to: batch.columnData[index]), "column \(index)")
        }
        let reversed = Array(batch.schema.fields.indices.reversed())
        let read = try reencoded(batch, projection: reversed)
        #expect(read.columnData.map(\.type) == reversed.map { batch.columnData[$0].type })
    }

    // MARK: Typed access

    @Test func viewArraysReadInlineAndLongValues() throws {
        let strings = StringViewArray(sampleStrings)
        #expect(Array(strings) == sampleStrings)
        // Only the two values longer than 12 bytes (and the long non-ASCII one) go to the data buffer.
        #expect(strings.data.buffers.count == 2)
        #expect(strings.data.buffers[1].count == "a string longer than twelve bytes".utf8.count + "thirteen byte".utf8.count
            + "ünïcödé and more".utf8.count)
        #expect(StringViewArray(["short", nil]).data.buffers.count == 1)
        let slice = try #require(makeArray(try strings.data.slice(2, 3)) as? StringViewArray)
        #expect(Array(slice) == Array(sampleStrings[2..<5]))
        let bytes = BinaryViewArray([[0, 1, 2], nil, Array(0..<40)])
        #expect(bytes[2] == Array(0..<40))
        #expect(bytes.withUnsafeBytes(at: 1) { $0 == nil })
        #expect(throws: ArrowError.self) { try StringViewArray(bytes.data) }
        #expect(try BinaryViewArray(bytes.data).count == 3)
    }

    @Test func listViewArraysReadTheirRanges() throws {
        let values = Int32Array([10, 20, 30, 40])
        let lists = try ListViewArray(offsets: [2, 0, 1], sizes: [2, 3, 0], values: values, validity: [true, true, false])
        #expect(lists.valueRange(at: 0) == 2..<4 && lists.valueRange(at: 1) == 0..<3)
        #expect(lists.map { ($0 as? Int32Array).map(Array.init) } == [[30, 40], [10, 20, 30], nil])
        #expect(lists.item == Field("item", .int32))
        #expect(throws: ArrowError.invalidArgument("the list in slot 0 has offset 3 and size 2, outside the child of 4 slots")) {
            try ListViewArray(offsets: [3], sizes: [2], values: values)
        }
        #expect(throws: ArrowError.self) { try LargeListViewArray(lists.data) }
        let large = try LargeListViewArray(offsets: [1], sizes: [3], values: values)
        #expect((large[0] as? Int32Array).map(Array.init) == [20, 30, 40])
    }

    @Test func unionArraysSelectTheirChildren() throws {
        let dense = try UnionArray(
            typeCodes: [9, 4, 9], offsets: [1, 0, 0],
            children: [StringArray(["x"]), Int64Array([7, nil])], typeIds: [4, 9])
        #expect(dense.mode == .dense && dense.typeIds == [4, 9] && dense.fields.map(\.name) == ["0", "1"])
        #expect((0..<3).map(dense.typeCode(at:)) == [9, 4, 9])
        #expect((0..<3).map(dense.childIndex(at:)) == [1, 0, 1])
        #expect((0..<3).map(dense.valueOffset(at:)) == [1, 0, 0])
        #expect((dense[0] as? Int64Array)?[0] == .some(nil))
        #expect((dense[1] as? StringArray)?[0] == "x")
        #expect((dense[2] as? Int64Array)?[0] == 7)
        #expect(dense.child(0) is StringArray)

        let sparse = try UnionArray(typeCodes: [0, 1, 0], children: [Int8Array([1, 2, 3]), BooleanArray([true, false, true])])
        let sliced = try UnionArray(try sparse.data.slice(1, 2))
        #expect((0..<2).map(sliced.valueOffset(at:)) == [1, 2])
        #expect((sliced[0] as? BooleanArray)?[0] == false)
        #expect((sliced[1] as? Int8Array)?[0] == 3)

        #expect(throws: ArrowError.invalidArgument("slot 1 has type id 2, which is not one of the union's type ids [0, 1]")) {
            try UnionArray(typeCodes: [0, 2], children: [Int8Array([1, 2]), Int8Array([3, 4])])
        }
        #expect(throws: ArrowError.self) { try UnionArray(typeCodes: [0], children: [Int8Array([1])], typeIds: [0, 1]) }
        #expect(throws: ArrowError.self) { try UnionArray(typeCodes: [0], offsets: [], children: [Int8Array([1])]) }
    }

    @Test func runEndEncodedArraysFindTheirRuns() throws {
        let runs = try RunEndEncodedArray(runEnds: Int32Array([2, 3, 7]), values: StringArray(["a", nil, "c"]))
        #expect(runs.length == 7)
        #expect((0..<7).map(runs.physicalIndex(forLogicalIndex:)) == [0, 0, 1, 2, 2, 2, 2])
        #expect(runs.map { ($0 as? StringArray)?[0] } == ["a", "a", nil, "c", "c", "c", "c"])
        let slice = try RunEndEncodedArray(try runs.data.slice(2, 3))
        #expect((0..<3).map(slice.physicalIndex(forLogicalIndex:)) == [1, 2, 2])
        #expect((slice.values as? StringArray)?.count == 3)
        #expect(try RunEndEncodedArray(runEnds: Int64Array([]), values: Int8Array([])).isEmpty)
        #expect(throws: ArrowError.invalidArgument("run ends must be int16, int32 or int64, not uint32")) {
            try RunEndEncodedArray(runEnds: UInt32Array([1]), values: Int8Array([1]))
        }
        #expect(throws: ArrowError.invalidArgument("run ends do not increase from 3 to 3 at run 1")) {
            try RunEndEncodedArray(runEnds: Int32Array([3, 3]), values: Int8Array([1, 2]))
        }
    }

    @Test func makeArrayReturnsTheNewTypedArrays() throws {
        let batch = try layoutSampleBatch()
        let kinds = batch.columnData.map { type(of: makeArray($0)) }
        #expect(kinds.map { "\($0)" } == [
            "StringViewArray", "BinaryViewArray", "GenericListViewArray<Int32>", "GenericListViewArray<Int64>",
            "UnionArray", "UnionArray", "RunEndEncodedArray", "RunEndEncodedArray",
        ])
        // A node whose layout is wrong stays untyped.
        let shortViews = ArrayData(type: .utf8View, length: 2, validity: nil, buffers: [ArrowBuffer(copying: [UInt8](repeating: 0, count: 16))])
        #expect(makeArray(shortViews) is UntypedArray)
    }

    // MARK: Hostile data, by level

    @Test func structureIsCheckedAtTheDefaultLevel() throws {
        let int8 = Int8Array([1, 2]).data
        func union(_ mode: UnionMode, typeIds: [Int32], children: [ArrayData], buffers: [ArrowBuffer], nullCount: Int = 0) -> ArrayData {
            ArrayData(
                type: .union(mode, children.indices.map { Field("c\($0)", .int8) }, typeIds: typeIds), length: 2,
                nullCount: nullCount, validity: nil, buffers: buffers, children: children)
        }
        let codes = ArrowBuffer(copying: [Int8(0), 1])
        let cases: [(ArrayData, String)] = [
            (union(.sparse, typeIds: [0, 0], children: [int8, int8], buffers: [codes]), "union type id 0 appears twice"),
            (union(.sparse, typeIds: [0, 128], children: [int8, int8], buffers: [codes]), "union type id 128 is outside 0...127"),
            (union(.sparse, typeIds: [0], children: [int8, int8], buffers: [codes]), "the union has 2 children but 1 type id"),
            (union(.sparse, typeIds: [0, 1], children: [int8, try int8.slice(0, 1)], buffers: [codes]), "child 'c1' has 1 slots, needs 2"),
            (union(.sparse, typeIds: [0, 1], children: [int8, int8], buffers: [.empty]), "type ids buffer has 0 bytes, needs 2"),
            (union(.dense, typeIds: [0, 1], children: [int8, int8], buffers: [codes, ArrowBuffer(copying: [Int32(0)])]), "offsets buffer has 4 bytes, needs 8"),
            (union(.sparse, typeIds: [0, 1], children: [int8, int8], buffers: [codes], nullCount: 1), "null count must be 0"),
            (ArrayData(type: .utf8View, length: 2, validity: nil, buffers: [ArrowBuffer(copying: [UInt8](repeating: 0, count: 31))]),
             "views buffer has 31 bytes, needs 32"),
            (ArrayData(
                type: .listView(Field("item", .int8)), length: 2, validity: nil,
                buffers: [ArrowBuffer(copying: [Int32(0), 0]), ArrowBuffer(copying: [Int32(0)])], children: [int8]),
             "sizes buffer has 4 bytes, needs 8"),
        ]
        for (data, fragment) in cases {
            expectInvalidData(fragment) { try data.validate(.default) }
        }

        func runs(_ ends: ArrayData, values: ArrayData = Int8Array([1, 2, 3]).data, length: Int = 4) -> ArrayData {
            ArrayData(
                type: .runEndEncoded(runEnds: Field("run_ends", ends.type, nullable: false), values: Field("values", values.type)),
                length: length, validity: nil, buffers: [], children: [ends, values])
        }
        let runCases: [(ArrayData, String)] = [
            (runs(Int32Array([1, 3]).data), "the last run end, 3, is before the end of the 4 slots"),
            (runs(Int32Array([]).data), "there are no run ends for 4 slots"),
            (runs(Int32Array([2, nil, 4]).data), "the run ends have 1 nulls"),
            (runs(Int32Array([1, 2, 3, 4]).data), "there are 4 run ends but only 3 values"),
            (runs(UInt16Array([4]).data), "run ends must be int16, int32 or int64, not uint16"),
            (runs(ArrayData(type: .int32, length: 2, validity: nil, buffers: [ArrowBuffer(copying: [Int32(4)])])),
             "the run ends buffer has 4 bytes, needs 8 for 2 run ends"),
        ]
        for (data, fragment) in runCases {
            expectInvalidData(fragment) { try data.validate(.default) }
        }
        // The last run end is read at the run ends' own offset.
        try runs(try Int32Array([9, 2, 4, 1]).data.slice(1, 2)).validate(.default)
    }

    @Test func unionTypeIdsOutsideTheTypeIdsAreCaughtAtTheFullLevel() throws {
        let data = ArrayData(
            type: .union(.sparse, [Field("a", .int8), Field("b", .int8)], typeIds: [3, 4]), length: 3, validity: nil,
            buffers: [ArrowBuffer(copying: [Int8(3), 5, 4])], children: [Int8Array([1, 2, 3]).data, Int8Array([4, 5, 6]).data])
        try expectValidOnlyByDefault(data, "slot 1 has type id 5, which is not one of the union's type ids [3, 4]")
        let array = try UnionArray(data)
        #expect(array.childIndex(at: 1) == nil && array[1] == nil)
        let negative = ArrayData(
            type: data.type, length: 1, validity: nil, buffers: [ArrowBuffer(copying: [Int8(-1)])], children: data.children)
        try expectValidOnlyByDefault(negative, "slot 0 has type id -1")
    }

    @Test func denseOffsetsOutsideTheChildAreCaughtAtTheFullLevel() throws {
        let type = DataType.union(.dense, [Field("a", .int8), Field("b", .utf8)], typeIds: [0, 1])
        let children = [Int8Array([1, 2]).data, StringArray(["x"]).data]
        for (offsets, fragment) in [([Int32(0), 1, 1], "slot 2 has offset 1 into child 1 (type id 1), which has 1 slots"),
                                    ([Int32(0), -1, 0], "slot 1 has offset -1 into child 0")] {
            let data = ArrayData(
                type: type, length: 3, validity: nil,
                buffers: [ArrowBuffer(copying: [Int8(0), 0, 1]), ArrowBuffer(copying: offsets)], children: children)
            try expectValidOnlyByDefault(data, fragment)
            #expect(try UnionArray(data).contains { $0 == nil })
        }
    }

    @Test func viewsOutsideTheirBuffersAreCaughtAtTheFullLevel() throws {
        func view(_ size: Int32, prefix: [UInt8] = [0x61, 0x62, 0x63, 0x64], buffer: Int32, offset: Int32) -> [UInt8] {
            var bytes = withUnsafeBytes(of: size) { Array($0) } + prefix
            bytes += withUnsafeBytes(of: buffer) { Array($0) } + withUnsafeBytes(of: offset) { Array($0) }
            return bytes
        }
        let data = ArrowBuffer(copying: Array("abcdefghijklmnopqrstuvwxyz".utf8))
        let cases: [([UInt8], String)] = [
            (view(20, buffer: 0, offset: 10), "the view of slot 0 spans bytes 10..<30 of data buffer 0, which has 26"),
            (view(20, buffer: 1, offset: 0), "the view of slot 0 points into data buffer 1, but there are 1"),
            (view(20, buffer: 0, offset: -1), "the view of slot 0 spans bytes -1..<19"),
            (view(-3, buffer: 0, offset: 0), "the view of slot 0 has a negative length, -3"),
            (view(13, prefix: [0x61, 0x62, 0x63, 0x65], buffer: 0, offset: 0), "has a prefix that differs"),
        ]
        for (bytes, fragment) in cases {
            let node = ArrayData(type: .binaryView, length: 1, validity: nil, buffers: [ArrowBuffer(copying: bytes), data])
            try expectValidOnlyByDefault(node, fragment)
            // Typed access stays inside the buffers.
            #expect(try BinaryViewArray(node)[0]?.count ?? 0 <= 13)
        }
        // A null slot's view is never read.
        let nullSlot = ArrayData(
            type: .binaryView, length: 1, nullCount: 1, validity: ArrowBuffer(copying: [UInt8(0)]),
            buffers: [ArrowBuffer(copying: view(99, buffer: 7, offset: 0)), data])
        try nullSlot.validate(.full)
        // Invalid UTF-8 in a string view, inline or not.
        let badUTF8 = ArrayData(
            type: .utf8View, length: 2, validity: nil,
            buffers: [ArrowBuffer(copying: view(2, prefix: [0x61, 0xFF, 0, 0], buffer: 0, offset: 0) + view(0, buffer: 0, offset: 0))])
        try expectValidOnlyByDefault(badUTF8, "the string in slot 0 is not valid UTF-8 (at its byte 1)")
    }

    @Test func listViewsOutsideTheChildAreCaughtAtTheFullLevel() throws {
        let data = ArrayData(
            type: .largeListView(Field("item", .int8)), length: 2, validity: nil,
            buffers: [ArrowBuffer(copying: [Int64(0), 2]), ArrowBuffer(copying: [Int64(1), 2])],
            children: [Int8Array([1, 2, 3]).data])
        try expectValidOnlyByDefault(data, "the list in slot 1 has offset 2 and size 2, outside the child of 3 slots")
        #expect(try LargeListViewArray(data).valueRange(at: 1) == 0..<0)
    }

    @Test func decreasingRunEndsAreCaughtAtTheFullLevel() throws {
        func runs(_ ends: [Int32]) -> ArrayData {
            ArrayData(
                type: .runEndEncoded(runEnds: Field("run_ends", .int32, nullable: false), values: Field("values", .int8)),
                length: 4, validity: nil, buffers: [],
                children: [Int32Array(ends).data, Int8Array(ends.map { Int8(truncatingIfNeeded: $0) }).data])
        }
        try expectValidOnlyByDefault(runs([3, 2, 4]), "run ends do not increase from 3 to 2 at run 1")
        // (The writer would keep only the run covering the slots, which is valid.)
        try expectValidOnlyByDefault(runs([0, 4]), "the first run end, 0, is not positive", throughWriter: false)
        // Binary search still lands on a run.
        let array = try RunEndEncodedArray(runs([3, 2, 4]))
        #expect((0..<4).allSatisfy { (0..<3).contains(array.physicalIndex(forLogicalIndex: $0)) })
    }

    @Test func badVariadicBufferCountsAreRejected() throws {
        let batch = try RecordBatch(names: ["s", "n"], columns: [StringViewArray(["a string longer than twelve", nil]), Int8Array([1, 2])])
        // The good header reads back.
        #expect(try reencoded(batch).firstDifference(from: batch) == nil)
        expectInvalidData("has 0 variadic buffer counts") { _ = try reencoded(batch) { $0.variadicBufferCounts = [] } }
        expectInvalidData("has a variadic buffer count of -1") { _ = try reencoded(batch) { $0.variadicBufferCounts = [-1] } }
        expectInvalidData("has a variadic buffer count of 99, but 3 buffers are left") {
            _ = try reencoded(batch) { $0.variadicBufferCounts = [99] }
        }
        // One buffer too many shifts the next column's buffers.
        expectInvalidData("field 'n': needs buffer 5 (values)") { _ = try reencoded(batch) { $0.variadicBufferCounts = [2] } }
        // Skipping a view column reads its count as well.
        expectInvalidData("variadic buffer count of 99") {
            _ = try reencoded(batch, projection: [1]) { $0.variadicBufferCounts = [99] }
        }
        // No data buffer at all for a long view.
        expectInvalidData("points into data buffer 0, but there are 0") {
            _ = try reencoded(batch) {
                $0.variadicBufferCounts = [0]
                $0.buffers.remove(at: 2)
            }
        }
    }

    @Test func metadataV4UnionsHaveAValiditySlot() throws {
        let schema = Schema([
            Field("u", .union(.sparse, [Field("a", .int8)], typeIds: [2])),
            Field("n", .int8),
        ])
        // u: validity (V4), type ids; a: validity, values; n: validity, values.
        let body: [UInt8] = [0b111, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0]
        func header(unionNulls: Int64) -> RecordBatchHeader {
            RecordBatchHeader(
                length: 3,
                nodes: [FieldNode(length: 3, nullCount: unionNulls), FieldNode(length: 3, nullCount: 0), FieldNode(length: 3, nullCount: 0)],
                buffers: [
                    BufferRange(offset: 0, length: 1), BufferRange(offset: 8, length: 3),
                    BufferRange(offset: 0, length: 0), BufferRange(offset: 16, length: 3),
                    BufferRange(offset: 0, length: 0), BufferRange(offset: 16, length: 3),
                ],
                compression: nil, variadicBufferCounts: [])
        }
        let batch = try decoded(schema, header(unionNulls: 0), body, version: .v4)
        let union = try #require(batch.column(0) as? UnionArray)
        #expect(union.map { ($0 as? Int8Array)?[0] } == [1, 2, 3])
        #expect(union.data.validity == nil && union.nullCount == 0)
        #expect((batch.column(1) as? Int8Array).map(Array.init) == [1, 2, 3])
        // Skipping the union skips its validity slot too.
        let projected = try decoded(schema, header(unionNulls: 0), body, version: .v4, projection: [1])
        #expect((projected.column(0) as? Int8Array).map(Array.init) == [1, 2, 3])
        // Nulls in a V4 union's own bitmap have no V5 meaning: rejected, as Arrow C++ does.
        expectInvalidData("is a metadata V4 union with 1 nulls in a top-level validity bitmap") {
            _ = try decoded(schema, header(unionNulls: 1), body, version: .v4)
        }
        // In V5 the same buffers are misread, and the mismatch is caught.
        expectInvalidData("type ids buffer has 1 bytes, needs 3") { _ = try decoded(schema, header(unionNulls: 0), body, version: .v5) }
    }
}
