import Foundation
import Testing
@testable import ArrowIPC

/// The JSON text of every slot: the values whatever the layout, for comparing an array with
/// its classic-layout conversion.
private func jsonValues(_ data: ArrayData) throws -> [String] {
    try (0..<data.length).map { try ValueFormatter.json(data, at: $0) }
}

private let longStrings: [String?] = [
    "short", nil, "a string longer than twelve bytes", "", "exactly12byt", "another long string, thirty+",
    nil, "é and 漢字 beyond twelve bytes", "x",
]

/// Strings as views, with nulls, short (inline) and long (in a data buffer) values.
private func stringViews() -> ArrayData {
    StringViewArray(longStrings).data
}

/// A list view of string views whose lists overlap, come out of order and skip values.
private func scatteredListViews() throws -> ArrayData {
    try ListViewArray(
        offsets: [4, 0, 2, 0, 7, 1], sizes: [3, 2, 0, 9, 2, 4], values: StringViewArray(longStrings),
        validity: [true, true, true, false, true, true]
    ).data
}

/// Message versions of every message of an IPC stream or file, front to back.
private func messageVersions(_ bytes: Data) throws -> [MetadataVersion] {
    try framedMessages(bytes).map(\.message.version)
}

/// The version in the footer of an Arrow file.
private func footerVersion(_ bytes: Data) throws -> MetadataVersion {
    let length = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: bytes.count - 10, as: Int32.self)) }
    let footer = bytes.subdata(in: (bytes.count - 10 - length)..<(bytes.count - 10))
    return try footer.withUnsafeBytes { try Footer(flatbuffer: $0) }.version
}

private func writeFile(_ batches: [RecordBatch], options: ArrowWriteOptions) throws -> Data {
    let writer = try ArrowFileWriter(schema: batches[0].schema, options: options)
    for batch in batches { try writer.write(batch) }
    return try writer.finish()
}

private func writeStream(_ batches: [RecordBatch], options: ArrowWriteOptions) throws -> Data {
    let writer = try ArrowStreamWriter(schema: batches[0].schema, options: options)
    for batch in batches { try writer.write(batch) }
    return try writer.finish()
}

private func readFile(_ bytes: Data) throws -> [RecordBatch] {
    let reader = try ArrowFileReader(data: bytes)
    return try (0..<reader.recordBatchCount).map { try reader.recordBatch(at: $0) }
}

@Suite struct ClassicLayoutTests {
    @Test func typesConvertAtAnyDepth() throws {
        let item = Field("item", .utf8View, metadata: ["k": "v"])
        #expect(DataType.utf8View.classicLayout == .largeUtf8)
        #expect(DataType.binaryView.classicLayout == .largeBinary)
        #expect(DataType.listView(item).classicLayout == .largeList(Field("item", .largeUtf8, metadata: ["k": "v"])))
        #expect(DataType.largeListView(Field("item", .int32)).classicLayout == .largeList(Field("item", .int32)))
        let nested = DataType.struct([
            Field("a", .map(Field("entries", .struct([Field("key", .utf8View, nullable: false), Field("value", .binaryView)]), nullable: false), keysSorted: false)),
            Field("b", .dictionary(index: .int8, value: .utf8View, ordered: true), dictionaryId: 3),
            Field("c", .runEndEncoded(runEnds: Field("run_ends", .int32, nullable: false), values: Field("values", .binaryView))),
            Field("d", .union(.dense, [Field("s", .utf8View), Field("i", .int8)], typeIds: [5, 7])),
            Field("e", .fixedSizeList(Field("item", .utf8View), listSize: 2)),
            Field("f", .extension(name: "arrow.json", storage: .utf8View, metadata: "")),
        ])
        let expected = DataType.struct([
            Field("a", .map(Field("entries", .struct([Field("key", .largeUtf8, nullable: false), Field("value", .largeBinary)]), nullable: false), keysSorted: false)),
            Field("b", .dictionary(index: .int8, value: .largeUtf8, ordered: true), dictionaryId: 3),
            Field("c", .runEndEncoded(runEnds: Field("run_ends", .int32, nullable: false), values: Field("values", .largeBinary))),
            Field("d", .union(.dense, [Field("s", .largeUtf8), Field("i", .int8)], typeIds: [5, 7])),
            Field("e", .fixedSizeList(Field("item", .largeUtf8), listSize: 2)),
            Field("f", .extension(name: "arrow.json", storage: .largeUtf8, metadata: "")),
        ])
        #expect(nested.classicLayout == expected)
        #expect(nested.hasViewLayout)
        #expect(!expected.hasViewLayout)
        #expect(expected.classicLayout == expected)
    }

