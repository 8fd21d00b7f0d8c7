/// Writes record batches as an aligned text table for people, batch by batch, to an output
/// closure:
///
/// ```
///    id  name   score
/// int64  utf8   double
/// -----  -----  ------
///     1  ada       1.5
///     2  null     null
/// 2 rows × 3 columns
/// ```
///
/// The first header line holds the column names, the second their types (`"\(type)"`), then a
/// rule. Numbers (integers, floats, decimals) are right-aligned, everything else left-aligned;
/// nulls read `null`; control characters are shown as escapes (`\n`); cells wider than
/// ``Options/maxColumnWidth`` columns are cut and end in `…`. The footer counts the rows and
/// columns shown, and the table's totals when a selection left some out
/// (`3 of 10 rows × 2 of 5 columns`).
///
/// Column widths come from the first ``Options/sampleRows`` rows, which are held until then;
/// later rows are written at once with those widths (a longer cell pushes its line out rather
/// than being cut further), so memory stays bounded however many rows follow.
public final class TableRenderer: RowWriter {
    /// How the table looks.
    public struct Options: Sendable, Hashable {
        /// The widest a cell may be, in terminal columns; at least 1.
        public var maxColumnWidth: Int
        /// Whether to write the line of column types under the names.
        public var showTypes: Bool
        /// How many rows to hold back to measure the column widths.
        public var sampleRows: Int

        /// Options with the given values; the defaults are 40 columns, types shown, 1000 rows.
        public init(maxColumnWidth: Int = 40, showTypes: Bool = true, sampleRows: Int = 1000) {
            self.maxColumnWidth = Swift.max(1, maxColumnWidth)
            self.showTypes = showTypes
            self.sampleRows = Swift.max(1, sampleRows)
        }
    }

    /// A piece of text and its width in terminal columns.
    private struct Cell {
        let text: String
        let width: Int
    }

    private let schema: Schema
    private let options: Options
    private let rightAligned: [Bool]
    private var output: BufferedTextOutput
    private var heldRows: [[Cell]] = []
    /// The column widths, once the header is written.
    private var widths: [Int]?
    private var rowsWritten = 0

    /// Makes a renderer of rows with `schema`'s columns that hands its text to `output`.
    public init(schema: Schema, options: Options = Options(), output: @escaping (String) throws -> Void) {
        self.schema = schema
        self.options = options
        self.rightAligned = schema.fields.map { Self.isNumeric($0.type) }
        self.output = BufferedTextOutput(output)
    }

    /// Writes the rows `rows` of `batch` (counted from the batch's start), in that order.
    public func write(_ batch: RecordBatch, rows: some Sequence<Int>) throws {
        try TabularOutput.checkColumns(of: batch, match: schema)
        for row in rows {
            let cells = try batch.columnData.map { column in
                cell(try ValueFormatter.text(column, at: row, truncatingAt: options.maxColumnWidth * 4 + 16) ?? "null")
            }
            rowsWritten += 1
            if let widths {
                try output.write(line(cells, widths: widths))
            } else {
                heldRows.append(cells)
                if heldRows.count >= options.sampleRows {
                    try writeHeaderAndHeldRows()
                }
            }
        }
    }

    /// Writes what is held back and the footer, and hands on everything collected.
    ///
    /// Pass the table's row and column counts when a selection showed only some of them; the
    /// footer then reads `3 of 10 rows × 2 of 5 columns`.
    public func finish(totalRowCount: Int? = nil, totalColumnCount: Int? = nil) throws {
        if widths == nil {
            try writeHeaderAndHeldRows()
        }
        try output.write(Self.footer(
            rows: rowsWritten, totalRows: totalRowCount, columns: schema.fields.count, totalColumns: totalColumnCount))
        try output.flush()
    }

    /// `N rows × M columns`, with `of` totals where they differ from what is shown.
    static func footer(rows: Int, totalRows: Int?, columns: Int, totalColumns: Int?) -> String {
        func count(_ shown: Int, _ total: Int?, _ noun: String) -> String {
            let plural = (total ?? shown) == 1 ? noun : noun + "s"
            if let total, total != shown {
                return "\(shown) of \(total) \(plural)"
            }
            return "\(shown) \(plural)"
        }
        return count(rows, totalRows, "row") + " × " + count(columns, totalColumns, "column") + "\n"
    }

    private func writeHeaderAndHeldRows() throws {
        let names = schema.fields.map { cell($0.name) }
        let types = schema.fields.map { cell("\($0.type)") }
        var widths = zip(names, types).map { Swift.max($0.width, options.showTypes ? $1.width : 0) }
        for row in heldRows {
            for (column, cell) in row.enumerated() {
                widths[column] = Swift.max(widths[column], cell.width)
            }
        }
        self.widths = widths
        guard !widths.isEmpty else { return }
        try output.write(line(names, widths: widths))
        if options.showTypes {
            try output.write(line(types, widths: widths))
        }
        try output.write(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n")
        for row in heldRows {
            try output.write(line(row, widths: widths))
        }
        heldRows = []
    }

    /// One line of cells padded to `widths`; the last cell is not padded on the right.
    private func line(_ cells: [Cell], widths: [Int]) -> String {
        guard !cells.isEmpty else { return "" }
        var text = ""
        for (column, cell) in cells.enumerated() {
            if column > 0 { text += "  " }
            let padding = String(repeating: " ", count: Swift.max(0, widths[column] - cell.width))
            if rightAligned[column] {
                text += padding + cell.text
            } else {
                text += cell.text
                if column < cells.count - 1 { text += padding }
            }
        }
        return text + "\n"
    }

    private func cell(_ text: String) -> Cell {
        let visible = TerminalText.escapingControls(text)
        let (cut, width) = TerminalText.truncated(
            visible, width: TerminalText.width(visible), maxWidth: options.maxColumnWidth)
        return Cell(text: cut, width: width)
    }

    private static func isNumeric(_ type: DataType) -> Bool {
        switch type {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64,
             .float16, .float32, .float64, .decimal32, .decimal64, .decimal128, .decimal256:
            return true
        case .dictionary(_, let value, _): return isNumeric(value)
        case .runEndEncoded(_, let values): return isNumeric(values.type)
        case .extension(let name, let storage, _):
            // bool8 is stored as int8 but printed as true/false.
            return name != Bool8Type.extensionName && isNumeric(storage)
        default: return false
        }
    }
}
