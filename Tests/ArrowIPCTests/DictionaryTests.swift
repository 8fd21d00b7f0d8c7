import Foundation
import Testing
@testable import ArrowIPC

/// A dictionary array of strings with `Int32` indices.
private func strings(_ indices: [Int32?], _ dictionary: [String?]) throws -> DictionaryArray {
    try DictionaryArray(indices: Int32Array(indices), dictionary: StringArray(dictionary))
}

/// A one-column batch of `column` called `name`.
private func batch(_ column: any ArrowArray, name: String = "d", dictionaryId: Int64? = nil) throws -> RecordBatch {
    try RecordBatch(schema: Schema([Field(name, column.type, dictionaryId: dictionaryId)]), columns: [column])
}

private func streamBytes(_ batches: [RecordBatch], options: ArrowWriteOptions = ArrowWriteOptions()) throws -> Data {
    let writer = try ArrowStreamWriter(schema: batches[0].schema, options: options)
    for batch in batches { try writer.write(batch) }
    return try writer.finish()
}

private func fileBytes(_ batches: [RecordBatch]) throws -> Data {
    let writer = try ArrowFileWriter(schema: batches[0].schema)
    for batch in batches { try writer.write(batch) }
    return try writer.finish()
}

private func readStream(_ data: Data, validation: ValidationLevel = .full) throws -> [RecordBatch] {
    let reader = try ArrowStreamReader(data: data, options: ArrowReadOptions(validation: validation))
    return try reader.readAll()
}

private func readFile(_ data: Data, validation: ValidationLevel = .full) throws -> [RecordBatch] {
    try ArrowFileReader(data: data, options: ArrowReadOptions(validation: validation)).readAll()
}

/// The dictionary batch messages of a stream, in order: (id, isDelta, number of values).
private func dictionaryMessages(_ data: Data) throws -> [(id: Int64, isDelta: Bool, count: Int64)] {
    var found: [(Int64, Bool, Int64)] = []
    for framed in try framedMessages(data) {
        if case .dictionaryBatch(let header) = framed.message.header {
            found.append((header.id, header.isDelta, header.data.length))
        }
    }
    return found
}

/// The decoded strings of a dictionary-encoded column.
private func decoded(_ batch: RecordBatch, _ column: Int = 0) throws -> [String?] {
    let array = try #require(batch.column(column) as? DictionaryArray)
    return try array.values(as: StringArray.self)
}

/// Encapsulated messages written one by one, for streams no writer would produce.
private struct RawStream {
    let sink = MemorySink()
    let writer: HandMadeMessageWriter

    init(schema: Schema) throws {
        writer = HandMadeMessageWriter(sink: sink, alignment: 8)
        try writer.write(Message(version: .v5, header: .schema(schema, .little), bodyLength: 0, customMetadata: [:]))
    }

    func dictionary(id: Int64, _ values: ArrayData, isDelta: Bool = false) throws {
        let encoder = try RecordBatchEncoder.encode(
            RecordBatch(schema: Schema([Field("v", values.type)]), columnData: [values], rowCount: values.length, metadata: [:]))
        let (data, _, bodyLength) = try encoder.body(length: values.length, alignment: 8, compressor: nil)
        let header = DictionaryBatchHeader(id: id, data: data, isDelta: isDelta)
        try writer.write(
            Message(version: .v5, header: .dictionaryBatch(header), bodyLength: Int64(bodyLength), customMetadata: [:]),
            body: encoder.buffers)
    }

    func batch(_ batch: RecordBatch) throws {
        let encoder = try RecordBatchEncoder.encode(batch)
        let (header, _, bodyLength) = try encoder.body(length: batch.rowCount, alignment: 8, compressor: nil)
        try writer.write(
            Message(version: .v5, header: .recordBatch(header), bodyLength: Int64(bodyLength), customMetadata: [:]),
            body: encoder.buffers)
    }

    /// The stream with its end marker.
    func finish() throws -> Data {
        try writer.writeEndOfStream()
        return sink.data
    }