    @Test func anEmptyListWithoutOffsetsConverts() throws {
        // Valid (an empty list may leave its offsets out), found by review.
        let type = DataType.list(Field("item", .utf8View))
        let empty = ArrayData(type: type, length: 0, nullCount: 0, validity: nil, buffers: [.empty], children: [stringViews()])
        try empty.validate(.full)
        let converted = try empty.classicLayout()
        #expect(converted.type == .list(Field("item", .largeUtf8)) && converted.length == 0)
        try converted.validate(.full)
        let batch = RecordBatch(schema: Schema([Field("l", type)]), columnData: [empty], rowCount: 0, metadata: [:])
        let writer = try ArrowStreamWriter(schema: batch.schema, options: ArrowWriteOptions(compatibility: .oldest))
        try writer.write(batch)
        let reader = try ArrowStreamReader(data: try writer.finish())
        #expect(try #require(try reader.next()).rowCount == 0)
    }

    @Test func arraysWithoutViewsAreUntouched() throws {
        let column = try ipcSampleBatch().columnData[4].slice(2, 5)
        let converted = try column.classicLayout()
        #expect(converted.offset == column.offset)
        #expect(converted.buffers.map(\.baseAddress) == column.buffers.map(\.baseAddress))
        #expect(converted.children[1].buffers.map(\.baseAddress) == column.children[1].buffers.map(\.baseAddress))
    }

    @Test func stringAndBinaryViewsBecomeLargeOnes() throws {
        let strings = stringViews()
        let binary = BinaryViewArray(longStrings.map { $0.map { Array($0.utf8) } }).data
        for (views, classic) in [(strings, DataType.largeUtf8), (binary, .largeBinary)] {
            for (start, count) in [(0, views.length), (1, 7), (3, 0), (8, 1)] {
                let slice = try views.slice(start, count)
                let converted = try slice.classicLayout()
                #expect(converted.type == classic)
                try converted.validate(.full)
                #expect(try jsonValues(converted) == jsonValues(slice))
                #expect(converted.nullCount == slice.nullCount)
            }
        }
        // Null slots are empty in the converted data.
        let converted = try strings.classicLayout()
        let offsets = converted.buffers[0].baseAddress
        #expect(offsets.load(fromByteOffset: 8, as: Int64.self) == offsets.load(fromByteOffset: 16, as: Int64.self))
    }

    @Test func listViewsBecomeLargeLists() throws {
        let lists = try scatteredListViews()
        for (start, count) in [(0, lists.length), (1, 4), (2, 0), (5, 1)] {
            let slice = try lists.slice(start, count)
            let converted = try slice.classicLayout()
            #expect(converted.type == .largeList(Field("item", .largeUtf8)))
            try converted.validate(.full)
            #expect(try jsonValues(converted) == jsonValues(slice))
        }
        let large = try LargeListViewArray(
            offsets: [0, 2, 2], sizes: [2, 0, 3], values: Int64Array([1, 2, 3, 4, 5]), validity: [true, false, true]
        ).data
        let converted = try large.classicLayout()
        #expect(converted.type == .largeList(Field("item", .int64)))
        #expect(try jsonValues(converted) == ["[1,2]", "null", "[3,4,5]"])
    }

    @Test func inOrderListViewsShareTheirChild() throws {
        let values = Int32Array([10, 11, 12, 13, 14, 15, 16, 17])
        let lists = try ListViewArray(offsets: [1, 3, 3, 6], sizes: [2, 0, 3, 2], values: values).data
        let converted = try lists.slice(1, 3).classicLayout()
        let child = converted.children[0]
        #expect(child.offset == 3)
        #expect(child.length == 5)
        #expect(child.buffers[0].baseAddress == values.data.buffers[0].baseAddress)
        #expect(try jsonValues(converted) == ["[]", "[13,14,15]", "[16,17]"])
    }

