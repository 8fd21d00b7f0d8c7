import ArgumentParser
import ArrowIPC
import Foundation

/// `arrow-ipc cat`: print rows of a file or stream as a table, CSV or JSON lines.
struct Cat: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print rows of an Arrow file or stream.",
        discussion: """
            Rows are 0-based and written as Python slices: 5, -1 (the last), 2:10, 0:100:5, -10:, \
            or a list 1,4,9. Columns are names or positions, comma-separated. Only the batches \
            holding selected rows, and only the selected columns, are decoded. An input \
            without columns prints no rows.
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, csv, jsonl
    }

    @Argument(help: "The file or stream, or - for standard input.")
    var input: String

    @Option(parsing: .unconditional, help: "The rows to print, e.g. 5, -1, 2:10, 0:100:5, -10:, 1,4,9. Default: all.")
    var rows: String?

    @Option(parsing: .unconditional, help: "The columns to print, by name or position, comma-separated. Default: all.")
    var columns: String?

    @Option(help: "table (aligned, for people), csv or jsonl.")
    var output: OutputFormat = .table

    @OptionGroup(title: "Input")
    var inputOptions: InputOptions

    func validate() throws {
        guard let rows else { return }
        do {
            _ = try RowSelection(parsing: rows)
        } catch let error as ArrowError {
            throw ValidationError(error.reason)
        }
    }

    func run() throws {
        var source = try inputOptions.open(input)
        let schema = source.schema
        let projection = try columns.map { try ColumnSelection(parsing: $0).resolve(schema: schema) }
        let selection = try rows.map { try RowSelection(parsing: $0) } ?? .all
        let selectedSchema = Schema(projection.map { $0.map { schema.fields[$0] } } ?? schema.fields, metadata: schema.metadata)
        let printer: any RowWriter = switch output {
        case .table: TableRenderer(schema: selectedSchema, output: StandardOutput.write)
        case .csv: CSVWriter(schema: selectedSchema, output: StandardOutput.write)
        case .jsonl: JSONLinesWriter(schema: selectedSchema, output: StandardOutput.write)
        }

        if selectedSchema.fields.isEmpty {
            // Rows without columns have nothing to print, and a tiny input can claim 2^62 of
            // them: only count them, for the table's footer.
            try printer.finish(totalRowCount: try source.countRows(), totalColumnCount: 0)
            return
        }
        let totalRows = try source.forEachSelectedBatch(rows: selection, columns: projection) { batch, rows in
            try printer.write(batch, rows: rows)
        }
        try printer.finish(totalRowCount: totalRows, totalColumnCount: schema.fields.count)
    }
}
