import Foundation
import Testing
@testable import ArrowIPC

/// Record batches from Swift values, rows and records, with their types inferred.
struct InferenceTests {
    @Test func columnsOfSwiftValues() throws {
        let when = Date(timeIntervalSince1970: 1_700_000_000.25)
        let names: [String?] = ["a", nil, "c"]
        let batch = try RecordBatch(inferring: [
            "id": [1, 2, 3],
            "name": names,
            "mixed": [1, 2.5, 3] as [Double],
            "when": [when, when, when],
            "flag": [true, false, true],
            "raw": [Data([1, 2]), Data(), Data([255])],
            "price": [Decimal(string: "1.5")!, Decimal(string: "-12.25")!, Decimal(100)],
            "lists": [[1, 2], [], [3]] as [[Int]],
            "maps": [["b": 2, "a": 1], [:], ["c": 3]] as [[String: Int]],
            "nothing": [nil, nil, nil] as [Int?],
        ])
        let types = batch.schema.fields.map { "\($0.name): \($0.type)" }
        #expect(types == [
            "id: int64", "name: string", "mixed: double", "when: timestamp[us, tz=UTC]", "flag: bool", "raw: binary",
            "price: decimal128(5, 2)", "lists: list<item: int64>", "maps: map<string, int64>", "nothing: null",
        ])
        #expect(throws: Never.self) { try batch.columnData.forEach { try $0.validate(.full) } }
        let row = try batch.row(0)
        #expect(row["when"].dateValue == when)
        #expect(row["price"].description == "1.50")
        #expect(row["maps"] == .map([ArrowMapEntry(key: .string("a"), value: .int(1)), ArrowMapEntry(key: .string("b"), value: .int(2))]))
        #expect(try batch.row(1)["price"].description == "-12.25")
    }

    @Test func valuesMergeWhereOneTypeHoldsThem() throws {
        #expect(try TypeInference.type(of: [.int(1), .double(2.5)]) == .float64)
        #expect(try TypeInference.type(of: [.null, .int(-1)]) == .int64)
        #expect(try TypeInference.type(of: [.uint(UInt64.max)]) == .uint64)
        #expect(throws: ArrowError.self) { try TypeInference.type(of: [.int(-1), .uint(UInt64.max)]) }
        #expect(try TypeInference.type(of: [.date32(1), .timestamp(5, .millisecond, timeZone: nil), .timestamp(1, .nanosecond, timeZone: nil)])
                == .timestamp(.nanosecond, timeZone: nil))
        #expect(throws: ArrowError.self) {
            try TypeInference.type(of: [.timestamp(1, .second, timeZone: "UTC"), .timestamp(1, .second, timeZone: nil)])
        }
        #expect(try TypeInference.type(of: [.list([.int(1)]), .list([.null, .double(2)])]) == .list(Field("item", .float64)))
        #expect(try TypeInference.type(of: [ArrowValue.null, .null]) == .null)
        let records: [ArrowValue] = [.struct(ArrowRecord(["a": .int(1)])), .struct(ArrowRecord(["b": .string("x"), "a": .null]))]
        #expect(try TypeInference.type(of: records) == .struct([Field("a", .int64), Field("b", .utf8)]))
    }

    @Test func conflictsNameColumnAndRowUnlessUnionsAreAllowed() throws {
        let error = #expect(throws: ArrowError.self) { try RecordBatch(inferring: ["n": [1, 2, "three"] as [any ArrowValueConvertible]]) }
        #expect(error?.reason.contains("column 'n', row 2") == true, "\(String(describing: error))")
        let mixed = try RecordBatch(inferring: ["n": [1, "two", 3.5, ArrowValue.null] as [any ArrowValueConvertible]], unions: true)
        guard case .union(.dense, let members, _) = mixed.schema.fields[0].type else {
            Issue.record("expected a dense union, got \(mixed.schema.fields[0].type)")
            return
        }
        #expect(members.map(\.type) == [.float64, .utf8])
        #expect(throws: Never.self) { try mixed.columnData[0].validate(.full) }
        #expect(try (0..<4).map { try mixed.row($0)["n"] } == [.double(1), .string("two"), .double(3.5), .null])
    }

    @Test func rowsAndRecords() throws {
        let rows = try RecordBatch(inferringRows: [[1, "a"], [2, "b"]] as [[any ArrowValueConvertible]])
        #expect(rows.schema.fields.map(\.name) == ["Column1", "Column2"])
        #expect(try rows.row(1)["Column2"] == .string("b"))
        #expect(throws: ArrowError.self) { try RecordBatch(inferringRows: [[1, 2], [3]] as [[any ArrowValueConvertible]]) }
        let named = try RecordBatch(inferringRows: [[1.5], [2]] as [[any ArrowValueConvertible]], names: ["x"])
        #expect(named.schema.fields == [Field("x", .float64)])

        let records = try RecordBatch(inferringRecords: [ArrowRecord(["x": .int(1)]), ArrowRecord(["y": .bool(true), "x": .int(2)])])
        #expect(records.schema.fields.map(\.name) == ["x", "y"])
        #expect(try records.row(0)["y"] == .null && records.row(1)["x"] == .int(2))

        let column = try ArrayData(inferring: [1, nil, 3] as [Int?])
        #expect(column.type == .int64 && column.nullCount == 1)
    }

    /// Records of one layout, then another, then the first again; a name twice in a record
    /// (its last value counts); fields missing from some records are null; a conflict names
    /// the column and the row.
    @Test func recordsOfChangingLayouts() throws {
        let records = [
            ArrowRecord(["a": .int(1), "b": .string("x")]),
            ArrowRecord(["a": .int(2), "b": .string("y")]),
            ArrowRecord(["b": .string("z"), "c": .double(0.5)]),
            ArrowRecord(["a": .int(3), "b": .null]),
            ArrowRecord(["c": .int(7), "a": .int(4), "a": .int(5)]),
        ]
        let batch = try RecordBatch(inferringRecords: records)
        #expect(batch.schema.fields == [Field("a", .int64), Field("b", .utf8), Field("c", .float64)])
        #expect(try (0..<5).map { try batch.row($0)["a"] } == [.int(1), .int(2), .null, .int(3), .int(5)])
        #expect(try (0..<5).map { try batch.row($0)["b"] } == [.string("x"), .string("y"), .string("z"), .null, .null])
        #expect(try (0..<5).map { try batch.row($0)["c"] } == [.null, .null, .double(0.5), .null, .double(7)])
        #expect(throws: Never.self) { for column in batch.columnData { try column.validate(.full) } }
        #expect {
            _ = try RecordBatch(inferringRecords: records + [ArrowRecord(["b": .int(1)])])
        } throws: { error in
            "\(error)".contains("column 'b', row 5")
        }
    }
}