    @Test func nestedViewsConvert() throws {
        let strings = StringViewArray(longStrings)
        let structs = try StructArray(
            fields: [Field("s", .utf8View), Field("l", .listView(Field("item", .utf8View)))],
            columns: [StringViewArray(Array(longStrings.prefix(6))), try ListViewArray(scatteredListViews())],
            validity: [true, false, true, true, true, true])
        let lists = try ListArray(offsets: [0, 2, 2, 5, 9], values: strings, validity: [true, true, false, true])
        let fixed = try FixedSizeListArray(listSize: 3, values: strings)
        let map = try MapArray(offsets: [0, 1, 3, 3], keys: StringViewArray(["k1", "k2 is a longer key", "k3"]), values: StringViewArray(Array(longStrings.prefix(3))))
        let sparse = try UnionArray(
            typeCodes: [0, 1, 0, 1, 1, 0, 0, 1, 0],
            children: [strings, Int8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])])
        let dense = try UnionArray(
            typeCodes: [1, 0, 0, 1], offsets: [0, 2, 7, 1], children: [strings, Int8Array([1, 2])], typeIds: [0, 1])
        let runs = try RunEndEncodedArray(runEnds: Int32Array([2, 3, 7]), values: StringViewArray(["aa", nil, "a long run value here"]))
        let columns: [any ArrowArray] = [structs, lists, fixed, map, sparse, dense, runs]
        for column in columns {
            let data = column.data
            for (start, count) in [(0, data.length), (1, data.length - 2), (data.length - 1, 1)] {
                let slice = try data.slice(start, count)
                let converted = try slice.classicLayout()
                #expect(converted.type == data.type.classicLayout)
                #expect(!converted.type.hasViewLayout)
                try converted.validate(.full)
                #expect(try jsonValues(converted) == jsonValues(slice), "\(data.type) slots \(start)..<\(start + count)")
            }
        }
    }

    @Test func dictionariesAndExtensionsConvert() throws {
        let dictionary = try DictionaryArray(indices: Int8Array([2, 0, nil, 2, 7]), dictionary: StringViewArray(longStrings)).data
        let converted = try dictionary.slice(1, 4).classicLayout()
        #expect(converted.type == .dictionary(index: .int8, value: .largeUtf8, ordered: false))
        #expect(converted.dictionary?.type == .largeUtf8)
        #expect(try jsonValues(converted) == jsonValues(dictionary.slice(1, 4)))

        let json = StringViewArray(["{\"a\": 1}", nil, "[1, 2, 3, \"a longer json text\"]"]).data
            .viewed(as: .extension(name: JSONType.extensionName, storage: .utf8View, metadata: ""))
        let classic = try json.classicLayout()
        #expect(classic.type == .extension(name: JSONType.extensionName, storage: .largeUtf8, metadata: ""))
        #expect(try JSONArray(classic).map { $0 } == ["{\"a\": 1}", nil, "[1, 2, 3, \"a longer json text\"]"])
    }

    @Test func viewsOutsideTheirBuffersThrow() throws {
        // A long view pointing past its data buffer; only the full validation level sees it.
        let good = stringViews()
        var views = good.buffers[0].bytes
        views.withUnsafeMutableBytes { $0.storeBytes(of: Int32(1000), toByteOffset: 2 * 16 + 12, as: Int32.self) }
        let bad = ArrayData(
            type: .utf8View, length: good.length, nullCount: good.nullCount, validity: good.validity,
            buffers: [ArrowBuffer(copying: views)] + good.buffers.dropFirst())
        try bad.validate(.default)
        #expect(throws: ArrowError.self) { try bad.classicLayout() }
        do {
            _ = try bad.classicLayout(path: "column 0 'x'")
        } catch let ArrowError.invalidArgument(message) {
            #expect(message.hasPrefix("column 0 'x': view 2"))
        }

        let lists = ArrayData(
            type: .listView(Field("item", .int32)), length: 2, validity: nil,
            buffers: [ArrowBuffer(copying: [Int32(0), Int32(3)]), ArrowBuffer(copying: [Int32(2), Int32(4)])],
            children: [Int32Array([1, 2, 3, 4, 5]).data])
        try lists.validate(.default)
        let batch = try RecordBatch(schema: Schema([Field("lists", lists.type)]), columns: [lists])
        let writer = try ArrowStreamWriter(schema: batch.schema, options: ArrowWriteOptions().compatibility(.oldest))
        #expect {
            try writer.write(batch)
        } throws: { error in
            guard case ArrowError.invalidArgument(let message) = error else { return false }
            return message.contains("column 0 'lists'") && message.contains("list 1 holds 4 values from value 3")
        }
    }
}

