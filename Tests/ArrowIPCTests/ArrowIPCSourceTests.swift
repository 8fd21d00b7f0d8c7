import Foundation
import Testing
@testable import ArrowIPC

/// `ArrowIPCSource`: the elements of files, streams and memory, and partial imports.
struct ArrowIPCSourceTests {
    /// Three batches of 4, 3 and 5 rows: Name (utf8), Area (double), Day (date32), with
    /// metadata on the schema, a field, the footer and batch 1.
    static func batches() throws -> (Schema, [RecordBatch]) {
        let schema = Schema([
            Field("Name", .utf8), Field("Area", .float64, metadata: ["unit": "km2"]), Field("Day", .date32),
        ], metadata: ["origin": "test"])
        var batches: [RecordBatch] = []
        var row = 0
        for (index, count) in [4, 3, 5].enumerated() {
            let rows = row..<(row + count)
            row += count
            batches.append(try RecordBatch(schema: schema, columns: [
                StringArray(rows.map { "n\($0)" }),
                Float64Array(rows.map { $0 == 6 ? nil : Double($0) + 0.5 }),
                try Int32Array(rows.map { Int32(19_000 + $0) }, type: .date32),
            ], metadata: index == 1 ? ["part": "1"] : [:]))
        }
        return (schema, batches)
    }

