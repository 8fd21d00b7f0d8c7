import Foundation
import Testing
@testable import ArrowIPC

/// Take and filter on every column of every golden integration file, checked against an
/// oracle that shares no code with the kernels: the concatenation of one-slot slices
/// (`ArrayData.slice` + `ArrayData.concatenate`). Results must also pass full validation.
@Suite(.enabled(if: GoldenData.root != nil, "the Arrow golden files (../shared/arrow-testing/data or ARROW_TESTING_DATA) are absent"))
struct KernelOracleTests {
    /// The little-endian 1.0.0 set, and Arrow C++ 21's for views, list views and run-end encoding.
    static let cases = GoldenCases.all
        .filter { $0.set == "1.0.0-littleendian" || $0.set == "cpp-21.0.0" }
        .map { "\($0.set)/\($0.name)" }

    private func batches(_ id: String) throws -> [RecordBatch] {
        try ArrowFileReader(url: GoldenCases.url(id, "arrow_file"), options: ArrowReadOptions(validation: .full)).readAll()
    }

    /// The slots at `indices` of `array`, by slicing.
    private func oracle(_ array: ArrayData, _ indices: [Int]) throws -> ArrayData {
        try joined(indices.map { try array.slice($0, 1) }, empty: array.slice(0, 0))
    }

    /// The one-slot `slices` concatenated, or `empty` when there are none.
    private func joined(_ slices: [ArrayData], empty: ArrayData) throws -> ArrayData {
        slices.isEmpty ? empty : try ArrayData.concatenate(slices)
    }

    private func check(_ result: ArrayData, _ expected: ArrayData, _ what: @autoclosure () -> String) throws {
        #expect(result.firstDifference(from: expected) == nil, "\(what()): \(result.firstDifference(from: expected) ?? "")")
        #expect(throws: Never.self, "\(what()) validates") { try result.validate(.full) }
    }

    @Test(arguments: cases)
    func takeEqualsConcatenatedSlices(_ id: String) throws {
        var random = SeededRandom(seed: UInt64(id.utf8.reduce(7) { $0 &* 31 &+ Int($1) }.magnitude))
        for (batchIndex, batch) in try batches(id).enumerated() {
            for (column, array) in batch.columnData.enumerated() {
                for sliced in [false, true] {
                    let source = sliced && array.length >= 2 ? try array.slice(1, array.length - 2) : array
                    let count = source.length == 0 ? 0 : random.below(2 * source.length + 3)
                    let indices = (0..<count).map { _ in random.below(source.length) }
                    let what = "\(id) batch \(batchIndex) column \(column) (\(source.type))\(sliced ? " sliced" : "") take \(indices)"
                    try check(try source.take(indices), try oracle(source, indices), what)
                    // The same through an index array of another width.
                    let narrow = UInt16Array(indices.map { UInt16(truncatingIfNeeded: $0) })
                    if source.length <= Int(UInt16.max) {
                        try check(try source.take(narrow.data), try oracle(source, indices), what + " as uint16")
                    }
                }
            }
        }
    }

    @Test(arguments: cases)
    func filterEqualsConcatenatedSlices(_ id: String) throws {
        var random = SeededRandom(seed: UInt64(id.utf8.count) &* 977)
        for (batchIndex, batch) in try batches(id).enumerated() {
            for (column, array) in batch.columnData.enumerated() {
                for sliced in [false, true] {
                    let source = sliced && array.length >= 2 ? try array.slice(1, array.length - 2) : array
                    let density = random.below(101)
                    let mask = (0..<source.length).map { _ in random.below(100) < density }
                    let kept = mask.indices.filter { mask[$0] }
                    let what = "\(id) batch \(batchIndex) column \(column) (\(source.type))\(sliced ? " sliced" : "") filter \(mask)"
                    try check(try source.filter(mask), try oracle(source, kept), what)
                }
            }
        }
    }

    @Test(arguments: cases)
    func tableTakeAndFilterEqualConcatenatedSlices(_ id: String) throws {
        let batches = try batches(id)
        guard let first = batches.first else { return }
        let table = try Table(schema: first.schema, batches: batches)
        var random = SeededRandom(seed: 99)
        // Where each row of the table is: (batch, row in batch).
        let rows = batches.enumerated().flatMap { index, batch in (0..<batch.rowCount).map { (index, $0) } }
        let indices = table.rowCount == 0 ? [] : (0..<(2 * table.rowCount)).map { _ in random.below(table.rowCount) }
        let mask = (0..<table.rowCount).map { _ in random.below(3) == 0 }
        let taken = try table.take(indices)
        let filtered = try table.filter(mask)
        #expect(taken.batches.count == 1)
        #expect(filtered.batches.count == batches.count)
        let filteredColumns = try (0..<table.columnCount).map { column in
            try ArrayData.concatenate(filtered.batches.map { $0.columnData[column] })
        }
        for column in 0..<table.columnCount {
            let empty = try batches[0].columnData[column].slice(0, 0)
            func row(_ index: Int) throws -> ArrayData {
                try batches[rows[index].0].columnData[column].slice(rows[index].1, 1)
            }
            let expectedTaken = try joined(indices.map(row), empty: empty)
            try check(taken.batches[0].columnData[column], expectedTaken, "\(id) column \(column) table take")
            let expectedFiltered = try joined(mask.indices.filter { mask[$0] }.map(row), empty: empty)
            try check(filteredColumns[column], expectedFiltered, "\(id) column \(column) table filter")
        }
    }
}
