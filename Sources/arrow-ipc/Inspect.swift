import ArgumentParser
import ArrowIPC
import Foundation

/// `arrow-ipc inspect`: what a file or stream holds, without printing its data.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the format, schema, metadata, row, column and batch counts of an Arrow file or stream.",
        discussion: """
            For the file format only the footer and the batches' message headers are read, never \
            the data. A stream is read through once, one batch at a time.

            Each column shows its type, nullability and metadata; a dictionary-encoded column also \
            its dictionary id, index type and ordering, and an extension column its extension name, \
            storage type and metadata (an extension this tool does not know is shown as its storage \
            type, marked "not registered").
            """)

    @Argument(help: "The file or stream, or - for standard input.")
    var input: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let summary: FileSummary
        switch try Input.open(input) {
        case .file(let reader):
            let batches = try (0..<reader.recordBatchCount).map { index in
                let info = try reader.recordBatchInfo(at: index)
                return FileSummary.Batch(rowCount: info.rowCount, metadata: info.metadata)
            }
            summary = FileSummary(
                format: .file, schema: reader.schema, batches: batches, fileSize: reader.fileSize,
                footerMetadata: reader.metadata)
        case .stream(var reader):
            var batches: [FileSummary.Batch] = []
            while let batch = try reader.next(columns: []) {
                batches.append(FileSummary.Batch(rowCount: batch.rowCount, metadata: batch.metadata))
            }
            let size = input == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? nil
            summary = FileSummary(format: .stream, schema: reader.schema, batches: batches, fileSize: size)
        }
        print(json ? summary.renderJSON() : summary.renderText(), terminator: "")
    }
}
