import Foundation
import Testing
import ArrowIPC

/// The README's library examples, kept compiling and true.
@Suite struct ReadmeExampleTests {
    @Test func writeThenRandomAccessRead() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID()).arrow")
        defer { try? FileManager.default.removeItem(at: url) }
        let batch = try RecordBatch(names: ["id", "name", "ok"], columns: [
            Int64Array([1, 2, 3, nil]),
            StringArray(["foo", "bar", "baz", nil]),
            BooleanArray([true, nil, false, true]),
        ])
        let writer = try ArrowFileWriter(url: url, schema: batch.schema, footerMetadata: ["source": "example"])
        for _ in 0..<4 { try writer.write(batch) }
        try writer.finish()

        let reader = try ArrowFileReader(url: url)
        #expect(reader.recordBatchCount == 4 && reader.footerMetadata == ["source": "example"])
        let read = try reader.recordBatch(at: 3)
        let names = try #require(read.column("name") as? StringArray)
        #expect(Array(names) == ["foo", "bar", "baz", nil])
        #expect(try reader.recordBatchInfo(at: 3).rowCount == 4)
        let some = try reader.recordBatch(at: 3, columns: [2, 0])
        #expect(some.schema.fields.map(\.name) == ["ok", "id"])
    }

    @Test func valuesOfAFileWrittenByPandas() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/cities-pandas.arrow")
        // README: "Values of any column"
        let reader = try ArrowFileReader(url: url)
        let batch = try reader.recordBatch(at: 0)
        let names = try batch.column("Name")!.strings          // large_string, as pandas writes it
        let countries = try batch.column("Country")!.strings   // a pandas category: dictionary-encoded
        let population = try batch.column("Population")!.int64Values
        #expect(Array(names) == ["Oslo", "Lima", "Nairobi", "Hanoi", "Perth", nil])
        #expect(countries[1] == "Peru" && countries[5] == nil)
        #expect(population.compactMap { $0 }.reduce(0, +) == 25_444_002)

        let row = try batch.row(1)                              // ArrowRecord: names and ArrowValues
        #expect(row["Area"].doubleValue == 2672.3)
        #expect(row["Name"].stringValue == "Lima")
        #expect(row["Founded"].description == "1535-01-18 00:00:00.000000")
        #expect(row["Mayor"] == .null)                          // a column the file lacks
        let cell = try batch.column(2).value(at: 5)             // any column, any row
        #expect(cell == .null)
        #expect(row.description == #"{Name: "Lima", Country: "Peru", Area: 2672.3, Population: 10092000, Founded: 1535-01-18 00:00:00.000000}"#)
    }

    @Test func importElementsAndPartialImport() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/cities-pandas.arrow")
        // README: "Import: ask a file about itself, take part of it"
        let source = try ArrowIPCSource(url: url)
        #expect(source.summary.description.hasPrefix("format:   file\n"))
        #expect(source.summary.json.hasPrefix("{\"format\":\"file\""))
        #expect(source.columnTypes.first?.name == "Name" && source.columnTypes.first?.type == .largeUtf8)
        let (rows, columns) = source.dimensions
        #expect(rows == 6 && columns == 5)
        #expect(source.metaInformation.schema["pandas"] != nil)
        let part = try source.table(rows: RowSelection(parsing: "0:6:2"), columns: ColumnSelection(parsing: "Name,Area"))
        #expect(try part.rows().map { $0["Name"].stringValue } == ["Oslo", "Nairobi", "Perth"])
        let records = try source.dataset(rows: RowSelection(parsing: "-3:"))
        #expect(records[0]["Area"].doubleValue == 3358.6)
        let values = try source.data(columns: ColumnSelection(parsing: "Population"))
        #expect(values.count == 6 && values[1] == [.int(10_092_000)])
        let plain = try source.table(options: ImportOptions(includeMetadata: false, columnNames: ["N", "C", "A", "P", "F"]))
        #expect(plain.schema.metadata.isEmpty && plain.schema.fields.map(\.name) == ["N", "C", "A", "P", "F"])
        let cast = try source.table(options: ImportOptions(schema: ["Area": .float32, "Founded": .date32], lenient: true))
        #expect(try cast.row(1)["Area"] == .float(2672.3) && cast.row(1)["Founded"].description == "1535-01-18")
        let series = try source.timeSeries(timeColumn: "Founded", rows: RowSelection(parsing: ":5"), columns: ColumnSelection(parsing: "Name"))
        #expect(series.dates.first.map { Int($0.timeIntervalSince1970) } == -30_279_052_800)  // 1010-07-01
        #expect(series.values.rowCount == 5)
        #expect(try series.values.row(0)["Name"] == .string("Hanoi"))
        #expect(series.table.schema.fields.map(\.name) == ["Founded", "Name"])
        #expect(try series.table.row(0)["Name"] == .string("Hanoi"))
        #expect(source.schema.withoutMetadata.metadata.isEmpty)
    }

    @Test func export() throws {
        // README: "Export: from Swift values to Arrow"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("readme-export-\(UUID()).arrow")
        defer { try? FileManager.default.removeItem(at: url) }
        let prices = try RecordBatch(inferring: [
            "symbol": ["AAPL", "MSFT", nil] as [String?],
            "price": [189.5, 402, 17.25],
            "when": [Date(), Date(), Date()],
        ])
        #expect(prices.schema.fields.map(\.type) == [.utf8, .float64, .timestamp(.microsecond, timeZone: "UTC")])
        let rows = try RecordBatch(inferringRows: [[1, "a"], [2, "b"]])
        #expect(rows.schema.fields == [Field("Column1", .int64), Field("Column2", .utf8)])
        let records = try RecordBatch(inferringRecords: [ArrowRecord(["x": .int(1)]), ArrowRecord(["y": .bool(true)])])
        #expect(records.schema.fields.map(\.name) == ["x", "y"])
        try prices.write(to: url, options: ExportOptions(compression: .zstd, level: 0.5))
        #expect(try ArrowFileReader(url: url).recordBatchInfo(at: 0).compression == .zstd)
        let bytes = try rows.arrowData(options: ExportOptions(streamable: true))
        #expect(try ArrowIPCSource(data: bytes).summary.format == .stream)
        try ArrowStreamWriter.write(to: url, schema: rows.schema) { writer in
            try writer.write(rows)
        }
        #expect(try ArrowIPCSource(url: url).rowCount == 2)

        let ids = Int64Builder()
        ids.append(7)
        ids.append(nil)
        let column = ids.finish()
        #expect(Array(column) == [7, nil])
        let tags = try ListBuilder(type: .list(Field("item", .utf8)))
        try tags.append(.list([.string("new"), .string("sale")]))
        tags.appendNull()
        let lists = tags.finishArray()
        #expect(lists.description.hasPrefix("list<item: string>"))
        #expect(try lists.value(at: 0) == .list([.string("new"), .string("sale")]) && lists.value(at: 1) == .null)
    }

    @Test func fromCSVAndJSONLines() throws {
        // README: "From CSV and JSON Lines"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-readme-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("time,symbol,price\n2024-03-01 09:30:00,ABC,12.5\n2024-03-01 09:30:01,XYZ,\n".utf8)
            .write(to: folder.appendingPathComponent("trades.csv"))
        let csvURL = folder.appendingPathComponent("trades.csv"), arrowURL = folder.appendingPathComponent("trades.arrow")

        // CSV or TSV: names from the header, types inferred from the first batch or given,
        // read in batches of 65536 records.
        let reader = try CSVReader(url: csvURL, options: CSVReadOptions().columnTypes(["price": .decimal128(precision: 12, scale: 4)]))
        let writer = try ArrowFileWriter(url: arrowURL, schema: reader.schema)
        try reader.forEachBatch(writer.write)
        try writer.finish()

        // JSON Lines (or JSONReadOptions(layout: .array) for one array of objects), all at once.
        let events = try JSONReader(data: Data(#"{"id": 1, "at": "2024-03-01T09:30:00Z", "tags": ["a"]}"#.utf8)).table()

        #expect(reader.schema.fields.map(\.type) == [.timestamp(.second, timeZone: nil), .utf8, .decimal128(precision: 12, scale: 4)])
        #expect(try ArrowFileReader(url: arrowURL).recordBatch(at: 0).rowCount == 2)
        #expect(events.schema.fields.map { "\($0.name): \($0.type)" } == ["id: int64", "at: timestamp[s, tz=UTC]", "tags: list<item: string>"])
    }

    struct Trade: Codable, Equatable { var time: Date; var symbol: String; var price: Double; var qty: Int32; var side: Side }
    enum Side: String, Codable { case buy, sell }

    @Test func codable() throws {
        // README: "Codable: Swift types to Arrow and back"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("readme-codable-\(UUID()).arrow")
        let pandasURL = FileManager.default.temporaryDirectory.appendingPathComponent("readme-pandas-\(UUID()).arrow")
        defer { for file in [url, pandasURL] { try? FileManager.default.removeItem(at: file) } }
        let trades = [
            Trade(time: Date(timeIntervalSince1970: 1_709_285_400), symbol: "AAPL", price: 189.5, qty: 100, side: .buy),
            Trade(time: Date(timeIntervalSince1970: 1_709_285_401.25), symbol: "MSFT", price: 402, qty: 5, side: .sell),
        ]
        let batch = try ArrowEncoder().encode(trades)
        #expect(batch.schema.fields[0].type == .timestamp(.microsecond, timeZone: "UTC"))
        #expect(batch.schema.fields.allSatisfy { !$0.isNullable })
        try batch.write(to: url)
        let back = try ArrowDecoder().decode(Trade.self, from: batch)
        #expect(back == trades)

        // What pandas writes: snake_case names (here the same), large strings, nanoseconds, an extra column.
        let pandas = try RecordBatch(schema: Schema([
            Field("time", .timestamp(.nanosecond, timeZone: nil)), Field("symbol", .largeUtf8), Field("price", .float64),
            Field("qty", .int64), Field("side", .utf8), Field("__index_level_0__", .int64),
        ]), columns: [
            try Int64Array([1_709_285_400_000_000_000], type: .timestamp(.nanosecond, timeZone: nil)), LargeStringArray(["AAPL"]),
            Float64Array([189.5]), Int64Array([100]), StringArray(["buy"]), Int64Array([0]),
        ])
        try pandas.write(to: pandasURL)
        let table = try ArrowIPCSource(url: pandasURL).table()
        let rows = try ArrowDecoder(keyDecodingStrategy: .convertFromSnakeCase).decode(Trade.self, from: table)
        #expect(rows == [trades[0]])

        let narrow = try ArrowEncoder(schema: Schema([
            Field("time", .date32, nullable: false), Field("symbol", .utf8, nullable: false),
            Field("price", .float32, nullable: false), Field("qty", .int16, nullable: false), Field("side", .utf8, nullable: false),
        ])).encode([Trade(time: Date(timeIntervalSince1970: 86_400), symbol: "A", price: 1.5, qty: 7, side: .buy)])
        #expect(try narrow.column(0).value(at: 0) == .date32(1))
        #expect(throws: EncodingError.self) {
            _ = try ArrowEncoder(schema: narrow.schema).encode(trades)  // 09:30 is no date32
        }
    }

    @Test func streamsAsTheyArrive() async throws {
        // README: "Read a stream, batch by batch" and "Streams as they arrive"
        let batch = try RecordBatch(names: ["id", "name"], columns: [Int64Array([1, 2, nil]), StringArray(["a", nil, "c"])])
        let streamWriter = try ArrowStreamWriter(schema: batch.schema)
        for _ in 0..<3 { try streamWriter.write(batch) }
        let bytes = try streamWriter.finish()

        let stream = try ArrowStreamReader(data: bytes)
        var rows = 0
        for batch in stream { rows += try batch.get().rowCount }
        #expect(rows == 9)

        let chunks = stride(from: 0, to: bytes.count, by: 100).map { [UInt8](bytes[$0..<min(bytes.count, $0 + 100)]) }
        var decoder = try ArrowStreamDecoder()
        var decoded: [RecordBatch] = []
        var sawSchema = false
        for chunk in chunks {
            for event in try decoder.decode(chunk) {
                switch event {
                case .schema(let schema): sawSchema = schema.fields.count == 2
                case .recordBatch(let batch): decoded.append(batch)
                case .dictionaryBatch, .endOfStream: break
                }
            }
        }
        try decoder.finish()
        #expect(sawSchema && decoded.count == 3 && decoded[2].isEqual(to: batch))

        let pipe = Pipe()
        let handleWriter = try ArrowStreamWriter(fileHandle: pipe.fileHandleForWriting, schema: batch.schema)
        try handleWriter.write(batch)
        try handleWriter.finish()
        try pipe.fileHandleForWriting.close()
        let reader = try ArrowAsyncStreamReader(fileHandle: pipe.fileHandleForReading)
        let schema = try await reader.schema
        var asyncRows = 0
        for try await batch in reader { asyncRows += batch.rowCount }
        #expect(schema.fields.map(\.name) == ["id", "name"] && asyncRows == 3)

        let sent = SentChunks()
        let send: (ArrowBuffer) async throws -> Void = { chunk in sent.append(chunk) }
        let writer = try ArrowAsyncStreamWriter(schema: batch.schema) { chunk in
            try await send(chunk)
        }
        try await writer.write(batch)
        try await writer.finish()
        #expect(try ArrowStreamReader(data: sent.data).readAll().count == 1)

        var encoder = try ArrowStreamEncoder(schema: batch.schema)
        let messages = [encoder.schemaMessage()] + (try encoder.encode(batch)) + [encoder.endOfStream()]
        var joined = Data()
        for message in messages {
            joined.append(contentsOf: message.metadata.bytes)
            for piece in message.bodyPieces { joined.append(contentsOf: piece.bytes) }
        }
        #expect(joined == sent.data)

        var source = ArrowBatchSource.stream(try ArrowStreamReader(data: bytes))
        let copy = try ArrowFileWriter(schema: source.schema)
        let copied = try copy.write(contentsOf: &source)
        #expect(try ArrowFileReader(data: copied).recordBatchCount == 3)
    }

    @Test func recoveringTruncatedFiles() throws {
        // README: "Recovering truncated files"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("readme-recover-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let batch = try RecordBatch(names: ["v"], columns: [Int64Array([1, 2, 3])])
        let file = try ArrowFileWriter(schema: batch.schema)
        for _ in 0..<3 { try file.write(batch) }
        let whole = try file.finish()
        try whole.prefix(whole.count - 100).write(to: directory.appendingPathComponent("broken.arrow"))
        let report = try ArrowRecovery.recover(
            from: directory.appendingPathComponent("broken.arrow"), to: directory.appendingPathComponent("fixed.arrow"))
        #expect(report.batchesKept == 3 && report.rowsKept == 9)
        let damage = try #require(report.breakPoint)
        #expect(damage.offset > 0 && !damage.reason.isEmpty)
        #expect(try ArrowFileReader(url: directory.appendingPathComponent("fixed.arrow")).recordBatchCount == 3)
    }

    @Test func selectingRows() throws {
        // README: "Selecting rows: take, filter, slice, concatenate"
        let prices = Float64Array([9.5, nil, 3.25, 7.0])
        #expect(Array(try prices.take([3, 0, 3])) == [7.0, 9.5, 7.0])
        #expect(Array(try prices.filter([false, false, true, false])) == [3.25])
        #expect(Array(try prices.filter(BooleanArray([true, nil, true, false]), nullSelection: .emitNull)) == [9.5, nil, 3.25])
        let batch = try RecordBatch(names: ["id"], columns: [Int64Array([0, 1, 2, 3])])
        let table = try Table(schema: batch.schema, batches: [batch, batch])
        #expect(try table.take([5, 0]).rows().map { $0["id"] } == [.int(1), .int(0)])
        #expect(try table.slice(2, 3).rowCount == 3)
        #expect(try table.combinedBatch().rowCount == 8)
    }

    @Test func groupingRows() throws {
        // README: "Grouping rows: dictionary encoding"
        let quantities = Int32Array([5, 7, 1, 2])
        let batch = try RecordBatch(names: ["symbol", "qty"], columns: [StringArray(["AB", "CD", nil, "AB"]), quantities])
        let symbols = try batch.column("symbol")!.dictionaryEncoded()
        let groups = try symbols.indices(as: Int32Array.self)
        #expect(Array(groups) == [0, 1, nil, 0])
        let names = try symbols.dictionary.strings
        #expect(Array(names) == ["AB", "CD"])
        var volume = [Int64](repeating: 0, count: names.count)
        for row in 0..<groups.count { if let group = groups[row], let qty = quantities[row] { volume[Int(group)] += Int64(qty) } }
        #expect(volume == [7, 7])
    }

    @Test func untrustedInput() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID()).arrows")
        defer { try? FileManager.default.removeItem(at: url) }
        // A list column whose strings hold a byte that is not UTF-8.
        let strings = ArrayData(type: .utf8, length: 2, validity: nil,
                                buffers: [ArrowBuffer(copying: [Int32(0), 1, 2]), ArrowBuffer(copying: [UInt8(0x61), 0xFF])])
        let tags = ArrayData(type: .list(Field("item", .utf8)), length: 1, validity: nil,
                             buffers: [ArrowBuffer(copying: [Int32(0), 2])], children: [strings])
        let batch = try RecordBatch(schema: Schema([Field("tags", tags.type)]), columns: [tags])
        let writer = try ArrowStreamWriter(url: url, schema: batch.schema)
        try writer.write(batch)
        try writer.finish()

        var consumed = 0
        func consume(_ batch: RecordBatch) { consumed += batch.rowCount }
        var printed: [String] = []
        func print(_ error: ArrowError) { printed.append(error.description) }
        // Untrusted input: check every value, allow less nesting and smaller metadata.
        let options = ArrowReadOptions(validation: .full).maxNestingDepth(16).maxMetadataSize(1 << 20)
        do {
            let reader = try ArrowStreamReader(url: url, options: options)
            while let batch = try reader.next() { consume(batch) }
        } catch let error as ArrowError {
            print(error)
        }
        #expect(consumed == 0)
        #expect(printed == [
            "invalid Arrow data: the record batch in message 1, field 'tags.item', buffer 4: the string in slot 1 is not valid UTF-8 (at its byte 0)",
        ])
    }

    @Test func compression() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID()).arrow")
        defer { try? FileManager.default.removeItem(at: url) }
        let batch = try RecordBatch(names: ["id"], columns: [Int64Array((0..<1000).map { Int64($0 % 10) })])
        let options = ArrowWriteOptions(compression: .zstd, compressionLevel: 3)
        let writer = try ArrowFileWriter(url: url, schema: batch.schema, options: options)
        try writer.write(batch)
        try writer.finish()

        let reader = try ArrowFileReader(url: url)
        #expect(try reader.recordBatchInfo(at: 0).compression == .zstd)
        #expect(try reader.recordBatch(at: 0).isEqual(to: batch))
    }

    @Test func pipelines() throws {
        // README: "Pipelines: reading ahead, writing behind"
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID()).arrow")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID()).arrows")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: output)
        }
        let batch = try RecordBatch(names: ["id"], columns: [Int64Array((0..<1000).map { Int64($0 % 10) })])
        try ArrowFileWriter.write(to: input, schema: batch.schema) { writer in
            for _ in 0..<3 { try writer.write(batch) }
        }

        var batches = ReadAheadBatchSource(try ArrowBatchSource.open(url: input))
        let options = ArrowWriteOptions(compression: .zstd)
        try ArrowStreamWriter(url: output, schema: batches.schema, options: options).write(contentsOf: &batches)

        let read = try ArrowStreamReader(url: output).readAll()
        #expect(read.count == 3 && read.allSatisfy { $0.isEqual(to: batch) })
    }

    @Test func arrayBuilders() throws {
        let lists = try ListArray(offsets: [0, 2, 2, 5], values: Int32Array([1, 2, 3, 4, 5]),
                                  validity: [true, false, true])
        #expect(lists.length == 3 && lists.nullCount == 1)
        let people = try StructArray(fields: [Field("age", .int32), Field("name", .utf8)],
                                     columns: [Int32Array([30, 40]), StringArray(["ann", "bo"])],
                                     validity: nil)
        #expect(people.length == 2)
        let stamps = try Int64Array([0, 1_700_000_000_000], type: .timestamp(.millisecond, timeZone: "UTC"))
        #expect(stamps.type == .timestamp(.millisecond, timeZone: "UTC"))
        #expect(Array(stamps) == [0, 1_700_000_000_000])
    }

    @Test func encodingsAndExtensionTypes() throws {
        let colors = try DictionaryArray(indices: Int8Array([0, 1, nil, 0]), dictionary: StringArray(["red", "blue"]))
        #expect(try colors.values(as: StringArray.self) == ["red", "blue", nil, "red"])
        let mixed = try UnionArray(typeCodes: [5, 7, 5, 5], children: [Int64Array([1, 0, 3, 4]), StringArray(["", "b", "", ""])],
                                   typeIds: [5, 7])
        #expect(mixed.childIndex(at: 1) == 1 && mixed.valueOffset(at: 1) == 1)
        let runs = try RunEndEncodedArray(runEnds: Int32Array([2, 4]), values: StringArray(["a", "b"]))
        #expect(runs.length == 4 && runs.physicalIndex(forLogicalIndex: 3) == 1)
        let ids = UUIDArray([UUID(), nil])
        #expect(ids.type == UUIDType().dataType)

        let batch = try RecordBatch(names: ["color", "mixed", "runs"], columns: [colors, mixed, runs])
        let writer = try ArrowStreamWriter(schema: batch.schema, options: ArrowWriteOptions(emitDictionaryDeltas: true))
        try writer.write(batch)
        let reader = try ArrowStreamReader(data: try writer.finish())
        let read = try #require(try reader.next())
        #expect(read.isEqual(to: batch))
        #expect(reader.byteOrder == .little)
    }

    @Test func registeringAnExtensionType() throws {
        let point = try ReadmePoint(storage: .fixedSizeList(Field("item", .float64), listSize: 2), serializedMetadata: "")
        let registry = ExtensionRegistry()
        try registry.register(ReadmePoint.self)
        #expect(registry.type(named: "example.point") != nil)
        #expect(throws: ArrowError.self) { try ReadmePoint(storage: .int32, serializedMetadata: "") }
        #expect(point.dataType == .extension(name: "example.point", storage: point.storageType, metadata: ""))
    }
}

/// The README's extension type example.
private struct ReadmePoint: ArrowExtensionType {
    static let extensionName = "example.point"
    let storageType: DataType
    var serializedMetadata: String { "" }
    init(storage: DataType, serializedMetadata: String) throws {
        guard case .fixedSizeList(_, listSize: 2) = storage else {
            throw ArrowError.invalidData("a point is stored as a fixed-size list of 2, not \(storage)")
        }
        storageType = storage
    }
}

/// The chunks an async writer sent, joined.
private final class SentChunks: @unchecked Sendable {
    // Appended to by one writer at a time, read after it finished.
    private(set) var data = Data()

    func append(_ chunk: ArrowBuffer) {
        data.append(contentsOf: chunk.bytes)
    }
}
