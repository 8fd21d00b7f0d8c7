import Foundation
import Testing
@testable import ArrowIPC

// MARK: - Helpers

/// A one-batch integration JSON document with the given schema fields and columns.
private func document(fields: String, columns: String, count: Int, dictionaries: String? = nil) -> Data {
    let dictionaryPart = dictionaries.map { #", "dictionaries": [\#($0)]"# } ?? ""
    return Data(#"""
        {"schema": {"fields": [\#(fields)]},
         "batches": [{"count": \#(count), "columns": [\#(columns)]}]\#(dictionaryPart)}
        """#.utf8)
}

/// The single batch of a document.
private func batch(_ json: Data) throws -> RecordBatch {
    let file = try IntegrationFile(json: json)
    return try #require(file.batches.first)
}

/// The message of the `ArrowError.invalidData` that `body` throws, or `nil`.
private func invalidDataMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch ArrowError.invalidData(let message) {
        return message
    } catch {
        return "unexpected error \(error)"
    }
}

private let goldenIntegrationFolder = GoldenData.root?.appendingPathComponent("arrow-ipc-stream/integration")

/// A golden JSON file by version folder and name (`cpp-21.0.0`, `generated_primitive`).
private func goldenFile(_ version: String, _ name: String) throws -> IntegrationFile {
    let folder = try #require(goldenIntegrationFolder)
    return try IntegrationFile(contentsOf: folder.appendingPathComponent("\(version)/\(name).json.gz"))
}

/// The JSON of a golden file parsed independently with Foundation, as the test's oracle.
private func goldenJSON(_ url: URL) throws -> [String: Any] {
    let data = try Gunzip.decompress(fileAt: url)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

// MARK: - Golden files

@Suite("Integration JSON golden files", .enabled(if: GoldenData.root != nil, "the golden files are absent (set ARROW_TESTING_DATA)"))
struct IntegrationGoldenTests {
    static var jsonFiles: [URL] {
        guard let folder = goldenIntegrationFolder else { return [] }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return versions.sorted().flatMap { version -> [URL] in
            let directory = folder.appendingPathComponent(version)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { $0.hasPrefix("generated_") && $0.hasSuffix(".json.gz") }.sorted()
                .map { directory.appendingPathComponent($0) }
        }
    }

    @Test("every golden JSON file decodes with the batch, row and column counts of the JSON, and equals itself", arguments: jsonFiles)
    func decodes(_ url: URL) throws {
        let oracle = try goldenJSON(url)
        let file = try IntegrationFile(contentsOf: url)
        let again = try IntegrationFile(json: Gunzip.decompress(fileAt: url))

        let schema = try #require(oracle["schema"] as? [String: Any])
        let fields = try #require(schema["fields"] as? [[String: Any]])
        #expect(file.schema.fields.map(\.name) == fields.map { $0["name"] as? String })
        let batches = try #require(oracle["batches"] as? [[String: Any]])
        #expect(file.batches.count == batches.count)
        for (decoded, expected) in zip(file.batches, batches) {
            #expect(decoded.rowCount == expected["count"] as? Int)
            #expect(decoded.columnCount == (expected["columns"] as? [Any])?.count)
            #expect(decoded.columnCount == fields.count)
        }
        let dictionaries = oracle["dictionaries"] as? [[String: Any]] ?? []
        #expect(Set(file.dictionaries.keys) == Set(dictionaries.compactMap { ($0["id"] as? NSNumber)?.int64Value }))

        #expect(file.batches.count == again.batches.count)
        for (index, (decoded, redecoded)) in zip(file.batches, again.batches).enumerated() {
            #expect(decoded.firstDifference(from: decoded) == nil, "batch \(index)")
            #expect(decoded.firstDifference(from: redecoded) == nil, "batch \(index)")
            #expect(decoded.isEqual(to: redecoded))
        }
        for (id, dictionary) in file.dictionaries {
            #expect(dictionary.isEqual(to: try #require(again.dictionaries[id])))
        }
    }

    /// Every value of the flat columns of a golden file, checked against the JSON as parsed
    /// by Foundation: nulls where VALIDITY is 0, the JSON's numbers, strings and decimals.
    @Test("values of flat columns match the JSON",
          arguments: ["generated_primitive", "generated_datetime", "generated_decimal", "generated_decimal256",
                      "generated_binary", "generated_duration"])
    func flatValues(_ name: String) throws {
        let url = try #require(goldenIntegrationFolder).appendingPathComponent("cpp-21.0.0/\(name).json.gz")
        let file = try IntegrationFile(contentsOf: url)
        let batches = try #require(try goldenJSON(url)["batches"] as? [[String: Any]])
        var checked = 0
        for (decoded, expected) in zip(file.batches, batches) {
            let columns = try #require(expected["columns"] as? [[String: Any]])
            for (index, column) in columns.enumerated() {
                let data = decoded.columnData[index]
                let validity = column["VALIDITY"] as? [Int] ?? []
                let values = try #require(column["DATA"] as? [Any])
                for row in 0..<data.length {
                    let value = try data.value(at: row)
                    guard validity[row] == 1 else {
                        #expect(value == .null)
                        continue
                    }
                    #expect(Self.matches(value, values[row], type: data.type), "\(name) column \(index) row \(row)")
                    checked += 1
                }
            }
        }
        #expect(checked > 20)
    }

    /// Whether `value`, read from the decoded array, is what the JSON says: the stored integer
    /// for integers, dates, times, timestamps and durations; the unscaled digits for decimals.
    private static func matches(_ value: ArrowValue, _ json: Any, type: DataType) -> Bool {
        switch value {
        case .bool(let actual):
            return actual == (json as? Bool)
        case .float, .double:
            guard let expected = (json as? NSNumber)?.doubleValue, let actual = value.doubleValue else { return false }
            return abs(expected - actual) <= 1e-6 * max(1, abs(expected))
        case .decimal(let decimal):
            guard let unscaled = json as? String else { return false }
            return decimal.description == scaled(unscaled, decimal.scale)
        case .string(let actual):
            return actual == json as? String
        case .binary(let bytes):
            guard let hex = json as? String else { return false }
            return bytes.map { String(format: "%02X", $0) }.joined() == hex
        case .int(let raw), .date64(let raw), .time(let raw, _), .timestamp(let raw, _, _), .duration(let raw, _):
            return "\(raw)" == "\(json)"
        case .date32(let days):
            return "\(days)" == "\(json)"
        case .uint(let raw):
            return "\(raw)" == "\(json)"
        default:
            return false
        }
    }

    /// The decimal text of an unscaled integer string, by string manipulation.
    private static func scaled(_ unscaled: String, _ scale: Int) -> String {
        let negative = unscaled.hasPrefix("-")
        var digits = negative ? String(unscaled.dropFirst()) : unscaled
        if digits.count <= scale {
            digits = String(repeating: "0", count: scale - digits.count + 1) + digits
        }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        return negative ? "-" + digits : digits
    }

    @Test("generated_decimal: precision, scale and scaled values")
    func decimal() throws {
        let file = try goldenFile("cpp-21.0.0", "generated_decimal")
        #expect(file.schema.fields[0].type == .decimal128(precision: 3, scale: 2))
        let f0 = file.batches[0].columnData[0]
        #expect(f0.valueDescription(at: 0) == "null")
        #expect(f0.valueDescription(at: 2) == "1.90")
        #expect(f0.valueDescription(at: 3) == "-9.92")
        #expect(file.batches[0].columnData[7].valueDescription(at: 0) == "-38135260.79")
        // Old files leave bitWidth out, meaning 128.
        let old = try goldenFile("0.14.1", "generated_decimal")
        #expect(old.schema.fields.allSatisfy { if case .decimal128 = $0.type { true } else { false } })
    }

    @Test("generated_datetime: units, time zones and 64-bit values")
    func datetime() throws {
        let file = try goldenFile("cpp-21.0.0", "generated_datetime")
        let types = file.schema.fields.map(\.type)
        #expect(Array(types.prefix(6)) == [.date32, .date64, .time32(.second), .time32(.millisecond),
                                           .time64(.microsecond), .time64(.nanosecond)])
        #expect(types[6] == .timestamp(.second, timeZone: nil))
        #expect(types[11] == .timestamp(.second, timeZone: "UTC"))
        #expect(types[12] == .timestamp(.millisecond, timeZone: "US/Eastern"))
        let columns = file.batches[0].columnData
        #expect(try columns[0].value(at: 0) == .date32(2_126_947))
        #expect(try columns[1].value(at: 2) == .date64(85_914_432_000_000))
        #expect(try columns[6].value(at: 0) == .timestamp(-62_135_596_800, .second, timeZone: nil))
        #expect(columns[6].valueDescription(at: 0) == "0001-01-01 00:00:00")
        #expect(columns[0].buffers[0].count == 7 * 4)
        #expect(columns[1].buffers[0].count == 7 * 8)
    }

    @Test("generated_primitive: layout of buffers")
    func primitiveLayout() throws {
        let file = try goldenFile("cpp-21.0.0", "generated_primitive")
        let columns = file.batches[0].columnData
        // bool_nullable: VALIDITY [0, 0, 1, 0, ...] (8 nulls of 17), values bit-packed.
        #expect(columns[0].length == 17 && columns[0].nullCount == 8)
        #expect(columns[0].validity != nil)
        #expect(columns[1].validity == nil && columns[1].nullCount == 0)
        #expect(columns[2].buffers[0].bytes.prefix(3) == [0x80, 0x7F, 27])
        for column in columns {
            #expect(Int(bitPattern: column.buffers[0].baseAddress) % 64 == 0)
        }
    }

    @Test("generated_nested: lists, fixed-size lists and structs")
    func nested() throws {
        let file = try goldenFile("cpp-21.0.0", "generated_nested")
        let item = Field("item", .int32)
        #expect(file.schema.fields[0].type == .list(item))
        #expect(file.schema.fields[1].type == .fixedSizeList(item, listSize: 4))
        let columns = file.batches[0].columnData
        let list = columns[0]
        #expect(list.valueDescription(at: 0) == "null")
        #expect(list.valueDescription(at: 2) == "[-2147483648, 2147483647]")
        #expect(list.children[0].valueDescription(at: 1) == "2147483647")
        #expect(list.buffers[0].bytes == [0, 0, 0, 2, 2, 2, 2, 4].flatMap { [UInt8($0), 0, 0, 0] })
        #expect(columns[1].children[0].length == 28)
        let structColumn = columns[2]
        #expect(structColumn.children.count == 2)
        #expect(structColumn.children[1].valueDescription(at: 0) == "\"falk€Âp\"")
    }

    @Test("generated_map: the entries struct and its keys")
    func map() throws {
        let file = try goldenFile("cpp-21.0.0", "generated_map")
        let entries = Field("entries", .struct([Field("key", .utf8, nullable: false), Field("value", .int32)]), nullable: false)
        #expect(file.schema.fields[0].type == .map(entries, keysSorted: false))
        let column = file.batches[0].columnData[0]
        #expect(try column.value(at: 0).mapValue?.count == 3)
        #expect(column.valueDescription(at: 3) == "null")
        #expect(column.children[0].children[0].valueDescription(at: 0) == "\"ôrjdm15\"")
        let other = try goldenFile("cpp-21.0.0", "generated_map_non_canonical")
        guard case .map(let field, _) = other.schema.fields[0].type else {
            Issue.record("not a map")
            return
        }
        #expect(field.name == "some_entries" && field.type.children.map(\.name) == ["some_key", "some_value"])
    }

    @Test("generated_custom_metadata: order of schema and field metadata")
    func customMetadata() throws {
        let file = try goldenFile("cpp-21.0.0", "generated_custom_metadata")
        #expect(file.schema.metadata.entries.map(\.key) == ["schema_custom_0", "schema_custom_1"])
        let fields = file.schema.fields
        #expect(fields[1].metadata.entries.map(\.key) == ["a", "b", "c", "d", "..", "w", "x", "y", "z"])
        #expect(fields[2].type == .int8)
        #expect(fields[2].metadata["ARROW:extension:name"] == "!nonexistent")
        guard case .list(let item) = fields[3].type else {
            Issue.record("not a list")
            return
        }
        #expect(item.metadata["odd_values"] == "{}")
    }

    @Test("generated_duplicate_fieldnames: repeated names stay by position")
    func duplicateFieldNames() throws {
        let file = try goldenFile("cpp-21.0.0", "generated_duplicate_fieldnames")
        #expect(file.schema.fields.map(\.name) == ["ints", "ints", "struct"])
        #expect(file.schema.fields.map(\.type).prefix(2) == [.int8, .int32])
        #expect(file.schema.fields[2].type.children.map(\.name) == ["", ""])
        #expect(file.batches[0].columnData[1].type == .int32)
    }

    @Test("extension and dictionary fields")
    func extensionsAndDictionaries() throws {
        let file = try goldenFile("cpp-21.0.0", "generated_extension")
        let uuid = file.schema.fields[0]
        #expect(uuid.type == .extension(name: "arrow.uuid", storage: .fixedSizeBinary(byteWidth: 16), metadata: ""))
        #expect(uuid.metadata.isEmpty)
        let dictionaryField = file.schema.fields[1]
        #expect(dictionaryField.type == .dictionary(index: .int8, value: .utf8, ordered: false))
        #expect(dictionaryField.dictionaryId == 0)
        #expect(file.dictionaries[0]?.valueDescription(at: 0) == "\"oe52cpl\"")

        let nested = try goldenFile("cpp-21.0.0", "generated_nested_dictionary")
        // Dictionary 1 is a list of values encoded with dictionary 0.
        let listDictionary = try #require(nested.dictionaries[1])
        #expect(listDictionary.children[0].dictionary?.isEqual(to: try #require(nested.dictionaries[0])) == true)
        #expect(nested.batches[0].columnData[0].dictionary?.isEqual(to: listDictionary) == true)
    }

    @Test("a changed value is found and explained")
    func mutatedGoldenValue() throws {
        let file = try goldenFile("cpp-21.0.0", "generated_primitive")
        let batch = file.batches[0]
        let column = batch.columnData[6]  // int32_nullable, row 2 is valid: -1777158217
        var values = column.buffers[0].bytes
        values.withUnsafeMutableBytes { $0.storeBytes(of: Int32(42), toByteOffset: 2 * 4, as: Int32.self) }
        let mutated = ArrayData(
            type: column.type, length: column.length, nullCount: column.nullCount, validity: column.validity,
            buffers: [ArrowBuffer(copying: values)])
        var columns = batch.columnData
        columns[6] = mutated
        let changed = try RecordBatch(schema: batch.schema, columns: columns)
        #expect(!changed.isEqual(to: batch))
        #expect(batch.firstDifference(from: changed) == "column 6 'int32_nullable' row 2: -1777158217 vs 42")
        // A change under a null is not a difference: row 1 is null.
        values.withUnsafeMutableBytes { $0.storeBytes(of: Int32(-1777158217), toByteOffset: 2 * 4, as: Int32.self) }
        values.withUnsafeMutableBytes { $0.storeBytes(of: Int32(7), toByteOffset: 1 * 4, as: Int32.self) }
        columns[6] = ArrayData(
            type: column.type, length: column.length, validity: column.validity, buffers: [ArrowBuffer(copying: values)])
        #expect(try RecordBatch(schema: batch.schema, columns: columns).isEqual(to: batch))
    }
}

// MARK: - Synthetic documents

/// Six rows where rows 3..<6 hold the same values as rows 0..<3, laid out differently
/// (other bytes under nulls, other offsets, dictionary indices, views and runs).
private let repeatedFields = #"""
    {"name": "i", "nullable": true, "type": {"name": "int", "isSigned": true, "bitWidth": 32}, "children": []},
    {"name": "s", "nullable": true, "type": {"name": "utf8"}, "children": []},
    {"name": "b", "nullable": true, "type": {"name": "bool"}, "children": []},
    {"name": "d", "nullable": true, "type": {"name": "decimal", "precision": 5, "scale": 2}, "children": []},
    {"name": "l", "nullable": true, "type": {"name": "list"}, "children": [
        {"name": "item", "nullable": true, "type": {"name": "int", "isSigned": true, "bitWidth": 32}, "children": []}]},
    {"name": "st", "nullable": true, "type": {"name": "struct"}, "children": [
        {"name": "x", "nullable": true, "type": {"name": "int", "isSigned": true, "bitWidth": 32}, "children": []},
        {"name": "y", "nullable": true, "type": {"name": "utf8"}, "children": []}]},
    {"name": "fsl", "nullable": true, "type": {"name": "fixedsizelist", "listSize": 2}, "children": [
        {"name": "item", "nullable": true, "type": {"name": "int", "isSigned": true, "bitWidth": 16}, "children": []}]},
    {"name": "m", "nullable": true, "type": {"name": "map", "keysSorted": false}, "children": [
        {"name": "entries", "nullable": false, "type": {"name": "struct"}, "children": [
            {"name": "key", "nullable": false, "type": {"name": "utf8"}, "children": []},
            {"name": "value", "nullable": true, "type": {"name": "int", "isSigned": true, "bitWidth": 32}, "children": []}]}]},
    {"name": "dict", "nullable": true, "type": {"name": "utf8"}, "children": [],
     "dictionary": {"id": 0, "indexType": {"name": "int", "isSigned": true, "bitWidth": 8}, "isOrdered": false}},
    {"name": "su", "nullable": true, "type": {"name": "union", "mode": "SPARSE", "typeIds": [5, 7]}, "children": [
        {"name": "f1", "nullable": true, "type": {"name": "int", "isSigned": true, "bitWidth": 32}, "children": []},
        {"name": "f2", "nullable": true, "type": {"name": "utf8"}, "children": []}]},
    {"name": "du", "nullable": true, "type": {"name": "union", "mode": "DENSE", "typeIds": [0, 1]}, "children": [
        {"name": "f1", "nullable": true, "type": {"name": "int", "isSigned": true, "bitWidth": 32}, "children": []},
        {"name": "f2", "nullable": true, "type": {"name": "utf8"}, "children": []}]},
    {"name": "sv", "nullable": true, "type": {"name": "utf8view"}, "children": []},
    {"name": "lv", "nullable": true, "type": {"name": "listview"}, "children": [
        {"name": "item", "nullable": true, "type": {"name": "int", "isSigned": true, "bitWidth": 32}, "children": []}]},
    {"name": "ree", "nullable": true, "type": {"name": "runendencoded"}, "children": [
        {"name": "run_ends", "nullable": false, "type": {"name": "int", "isSigned": true, "bitWidth": 32}, "children": []},
        {"name": "values", "nullable": true, "type": {"name": "int", "isSigned": true, "bitWidth": 32}, "children": []}]},
    {"name": "f", "nullable": true, "type": {"name": "floatingpoint", "precision": "DOUBLE"}, "children": []},
    {"name": "fsb", "nullable": true, "type": {"name": "fixedsizebinary", "byteWidth": 3}, "children": []},
    {"name": "n", "nullable": true, "type": {"name": "null"}, "children": []},
    {"name": "lb", "nullable": true, "type": {"name": "largebinary"}, "children": []},
    {"name": "mdn", "nullable": true, "type": {"name": "interval", "unit": "MONTH_DAY_NANO"}, "children": []},
    {"name": "h", "nullable": true, "type": {"name": "floatingpoint", "precision": "HALF"}, "children": []},
    {"name": "d256", "nullable": true, "type": {"name": "decimal", "precision": 76, "scale": 0, "bitWidth": 256}, "children": []}
    """#

private let repeatedColumns = #"""
    {"name": "i", "count": 6, "VALIDITY": [1, 0, 1, 1, 0, 1], "DATA": [1, 99, 3, 1, -5, 3]},
    {"name": "s", "count": 6, "VALIDITY": [1, 1, 0, 1, 1, 0], "OFFSET": [0, 1, 3, 5, 6, 8, 8],
     "DATA": ["a", "bc", "zz", "a", "bc", ""]},
    {"name": "b", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "DATA": [true, false, 1, 1, 0, true]},
    {"name": "d", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "DATA": ["-946", "0", "12345", "-946", "0", "12345"]},
    {"name": "l", "count": 6, "VALIDITY": [1, 0, 1, 1, 0, 1], "OFFSET": [0, 2, 5, 6, 8, 8, 9], "children": [
        {"name": "item", "count": 9, "VALIDITY": [1, 1, 1, 1, 1, 1, 1, 1, 1], "DATA": [1, 2, 7, 7, 7, 3, 1, 2, 3]}]},
    {"name": "st", "count": 6, "VALIDITY": [1, 1, 0, 1, 1, 0], "children": [
        {"name": "x", "count": 6, "VALIDITY": [1, 0, 1, 1, 0, 1], "DATA": [10, 0, 5, 10, 0, 6]},
        {"name": "y", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "OFFSET": [0, 1, 2, 3, 4, 5, 6],
         "DATA": ["p", "q", "r", "p", "q", "s"]}]},
    {"name": "fsl", "count": 6, "VALIDITY": [1, 1, 0, 1, 1, 0], "children": [
        {"name": "item", "count": 12, "VALIDITY": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
         "DATA": [1, 2, 3, 4, 9, 9, 1, 2, 3, 4, 8, 8]}]},
    {"name": "m", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "OFFSET": [0, 1, 1, 3, 4, 4, 6], "children": [
        {"name": "entries", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "children": [
            {"name": "key", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "DATA": ["k", "a", "b", "k", "a", "b"]},
            {"name": "value", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "DATA": [1, 2, 3, 1, 2, 3]}]}]},
    {"name": "dict", "count": 6, "VALIDITY": [1, 1, 0, 1, 1, 1], "DATA": [0, 1, 0, 2, 1, 3]},
    {"name": "su", "count": 6, "TYPE_ID": [5, 7, 5, 5, 7, 5], "children": [
        {"name": "f1", "count": 6, "VALIDITY": [1, 1, 0, 1, 1, 0], "DATA": [1, 0, 0, 1, 0, 0]},
        {"name": "f2", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "DATA": ["", "u", "", "", "u", ""]}]},
    {"name": "du", "count": 6, "TYPE_ID": [0, 1, 0, 0, 1, 0], "OFFSET": [0, 0, 1, 2, 1, 1], "children": [
        {"name": "f1", "count": 3, "VALIDITY": [1, 1, 1], "DATA": [4, 5, 4]},
        {"name": "f2", "count": 2, "VALIDITY": [1, 1], "DATA": ["w", "w"]}]},
    {"name": "sv", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "VIEWS": [
        {"SIZE": 5, "INLINED": "short"},
        {"SIZE": 16, "PREFIX_HEX": "61206C6F", "BUFFER_INDEX": 0, "OFFSET": 0},
        {"SIZE": 0, "INLINED": ""},
        {"SIZE": 5, "INLINED": "short"},
        {"SIZE": 16, "PREFIX_HEX": "61206C6F", "BUFFER_INDEX": 1, "OFFSET": 2},
        {"SIZE": 0, "INLINED": ""}],
     "VARIADIC_DATA_BUFFERS": ["61206C6F6E67657220737472696E6721", "585861206C6F6E67657220737472696E6721"]},
    {"name": "lv", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "OFFSET": [0, 2, 2, 0, 1, 2], "SIZE": [2, 0, 1, 2, 0, 1],
     "children": [{"name": "item", "count": 3, "VALIDITY": [1, 1, 1], "DATA": [1, 2, 3]}]},
    {"name": "ree", "count": 6, "children": [
        {"name": "run_ends", "count": 4, "VALIDITY": [1, 1, 1, 1], "DATA": [2, 3, 5, 6]},
        {"name": "values", "count": 4, "VALIDITY": [1, 1, 1, 1], "DATA": [7, 8, 7, 8]}]},
    {"name": "f", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "DATA": [1.5, 2.25, -0.0, 1.5, 2.25, 0.0]},
    {"name": "fsb", "count": 6, "VALIDITY": [1, 1, 0, 1, 1, 0], "DATA": ["010203", "AABBCC", "000000", "010203", "aabbcc", "FFFFFF"]},
    {"name": "n", "count": 6},
    {"name": "lb", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "OFFSET": ["0", "1", "1", "3", "4", "4", "6"],
     "DATA": ["00", "", "ABCD", "00", "", "ABCD"]},
    {"name": "mdn", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "DATA": [
        {"months": 1, "days": 2, "nanoseconds": 3}, {"months": -1, "days": 0, "nanoseconds": "9223372036854775807"},
        {"months": 0, "days": 0, "nanoseconds": 0}, {"months": 1, "days": 2, "nanoseconds": 3},
        {"months": -1, "days": 0, "nanoseconds": 9223372036854775807}, {"months": 0, "days": 0, "nanoseconds": 0}]},
    {"name": "h", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "DATA": [1.5, -65504, 0.0001, 1.5, -65504, 0.0001]},
    {"name": "d256", "count": 6, "VALIDITY": [1, 1, 1, 1, 1, 1], "DATA": [
        "57896044618658097711785492504343953926634992332820282019728792003956564819967",
        "-57896044618658097711785492504343953926634992332820282019728792003956564819968", "1",
        "57896044618658097711785492504343953926634992332820282019728792003956564819967",
        "-57896044618658097711785492504343953926634992332820282019728792003956564819968", "1"]}
    """#

private let repeatedDictionaries = #"""
    {"id": 0, "data": {"count": 4, "columns": [
        {"name": "DICT0", "count": 4, "VALIDITY": [1, 1, 1, 0], "DATA": ["x", "y", "x", "z"]}]}}
    """#

@Suite("Integration JSON reader and array equality")
struct IntegrationJSONTests {
    let repeated: RecordBatch

    init() throws {
        repeated = try batch(document(
            fields: repeatedFields, columns: repeatedColumns, count: 6, dictionaries: repeatedDictionaries))
    }

    @Test func repeatedRowsDecode() throws {
        #expect(repeated.rowCount == 6 && repeated.columnCount == 21)
        let column = { (name: String) in self.repeated.columnData[self.repeated.schema.index(of: name) ?? 0] }
        #expect(column("i").nullCount == 2)
        #expect(column("d").valueDescription(at: 0) == "-9.46")
        #expect(column("d").valueDescription(at: 2) == "123.45")
        #expect(column("dict").valueDescription(at: 3) == "\"x\"")
        #expect(column("dict").valueDescription(at: 5) == "null")
        #expect(column("sv").valueDescription(at: 4) == "\"a longer string!\"")
        #expect(column("lb").valueDescription(at: 2) == "abcd")
        #expect(column("mdn").valueDescription(at: 1) == "-1M0d9223372036854775807ns")
        #expect(column("h").valueDescription(at: 1) == "-65504.0")
        #expect(column("h").buffers[0].bytes.prefix(2) == [0x00, 0x3E])
        #expect(column("d256").valueDescription(at: 1)
            == "-57896044618658097711785492504343953926634992332820282019728792003956564819968")
        #expect(column("n").nullCount == 6)
        #expect(column("su").buffers[0].bytes.prefix(6) == [5, 7, 5, 5, 7, 5])
        #expect(column("s").buffers[0].bytes.count == 7 * 4)
        #expect(column("lb").buffers[0].bytes.count == 7 * 8)
    }

    @Test func slicesAtDifferentOffsetsAreEqual() throws {
        for (index, column) in repeated.columnData.enumerated() {
            let first = try column.slice(0, 3)
            let second = try column.slice(3, 3)
            let name = repeated.schema.fields[index].name
            #expect(first.firstDifference(from: second) == nil, "column \(name)")
            #expect(second.isEqual(to: first), "column \(name)")
        }
        #expect(try repeated.slice(3, 3).isEqual(to: repeated.slice(0, 3)))
        #expect(try repeated.slice(1, 2).firstDifference(from: repeated.slice(4, 2)) == nil)
    }

    @Test func slicesEqualFreshArrays() throws {
        let names = ["i", "s", "l", "st", "fsl", "m", "dict", "su", "du", "lv", "ree", "sv"]
        // Rows 3..<6 written afresh, each column starting at offset 0.
        let freshColumns = #"""
            {"name": "i", "count": 3, "VALIDITY": [1, 0, 1], "DATA": [1, 0, 3]},
            {"name": "s", "count": 3, "VALIDITY": [1, 1, 0], "DATA": ["a", "bc", ""]},
            {"name": "l", "count": 3, "VALIDITY": [1, 0, 1], "OFFSET": [0, 2, 2, 3], "children": [
                {"name": "item", "count": 3, "VALIDITY": [1, 1, 1], "DATA": [1, 2, 3]}]},
            {"name": "st", "count": 3, "VALIDITY": [1, 1, 0], "children": [
                {"name": "x", "count": 3, "VALIDITY": [1, 0, 0], "DATA": [10, 0, 0]},
                {"name": "y", "count": 3, "VALIDITY": [1, 1, 0], "DATA": ["p", "q", ""]}]},
            {"name": "fsl", "count": 3, "VALIDITY": [1, 1, 0], "children": [
                {"name": "item", "count": 6, "VALIDITY": [1, 1, 1, 1, 0, 0], "DATA": [1, 2, 3, 4, 0, 0]}]},
            {"name": "m", "count": 3, "VALIDITY": [1, 1, 1], "OFFSET": [0, 1, 1, 3], "children": [
                {"name": "entries", "count": 3, "VALIDITY": [1, 1, 1], "children": [
                    {"name": "key", "count": 3, "VALIDITY": [1, 1, 1], "DATA": ["k", "a", "b"]},
                    {"name": "value", "count": 3, "VALIDITY": [1, 1, 1], "DATA": [1, 2, 3]}]}]},
            {"name": "dict", "count": 3, "VALIDITY": [1, 1, 0], "DATA": [1, 0, 0]},
            {"name": "su", "count": 3, "TYPE_ID": [5, 7, 5], "children": [
                {"name": "f1", "count": 3, "VALIDITY": [1, 0, 0], "DATA": [1, 0, 0]},
                {"name": "f2", "count": 3, "VALIDITY": [0, 1, 0], "DATA": ["", "u", ""]}]},
            {"name": "du", "count": 3, "TYPE_ID": [0, 1, 0], "OFFSET": [0, 0, 1], "children": [
                {"name": "f1", "count": 2, "VALIDITY": [1, 1], "DATA": [4, 5]},
                {"name": "f2", "count": 1, "VALIDITY": [1], "DATA": ["w"]}]},
            {"name": "lv", "count": 3, "VALIDITY": [1, 1, 1], "OFFSET": [0, 0, 2], "SIZE": [2, 0, 1], "children": [
                {"name": "item", "count": 3, "VALIDITY": [1, 1, 1], "DATA": [1, 2, 3]}]},
            {"name": "ree", "count": 3, "children": [
                {"name": "run_ends", "count": 2, "VALIDITY": [1, 1], "DATA": [2, 3]},
                {"name": "values", "count": 2, "VALIDITY": [1, 1], "DATA": [7, 8]}]},
            {"name": "sv", "count": 3, "VALIDITY": [1, 1, 1], "VIEWS": [
                {"SIZE": 5, "INLINED": "short"},
                {"SIZE": 16, "PREFIX_HEX": "61206C6F", "BUFFER_INDEX": 0, "OFFSET": 0},
                {"SIZE": 0, "INLINED": ""}],
             "VARIADIC_DATA_BUFFERS": ["61206C6F6E67657220737472696E6721"]}
            """#
        let freshDictionary = #"""
            {"id": 0, "data": {"count": 2, "columns": [
                {"name": "DICT0", "count": 2, "VALIDITY": [1, 1], "DATA": ["y", "x"]}]}}
            """#
        let selected = try repeated.selecting(columns: names.map { try #require(repeated.schema.index(of: $0)) })
        let fresh = try batch(document(
            fields: try selectedFieldsJSON(names),
            columns: freshColumns, count: 3, dictionaries: freshDictionary))
        let slice = try selected.slice(3, 3)
        #expect(slice.firstDifference(from: fresh) == nil)
        #expect(fresh.firstDifference(from: slice) == nil)
        // And the other way round: the first rows differ from the fresh ones only where they do.
        #expect(try selected.slice(0, 3).isEqual(to: fresh))
        #expect(try selected.slice(1, 3).firstDifference(from: fresh) == "column 0 'i' row 0: null vs 1")
    }

    /// The JSON of the repeated document's fields called `names`, in that order.
    private func selectedFieldsJSON(_ names: [String]) throws -> String {
        let all = try #require(try JSONSerialization.jsonObject(with: Data("[\(repeatedFields)]".utf8)) as? [[String: Any]])
        let chosen = try names.map { name in try #require(all.first { $0["name"] as? String == name }) }
        let data = try JSONSerialization.data(withJSONObject: chosen)
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }

    @Test func differencesAreExplained() throws {
        let columns = repeated.columnData
        let index = { (name: String) in self.repeated.schema.index(of: name) ?? 0 }
        func difference(_ name: String, _ a: Int, _ b: Int, _ count: Int) throws -> String? {
            try columns[index(name)].slice(a, count).firstDifference(from: columns[index(name)].slice(b, count))
        }
        #expect(try difference("i", 0, 2, 1) == "row 0: 1 vs 3")
        #expect(try difference("i", 0, 1, 1) == "row 0: 1 vs null")
        #expect(try difference("s", 0, 1, 1) == "row 0: \"a\" vs \"bc\"")
        #expect(try difference("b", 0, 1, 1) == "row 0: true vs false")
        #expect(try difference("d", 0, 1, 1) == "row 0: -9.46 vs 0.00")
        #expect(try difference("l", 0, 2, 1) == "row 0: [1, 2] vs [3]")
        #expect(try difference("l", 3, 5, 1) == "row 0: [1, 2] vs [3]")
        #expect(try difference("st", 0, 3, 2) == nil)
        #expect(try difference("st", 0, 1, 1) == "row 0, field 'x': 10 vs null")
        #expect(try difference("fsl", 0, 1, 1) == "row 0, item 0: 1 vs 3")
        #expect(try difference("m", 2, 0, 1) == "row 0: {\"a\": 2, \"b\": 3} vs {\"k\": 1}")
        #expect(try difference("dict", 0, 1, 1) == "row 0, dictionary entries 0 and 1: \"x\" vs \"y\"")
        #expect(try difference("dict", 2, 5, 1) == nil)
        #expect(try difference("su", 0, 1, 1) == "row 0: type id 5 vs 7")
        #expect(try difference("du", 0, 2, 1) == "row 0, variant 'f1': 4 vs 5")
        #expect(try difference("sv", 0, 1, 1) == "row 0: \"short\" vs \"a longer string!\"")
        #expect(try difference("ree", 0, 1, 2) == "row 1, run 0: 7 vs 8")
        #expect(try difference("lv", 0, 2, 1) == "row 0: [1, 2] vs [3]")
        #expect(try difference("mdn", 0, 1, 1) == "row 0: 1M2d3ns vs -1M0d9223372036854775807ns")
        #expect(try difference("n", 0, 1, 5) == nil)
        #expect(columns[0].firstDifference(from: columns[1]) == "type int32 vs string")
        #expect(try columns[0].firstDifference(from: columns[0].slice(0, 5)) == "length 6 vs 5")
        #expect(try repeated.slice(0, 2).firstDifference(from: repeated.slice(1, 2)) == "column 0 'i' row 0: 1 vs null")
    }

    @Test func nestedDifferenceNamesThePath() throws {
        let fields = #"""
            {"name": "x", "nullable": true, "type": {"name": "list"}, "children": [
                {"name": "item", "nullable": true, "type": {"name": "struct"}, "children": [
                    {"name": "a", "nullable": true, "type": {"name": "int", "isSigned": true, "bitWidth": 32}, "children": []}]}]}
            """#
        func columns(_ value: Int) -> String {
            #"""
            {"name": "x", "count": 2, "VALIDITY": [1, 1], "OFFSET": [0, 1, 3], "children": [
                {"name": "item", "count": 3, "VALIDITY": [1, 1, 1], "children": [
                    {"name": "a", "count": 3, "VALIDITY": [1, 1, 1], "DATA": [4, 5, \#(value)]}]}]}
            """#
        }
        let a = try batch(document(fields: fields, columns: columns(6), count: 2))
        let b = try batch(document(fields: fields, columns: columns(7), count: 2))
        #expect(a.firstDifference(from: b) == "column 0 'x' row 1, item 1, field 'a': 6 vs 7")
        #expect(!a.isEqual(to: b))
    }

    @Test func listDifferencesFindTheirRow() throws {
        let fields = #"""
            {"name": "x", "nullable": true, "type": {"name": "list"}, "children": [
                {"name": "item", "nullable": true, "type": {"name": "int", "isSigned": true, "bitWidth": 32}, "children": []}]}
            """#
        func list(_ offsets: String, _ values: String, count: Int) throws -> ArrayData {
            let column = #"""
                {"name": "x", "count": 4, "VALIDITY": [1, 0, 1, 1], "OFFSET": [\#(offsets)], "children": [
                    {"name": "item", "count": \#(count), "DATA": [\#(values)]}]}
                """#
            return try batch(document(fields: fields, columns: column, count: 4)).columnData[0]
        }
        // The null row hides two values in the first array and none in the others.
        let a = try list("0, 2, 4, 6, 7", "1, 2, 9, 9, 3, 4, 5", count: 7)
        let b = try list("0, 2, 2, 4, 5", "1, 2, 3, 5, 5", count: 5)
        let c = try list("0, 2, 2, 4, 5", "1, 2, 3, 4, 6", count: 5)
        #expect(a.firstDifference(from: b) == "row 2, item 1: 4 vs 5")
        #expect(b.firstDifference(from: a) == "row 2, item 1: 5 vs 4")
        #expect(a.firstDifference(from: c) == "row 3, item 0: 5 vs 6")
        #expect(c.firstDifference(from: b) == "row 2, item 1: 4 vs 5")
        #expect(try a.slice(0, 2).isEqual(to: c.slice(0, 2)))
    }

    @Test func floatTolerance() throws {
        let fields = #"{"name": "f", "nullable": true, "type": {"name": "floatingpoint", "precision": "DOUBLE"}, "children": []}"#
        func batchOf(_ values: String) throws -> RecordBatch {
            try batch(document(fields: fields, columns: #"{"name": "f", "count": 3, "DATA": [\#(values)]}"#, count: 3))
        }
        let a = try batchOf("1000.0, NaN, -Infinity")
        let b = try batchOf("1000.0001, NaN, -Infinity")
        #expect(!a.isEqual(to: b))
        #expect(a.isEqual(to: b, floatTolerance: 1e-6))
        #expect(a.firstDifference(from: b) == "column 0 'f' row 0: 1000.0 vs 1000.0001")
        #expect(!a.isEqual(to: try batchOf("1000.0, 1.0, -Infinity"), floatTolerance: 1))
        #expect(!a.isEqual(to: try batchOf("1000.0, NaN, Infinity"), floatTolerance: 1))
    }

    @Test func schemaDifferences() throws {
        let base = #"{"name": "x", "nullable": true, "type": {"name": "int", "isSigned": true, "bitWidth": 8}, "children": []"#
        let column = #"{"name": "x", "count": 1, "DATA": [1]}"#
        let plain = try batch(document(fields: base + "}", columns: column, count: 1))
        let notNull = try batch(document(
            fields: base.replacingOccurrences(of: #""nullable": true"#, with: #""nullable": false"#) + "}", columns: column, count: 1))
        let withMetadata = try batch(document(
            fields: base + #", "metadata": [{"key": "k", "value": "1"}, {"key": "k", "value": "2"}]}"#, columns: column, count: 1))
        #expect(plain.firstDifference(from: notNull) == "column 0 'x': nullable true vs false")
        #expect(plain.firstDifference(from: withMetadata) == "column 0 'x': metadata [] vs [k: 1, k: 2]")
        #expect(withMetadata.schema.fields[0].metadata.entries.map(\.value) == ["1", "2"])
        let schemaMetadata = try IntegrationFile(json: Data(#"""
            {"schema": {"fields": [\#(base)}], "metadata": [{"key": "b", "value": ""}, {"key": "a", "value": "x"}, {"key": "b", "value": "y"}]},
             "batches": [{"count": 1, "columns": [\#(column)]}]}
            """#.utf8))
        #expect(schemaMetadata.schema.metadata.entries.map(\.key) == ["b", "a", "b"])
        #expect(plain.firstDifference(from: schemaMetadata.batches[0]) == "schema metadata [] vs [b: , a: x, b: y]")
    }

    @Test func plainAndCompressedFilesLoad() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("integration-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        let json = document(
            fields: #"{"name": "x", "nullable": true, "type": {"name": "utf8"}, "children": []}"#,
            columns: #"{"name": "x", "count": 1, "DATA": ["\u00e9\ud83d\ude00\n"]}"#, count: 1)
        try json.write(to: url)
        let file = try IntegrationFile(contentsOf: url)
        #expect(file.batches[0].columnData[0].valueDescription(at: 0) == #""é😀\n""#)
        #expect(throws: ArrowError.self) { try IntegrationFile(contentsOf: url.appendingPathExtension("missing")) }
    }

    @Test func decimalText() throws {
        func roundTrip(_ text: String, _ width: Int, scale: Int = 0) -> String? {
            var bytes = [UInt8](repeating: 0xEE, count: width)
            let stored = bytes.withUnsafeMutableBytes { DecimalText.store(text, byteWidth: width, at: $0.baseAddress!) }
            guard stored else { return nil }
            return bytes.withUnsafeBytes { DecimalText.string(ArrowDecimal.unscaledWords($0), scale: scale) }
        }
        let max128 = "170141183460469231731687303715884105727"
        #expect(roundTrip(max128, 16) == max128)
        #expect(roundTrip("-170141183460469231731687303715884105728", 16) == "-170141183460469231731687303715884105728")
        #expect(roundTrip("170141183460469231731687303715884105728", 16) == nil)
        #expect(roundTrip("-170141183460469231731687303715884105729", 16) == nil)
        #expect(roundTrip("1" + String(repeating: "0", count: 80), 32) == nil)
        #expect(roundTrip("-1", 32) == "-1")
        #expect(roundTrip("0", 16, scale: 3) == "0.000")
        #expect(roundTrip("-5", 8, scale: 2) == "-0.05")
        #expect(roundTrip("12", 4, scale: -2) == "1200")
        #expect(roundTrip("-12", 4, scale: 2_000_000_000) == "-12E-2000000000")
        #expect(roundTrip("2147483648", 4) == nil)
        #expect(roundTrip("", 16) == nil)
        #expect(roundTrip("-", 16) == nil)
        #expect(roundTrip("1.5", 16) == nil)
        #expect(roundTrip("+42", 32) == "42")
        var bytes = [UInt8](repeating: 0, count: 16)
        _ = bytes.withUnsafeMutableBytes { DecimalText.store("-2", byteWidth: 16, at: $0.baseAddress!) }
        #expect(bytes == [0xFE] + [UInt8](repeating: 0xFF, count: 15))
    }

    @Test func halfFloats() {
        #expect(HalfFloat.bits(1.0) == 0x3C00)
        #expect(HalfFloat.bits(-2.0) == 0xC000)
        #expect(HalfFloat.bits(65504) == 0x7BFF)
        #expect(HalfFloat.bits(65520) == 0x7C00)
        #expect(HalfFloat.bits(0x1p-24) == 0x0001)
        #expect(HalfFloat.bits(0x1p-26) == 0x0000)
        #expect(HalfFloat.bits(-0.0) == 0x8000)
        #expect(HalfFloat.bits(.infinity) == 0x7C00)
        #expect(HalfFloat.bits(.nan) & 0x7C00 == 0x7C00 && HalfFloat.bits(.nan) & 0x3FF != 0)
        // 1 + 2^-11 is halfway between 1 and the next half; ties go to even (1).
        #expect(HalfFloat.bits(1 + 0x1p-11) == 0x3C00)
        #expect(HalfFloat.bits(1 + 0x1p-10 + 0x1p-11) == 0x3C02)
        // Every half that is not NaN survives a round trip through Double.
        let mismatches = (UInt16.min...UInt16.max).filter { bits in
            (bits & 0x7C00 != 0x7C00 || bits & 0x3FF == 0) && HalfFloat.bits(HalfFloat.double(bits)) != bits
        }
        #expect(mismatches.isEmpty)
        #expect(HalfFloat.double(0x3C00) == 1 && HalfFloat.double(0x0001) == 0x1p-24 && HalfFloat.double(0xFC00) == -.infinity)
        // NaNs stay NaN, with their sign; quiet ones come back as they were.
        #expect(HalfFloat.double(0x7C01).isNaN && HalfFloat.double(0xFE00).isNaN && HalfFloat.double(0xFE00).sign == .minus)
        #expect(HalfFloat.bits(HalfFloat.double(0xFE00)) == 0xFE00 && HalfFloat.bits(HalfFloat.double(0x7E00)) == 0x7E00)
    }

    @Test func jsonParser() throws {
        let value = try JSONParser.parse(Array(#" {"a": [1, -2.5e3, true, false, null, "\"\\\/\b\f\n\r\t\u0041"], "b": {}} "#.utf8))
        guard case .object(let members) = value, case .array(let items)? = members["a"] else {
            Issue.record("not an object with an array")
            return
        }
        #expect(items.count == 6)
        if case .number(let text) = items[1] { #expect(text == "-2.5e3") } else { Issue.record("not a number") }
        if case .string(let text) = items[5] { #expect(text == "\"\\/\u{8}\u{c}\n\r\tA") } else { Issue.record("not a string") }
        let malformed = [
            "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "\"abc", "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"",
            "\"\u{1}\"", "[1] x", "{\"a\": 1, \"a\": 2}", "1e", "[\"\\u12\"]",
            String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
        ]
        for text in malformed {
            #expect(throws: ArrowError.self, "\(text.prefix(20))") { try JSONParser.parse(Array(text.utf8)) }
        }
        #expect(throws: ArrowError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    /// Malformed documents, each with a piece of the JSON path its error must name.
    static let malformedDocuments: [(String, String)] = {
        let int8 = #"{"name": "x", "nullable": true, "type": {"name": "int", "isSigned": true, "bitWidth": 8}, "children": []}"#
        let utf8 = #"{"name": "x", "nullable": true, "type": {"name": "utf8"}, "children": []}"#
        let list = #"{"name": "x", "nullable": true, "type": {"name": "list"}, "children": [\#(int8)]}"#
        func doc(_ field: String, _ column: String, count: Int = 2, dictionaries: String? = nil) -> String {
            String(decoding: document(fields: field, columns: column, count: count, dictionaries: dictionaries), as: UTF8.self)
        }
        let dictionaryField = #"""
            {"name": "x", "nullable": true, "type": {"name": "utf8"}, "children": [],
             "dictionary": {"id": 3, "indexType": {"name": "int", "isSigned": true, "bitWidth": 8}, "isOrdered": false}}
            """#
        let dictionary = #"{"id": 3, "data": {"count": 1, "columns": [{"name": "D", "count": 1, "DATA": ["a"]}]}}"#
        let union = #"""
            {"name": "x", "nullable": true, "type": {"name": "union", "mode": "DENSE", "typeIds": [1]}, "children": [\#(int8)]}
            """#
        let ree = #"""
            {"name": "x", "nullable": true, "type": {"name": "runendencoded"}, "children": [
                {"name": "run_ends", "nullable": false, "type": {"name": "int", "isSigned": true, "bitWidth": 16}, "children": []},
                \#(int8)]}
            """#
        let view = #"{"name": "x", "nullable": true, "type": {"name": "binaryview"}, "children": []}"#
        let fsb = #"{"name": "x", "nullable": true, "type": {"name": "fixedsizebinary", "byteWidth": 2147483647}, "children": []}"#
        let fsl = #"{"name": "x", "nullable": true, "type": {"name": "fixedsizelist", "listSize": 3}, "children": [\#(int8)]}"#
        let decimal = #"{"name": "x", "nullable": true, "type": {"name": "decimal", "precision": 5, "scale": 0}, "children": []}"#
        return [
            ("not json", "$"),
            (#"{"batches": []}"#, "$: the key \"schema\" is missing"),
            (#"{"schema": {"fields": [{"name": "x", "nullable": true}]}, "batches": []}"#, "$.schema.fields[0]"),
            (doc(#"{"name": "x", "nullable": true, "type": {"name": "int8"}}"#, ""), "$.schema.fields[0].type"),
            (doc(#"{"name": "x", "nullable": true, "type": {"name": "int", "isSigned": true, "bitWidth": 7}}"#, ""), "$.schema.fields[0].type"),
            (doc(#"{"name": "x", "nullable": "yes", "type": {"name": "null"}}"#, ""), "$.schema.fields[0].nullable"),
            (doc(int8, #"{"name": "x", "count": 2, "DATA": [1]}"#), "$.batches[0].columns[0].DATA"),
            (doc(int8, #"{"name": "x", "count": 2, "VALIDITY": [1], "DATA": [1, 2]}"#), "$.batches[0].columns[0].VALIDITY"),
            (doc(int8, #"{"name": "x", "count": 2, "VALIDITY": [1, 2], "DATA": [1, 2]}"#), "$.batches[0].columns[0].VALIDITY[1]"),
            (doc(int8, #"{"name": "x", "count": 2, "DATA": [1, 300]}"#), "$.batches[0].columns[0].DATA[1]"),
            (doc(int8, #"{"name": "x", "count": -2, "DATA": []}"#), "$.batches[0].columns[0].count"),
            (doc(int8, #"{"name": "y", "count": 2, "DATA": [1, 2]}"#), "$.batches[0].columns[0].name"),
            (doc(int8, #"{"name": "x", "count": 3, "DATA": [1, 2, 3]}"#), "$.batches[0].columns[0]"),
            (doc(int8, ""), "$.batches[0]"),
            (doc(decimal, #"{"name": "x", "count": 1, "DATA": ["1e5"]}"#, count: 1), "$.batches[0].columns[0].DATA[0]"),
            (doc(decimal, #"{"name": "x", "count": 1, "DATA": [12]}"#, count: 1), "$.batches[0].columns[0].DATA[0]"),
            (doc(utf8, #"{"name": "x", "count": 2, "OFFSET": [0, 1, 3], "DATA": ["a", "b"]}"#), "$.batches[0].columns[0].OFFSET[2]"),
            (doc(utf8, #"{"name": "x", "count": 2, "DATA": ["a", 5]}"#), "$.batches[0].columns[0].DATA[1]"),
            (doc(list, #"{"name": "x", "count": 2, "OFFSET": [0, 2, 1], "children": [{"name": "x", "count": 2, "DATA": [1, 2]}]}"#),
             "$.batches[0].columns[0]"),
            (doc(list, #"{"name": "x", "count": 2, "OFFSET": [0, 1, 3], "children": [{"name": "x", "count": 2, "DATA": [1, 2]}]}"#),
             "$.batches[0].columns[0]"),
            (doc(list, #"{"name": "x", "count": 2, "OFFSET": [0, 1, 2]}"#), "$.batches[0].columns[0]"),
            (doc(fsl, #"{"name": "x", "count": 2, "children": [{"name": "x", "count": 5, "DATA": [1, 2, 3, 4, 5]}]}"#),
             "$.batches[0].columns[0]"),
            (doc(union, #"{"name": "x", "count": 2, "TYPE_ID": [1, 2], "OFFSET": [0, 0], "children": [{"name": "x", "count": 1, "DATA": [1]}]}"#),
             "$.batches[0].columns[0].TYPE_ID[1]"),
            (doc(union, #"{"name": "x", "count": 2, "TYPE_ID": [1, 1], "OFFSET": [0, 1], "children": [{"name": "x", "count": 1, "DATA": [1]}]}"#),
             "$.batches[0].columns[0]"),
            (doc(ree, #"{"name": "x", "count": 2, "children": [{"name": "run_ends", "count": 2, "DATA": [1, 1]}, {"name": "x", "count": 2, "DATA": [1, 2]}]}"#),
             "$.batches[0].columns[0]"),
            (doc(ree, #"{"name": "x", "count": 2, "children": [{"name": "run_ends", "count": 1, "DATA": [1]}, {"name": "x", "count": 1, "DATA": [1]}]}"#),
             "$.batches[0].columns[0]"),
            (doc(view, #"{"name": "x", "count": 1, "VIEWS": [{"SIZE": 20, "PREFIX_HEX": "00000000", "BUFFER_INDEX": 1, "OFFSET": 0}], "VARIADIC_DATA_BUFFERS": ["00"]}"#, count: 1),
             "$.batches[0].columns[0].VIEWS[0]"),
            (doc(view, #"{"name": "x", "count": 1, "VIEWS": [{"SIZE": 2, "INLINED": "0"}], "VARIADIC_DATA_BUFFERS": []}"#, count: 1),
             "$.batches[0].columns[0].VIEWS[0]"),
            (doc(fsb, #"{"name": "x", "count": 1, "DATA": ["00"]}"#, count: 1), "$.batches[0].columns[0].DATA[0]"),
            (doc(fsb.replacingOccurrences(of: "2147483647", with: "2147483648"), #"{"name": "x", "count": 0, "DATA": []}"#, count: 0),
             "$.schema.fields[0].type.byteWidth"),
            (doc(int8, #"{"name": "x", "count": 9223372036854775807, "DATA": []}"#), "$.batches[0].columns[0].count"),
            (doc(dictionaryField, #"{"name": "x", "count": 2, "DATA": [0, 0]}"#), "$.batches[0].columns[0]"),
            (doc(dictionaryField, #"{"name": "x", "count": 2, "DATA": [0, 1]}"#, dictionaries: dictionary), "$.batches[0].columns[0]"),
            (doc(dictionaryField, #"{"name": "x", "count": 2, "DATA": [0, 0]}"#,
                 dictionaries: dictionary.replacingOccurrences(of: "\"id\": 3", with: "\"id\": 4")), "$.dictionaries[0]"),
            (doc(int8, #"{"name": "x", "count": 2, "DATA": [1, 2]}"#) + "x", "$"),
        ]
    }()

    @Test(arguments: malformedDocuments)
    func malformedDocumentThrows(_ json: String, _ path: String) {
        let message = invalidDataMessage { _ = try IntegrationFile(json: Data(json.utf8)) }
        #expect(message != nil, "no error for \(json.prefix(200))")
        if let message, path != "$" {
            #expect(message.contains("integration JSON at \(path)"), "\(message)")
        }
    }

    /// Every number of the repeated document replaced in turn by other values: each variant
    /// either throws or decodes into arrays that compare and describe without trapping.
    @Test func mutatedDocumentsNeverTrap() throws {
        let text = Array(String(decoding: document(
            fields: repeatedFields, columns: repeatedColumns, count: 6, dictionaries: repeatedDictionaries), as: UTF8.self).utf8)
        var numbers: [Range<Int>] = []
        var index = 0
        while index < text.count {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[index]) {
                var end = index
                while end < text.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[end]) { end += 1 }
                numbers.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        #expect(numbers.count > 300)
        var decoded = 0
        for range in numbers {
            for replacement in ["0", "7", "-1", "2147483648", "\"z\""] {
                var variant = text
                variant.replaceSubrange(range, with: Array(replacement.utf8))
                guard let file = try? IntegrationFile(json: Data(variant)) else { continue }
                decoded += 1
                for (batch, original) in zip(file.batches, [repeated]) {
                    _ = batch.firstDifference(from: original)
                    _ = original.firstDifference(from: batch)
                    for column in batch.columnData {
                        #expect(column.isEqual(to: column))
                        for row in 0..<column.length {
                            _ = column.valueDescription(at: row)
                        }
                    }
                }
            }
        }
        #expect(decoded > 100)
    }

    @Test func inconsistentArraysCompareWithoutTrapping() throws {
        // Offsets that point past the data, views past their buffers, short buffers.
        let badOffsets = ArrayData(
            type: .utf8, length: 1, validity: nil,
            buffers: [ArrowBuffer(copying: [Int32(0), 100]), ArrowBuffer(copying: [UInt8(65)])])
        #expect(badOffsets.firstDifference(from: badOffsets) == "row 0: a value points outside its data")
        let short = ArrayData(type: .int64, length: 4, validity: nil, buffers: [ArrowBuffer(copying: [Int64(1)])])
        #expect(short.firstDifference(from: short)?.contains("too few") == true)
        let missing = ArrayData(type: .int64, length: 4, validity: nil, buffers: [])
        #expect(missing.isEqual(to: missing) == false)
        var view = [UInt8](repeating: 0, count: 16)
        view.withUnsafeMutableBytes {
            $0.storeBytes(of: Int32(40), as: Int32.self)
            $0.storeBytes(of: Int32(3), toByteOffset: 8, as: Int32.self)
        }
        let badView = ArrayData(type: .binaryView, length: 1, validity: nil, buffers: [ArrowBuffer(copying: view)])
        #expect(badView.firstDifference(from: badView) == "row 0: a value points outside its data")
        let list = ArrayData(
            type: .list(Field("item", .int8)), length: 1, validity: nil,
            buffers: [ArrowBuffer(copying: [Int32(0), 5])],
            children: [ArrayData(type: .int8, length: 2, validity: nil, buffers: [ArrowBuffer(copying: [Int8(1), 2])])])
        #expect(list.firstDifference(from: list) == "row 0: list offsets are not increasing or leave the child")
        let dictionary = ArrayData(
            type: .dictionary(index: .int8, value: .int8, ordered: false), length: 1, validity: nil,
            buffers: [ArrowBuffer(copying: [Int8(9)])],
            dictionary: ArrayData(type: .int8, length: 1, validity: nil, buffers: [ArrowBuffer(copying: [Int8(1)])]))
        #expect(dictionary.firstDifference(from: dictionary) == "row 0: dictionary index 9 is outside a dictionary of 1")
    }
}
