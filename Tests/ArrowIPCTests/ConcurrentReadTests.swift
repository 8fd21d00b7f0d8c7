import Foundation
import Testing
@testable import ArrowIPC

/// Readers are values that tasks share: many tasks reading the batches of one file at once get
/// the same batches as one task reading them in turn.
@Suite struct ConcurrentReadTests {
    /// Eight different batches with a dictionary column, whose dictionary the file reader
    /// loads once, lazily, whichever task asks first.
    private func batches() throws -> [RecordBatch] {
        try (0..<8).map { seed in
            let rows = 500 + seed * 37
            let colors = try DictionaryArray(
                indices: Int16Array((0..<rows).map { $0 % 9 == 0 ? nil : Int16(($0 + seed) % 4) }),
                dictionary: StringArray(["red", "green", "blue", "violet"]))
            return try RecordBatch(names: ["n", "s", "color"], columns: [
                Int64Array((0..<rows).map { $0 % 7 == 0 ? nil : Int64($0 * (seed + 1)) }),
                StringArray((0..<rows).map { "row \($0) of batch \(seed)" }),
                colors,
            ])
        }
    }

    @Test func manyTasksReadOneFileAtOnce() async throws {
        let expected = try batches()
        let writer = try ArrowFileWriter(schema: expected[0].schema)
        for batch in expected { try writer.write(batch) }
        let reader = try ArrowFileReader(data: try writer.finish(), options: ArrowReadOptions(validation: .full))
        try await withThrowingTaskGroup(of: [Int].self) { group in
            for task in 0..<16 {
                group.addTask {
                    // Each task reads every batch, starting at a different one, some columns only.
                    var mismatches: [Int] = []
                    for step in 0..<expected.count {
                        let index = (task + step) % expected.count
                        let whole = try reader.recordBatch(at: index)
                        let colors = try reader.recordBatch(at: index, columns: [2])
                        if !whole.isEqual(to: expected[index]) || !colors.columnData[0].isEqual(to: expected[index].columnData[2]) {
                            mismatches.append(index)
                        }
                    }
                    return mismatches
                }
            }
            for try await mismatches in group { #expect(mismatches.isEmpty) }
        }
    }

    @Test func manyTasksReadCopiesOfOneStream() async throws {
        let expected = try batches()
        let writer = try ArrowStreamWriter(schema: expected[0].schema)
        for batch in expected { try writer.write(batch) }
        let bytes = try writer.finish()
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let reader = try ArrowStreamReader(data: bytes)
                    let read = try reader.readAll()
                    return read.count == expected.count && zip(read, expected).allSatisfy { $0.isEqual(to: $1) }
                }
            }
            for try await same in group { #expect(same) }
        }
    }
}
