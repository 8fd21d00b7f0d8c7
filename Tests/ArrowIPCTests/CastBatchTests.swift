import Foundation
import Testing
@testable import ArrowIPC

@Suite struct CastBatchTests {
    /// The example proposed for the README.
    @Test func readmeExample() throws {
        let batch = try RecordBatch(names: ["Value", "Date", "Note"], columns: [
            StringArray(["1.5", "2.25", nil]), StringArray(["2024-03-01", "2024-02-29", nil]), StringArray(["a", "b", "c"]),
        ])
        let typed = try batch.cast(["Value": .float32, "Date": .date32])
        #expect(typed.schema.fields.map(\.type) == [.float32, .date32, .utf8])
        #expect(Array(typed.column("Value") as! Float32Array) == [1.5, 2.25, nil])
        #expect(typed.columnData[2].isIdentical(to: batch.columnData[2]))
        let type = try DataType(parsing: "timestamp[ms, tz=UTC]")
        #expect(type == .timestamp(.millisecond, timeZone: "UTC"))
        #expect(throws: ArrowError.castFailed(CastFailure(
            row: 1, value: "\"x\"", targetType: .int64, reason: "not an integer in the range of int64"))) {
            try StringArray(["7", "x"]).cast(to: .int64)
        }
        let lenient = try StringArray(["7", "x"]).cast(to: .int64, options: .lenient)
        #expect(Array(lenient as! Int64Array) == [7, nil])
    }

    @Test func batchFailuresNameTheColumn() throws {
        let batch = try RecordBatch(names: ["a", "b"], columns: [Int64Array([1, 2]), StringArray(["1", "2x"])])
        #expect(throws: ArrowError.castFailed(CastFailure(
            column: "b", row: 1, value: "\"2x\"", targetType: .int8, reason: "not an integer in the range of int8"))) {
            try batch.cast(["a": .int8, "b": .int8])
        }
        #expect((try? batch.cast(["b": .int8])) == nil)
        let description = "column 'b', row 1: cannot cast \"2x\" to int8: not an integer in the range of int8"
        #expect(ArrowError.castFailed(CastFailure(column: "b", row: 1, value: "\"2x\"", targetType: .int8,
                                                  reason: "not an integer in the range of int8")).description == description)
        #expect(throws: ArrowError.invalidArgument("there is no column named 'c'; the columns are 'a', 'b'")) {
            try batch.cast(["c": .int8])
        }
        let lenient = try batch.cast(["b": .int8], options: .lenient)
        #expect(lenient.columnData[1].nullCount == 1)
        // A batch sliced, and columns whose names repeat, are cast alike.
        let twice = try RecordBatch(names: ["v", "v"], columns: [StringArray(["1", "2", "3"]), StringArray(["4", "5", "6"])])
        let sliced = try twice.slice(1, 2).cast(["v": .int16])
        #expect(sliced.schema.fields.map(\.type) == [.int16, .int16])
        #expect(try CastTest.texts(sliced.columnData[1]) == ["5", "6"])
    }

    @Test func schemasLoseTheDictionaryIdsOfCastFields() throws {
        let schema = Schema([Field("d", .dictionary(index: .int8, value: .utf8, ordered: false), dictionaryId: 3), Field("x", .int32)])
        let cast = try schema.casting(["d": .utf8, "x": .int32])
        #expect(cast.fields[0] == Field("d", .utf8))
        #expect(cast.fields[1] == Field("x", .int32))
    }

    @Test func castOptionsBuild() {
        let options = CastOptions.strict.mode(.lenient).timestampFormats(["%Y"])
        #expect(options == CastOptions(mode: .lenient, timestampFormats: ["%Y"]))
        #expect(CastOptions() == .strict)
    }
}