    /// The messages as an Arrow file: the magic, the messages, a footer listing them (the
    /// dictionary blocks as `dictionaryBlocks` makes them from the messages' blocks).
    func file(schema: Schema, dictionaryBlocks: ([Block]) -> [Block] = { $0 }) throws -> Data {
        try writer.writeEndOfStream()
        let stream = sink.data
        var dictionaries: [Block] = []
        var batches: [Block] = []
        var position = 0
        while position + 8 <= stream.count {
            let length = stream.subdata(in: (position + 4)..<(position + 8)).withUnsafeBytes { Int($0.loadUnaligned(as: Int32.self)) }
            if length == 0 { break }
            let message = try stream.subdata(in: (position + 8)..<(position + 8 + length)).withUnsafeBytes { try Message(flatbuffer: $0) }
            let block = Block(offset: Int64(position + 8), metadataLength: Int32(8 + length), bodyLength: message.bodyLength)
            switch message.header {
            case .dictionaryBatch: dictionaries.append(block)
            case .recordBatch: batches.append(block)
            case .schema: break
            }
            position += 8 + length + Int(message.bodyLength)
        }
        let footer = Footer(
            version: .v5, schema: schema, endianness: .little, dictionaries: dictionaryBlocks(dictionaries), recordBatches: batches,
            customMetadata: [:]).flatbuffer()
        var file = Data(fileMagic + [0, 0])
        file.append(stream)
        file.append(contentsOf: footer)
        withUnsafeBytes(of: Int32(footer.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: fileMagic)
        return file
    }
}

@Suite struct DictionaryTests {
    // MARK: - The typed array

    @Test func dictionaryArrayReadsIndicesAndValues() throws {
        let array = try DictionaryArray(indices: Int8Array([1, nil, 0, 1]), dictionary: StringArray(["a", "b"]), ordered: true)
        #expect(array.type == .dictionary(index: .int8, value: .utf8, ordered: true))
        #expect(array.isOrdered)
        #expect(array.indexType == .int8)
        #expect(Array(array) == [1, nil, 0, 1])
        #expect(array.index(at: 2) == 0)
        #expect(try array.values(as: StringArray.self) == ["b", nil, "a", "b"])
        #expect((array.dictionary as? StringArray).map(Array.init) == ["a", "b"])
        #expect(makeArray(array.data) is DictionaryArray)
        #expect(throws: ArrowError.self) { try array.values(as: Int32Array.self) }
    }

