import ArgumentParser
import ArrowIPC
import Foundation

/// `arrow-ipc validate`: check a file or stream and say what is wrong and where.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check that an Arrow file or stream is valid.",
        discussion: """
            Decodes every batch and checks its structure: message framing, metadata, buffer \
            ranges and sizes, child counts, the first and last offsets. With --full it also \
            checks every value: offsets in order, UTF-8, views, union type ids and offsets, \
            run ends, dictionary indices (and with --decimal-precision, decimals against \
            their precision, which real files often break). Exits 0 when valid; otherwise \
            prints what is wrong and where (batch, field path, buffer index) and exits 1.
            """)

    @Argument(help: "The file or stream to check, or - for standard input.")
    var input: String

    @Flag(help: "Also check every value: offsets, UTF-8 strings, views, unions, run ends, dictionary indices.")
    var full = false

    @Flag(help: "With --full, also check that every decimal has no more digits than its precision.")
    var decimalPrecision = false

    @OptionGroup(title: "Input")
    var inputOptions: InputOptions

    func validate() throws {
        if decimalPrecision && !full {
            throw ValidationError("--decimal-precision checks values, so it needs --full")
        }
    }

    func run() throws {
        let options = ArrowReadOptions(validation: full ? .full : .default, checksDecimalPrecision: decimalPrecision)
        var source = try inputOptions.open(input, options: options)
        var batches = 0
        var rows = 0
        try source.forEachBatch { batch in
            batches += 1
            rows = try addRows(rows, batch.rowCount)
        }
        try StandardOutput.write("valid \(source.format): \(source.schema.fields.count) columns, \(batches) batches, \(rows) rows\n")
    }
}