@Suite struct WriterCompatibilityTests {
    /// A batch of view columns: nested, sliced, with nulls, dictionary-encoded and extension-typed.
    private func viewBatch() throws -> RecordBatch {
        let strings = StringViewArray(longStrings)
        let json = StringViewArray(["{}", nil, "[1, 2, 3, \"a longer json text\"]", "1", "2", "\"x\"", "3", "4", "5"]).data
            .viewed(as: .extension(name: JSONType.extensionName, storage: .utf8View, metadata: ""))
        let dictionary = try DictionaryArray(
            indices: Int16Array([0, 2, nil, 5, 2, 0, 7, 8, 3]), dictionary: StringViewArray(longStrings))
        let structs = try StructArray(
            fields: [Field("s", .utf8View), Field("b", .binaryView)],
            columns: [strings, BinaryViewArray(longStrings.reversed().map { $0.map { Array($0.utf8) } })],
            validity: [true, true, false, true, true, true, true, false, true])
        let lists = try ListViewArray(
            offsets: [4, 0, 2, 0, 7, 1, 3, 3, 0], sizes: [3, 2, 0, 9, 2, 4, 1, 0, 1], values: strings,
            validity: [true, true, true, false, true, true, true, true, true])
        let columns = [strings.data, json, dictionary.data, structs.data, lists.data]
        let schema = Schema(
            zip(["strings", "json", "dictionary", "structs", "lists"], columns).map { Field($0, $1.type) },
            metadata: ["origin": "compatibility tests"])
        return try RecordBatch(schema: schema, columns: columns)
    }

    @Test func oldestRoundTripsThroughFilesAndStreams() throws {
        let batch = try viewBatch()
        let batches = [batch, try batch.slice(2, 5), try batch.slice(8, 1)]
        let options = ArrowWriteOptions().compatibility(.oldest)
        let file = try readFile(try writeFile(batches, options: options))
        let streamReader = try ArrowStreamReader(data: try writeStream(batches, options: options))
        let stream = try streamReader.readAll()
        for read in [file, stream] {
            #expect(read.count == batches.count)
            for (original, back) in zip(batches, read) {
                #expect(back.schema.metadata == batch.schema.metadata)
                #expect(back.schema.fields.map(\.type) == batch.schema.fields.map(\.type.classicLayout))
                for (column, (written, readBack)) in zip(original.columnData, back.columnData).enumerated() {
                    #expect(try jsonValues(readBack) == jsonValues(written), "column \(column)")
                }
            }
        }
        let types = file[0].schema.fields.map(\.type)
        #expect(types[0] == .largeUtf8)
        #expect(types[1] == .extension(name: JSONType.extensionName, storage: .largeUtf8, metadata: ""))
        #expect(types[2] == .dictionary(index: .int16, value: .largeUtf8, ordered: false))
        #expect(types[4] == .largeList(Field("item", .largeUtf8)))
    }

    @Test func writersKeepTheCallersSchema() throws {
        let batch = try viewBatch()
        let writer = try ArrowFileWriter(schema: batch.schema, options: ArrowWriteOptions().compatibility(.oldest))
        #expect(writer.schema.fields.map(\.type) == batch.schema.fields.map(\.type))
        try writer.write(batch)
        let reader = try ArrowFileReader(data: try writer.finish())
        #expect(reader.schema.fields.map(\.type) == batch.schema.fields.map(\.type.classicLayout))
    }

    @Test func newestWritesViewsAsTheyAre() throws {
        let batch = try viewBatch()
        let read = try readFile(try writeFile([batch], options: ArrowWriteOptions()))
        #expect(read[0].schema.fields.map(\.type) == batch.schema.fields.map(\.type))
        #expect(read[0].isEqual(to: batch), "\(read[0].firstDifference(from: batch) ?? "")")
    }

    @Test func metadataV4IsWrittenInEveryMessageAndTheFooter() throws {
        let unions = try UnionArray(
            typeCodes: [0, 1, 0, 1], children: [StringArray(["a", "b", nil, "d"]), Int32Array([1, 2, 3, nil])])
        let dense = try UnionArray(
            typeCodes: [1, 0, 0, 1], offsets: [0, 0, 1, 1], children: [StringArray(["x", "y"]), Int64Array([7, nil])])
        let dictionary = try DictionaryArray(indices: Int8Array([1, 0, nil, 1]), dictionary: StringArray(["p", "q"]))
        let strings = StringArray(["one", nil, "three", "four"])
        let schema = Schema([
            Field("sparse", unions.type), Field("dense", dense.type), Field("dictionary", dictionary.type),
            Field("strings", strings.type),
        ])
        let batch = try RecordBatch(schema: schema, columns: [unions, dense, dictionary, strings])
        let batches = [batch, try batch.slice(1, 3)]
        let v4 = ArrowWriteOptions().metadataVersion(.v4)

        let file = try writeFile(batches, options: v4)
        #expect(try footerVersion(file) == .v4)
        #expect(try messageVersions(file) == Array(repeating: .v4, count: 4))
        for (original, back) in zip(batches, try readFile(file)) {
            #expect(back.isEqual(to: original), "\(back.firstDifference(from: original) ?? "")")
        }
        let stream = try writeStream(batches, options: v4)
        #expect(try messageVersions(stream) == Array(repeating: .v4, count: 4))
        let reader = try ArrowStreamReader(data: stream)
        for (original, back) in zip(batches, try reader.readAll()) {
            #expect(back.isEqual(to: original), "\(back.firstDifference(from: original) ?? "")")
        }

        let v5 = try writeFile(batches, options: ArrowWriteOptions())
        #expect(try footerVersion(v5) == .v5)
        #expect(try messageVersions(v5) == Array(repeating: .v5, count: 4))
    }

