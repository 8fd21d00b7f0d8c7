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
        let writer = try ArrowFileWriter(url: url, schema: batch.schema, metadata: ["source": "example"])
        for _ in 0..<4 { try writer.write(batch) }
        try writer.finish()

        let reader = try ArrowFileReader(url: url)
        #expect(reader.recordBatchCount == 4 && reader.metadata == ["source": "example"])
        let read = try reader.recordBatch(at: 3)
        let names = try #require(read.column("name") as? StringArray)
        #expect(Array(names) == ["foo", "bar", "baz", nil])
        #expect(try reader.recordBatchInfo(at: 3).rowCount == 4)
        let some = try reader.recordBatch(at: 3, columns: [2, 0])
        #expect(some.schema.fields.map(\.name) == ["ok", "id"])
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
}
