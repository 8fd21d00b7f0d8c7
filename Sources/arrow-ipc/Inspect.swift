import ArgumentParser
import ArrowIPC
import Foundation

/// `arrow-ipc inspect`: what a file or stream holds, without printing its data.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
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

    @Option(help: ArgumentHelp(
        "Print one element instead of the summary: \(ImportElement.metadataElements.map(\.rawValue).joined(separator: ", ")), or rules (all of them).",
        valueName: "name"))
    var element: ImportElement?

    @Flag(help: "Print JSON instead of text: the summary as one object, an element as one JSON value (see the README).")
    var json = false

    func validate() throws {
        if let element, !ImportElement.metadataElements.contains(element), element != .rules {
            throw ValidationError("--element \(element) is data, not metadata: print it with `arrow-ipc cat`")
        }
    }

    @OptionGroup(title: "Input")
    var inputOptions: InputOptions

    func run() throws {
        var source = try inputOptions.open(input)
        var summary = try source.summary()
        if case .stream = source {
            var info = stat()
            if input != "-", stat(input, &info) == 0, info.st_mode & S_IFMT == S_IFREG { summary.fileSize = Int(info.st_size) }
        }
        let element = element ?? .summary
        try StandardOutput.write((json ? try summary.json(of: element) : try summary.text(of: element)) + "\n")
    }
}

extension ImportElement: ExpressibleByArgument {}
