import ArgumentParser
import ArrowIPC
import Foundation

/// `arrow-ipc cat`: print rows of a file or stream as a table, CSV or JSON lines.
struct Cat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print rows of an Arrow file or stream.",
        discussion: """
            Rows are 0-based and written as Python slices: 5, -1 (the last), 2:10, 0:100:5, -10:, \
            or a list 1,4,9. Columns are names or positions, comma-separated. Only the batches \
            holding selected rows, and only the selected columns, are decoded. An input \
            without columns prints no rows. --cast converts columns before printing, as \
            pyarrow's cast does (only the rows printed are converted).

            --time-column and --series print a time series: the time column (a date or \
            timestamp column; by default the first) and then the other selected columns, with \
            the rows sorted by time (--series time, each time at most once) or in input order \
            (--series event, times may repeat). --rows selects input rows before they are \
            sorted. A null time, or a repeated one in a time series, is an error. Timestamps \
            with a time zone print as the wall time in that zone and its offset \
            (2024-03-01 09:30:00-05:00), or with Z in UTC.
            """)

    /// The kinds of series `--series` prints.
    enum SeriesKind: String, ExpressibleByArgument, CaseIterable {
        case time, event
    }

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

    @Option(help: ArgumentHelp("The date or timestamp column to index a series by (implies --series time). Default: the first such column.", valueName: "name"))
    var timeColumn: String?

    @Option(help: "Print a series: time (sorted by the time column) or event (input order, repeated times allowed).")
    var series: SeriesKind?

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
        if timeColumn != nil || series != nil { return try printSeries() }
        let casts = try castArguments.types()
        var source = try inputOptions.open(input)
        let schema = source.schema
        _ = try castArguments.schema(schema, casting: casts)
        let projection = try columns.map { try ColumnSelection(parsing: $0).resolve(schema: schema) }
        let selection = try rows.map { try RowSelection(parsing: $0) } ?? .all
        let projected = Schema(projection.map { $0.map { schema.fields[$0] } } ?? schema.fields, metadata: schema.metadata)
        let selectedSchema = try castArguments.schema(projected, casting: casts.filter { projected.index(of: $0.key) != nil })
        let printer = makePrinter(selectedSchema)

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

    /// The writer of `schema`'s rows in the `--output` format.
    private func makePrinter(_ schema: Schema) -> any RowWriter {
        switch output {
        case .table: TableRenderer(schema: schema, bytes: StandardOutput.write)
        case .csv: CSVWriter(schema: schema, bytes: StandardOutput.write)
        case .jsonl: JSONLinesWriter(schema: schema, bytes: StandardOutput.write)
        }
    }

    /// Prints the selected rows as a time or event series: the time column first, then the
    /// other selected columns.
    private func printSeries() throws {
        let casts = try castArguments.types()
        let source = try openWhole()
        _ = try castArguments.schema(source.schema, casting: casts)
        let columns = try columns.map { try ColumnSelection(parsing: $0) }
        let selection = try rows.map { try RowSelection(parsing: $0) } ?? .all
        let options = ImportOptions(schema: casts, lenient: castArguments.lenient, timestampFormats: castArguments.timeFormats)
        let series = switch series ?? .time {
        case .time: try source.timeSeries(timeColumn: timeColumn, rows: selection, columns: columns, options: options)
        case .event: try source.eventSeries(timeColumn: timeColumn, rows: selection, columns: columns, options: options)
        }
        let printer = makePrinter(series.table.schema)
        for batch in series.table.batches { try printer.write(batch) }
        try printer.finish(totalRowCount: source.rowCount, totalColumnCount: source.columnCount)
    }

    /// The input, opened so that it can be read more than once: a regular file in place,
    /// anything else (standard input, a FIFO, a device) read whole into memory.
    private func openWhole() throws -> ArrowIPCSource {
        let options = inputOptions.readOptions()
        var info = stat()
        if input != "-", stat(input, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            return try ArrowIPCSource(url: URL(fileURLWithPath: input), options: options)
        }
        return try ArrowIPCSource(readingWhole: try inputOptions.open(input), options: options)
    }
}