    @Test func buildingRejectsIndicesOutsideTheDictionary() {
        #expect(throws: ArrowError.self) {
            try DictionaryArray(indices: UInt16Array([0, 2]), dictionary: StringArray(["a", "b"]))
        }
        #expect(throws: ArrowError.self) {
            try DictionaryArray(indices: Int64Array([-1]), dictionary: StringArray(["a"]))
        }
    }

    @Test func validationChecksIndicesAndDictionary() throws {
        let values = StringArray(["a", "b"]).data
        let type = DataType.dictionary(index: .int32, value: .utf8, ordered: false)
        let outside = ArrayData(type: type, length: 2, validity: nil, buffers: [ArrowBuffer(copying: [Int32(0), 5])], dictionary: values)
        try outside.validate(.default)
        #expect(throws: ArrowError.self) { try outside.validate(.full) }
        let missing = ArrayData(type: type, length: 1, validity: nil, buffers: [ArrowBuffer(copying: [Int32(0)])])
        #expect(throws: ArrowError.self) { try missing.validate(.default) }
        let wrongType = ArrayData(
            type: type, length: 1, validity: nil, buffers: [ArrowBuffer(copying: [Int32(0)])], dictionary: Int32Array([1]).data)
        #expect(throws: ArrowError.self) { try wrongType.validate(.default) }
        let short = ArrayData(type: type, length: 3, validity: nil, buffers: [ArrowBuffer(copying: [Int32(0)])], dictionary: values)
        #expect(throws: ArrowError.self) { try short.validate(.default) }
        // A null slot's index is not checked.
        let bitmap = ArrowBuffer(copying: [UInt8(0b01)])
        let nullOutside = ArrayData(
            type: type, length: 2, nullCount: 1, validity: bitmap, buffers: [ArrowBuffer(copying: [Int32(1), 99])], dictionary: values)
        try nullOutside.validate(.full)
    }

    // MARK: - Round trips

    @Test(arguments: [DataType.int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64])
    func everyIndexTypeRoundTrips(indexType: DataType) throws {
        let indices = [0, 2, nil, 1, 2, 0]
        let dictionary = StringArray(["zero", nil, "two"])
        let array: DictionaryArray
        switch indexType {
        case .int8: array = try DictionaryArray(indices: Int8Array(indices.map { $0.map(Int8.init) }), dictionary: dictionary)
        case .int16: array = try DictionaryArray(indices: Int16Array(indices.map { $0.map(Int16.init) }), dictionary: dictionary)
        case .int32: array = try DictionaryArray(indices: Int32Array(indices.map { $0.map(Int32.init) }), dictionary: dictionary)
        case .int64: array = try DictionaryArray(indices: Int64Array(indices.map { $0.map(Int64.init) }), dictionary: dictionary)
        case .uint8: array = try DictionaryArray(indices: UInt8Array(indices.map { $0.map(UInt8.init) }), dictionary: dictionary)
        case .uint16: array = try DictionaryArray(indices: UInt16Array(indices.map { $0.map(UInt16.init) }), dictionary: dictionary)
        case .uint32: array = try DictionaryArray(indices: UInt32Array(indices.map { $0.map(UInt32.init) }), dictionary: dictionary)
        default: array = try DictionaryArray(indices: UInt64Array(indices.map { $0.map(UInt64.init) }), dictionary: dictionary)
        }
        let original = try batch(array)
        for read in [try readStream(streamBytes([original, original.slice(2, 3)])), try readFile(fileBytes([original, original.slice(2, 3)]))] {
            #expect(read.count == 2)
            #expect(read[0].schema.fields[0].type == array.type)
            #expect(read[0].schema.fields[0].dictionaryId == 0)
            #expect(read[0].isEqual(to: original))
            #expect(try decoded(read[0]) == ["zero", "two", nil, nil, "two", "zero"])
            #expect(try decoded(read[1]) == [nil, nil, "two"])
        }
    }

    @Test func writerAssignsIdsAndKeepsGivenOnes() throws {
        let a = try strings([0], ["x"])
        let b = try strings([0], ["y"])
        let schema = Schema([Field("a", a.type, dictionaryId: 0), Field("b", b.type), Field("c", a.type, dictionaryId: 5)])
        let writer = try ArrowStreamWriter(schema: schema)
        #expect(writer.schema.fields.map(\.dictionaryId) == [0, 1, 5])
        try writer.write(try RecordBatch(schema: schema, columns: [a, b, a]))
        let read = try readStream(try writer.finish())
        #expect(try decoded(read[0], 1) == ["y"])
        #expect(try decoded(read[0], 2) == ["x"])
    }

    @Test func sharedIdsNeedOneValueType() throws {
        let schema = Schema([
            Field("a", .dictionary(index: .int32, value: .utf8, ordered: false), dictionaryId: 3),
            Field("b", .dictionary(index: .int32, value: .int64, ordered: false), dictionaryId: 3),
        ])
        #expect(throws: ArrowError.self) { try ArrowStreamWriter(schema: schema) }
    }

    /// Dictionary ids inside a dictionary's values are checked when those values are an
    /// extension type too.
    @Test func sharedIdsNeedOneValueTypeInsideExtensionValues() throws {
        let inner = Field("b", .dictionary(index: .int8, value: .utf8, ordered: false), dictionaryId: 0)
        let values = DataType.extension(name: "example.wrapped", storage: .struct([inner]), metadata: "")
        let schema = Schema([
            Field("a", .dictionary(index: .int8, value: values, ordered: false), dictionaryId: 1),
            Field("c", .dictionary(index: .int8, value: .int32, ordered: false), dictionaryId: 0),
        ])
        #expect(throws: ArrowError.self) { try ArrowStreamWriter(schema: schema) }
        #expect(try Schema([schema.fields[0]]).dictionaryValueTypes() == [1: values, 0: .utf8])
        // An id to assign avoids those used inside extension values.
        let unassigned = Schema([Field("a", .dictionary(index: .int8, value: values, ordered: false))])
        #expect(try unassigned.assigningDictionaryIds().fields[0].dictionaryId == 1)
    }

    /// Types the IPC format cannot express are refused before the schema is written.
    @Test func writersRefuseDictionariesTheFormatCannotExpress() throws {
        let nested = DataType.dictionary(index: .int8, value: .dictionary(index: .int8, value: .utf8, ordered: false), ordered: false)
        let textIndices = DataType.dictionary(index: .utf8, value: .utf8, ordered: false)
        for type in [nested, .list(Field("item", nested)), textIndices] {
            #expect(throws: ArrowError.self) { try ArrowStreamWriter(schema: Schema([Field("d", type)])) }
            #expect(throws: ArrowError.self) { try ArrowFileWriter(schema: Schema([Field("d", type)])) }
        }
    }

    @Test func sharedDictionaryIdRoundTrips() throws {
        let a = try strings([0, 1], ["p", "q"])
        let b = try DictionaryArray(indices: Int32Array([1, 1]), dictionary: a.dictionary)
        let schema = Schema([Field("a", a.type, dictionaryId: 7), Field("b", b.type, dictionaryId: 7)])
        let original = try RecordBatch(schema: schema, columns: [a, b])
        let stream = try streamBytes([original])
        #expect(try dictionaryMessages(stream).count == 1)
        for read in [try readStream(stream), try readFile(fileBytes([original]))] {
            #expect(try decoded(read[0], 0) == ["p", "q"])
            #expect(try decoded(read[0], 1) == ["q", "q"])
        }
        // Different dictionaries under one id: a stream cannot say so, a file merges them.
        let c = try strings([0, 0], ["r"])
        let mixed = try RecordBatch(schema: schema, columns: [a, c])
        #expect(throws: ArrowError.self) { try streamBytes([mixed]) }
        let read = try readFile(fileBytes([mixed]))
        #expect(try decoded(read[0], 0) == ["p", "q"])
        #expect(try decoded(read[0], 1) == ["r", "r"])
    }

    @Test func dictionariesInsideListStructAndMap() throws {
        let inner = try strings([0, 1, 1, nil, 0], ["u", "v"])
        let list = try ListArray(offsets: [0, 2, 2, 5], values: inner, validity: [true, false, true])
        let structs = try StructArray(fields: [Field("s", inner.type)], columns: [try strings([1, nil, 0], ["w", "x"])])
        let keys = StringArray(["k1", "k2", "k3", "k4", "k5"])
        let map = try MapArray(offsets: [0, 1, 3, 5], keys: keys, values: inner)
        let schema = Schema([Field("list", list.type), Field("struct", structs.type), Field("map", map.type)])
        let listBatch = try RecordBatch(schema: schema, columns: [list, structs, map])
        for read in [try readStream(streamBytes([listBatch])), try readFile(fileBytes([listBatch]))] {
            #expect(read[0].isEqual(to: listBatch))
            let first = try #require(read[0].schema.fields[0].type.children.first?.dictionaryId)
            let second = try #require(read[0].schema.fields[1].type.children.first?.dictionaryId)
            #expect(first != second)
        }
    }

    @Test func nestedDictionariesRoundTrip() throws {
        // A dictionary of lists whose items are themselves dictionary-encoded.
        let words = try strings([0, 1, 2, 0], ["a", "b", "c"])
        let lists = try ListArray(offsets: [0, 1, 3, 4], values: words)
        let outer = try DictionaryArray(indices: Int16Array([2, 0, nil, 1, 1]), dictionary: lists)
        let original = try batch(outer)
        let stream = try streamBytes([original])
        let messages = try dictionaryMessages(stream)
        #expect(messages.map(\.id) == [1, 0], "the nested dictionary goes first")
        for read in [try readStream(stream), try readFile(fileBytes([original]))] {
            #expect(read[0].isEqual(to: original))
            let column = try #require(read[0].column(0) as? DictionaryArray)
            let values = try #require(column.dictionary as? ListArray)
            #expect(values.length == 3)
        }
    }

    // MARK: - Deltas, replacements, unification

    @Test func streamWriterSendsNothingForAnUnchangedDictionary() throws {
        let first = try batch(strings([0, 1], ["a", "b"]))
        let same = try batch(strings([1, 1], ["a", "b"]))
        let stream = try streamBytes([first, first, same])
        #expect(try dictionaryMessages(stream).count == 1)
        #expect(try readStream(stream).map { try decoded($0) } == [["a", "b"], ["a", "b"], ["b", "b"]])
    }

    @Test func streamWriterEmitsDeltasWhenAsked() throws {
        let first = try batch(strings([0, 1], ["a", "b"]))
        let extended = try batch(strings([2, 0], ["a", "b", "c"]))
        let withDeltas = try streamBytes([first, extended], options: ArrowWriteOptions().emitDictionaryDeltas(true))
        #expect(try dictionaryMessages(withDeltas).map { [$0.isDelta ? 1 : 0, Int($0.count)] } == [[0, 2], [1, 1]])
        #expect(try readStream(withDeltas).map { try decoded($0) } == [["a", "b"], ["c", "a"]])
        let replacing = try streamBytes([first, extended])
        #expect(try dictionaryMessages(replacing).map { [$0.isDelta ? 1 : 0, Int($0.count)] } == [[0, 2], [0, 3]])
        #expect(try readStream(replacing).map { try decoded($0) } == [["a", "b"], ["c", "a"]])
    }

    @Test func streamWriterReplacesOtherDictionaries() throws {
        let first = try batch(strings([0, 1], ["a", "b"]))
        let other = try batch(strings([1, 0], ["x", "y"]))
        let stream = try streamBytes([first, other, first], options: ArrowWriteOptions(emitDictionaryDeltas: true))
        #expect(try dictionaryMessages(stream).map(\.isDelta) == [false, false, false])
        #expect(try readStream(stream).map { try decoded($0) } == [["a", "b"], ["y", "x"], ["a", "b"]])
    }

    /// 0.0 and -0.0 compare equal, and NaNs with different payloads too, but a dictionary
    /// holding one is not the dictionary holding the other.
    @Test func writersKeepSignedZerosAndNaNPayloadsApart() throws {
        let quiet = Double(nan: 1, signaling: false)
        let first = try batch(DictionaryArray(indices: Int8Array([0, 1]), dictionary: Float64Array([0.0, .nan])))
        let second = try batch(DictionaryArray(indices: Int8Array([0, 1]), dictionary: Float64Array([-0.0, quiet])))
        func bits(_ batch: RecordBatch) throws -> [UInt64?] {
            try #require(batch.column(0) as? DictionaryArray).values(as: Float64Array.self).map { $0?.bitPattern }
        }
        let expected: [[UInt64?]] = [[Double(0).bitPattern, Double.nan.bitPattern], [Double(-0.0).bitPattern, quiet.bitPattern]]
        #expect(try readStream(try streamBytes([first, second])).map(bits) == expected)
        #expect(try readFile(try fileBytes([first, second])).map(bits) == expected)
        let joined = try ArrayData.concatenate([first.columnData[0], second.columnData[0]])
        #expect(try DictionaryArray(joined).values(as: Float64Array.self).map { $0?.bitPattern } == expected[0] + expected[1])
    }

    @Test func fileWriterUnifiesReplacedDictionaries() throws {
        let batches = [
            try batch(strings([0, 1, nil], ["a", "b"])),
            try batch(strings([1, 0, 0], ["c", "a"])),
            try batch(strings([0, 1, 2], ["a", "b", "d"])),
            try batch(strings([1, 0, 0], ["c", "a"])),
        ]
        let reader = try ArrowFileReader(data: try fileBytes(batches), options: ArrowReadOptions(validation: .full))
        #expect(reader.recordBatchCount == 4)
        // Random access, last batch first.
        for index in [3, 0, 2, 1] {
            let read = try reader.recordBatch(at: index)
            #expect(try decoded(read) == decoded(batches[index]))
        }
        let dictionary = try #require(try reader.recordBatch(at: 0).column(0) as? DictionaryArray)
        #expect((dictionary.dictionary as? StringArray).map(Array.init) == ["a", "b", "c", "d"])
    }

    @Test func fileWriterRejectsIndicesThatOutgrowTheirType() throws {
        let first = try DictionaryArray(indices: Int8Array([0]), dictionary: StringArray((0..<100).map { "a\($0)" }))
        let second = try DictionaryArray(indices: Int8Array([0]), dictionary: StringArray((0..<100).map { "b\($0)" }))
        let writer = try ArrowFileWriter(schema: try batch(first).schema)
        try writer.write(try batch(first))
        #expect(throws: ArrowError.self) { try writer.write(try batch(second)) }
        // The writer is still usable and the file holds the first batch.
        let read = try readFile(try writer.finish())
        #expect(read.count == 1)
        #expect(try decoded(read[0]) == ["a0"])
    }

    @Test func streamToFileConversionKeepsValues() throws {
        let batches = [
            try batch(strings([0, 1], ["a", "b"])),
            try batch(strings([1, 0], ["x", "a"])),
        ]
        let reader = try ArrowStreamReader(data: try streamBytes(batches))
        let writer = try ArrowFileWriter(schema: reader.schema)
        while let next = try reader.next() { try writer.write(next) }
        let read = try readFile(try writer.finish())
        #expect(try read.map { try decoded($0) } == [["a", "b"], ["a", "x"]])
    }

    // MARK: - Hostile input

    @Test func fileReaderRejectsReplacement() throws {
        let original = try batch(strings([0], ["a"]), dictionaryId: 0)
        let raw = try RawStream(schema: original.schema)
        try raw.dictionary(id: 0, StringArray(["a"]).data)
        try raw.batch(original)
        try raw.dictionary(id: 0, StringArray(["b"]).data)
        try raw.batch(original)
        let file = try raw.file(schema: original.schema)
        let reader = try ArrowFileReader(data: file)
        #expect(throws: ArrowError.invalidData(
            "dictionary batch 1 replaces dictionary id 0; the IPC file format allows one dictionary per id, extended only by deltas")) {
            try reader.recordBatch(at: 0)
        }
    }

    /// Columns without dictionaries read even when the file's dictionaries are broken.
    @Test func fileReaderReadsColumnsWithoutDictionariesAlone() throws {
        let original = try RecordBatch(
            schema: Schema([Field("d", try strings([0], ["a"]).type, dictionaryId: 0), Field("n", .int32)]),
            columns: [try strings([0], ["a"]), Int32Array([7])])
        let raw = try RawStream(schema: original.schema)
        try raw.dictionary(id: 0, StringArray(["a"]).data, isDelta: true)
        try raw.batch(original)
        let reader = try ArrowFileReader(data: try raw.file(schema: original.schema))
        #expect(try reader.recordBatch(at: 0, columns: [1]).columnData[0].isEqual(to: Int32Array([7]).data))
        #expect(throws: ArrowError.self) { try reader.recordBatch(at: 0) }
    }

    @Test func fileReaderAppliesDeltas() throws {
        let original = try batch(strings([0], ["a"]), dictionaryId: 0)
        let later = try batch(strings([1], ["a", "b"]), dictionaryId: 0)
        let raw = try RawStream(schema: original.schema)
        try raw.dictionary(id: 0, StringArray(["a"]).data)
        try raw.batch(original)
        try raw.dictionary(id: 0, StringArray(["b"]).data, isDelta: true)
        try raw.batch(later)
        let read = try readFile(try raw.file(schema: original.schema))
        #expect(try read.map { try decoded($0) } == [["a"], ["b"]])
    }

    /// A footer listing one delta many times would grow the dictionary far beyond the file.
    @Test func fileReaderRejectsOverlappingDictionaryBlocks() throws {
        let original = try batch(strings([0], ["a"]), dictionaryId: 0)
        let raw = try RawStream(schema: original.schema)
        try raw.dictionary(id: 0, StringArray(["a"]).data)
        try raw.dictionary(id: 0, StringArray(["b"]).data, isDelta: true)
        try raw.batch(original)
        let file = try raw.file(schema: original.schema) { [$0[0]] + Array(repeating: $0[1], count: 1000) }
        let reader = try ArrowFileReader(data: file)
        let error = #expect(throws: ArrowError.self) { try reader.recordBatch(at: 0) }
        #expect(error?.reason.contains("dictionary batches 1 and 2 overlap") == true, "\(String(describing: error))")
    }

    /// A struct without fields has no buffer to back its length: a delta of 2^62 of them
    /// after a dictionary with a null must not make the reader build a 2^59-byte bitmap.
    @Test func deltaOfUnbackedLengthIsRejected() throws {
        let valueType = DataType.struct([])
        let type = DataType.dictionary(index: .int8, value: valueType, ordered: false)
        let field = Field("d", type, dictionaryId: 0)
        let withNull = ArrayData(type: valueType, length: 8, validity: ArrowBuffer(copying: [UInt8(0xFE)]), buffers: [])
        let huge = ArrayData(type: valueType, length: 1 << 62, nullCount: 0, validity: nil, buffers: [])
        let raw = try RawStream(schema: Schema([field]))
        try raw.dictionary(id: 0, withNull)
        try raw.dictionary(id: 0, huge, isDelta: true)
        let indices = ArrayData(
            type: type, length: 1, validity: nil, buffers: [ArrowBuffer(copying: [Int8(1)])], dictionary: withNull)
        try raw.batch(try RecordBatch(schema: Schema([field]), columns: [indices]))
        #expect(throws: ArrowError.self) { try readStream(try raw.finish(), validation: .default) }
    }

    @Test func unknownDictionaryIdIsInvalid() throws {
        let original = try batch(strings([0], ["a"]), dictionaryId: 0)
        let raw = try RawStream(schema: original.schema)
        try raw.dictionary(id: 9, StringArray(["a"]).data)
        #expect(throws: ArrowError.self) { try readStream(try raw.finish()) }
    }

    @Test func deltaForUndefinedIdIsInvalid() throws {
        let original = try batch(strings([0], ["a"]), dictionaryId: 0)
        let raw = try RawStream(schema: original.schema)
        try raw.dictionary(id: 0, StringArray(["a"]).data, isDelta: true)
        try raw.batch(original)
        #expect(throws: ArrowError.invalidData("the dictionary batch in message 1 is a delta for dictionary id 0, which has not been defined before")) {
            try readStream(try raw.finish())
        }
    }

    @Test func batchBeforeItsDictionaryIsInvalid() throws {
        let original = try batch(strings([0], ["a"]), dictionaryId: 4)
        let raw = try RawStream(schema: original.schema)
        try raw.batch(original)
        #expect(throws: ArrowError.invalidData(
            "dictionary id 4 has not been defined before the record batch in message 1 (field 'd' uses it)")) {
            try readStream(try raw.finish())
        }
    }

    @Test func indexOutsideTheDictionaryFailsFullValidation() throws {
        let type = DataType.dictionary(index: .int32, value: .utf8, ordered: false)
        let bad = ArrayData(
            type: type, length: 2, validity: nil, buffers: [ArrowBuffer(copying: [Int32(0), 7])],
            dictionary: StringArray(["a", "b"]).data)
        let original = try RecordBatch(schema: Schema([Field("d", type, dictionaryId: 0)]), columns: [bad])
        let raw = try RawStream(schema: original.schema)
        try raw.dictionary(id: 0, StringArray(["a", "b"]).data)
        try raw.batch(original)
        let stream = try raw.finish()
        #expect(try readStream(stream, validation: .default).count == 1)
        #expect(throws: ArrowError.self) { try readStream(stream, validation: .full) }
    }

    // MARK: - Concatenation

    @Test func concatenateJoinsSlicesOfEveryLayout() throws {
        let source = try ipcSampleBatch()
        for column in source.columnData {
            let joined = try ArrayData.concatenate([try column.slice(0, 3), try column.slice(3, 0), try column.slice(3, 7)])
            try joined.validate(.full)
            #expect(joined.isEqual(to: column), "\(column.type)")
        }
    }

    /// Every column of the golden JSON files, cut in three and joined again, reads the same.
    @Test(
        .enabled(if: GoldenData.root != nil, "the Arrow golden files (../shared/arrow-testing/data or ARROW_TESTING_DATA) are absent"),
        arguments: [
        "generated_binary_view", "generated_list_view", "generated_union", "generated_run_end_encoded",
        "generated_nested", "generated_recursive_nested", "generated_map", "generated_interval_mdn",
        "generated_decimal256", "generated_null", "generated_nested_dictionary", "generated_large_binary",
    ])
    func concatenateJoinsGoldenColumns(name: String) throws {
        let root = try #require(GoldenData.root)
        let url = root.appendingPathComponent("arrow-ipc-stream/integration/cpp-21.0.0/\(name).json.gz")
        let file = try IntegrationFile(contentsOf: url)
        #expect(!file.batches.isEmpty)
        for batch in file.batches {
            for (index, column) in batch.columnData.enumerated() {
                let third = column.length / 3
                let parts = [
                    try column.slice(0, third), try column.slice(third, 0), try column.slice(third, third),
                    try column.slice(2 * third, column.length - 2 * third),
                ]
                let joined = try ArrayData.concatenate(parts)
                #expect(joined.length == column.length)
                #expect(joined.firstDifference(from: column) == nil, "\(name) column \(index)")
            }
        }
    }

    @Test func concatenateMergesDifferentDictionaries() throws {
        let a = try strings([0, 1], ["a", "b"]).data
        let b = try strings([0, nil], ["c"]).data
        let joined = try ArrayData.concatenate([a, b])
        try joined.validate(.full)
        #expect(try DictionaryArray(joined).values(as: StringArray.self) == ["a", "b", "c", nil])
        // A dictionary that extends another keeps the indices.
        let extended = try strings([2], ["a", "b", "z"]).data
        let kept = try ArrayData.concatenate([a, extended])
        #expect(kept.dictionary?.length == 3)
        #expect(try DictionaryArray(kept).values(as: StringArray.self) == ["a", "b", "z"])
        #expect(throws: ArrowError.self) { try ArrayData.concatenate([a, Int32Array([1]).data]) }
    }

    // MARK: - Integration JSON

    @Test func integrationJSONAppliesDeltas() throws {
        let json = """
            {"schema": {"fields": [{"name": "d", "nullable": true, "type": {"name": "utf8"}, "children": [],
              "dictionary": {"id": 0, "indexType": {"name": "int", "isSigned": true, "bitWidth": 8}, "isOrdered": false}}]},
             "dictionaries": [
              {"id": 0, "data": {"count": 1, "columns": [{"name": "DICT0", "count": 1, "VALIDITY": [1], "OFFSET": [0, 1], "DATA": ["a"]}]}},
              {"id": 0, "isDelta": true, "data": {"count": 1, "columns": [{"name": "DICT0", "count": 1, "VALIDITY": [1], "OFFSET": [0, 1], "DATA": ["b"]}]}}],
             "batches": [{"count": 2, "columns": [{"name": "d", "count": 2, "VALIDITY": [1, 1], "DATA": [1, 0]}]}]}
            """
        let file = try IntegrationFile(json: Data(json.utf8))
        #expect(try decoded(file.batches[0]) == ["b", "a"])
        #expect(file.dictionaries[0]?.length == 2)
    }
}
