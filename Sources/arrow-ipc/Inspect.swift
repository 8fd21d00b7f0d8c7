import ArgumentParser
import ArrowIPC
import Foundation

/// `arrow-ipc inspect`: what a file or stream holds, without printing its data.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the format, schema, metadata, row, column and batch counts of an Arrow file or stream.",
        discussion: """
            For the file format only the footer and the batches' message headers are read, never \
            the data. A stream is read through once, one batch at a time. A legacy Feather V1 \
            file (format "Feather V1") is one batch; only its metadata is read.

            Each column shows its type, nullability and metadata; a dictionary-encoded column also \
            its dictionary id, index type and ordering, and an extension column its extension name, \
            storage type and metadata (an extension this tool does not know is shown as its storage \
            type, marked "not registered").

            The compression line names the codec of the first batch (lz4 or zstd, or none) and, \
            for a compressed input, the size of all batch bodies as stored and decompressed, from \
            the buffers' length prefixes; no batch is decompressed (a stream's dictionary batches \
            are decoded as they come, as later batches need them).
            """)

    @Argument(help: "The file or stream, or - for standard input.")
    var input: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @OptionGroup(title: "Input")
    var inputOptions: InputOptions

    func run() throws {
        let summary: FileSummary
        switch try inputOptions.open(input) {
        case .file(let reader):
            let infos = try (0..<reader.recordBatchCount).map { try reader.recordBatchInfo(at: $0) }
            summary = FileSummary(
                format: .file, schema: reader.schema, batches: infos.map(FileSummary.Batch.init),
                fileSize: reader.fileSize, footerMetadata: reader.metadata, compression: infos.first?.compression)
        case .stream(var reader):
            var infos: [RecordBatchInfo] = []
            while let info = try reader.nextInfo() { infos.append(info) }
            var info = stat()
            let isRegular = input != "-" && stat(input, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
            let size = isRegular ? Int(info.st_size) : nil
            summary = FileSummary(
                format: .stream, schema: reader.schema, batches: infos.map(FileSummary.Batch.init), fileSize: size,
                compression: infos.first?.compression)
        case .featherV1(let reader):
            summary = FileSummary(
                format: .featherV1, schema: reader.schema, batches: [FileSummary.Batch(rowCount: reader.rowCount)],
                fileSize: reader.fileSize)
        }
        try StandardOutput.write(json ? summary.renderJSON() : summary.renderText())
    }
}
