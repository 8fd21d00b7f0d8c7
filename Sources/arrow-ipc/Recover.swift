import ArgumentParser
import ArrowIPC
import Foundation

/// `arrow-ipc recover`: keep the complete batches of a truncated or damaged file or stream.
struct Recover: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Recover the complete batches of a truncated or damaged Arrow file or stream into a valid one.",
        discussion: """
            A crash while writing, or a cut download, leaves a file without its footer or a \
            stream that ends inside a message, which readers refuse, though every batch before \
            the cut is still there. recover reads the input front to back (a file as the stream \
            after its magic, so a missing or damaged footer does not matter), and writes every \
            complete batch before the first message that is cut or does not decode, with the \
            dictionaries it needs, one batch at a time. The schema and its metadata, each \
            batch's metadata, and (file to file, when the footer still reads) the footer's \
            metadata are kept. With --full every value is checked, so that a batch with corrupt \
            values ends the recovery too.

            It prints how many batches and rows were kept, and where the input broke: the byte \
            offset and index of the first message not kept (the schema is message 0), and why. \
            Exits 0 when the output was written, even with no batches (a cut before the first \
            batch still leaves the schema, a valid empty output); exits 1, writing nothing, when \
            the input has no whole schema message or is not Arrow. The output appears whole or \
            not at all; it may be the input itself.
            """)

    @Argument(help: "The truncated or damaged file or stream.")
    var input: String

    @Argument(help: "The output path.")
    var output: String

    @Option(help: "The output format: file or stream. Default: stream for .arrows/.stream names, file otherwise.")
    var format: ArrowIPCFormat?

    @Option(help: "Buffer compression of the output: none, lz4 or zstd.")
    var compression: CompressionChoice = .none

    @Flag(help: "Also check every value of every batch (offsets, UTF-8, dictionary indices...): the first batch that fails ends the recovery.")
    var full = false

    @Flag(help: "Do not flush the output to disk before naming it: faster, but a crash or power loss soon after can lose it.")
    var noSync = false

    @OptionGroup(title: "Input")
    var limits: ReaderLimitOptions

    func validate() throws {
        if input == "-" || output == "-" {
            throw ValidationError("recover reads a file and writes a file, not standard input or output (-)")
        }
    }

    func run() throws {
        let readOptions = limits.readOptions(ArrowReadOptions(validation: full ? .full : .default))
        let writeOptions = ArrowWriteOptions(compression: compression.codec, syncsToDisk: !noSync)
        let report = try ArrowRecovery.recover(
            from: URL(fileURLWithPath: input), to: URL(fileURLWithPath: output), format: format,
            readOptions: readOptions, writeOptions: writeOptions)
        let kept = "\(report.batchesKept) \(report.batchesKept == 1 ? "batch" : "batches"), \(report.rowsKept) rows"
        guard let damage = report.breakPoint else {
            try StandardOutput.write("recovered \(kept) of a whole \(report.inputFormat) into a \(report.outputFormat)\n")
            return
        }
        try StandardOutput.write(
            "recovered \(kept) of a \(report.inputFormat) into a \(report.outputFormat); the input breaks at byte \(damage.offset) (message \(damage.messageIndex)): \(damage.reason)\n")
    }
}