    static func file(stream: Bool = false) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("source-\(UUID()).\(stream ? "arrows" : "arrow")")
        let (schema, batches) = try batches()
        if stream {
            let writer = try ArrowStreamWriter(url: url, schema: schema)
            for batch in batches { try writer.write(batch) }
            try writer.finish()
        } else {
            let writer = try ArrowFileWriter(url: url, schema: schema, footerMetadata: ["writer": "swift"])
            for batch in batches { try writer.write(batch) }
            try writer.finish()
        }
        return url
    }

    @Test(arguments: [false, true])
    func metadataElementsNeedNoData(stream: Bool) throws {
        let url = try Self.file(stream: stream)
        defer { try? FileManager.default.removeItem(at: url) }
        for source in [try ArrowIPCSource(url: url), try ArrowIPCSource(url: url, options: ArrowReadOptions().memoryMapsFiles(false)),
                       try ArrowIPCSource(data: try Data(contentsOf: url))] {
            #expect(source.summary.format == (stream ? .stream : .file))
            #expect(source.schema.fields.map(\.name) == ["Name", "Area", "Day"])
            #expect(source.columnLabels == ["Name", "Area", "Day"])
            #expect(source.columnTypes.map(\.type) == [.utf8, .float64, .date32])
            #expect(source.columnCount == 3 && source.rowCount == 12)
            let (rows, columns) = source.dimensions
            #expect(rows == 12 && columns == 3)
            let meta = source.metaInformation
            #expect(meta.schema == ["origin": "test"])
            #expect(meta.fields.map(\.metadata) == [[:], ["unit": "km2"], [:]])
            #expect(meta.footer == (stream ? [:] : ["writer": "swift"]))
            #expect(meta.batches == [[:], ["part": "1"], [:]])
            #expect(meta.json == #"{"schema":{"origin":"test"},"fields":{"Area":{"unit":"km2"}},"footer":"#
                + (stream ? "{}" : #"{"writer":"swift"}"#) + #","batches":[{},{"part":"1"},{}]}"#)
            #expect(source.elements.contains(.timeSeries) && source.elements.count == ImportElement.allCases.count)
            #expect(source.summary.fileSize == (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int))
        }
    }

    @Test func partialImportsTakeRowsAndColumns() throws {
        let url = try Self.file()
        defer { try? FileManager.default.removeItem(at: url) }
        let source = try ArrowIPCSource(url: url)
        let part = try source.table(rows: RowSelection(parsing: "0:10:2"), columns: ColumnSelection(parsing: "Name,Area"))
        #expect(part.schema.fields.map(\.name) == ["Name", "Area"])
        #expect(try part.rows().map { $0["Name"] } == ["n0", "n2", "n4", "n6", "n8"].map(ArrowValue.string))
        #expect(try part.rows().map { $0["Area"] } == [.double(0.5), .double(2.5), .double(4.5), .null, .double(8.5)])
        let last = try source.dataset(rows: RowSelection(parsing: "-3:"))
        #expect(last.map { $0["Name"].stringValue } == ["n9", "n10", "n11"])
        #expect(last[0]["Day"] == .date32(19_009))
        #expect(last[0]["Missing"] == .null)
        let backwards = try source.data(rows: RowSelection(parsing: "::-5"), columns: ColumnSelection(parsing: "0"))
        #expect(backwards == [[.string("n11")], [.string("n6")], [.string("n1")]])
        let picked = try source.data(rows: RowSelection(parsing: "7,1,7"), columns: ColumnSelection(parsing: "Day"))
        #expect(picked == [[.date32(19_007)], [.date32(19_001)], [.date32(19_007)]])
        #expect(try source.table().rowCount == 12)
        #expect(try source.table(rows: RowSelection(parsing: "3:3")).rowCount == 0)
        #expect(throws: ArrowError.self) { try source.table(rows: RowSelection(parsing: "12")) }
        #expect(throws: ArrowError.self) { try source.table(columns: ColumnSelection(parsing: "Nope")) }
    }

    @Test func optionsRenameAndDropMetadata() throws {
        let url = try Self.file()
        defer { try? FileManager.default.removeItem(at: url) }
        let source = try ArrowIPCSource(url: url)
        let plain = try source.table(rows: RowSelection(parsing: "3:6"), options: ImportOptions(includeMetadata: false))
        #expect(plain.schema.metadata.isEmpty && plain.schema.fields.allSatisfy { $0.metadata.isEmpty })
        #expect(plain.batches.allSatisfy { $0.metadata.isEmpty })
        let kept = try source.table(rows: RowSelection(parsing: "3:6"))
        #expect(kept.batches.map(\.metadata) == [[:], ["part": "1"]])
        #expect(kept.schema.fields[1].metadata == ["unit": "km2"])
        let renamed = try source.dataset(rows: RowSelection(parsing: "0"), columns: ColumnSelection(parsing: "Area,Name"),
                                         options: ImportOptions(columnNames: ["A", "N"]))
        #expect(renamed[0] == (try ArrowRecord(names: ["A", "N"], values: [.double(0.5), .string("n0")])))
        #expect(throws: ArrowError.invalidArgument("1 column names were given for 3 columns")) {
            try source.table(options: ImportOptions(columnNames: ["x"]))
        }
    }

    @Test func aSchemaOverrideCastsStrictlyOrLeniently() throws {
        let url = try Self.file()
        defer { try? FileManager.default.removeItem(at: url) }
        let source = try ArrowIPCSource(url: url)
        let cast = try source.table(options: ImportOptions(schema: ["Area": .float32, "Day": .timestamp(.second, timeZone: "UTC")], lenient: true))
        #expect(cast.schema.fields.map(\.type) == [.utf8, .float32, .timestamp(.second, timeZone: "UTC")])
        #expect(try cast.row(1)["Area"] == .float(1.5))
        #expect(try cast.row(0)["Day"] == .timestamp(19_000 * 86_400, .second, timeZone: "UTC"))
        // Names are not numbers: null when lenient, an error naming the input row when strict.
        let lenient = try source.dataset(rows: RowSelection(parsing: "5:"), columns: ColumnSelection(parsing: "Name"),
                                         options: ImportOptions(schema: ["Name": .int64], lenient: true))
        #expect(lenient.allSatisfy { $0["Name"] == .null } && lenient.count == 7)
        do {
            _ = try source.table(rows: RowSelection(parsing: "5:"), options: ImportOptions(schema: ["Name": .int64]))
            Issue.record("a strict cast of names to int64 succeeded")
        } catch ArrowError.castFailed(let failure) {
            #expect(failure.column == "Name" && failure.row == 5 && failure.value.contains("n5"), "\(failure)")
        }
        #expect(throws: ArrowError.self) { try source.table(options: ImportOptions(schema: ["Nope": .int64])) }
        // Renaming applies after the casts, which name the input's columns.
        let renamed = try source.table(columns: ColumnSelection(parsing: "Area"), options: ImportOptions(columnNames: ["A"], schema: ["Area": .float32]))
        #expect(renamed.schema.fields == [Field("A", .float32, metadata: ["unit": "km2"])])
    }

    @Test func nestedFieldMetadataIsDroppedToo() throws {
        let item = Field("item", .int64, metadata: ["deep": "yes"])
        let lists = try ListArray(offsets: [0, 1], values: Int64Array([7]), item: item)
        let batch = try RecordBatch(names: ["l"], columns: [lists])
        let writer = try ArrowStreamWriter(schema: batch.schema)
        try writer.write(batch)
        let source = try ArrowIPCSource(data: try writer.finish())
        let plain = try source.table(options: ImportOptions(includeMetadata: false))
        #expect(plain.schema.fields[0].type == .list(Field("item", .int64)))
        #expect(try plain.row(0)["l"] == .list([.int(7)]))
    }

    @Test func batchesAndSchemasDropMetadataAtEveryLevel() throws {
        let item = Field("item", .int64, metadata: ["deep": "yes"])
        let lists = try ListArray(offsets: [0, 1], values: Int64Array([7]), item: item)
        let uuids = try UUIDArray([UUID()])
        let schema = Schema([Field("l", lists.type, metadata: ["f": "1"]), Field("u", uuids.type)], metadata: ["s": "2"])
        let batch = try RecordBatch(schema: schema, columns: [lists, uuids], metadata: ["b": "3"])
        let plain = batch.withoutMetadata
        #expect(plain.metadata.isEmpty && plain.schema.metadata.isEmpty && plain.schema.fields[0].metadata.isEmpty)
        #expect(plain.schema.fields[0].type == .list(Field("item", .int64)))
        #expect(plain.columnData[0].type == plain.schema.fields[0].type)
        #expect(plain.schema.fields[1].type == uuids.type, "an extension type keeps the metadata that names it")
        #expect(try plain.row(0) == batch.row(0))
    }

    @Test func aPipeIsReadWholeOnce() throws {
        let url = try Self.file(stream: true)
        defer { try? FileManager.default.removeItem(at: url) }
        let pipe = Pipe()
        let bytes = try Data(contentsOf: url)
        let writer = Thread {
            pipe.fileHandleForWriting.write(bytes)
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        let source = try ArrowIPCSource(fileHandle: pipe.fileHandleForReading)
        #expect(source.rowCount == 12 && source.summary.format == .stream)
        #expect(source.metaInformation.batches == [[:], ["part": "1"], [:]])
        #expect(try source.data(rows: RowSelection(parsing: "-1")) == [[.string("n11"), .double(11.5), .date32(19_011)]])
        #expect(try source.data(rows: RowSelection(parsing: "0"), columns: ColumnSelection(parsing: "Name")) == [[.string("n0")]])
    }

    @Test func withoutTemporalColumnsThereAreNoSeries() throws {
        let batch = try RecordBatch(names: ["x"], columns: [Int64Array([1])])
        let writer = try ArrowFileWriter(schema: batch.schema)
        try writer.write(batch)
        let source = try ArrowIPCSource(data: try writer.finish())
        #expect(!source.elements.contains(.timeSeries) && !source.elements.contains(.eventSeries))
        #expect(source.elements.contains(.dataset))
    }

    @Test func missingAndBrokenInputsAreErrors() throws {
        #expect(throws: ArrowError.self) { try ArrowIPCSource(url: URL(fileURLWithPath: "/nonexistent/x.arrow")) }
        #expect(throws: ArrowError.self) { try ArrowIPCSource(data: Data("ARROW1\0\0garbage".utf8)) }
        #expect(throws: ArrowError.self) { try ArrowIPCSource(data: Data()) }
    }
}

