import Foundation
import Testing
@testable import ArrowIPC

/// Take, filter, slice and concatenation on record batches and tables: rows numbered across
/// batches, columns of every type, schemas that do not match.
@Suite struct TableSelectionTests {
    private let schema = Schema([Field("n", .int64), Field("s", .utf8)], metadata: ["origin": "test"])

    private func batch(_ numbers: [Int64?], _ strings: [String?]) throws -> RecordBatch {
        try RecordBatch(schema: schema, columns: [Int64Array(numbers), StringArray(strings)], metadata: ["batch": "x"])
    }

    /// Three batches, the middle one empty: rows 0...4 are n = 0...4, s = "r0"..."r4" (row 3 null).
    private func table() throws -> Table {
        try Table(schema: schema, batches: [
            batch([0, 1], ["r0", "r1"]), batch([], []), batch([2, nil, 4], ["r2", nil, "r4"]),
        ])
    }

    private func numbers(_ table: Table) throws -> [Int64?] {
        try table.batches.flatMap { Array(try Int64Array($0.columnData[0])) }
    }

    private func strings(_ table: Table) throws -> [String?] {
        try table.batches.flatMap { Array(try StringArray($0.columnData[1])) }
    }

    @Test func tableTakeNumbersRowsAcrossBatches() throws {
        let taken = try table().take([4, 0, 2, 2, 3])
        #expect(taken.batches.count == 1)
        #expect(taken.schema == schema)
        #expect(try numbers(taken) == [4, 0, 2, 2, nil])
        #expect(try strings(taken) == ["r4", "r0", "r2", "r2", nil])
        let withNulls = try table().take(Int16Array([nil, 1, nil]))
        #expect(try numbers(withNulls) == [nil, 1, nil])
        #expect(try strings(withNulls) == [nil, "r1", nil])
        try withNulls.batches[0].validate(.full)
        #expect(try table().take([]).rowCount == 0)
    }

    @Test func tableFilterKeepsTheBatches() throws {
        let filtered = try table().filter([true, false, false, true, true])
        #expect(filtered.batches.map(\.rowCount) == [1, 0, 2])
        #expect(try numbers(filtered) == [0, nil, 4])
        let mask = BooleanArray([nil, true, true, nil, false])
        #expect(try numbers(table().filter(mask)) == [1, 2])
        #expect(try strings(table().filter(mask, nullSelection: .emitNull)) == [nil, "r1", "r2", nil])
        #expect(try table().filter(mask, nullSelection: .emitNull).batches.map(\.rowCount) == [2, 0, 2])
    }

    @Test func batchTakeAndFilterKeepSchemaAndMetadata() throws {
        let source = try batch([1, 2, 3], ["a", nil, "c"])
        let taken = try source.take([2, 1])
        #expect(taken.schema == schema && taken.metadata == ["batch": "x"])
        #expect(Array(try Int64Array(taken.columnData[0])) == [3, 2])
        let filtered = try source.filter(BooleanArray([true, nil, true]))
        #expect(filtered.metadata == ["batch": "x"] && filtered.rowCount == 2)
        #expect(Array(try StringArray(filtered.columnData[1])) == ["a", "c"])
        // A sparse mask takes the kept rows by index, once for every column.
        let long = try batch((0..<1000).map { Int64($0) }, (0..<1000).map { "row \($0)" })
        let sparse = try long.filter((0..<1000).map { $0 % 100 == 3 })
        #expect(Array(try Int64Array(sparse.columnData[0])) == (0..<10).map { Int64($0 * 100 + 3) })
        #expect(Array(try StringArray(sparse.columnData[1])).last == "row 903")
    }

    @Test func tableSliceSpansBatches() throws {
        let sliced = try table().slice(1, 3)
        #expect(try numbers(sliced) == [1, 2, nil])
        #expect(sliced.batches.count == 2)
        #expect(try table().slice(5, 0).rowCount == 0)
        #expect(try numbers(table().slice(0, 5)) == [0, 1, 2, nil, 4])
        #expect(throws: ArrowError.self) { try table().slice(-1, 2) }
    }

    @Test func combinedBatchJoinsTheBatches() throws {
        let combined = try table().combinedBatch()
        #expect(combined.rowCount == 5)
        #expect(Array(try Int64Array(combined.columnData[0])) == [0, 1, 2, nil, 4])
        #expect(combined.schema == schema)
        let empty = try Table(schema: schema, batches: []).combinedBatch()
        #expect(empty.rowCount == 0 && empty.columnCount == 2)
        try empty.validate(.full)
    }

