import Foundation
import Testing
@testable import ArrowIPC

/// The fuzz regression corpus: inputs that crashed other Arrow readers. Each must end in a
/// thrown error or a valid result.
enum FuzzCorpus {
    static var files: [String] {
        guard let root = GoldenData.root else { return [] }
        var paths: [String] = []
        for folder in ["arrow-ipc-stream", "arrow-ipc-file"] {
            let directory = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names.sorted() where name.hasPrefix("crash-") || name.hasPrefix("clusterfuzz-") {
                paths.append("\(folder)/\(name)")
            }
        }
        return paths
    }
}

@Suite(.enabled(if: GoldenData.root != nil, "the Arrow fuzz regression files (../shared/arrow-testing/data) are absent"))
struct FuzzCorpusTests {
    @Test func corpusIsPresent() {
        #expect(FuzzCorpus.files.count > 100)
    }

    /// Reads every input as a file and as a stream, with full validation, and formats every
    /// value of whatever decodes.
    @Test(arguments: FuzzCorpus.files)
    func readingEndsInAnErrorOrAResult(_ path: String) throws {
        let url = GoldenData.root!.appendingPathComponent(path)
        let options = ArrowReadOptions(validation: .full)
        if let file = try? ArrowFileReader(url: url, options: options) {
            for index in 0..<file.recordBatchCount {
                if let batch = try? file.recordBatch(at: index) { touchEveryValue(batch) }
            }
        }
        do {
            try ImportExercise.run(try Data(contentsOf: url))
        } catch is ArrowError {
            // A refusal that says what is wrong.
        } catch {
            Issue.record("\(path) imported: \(type(of: error)) \(error), not an ArrowError")
        }
        if let stream = try? ArrowStreamReader(url: url, options: options) {
            while true {
                do {
                    guard let batch = try stream.next() else { break }
                    touchEveryValue(batch)
                } catch {
                    break
                }
            }
        }
    }

    private func touchEveryValue(_ batch: RecordBatch) {
        for column in batch.columnData {
            for row in 0..<min(column.length, 10_000) {
                _ = try? ValueFormatter.text(column, at: row)
            }
        }
    }
}
