import ArgumentParser
import ArrowIPC
import Foundation

/// `arrow-ipc validate`: check a file or stream and say what is wrong and where.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that an Arrow file or stream is valid.",
        discussion: """
            Decodes every batch and checks its structure: message framing, metadata, buffer \
            ranges and sizes, offsets. With --full it also checks UTF-8 and every value-level \
            rule. Exits 0 when valid; otherwise prints what is wrong and where and exits 1.
            """)

    @Argument(help: "The file or stream to check, or - for standard input.")
    var input: String

    @Flag(help: "Also check every value: UTF-8 strings, offsets, nested data.")
    var full = false

    func run() throws {
        var source = try Input.open(input, validation: full ? .full : .default)
        var batches = 0
        var rows = 0
        try source.forEachBatch { batch in
            batches += 1
            rows = try addRows(rows, batch.rowCount)
        }
        print("valid \(source.format): \(source.schema.fields.count) columns, \(batches) batches, \(rows) rows")
    }
}