    @Test func concatenationNamesTheBatchAndColumnThatDiffer() throws {
        let first = try batch([1], ["a"])
        let renamed = try RecordBatch(names: ["n", "t"], columns: [Int64Array([2]), StringArray(["b"])])
        let retyped = try RecordBatch(names: ["n", "s"], columns: [Int32Array([2]), StringArray(["b"])])
        let narrower = try RecordBatch(names: ["n"], columns: [Int64Array([2])])
        func reason(_ batches: [RecordBatch]) -> String? {
            do {
                _ = try RecordBatch.concatenate(batches)
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(reason([first, first, renamed])
            == "invalid argument: batch 2 column 1 is 't' of type string, but in batch 0 it is 's' of type string")
        #expect(reason([first, retyped])
            == "invalid argument: batch 1 column 0 is 'n' of type int32, but in batch 0 it is 'n' of type int64")
        #expect(reason([first, narrower]) == "invalid argument: batch 1 has 1 columns, batch 0 has 2")
        #expect(reason([]) == "invalid argument: concatenating batches needs at least one batch")
        let joined = try RecordBatch.concatenate([first, try batch([nil, 3], [nil, "c"])])
        #expect(Array(try StringArray(joined.columnData[1])) == ["a", nil, "c"])
    }

    @Test func tablesTakeEveryTypeAcrossBatches() throws {
        // One column per sample type, in three batches of the sample cut in pieces.
        let samples = try KernelTypeTests.samples.map { try $0.1() }
        let fields = samples.enumerated().map { Field("c\($0.offset)", $0.element.type) }
        let schema = Schema(fields)
        let pieces = [(0, 2), (2, 0), (2, 4)]
        let batches = try pieces.map { start, count in
            RecordBatch(schema: schema, columnData: try samples.map { try $0.slice(start, count) }, rowCount: count, metadata: [:])
        }
        let table = try Table(schema: schema, batches: batches)
        let picks: [Int?] = [5, nil, 0, 3, 1, 2, 2, 4]
        let taken = try table.take(Int64Array(picks.map { $0.map(Int64.init) }))
        for (index, sample) in samples.enumerated() {
            try KernelTypeTests.expect(
                taken.batches[0].columnData[index], picks: picks, from: sample, "\(KernelTypeTests.names[index]) across batches")
        }
        // From no batches at all, null rows of every type.
        let nothing = try Table(schema: schema, batches: []).take(Int8Array([nil, nil]))
        for (index, sample) in samples.enumerated() {
            try KernelTypeTests.expect(
                nothing.batches[0].columnData[index], picks: [nil, nil], from: sample, "\(KernelTypeTests.names[index]) from no batch")
        }
    }

    @Test func differentDictionariesAreMergedForATake() throws {
        let type = DataType.dictionary(index: .int8, value: .utf8, ordered: false)
        let schema = Schema([Field("d", type)])
        let first = try DictionaryArray(indices: Int8Array([0, 1]), dictionary: StringArray(["a", "b"]))
        let second = try DictionaryArray(indices: Int8Array([1, 0, nil]), dictionary: StringArray(["c", "d"]))
        let table = try Table(schema: schema, batches: [
            RecordBatch(schema: schema, columns: [first]), RecordBatch(schema: schema, columns: [second]),
        ])
        let column = try table.take([2, 0, 4, 3]).batches[0].columnData[0]
        try column.validate(.full)
        let values = try (0..<4).map { try column.slice($0, 1) }
        let expected = try [second.data.slice(0, 1), first.data.slice(0, 1), second.data.slice(2, 1), second.data.slice(1, 1)]
        for (value, wanted) in zip(values, expected) {
            #expect(value.firstDifference(from: wanted) == nil)
        }
        // A dictionary that grew by deltas is kept, the longest one.
        let grown = try DictionaryArray(indices: Int8Array([2]), dictionary: StringArray(["a", "b", "e"]))
        let deltas = try Table(schema: schema, batches: [
            RecordBatch(schema: schema, columns: [first]), RecordBatch(schema: schema, columns: [grown]),
        ])
        let taken = try deltas.take([2, 1]).batches[0].columnData[0]
        #expect(try #require(taken.dictionary).isIdentical(to: grown.data.dictionary!))
    }

    @Test func tablesOfMoreBatchesThanASelectionHoldAreJoinedFirst() throws {
        let schema = Schema([Field("n", .int32)])
        let count = Selection.maximumSources + 2
        let batches = try (0..<count).map { try RecordBatch(schema: schema, columns: [Int32Array([Int32($0)])]) }
        let table = try Table(schema: schema, batches: batches)
        let taken = try table.take([count - 1, 7, 0])
        #expect(Array(try Int32Array(taken.batches[0].columnData[0])) == [Int32(count - 1), 7, 0])
    }
}
