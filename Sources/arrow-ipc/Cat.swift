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
            without columns prints no rows. --cast converts columns before printing, as \
            pyarrow's cast does (only the rows printed are converted).
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

    @OptionGroup(title: "Casts")
    var castArguments: CastArguments

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
        let casts = try castArguments.types()
        var source = try inputOptions.open(input)
        let schema = source.schema
        _ = try castArguments.schema(schema, casting: casts)
        let projection = try columns.map { try ColumnSelection(parsing: $0).resolve(schema: schema) }
        let selection = try rows.map { try RowSelection(parsing: $0) } ?? .all
        let projected = Schema(projection.map { $0.map { schema.fields[$0] } } ?? schema.fields, metadata: schema.metadata)
        let selectedSchema = try castArguments.schema(projected, casting: casts.filter { projected.index(of: $0.key) != nil })
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
        /// Writes `rows` of `batch`, whose first row is row `firstRow` of the input, cast.
        func write(_ batch: RecordBatch, rows: RowRun, firstRow: Int) throws {
            guard !casts.isEmpty, let first = rows.first, let last = rows.last else {
                return try printer.write(batch, rows: rows)
            }
            if rows.count == 1 || rows.step == 1 || rows.step == -1 {
                let low = min(first, last)
                let cast = try castArguments.cast(try batch.slice(low, rows.count), casts, firstRow: firstRow + low)
                try printer.write(cast, rows: rows.map { $0 - low })
            } else {
                for row in rows {
                    try printer.write(try castArguments.cast(try batch.slice(row, 1), casts, firstRow: firstRow + row), rows: [0])
                }
            }
        }
        let totalRows = try source.forEachSelectedBatch(rows: selection, columns: projection) { batch, rows, firstRow in
            try write(batch, rows: rows, firstRow: firstRow)
        }
        try printer.finish(totalRowCount: totalRows, totalColumnCount: schema.fields.count)
    }
}
