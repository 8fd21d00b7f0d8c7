import Foundation
import Testing
@testable import ArrowIPC

/// The inputs in `Regressions/` (see its README): each once crashed, hung or misled a reader,
/// and each must now end as `expected` says.
@Suite struct RegressionInputTests {
    /// How reading a regression input ends.
    enum Outcome {
        /// The stream reader throws an `ArrowError` whose reason contains this.
        case error(containing: String)
        /// The stream reads, with this many rows in all.
        case reads(rows: Int)
    }

    static let expected: [String: Outcome] = [
        "info-length-overflow-lz4.arrows": .error(containing: "declares an uncompressed length of 9223372036854775800"),
        "info-length-overflow-zstd.arrows": .error(containing: "declares an uncompressed length of 9223372036854775800"),
        "no-columns-huge-row-count.arrows": .reads(rows: 1 << 60),
        "stream-without-end-marker.arrows": .reads(rows: 5),
    ]

    static var folder: URL? { Bundle.module.url(forResource: "Regressions", withExtension: nil) }

    static var inputs: [String] {
        guard let folder else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0 != "README.md" }.sorted()
    }

    @Test func everyInputHasAnExpectedOutcome() {
        #expect(Set(Self.inputs) == Set(Self.expected.keys))
    }

    @Test(arguments: inputs)
    func inputEndsAsExpected(_ name: String) throws {
        let url = try #require(Self.folder).appendingPathComponent(name)
        let data = try Data(contentsOf: url)
        let options = ArrowReadOptions(validation: .full)
        let outcome = try #require(Self.expected[name])

        var rows = 0
        var failure: ArrowError?
        do {
            let headers = try ArrowStreamReader(data: data, options: options)
            while try headers.nextInfo() != nil {}
            let stream = try ArrowStreamReader(data: data, options: options)
            while let batch = try stream.next() {
                rows += batch.rowCount
                formatSomeValues(batch)
            }
        } catch let error as ArrowError {
            failure = error
        }
        switch outcome {
        case .error(let fragment):
            #expect(failure?.reason.contains(fragment) == true, "\(name): \(failure.map(String.init(describing:)) ?? "no error")")
        case .reads(let expectedRows):
            #expect(failure == nil && rows == expectedRows, "\(name): \(rows) rows, \(failure.map(String.init(describing:)) ?? "no error")")
        }
        // Read as a file, the same bytes end in an error or batches, never a trap.
        do {
            let file = try ArrowFileReader(data: data, options: options)
            for index in 0..<file.recordBatchCount {
                _ = try file.recordBatchInfo(at: index)
                formatSomeValues(try file.recordBatch(at: index))
            }
        } catch is ArrowError {}
    }

    /// Formats the first values of each column, row by row: bounded, since a batch without
    /// columns can claim any number of rows.
    private func formatSomeValues(_ batch: RecordBatch) {
        for row in 0..<min(batch.rowCount, 1000) {
            for column in batch.columnData where row < column.length {
                _ = try? ValueFormatter.text(column, at: row)
            }
        }
    }
}