    @Test func v4UnionsCarryAnEmptyValidityBuffer() throws {
        let unions = try UnionArray(typeCodes: [0, 1], children: [Int8Array([1, 2]), Int8Array([3, 4])])
        let batch = try RecordBatch(schema: Schema([Field("u", unions.type)]), columns: [unions])
        let v5 = try RecordBatchEncoder.encode(batch, version: .v5)
        let v4 = try RecordBatchEncoder.encode(batch, version: .v4)
        #expect(v4.buffers.count == v5.buffers.count + 1)
        #expect(v4.buffers[0].count == 0)
        #expect(v4.buffers.dropFirst().map(\.bytes) == v5.buffers.map(\.bytes))
    }

    @Test func v4RefusesTypesNewerThanArrowOne() throws {
        let item = Field("item", .int32)
        let refused: [(DataType, String)] = [
            (.utf8View, "string_view"),
            (.binaryView, "binary_view"),
            (.listView(item), "list_view"),
            (.largeListView(item), "large_list_view"),
            (.runEndEncoded(runEnds: Field("run_ends", .int32, nullable: false), values: Field("values", .utf8)), "run_end_encoded"),
            (.decimal32(precision: 9, scale: 2), "decimal32(9, 2)"),
            (.decimal64(precision: 18, scale: 2), "decimal64(18, 2)"),
            (.decimal256(precision: 40, scale: 2), "decimal256(40, 2)"),
            (.interval(.monthDayNano), "month_day_nano_interval"),
        ]
        let v4 = ArrowWriteOptions().metadataVersion(.v4)
        for (type, name) in refused {
            let nested = Schema([Field("ok", .int64), Field("outer", .list(Field("inner", type)))])
            #expect {
                _ = try ArrowFileWriter(schema: nested, options: v4)
            } throws: { error in
                guard case ArrowError.invalidArgument(let message) = error else { return false }
                return message.contains("'outer.inner'") && message.contains(name) && message.contains("V5")
            }
            let inDictionary = Schema([Field("d", .dictionary(index: .int32, value: type, ordered: false))])
            #expect(throws: ArrowError.self) { _ = try ArrowStreamWriter(schema: inDictionary, options: v4) }
        }
        let viewsAsClassic = Schema([Field("s", .utf8View), Field("l", .listView(Field("item", .binaryView)))])
        let writer = try ArrowStreamWriter(schema: viewsAsClassic, options: v4.compatibility(.oldest))
        let batch = try RecordBatch(
            schema: viewsAsClassic,
            columns: [StringViewArray(["a", "a string longer than twelve"]),
                      try ListViewArray(offsets: [0, 1], sizes: [1, 1], values: BinaryViewArray([[1], [2, 3]]),
                                        item: Field("item", .binaryView))])
        try writer.write(batch)
        let reader = try ArrowStreamReader(data: try writer.finish())
        let back = try #require(try reader.next())
        #expect(back.schema.fields.map(\.type) == [.largeUtf8, .largeList(Field("item", .largeBinary))])
        #expect(try jsonValues(back.columnData[1]) == jsonValues(batch.columnData[1]))
    }

    /// The README's writer options example.
    @Test func readmeWriterOptions() throws {
        let batch = try RecordBatch(names: ["name"], columns: [StringViewArray(["a", nil, "a name longer than twelve bytes"])])
        let options = ArrowWriteOptions().compatibility(.oldest).metadataVersion(.v4).alignment(8)
        let writer = try ArrowStreamWriter(schema: batch.schema, options: options)
        try writer.write(batch)
        let bytes = try writer.finish()
        let reader = try ArrowStreamReader(data: bytes)
        let back = try #require(try reader.next())
        #expect(back.schema.fields[0].type == .largeUtf8)
        #expect(Array(try LargeStringArray(back.columnData[0])) == ["a", nil, "a name longer than twelve bytes"])
        #expect(try messageVersions(bytes) == [.v4, .v4])
    }
}
