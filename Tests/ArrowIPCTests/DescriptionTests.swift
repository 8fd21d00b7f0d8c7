import Foundation
import Testing
@testable import ArrowIPC

/// Schemas, fields, arrays, batches and tables print as pyarrow prints them (the expected
/// texts are pyarrow 26's, with its `pyarrow.` prefixes and object addresses left out).
struct DescriptionTests {
    @Test func schemaWithMetadataAtEveryLevel() {
        let schema = Schema([
            Field("a", .int64),
            Field("b", .utf8, nullable: false, metadata: ["fk": "fv"]),
            Field("t", .timestamp(.millisecond, timeZone: "UTC")),
        ], metadata: ["k": "v"])
        #expect(schema.description == """
            a: int64
            b: string not null
              -- field metadata --
              fk: 'fv'
            t: timestamp[ms, tz=UTC]
            -- schema metadata --
            k: 'v'
            """)
        #expect(schema.fields[1].description == "Field<b: string not null>")
        let long = Schema([], metadata: ["pandas": String(repeating: "x", count: 100)])
        #expect(long.description == "\n-- schema metadata --\npandas: '\(String(repeating: "x", count: 64))' + 36")
        let nested = Schema([Field("l", .list(Field("item", .struct([Field("a", .int32, metadata: ["x": "y"])]), nullable: false)))])
        #expect(nested.description == """
            l: list<item: struct<a: int32> not null>
              child 0, item: struct<a: int32> not null
                  child 0, a: int32
                  -- field metadata --
                  x: 'y'
            """)
    }

    @Test func arraysShowTheirEdges() {
        let long = Int64Array((0..<30).map { Int64($0) } + [nil])
        let lines = long.description.split(separator: "\n").map(String.init)
        #expect(lines[0] == "int64 array of 31 values (1 null)")
        #expect(lines[1] == "[" && lines.last == "]")
        #expect(Array(lines[2...4]) == ["  0,", "  1,", "  2,"])
        #expect(lines[12] == "  ...")
        #expect(Array(lines[lines.count - 3...lines.count - 2]) == ["  29,", "  null"])
        #expect(lines.count == 24)
        #expect(StringArray(["x", nil, "y"]).description == "string array of 3 values (1 null)\n[\n  \"x\",\n  null,\n  \"y\"\n]")
        #expect(Float64Array([1.5, .nan]).description == "double array of 2 values\n[\n  1.5,\n  nan\n]")
        let empty = Int8Array([Int8]())
        #expect(empty.description == "int8 array of 0 values\n[\n]")
        // Any array prints through `print`, not as a reflection dump.
        #expect(String(describing: Int8Array([1])) == "int8 array of 1 value\n[\n  1\n]")
    }

    @Test func nestedAndEncodedValuesPrintAsValues() throws {
        let lists = try ListArray(offsets: [0, 2, 2, 2], values: Int64Array([1, 2]), validity: [true, false, true])
        #expect(lists.description == "list<item: int64> array of 3 values (1 null)\n[\n  [1, 2],\n  null,\n  []\n]")
        let colors = try DictionaryArray(indices: Int8Array([0, 1, 0]), dictionary: StringArray(["a", "b"]))
        #expect(colors.description.hasSuffix("[\n  \"a\",\n  \"b\",\n  \"a\"\n]"))
    }

    @Test func batchesAndTablesShowEachColumnOnALine() throws {
        let batch = try RecordBatch(names: ["a", "b"], columns: [
            Int64Array((0..<25).map { Int64($0) }), StringArray(Array(repeating: "s", count: 25)),
        ])
        #expect(batch.description == """
            RecordBatch
            a: int64
            b: string
            ----
            a: [0,1,2,3,4,5,6,7,8,9,...,15,16,17,18,19,20,21,22,23,24]
            b: ["s","s","s","s","s","s","s","s","s","s",...,"s","s","s","s","s","s","s","s","s","s"]
            """)
        let table = try Table(schema: batch.schema, batches: [batch, batch])
        #expect(table.description == """
            Table
            a: int64
            b: string
            ----
            a: [[0,1,2,3,4,...,20,21,22,23,24],[0,1,2,3,4,...,20,21,22,23,24]]
            b: [["s","s","s","s","s",...,"s","s","s","s","s"],["s","s","s","s","s",...,"s","s","s","s","s"]]
            """)
    }

    @Test func unreadableValuesSayWhy() {
        let strings = ArrayData(
            type: .utf8, length: 1, nullCount: 0, validity: nil,
            buffers: [ArrowBuffer(copying: [Int32(0), 1000]), ArrowBuffer(copying: [UInt8(65)])])
        #expect(strings.description.contains("<a string array refers to bytes 0..<1000 of buffer 1, which holds 1>"))
    }
}
