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
            var total = 0
            try source.forEachBatch(columns: projection) { total = try addRows(total, $0.rowCount) }
            try printer.finish(totalRowCount: total, totalColumnCount: 0)
            return
        }
        var totalRows: Int?
        switch source {
        case .file(let reader):
            let counts = try (0..<reader.recordBatchCount).map { try reader.recordBatchInfo(at: $0).rowCount }
            let total = try counts.reduce(0, addRows)
            for piece in try selection.resolve(rowCount: total).pieces(batchRowCounts: counts) {
                try printer.write(try reader.recordBatch(at: piece.batch, columns: projection), rows: piece.rows)
            }
            totalRows = total
        case .stream, .featherV1:
            if var selector = StreamingRowSelector(selection) {
                var seen = 0
                try source.forEachBatch(columns: projection, until: { selector.isFinished }) { batch in
                    seen = try addRows(seen, batch.rowCount)
                    for run in try selector.rows(inNextBatchOf: batch.rowCount) {
                        try printer.write(batch, rows: run)
                    }
                }
                try selector.finish()
                totalRows = selector.isFinished ? nil : seen
            } else {
                // A selection that counts from the end needs the row count first: hold the
                // batches that can still hold selected rows, and only those.
                var held: [Int: (firstRow: Int, batch: RecordBatch)] = [:]
                var counts: [Int] = []
                var total = 0
                // Pruned whenever the batches held have doubled since the last pruning: at most
                // twice the batches needed (plus one) are held, in linear time overall.
                var keptAtLastPruning = 0
                try source.forEachBatch(columns: projection) { batch in
                    held[counts.count] = (total, batch)
                    counts.append(batch.rowCount)
                    total = try addRows(total, batch.rowCount)
                    if held.count > 2 * keptAtLastPruning {
                        held = held.filter { _, kept in
                            selection.mayHoldSelectedRows(
                                kept.firstRow..<(kept.firstRow + kept.batch.rowCount), rowCountAtLeast: total)
                        }
                        keptAtLastPruning = held.count
                    }
                }
                for piece in try selection.resolve(rowCount: total).pieces(batchRowCounts: counts) {
                    guard let batch = held[piece.batch]?.batch else {
                        throw CommandFailure(message: "internal error: batch \(piece.batch) holds selected rows but was not kept")
                    }
                    try printer.write(batch, rows: piece.rows)
                }
                totalRows = total
            }
        }
        try printer.finish(totalRowCount: totalRows, totalColumnCount: schema.fields.count)
    }
}