/// Hostile bytes through every element: what the golden mutants and the fuzz corpus go
/// through. Must end in an `ArrowError` or results.
enum ImportExercise {
    static func run(_ data: Data) throws {
        let source = try ArrowIPCSource(data: data, options: ArrowReadOptions(validation: .full))
        for element in ImportElement.metadataElements + [.rules] {
            _ = try source.summary.text(of: element)
            _ = try source.summary.json(of: element)
        }
        _ = source.schema.description
        _ = try source.dataset(rows: RowSelection(parsing: ":5")).map(\.description)
        _ = try source.data(rows: RowSelection(parsing: "-3:"))
        if source.elements.contains(.timeSeries) {
            _ = try? source.eventSeries(rows: RowSelection(parsing: ":20"))
        }
    }
}

/// Casts whose output would need far more memory than the input holds: a tiny input can claim
/// it, so each must be refused with an error before anything that size is allocated.
struct ImportCastMemoryTests {
    static func source(_ batch: RecordBatch) throws -> ArrowIPCSource {
        let writer = try ArrowStreamWriter(schema: batch.schema, options: ArrowWriteOptions(compression: .zstd))
        try writer.write(batch)
        return try ArrowIPCSource(data: try writer.finish())
    }

    @Test func nullsClaimingHugeLengthsDoNotCastToValues() throws {
        let batch = try RecordBatch(names: ["n"], columns: [NullArray(length: 1 << 60)])
        let source = try Self.source(batch)
        #expect(source.rowCount == 1 << 60)
        for type in [DataType.int64, .utf8, .fixedSizeBinary(byteWidth: 1 << 20), .list(Field("item", .int8))] {
            #expect(throws: ArrowError.self, "null to \(type)") {
                try source.table(options: ImportOptions(schema: ["n": type]))
            }
        }
    }

    @Test func aDictionaryExpandingPastMemoryIsRefused() throws {
        let indices = Int8Array([Int8?](repeating: 0, count: 1 << 20))
        let dictionary = StringArray([String(repeating: "a", count: 1 << 24)])
        let batch = try RecordBatch(names: ["d"], columns: [try DictionaryArray(indices: indices, dictionary: dictionary)])
        let source = try Self.source(batch)
        #expect(throws: ArrowError.self) { try source.table(options: ImportOptions(schema: ["d": .utf8])) }
        #expect(throws: ArrowError.self) { try source.table(options: ImportOptions(schema: ["d": .largeUtf8])) }
    }
}
