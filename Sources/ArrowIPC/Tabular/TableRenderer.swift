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

    /// A column's width and alignment, as the row loop reads them once the widths are known.
    private struct ColumnLayout {
        let width: Int
        let rightAligned: Bool
    }

    private let schema: Schema
    private let options: Options
    private let rightAligned: [Bool]
    private let output: (UnsafeRawBufferPointer) throws -> Void
    private var buffer = OutputBytes()
    /// The buffers rows are formatted in on all cores, kept from batch to batch.
    private var sliceBuffers: [OutputBytes] = []
    /// One cell's text, before it is measured.
    private var scratch = OutputBytes()
    private var heldRows: [[Cell]] = []
    /// The column widths, once the header is written.
    private var widths: [Int]?
    private var rowsWritten = 0

    /// Makes a renderer of rows with `schema`'s columns that hands its text, as UTF-8 bytes,
    /// to `output`. The bytes are only valid during the call.
    public init(schema: Schema, options: Options = Options(), bytes output: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.schema = schema
        self.options = options
        self.rightAligned = schema.fields.map { Self.isNumeric($0.type) }
        self.output = output
    }

    /// Makes a renderer of rows with `schema`'s columns that hands its text to `output`.
    public convenience init(schema: Schema, options: Options = Options(), output: @escaping (String) throws -> Void) {
        self.init(schema: schema, options: options, bytes: { try output(String(decoding: $0, as: UTF8.self)) })
    }

    /// Writes the rows `rows` of `batch` (counted from the batch's start), in that order.
    public func write(_ batch: RecordBatch, rows: some Sequence<Int>) throws {
        try TabularOutput.checkColumns(of: batch, match: schema)
        // A run of rows in which the sample ends: the sample's rows, then the rest on all cores.
        let sampleLeft = options.sampleRows - heldRows.count
        if widths == nil, let run = RowRun.exactly(rows), run.count > sampleLeft {
            let (sample, rest) = run.split(at: sampleLeft)
            try writeChecked(batch, rows: sample)
            try writeChecked(batch, rows: rest)
        } else {
            try writeChecked(batch, rows: rows)
        }
    }

    /// Writes the rows `rows` of `batch`, whose columns match the schema.
    private func writeChecked(_ batch: RecordBatch, rows: some Sequence<Int>) throws {
        var out = buffer
        var scratch = scratch
        defer {
            buffer = out
            self.scratch = scratch
        }
        try ColumnText.withColumns(of: batch) { columns in
            // The widths and alignments in memory of the loop's own, so that reading them per
            // cell retains no array; filled in once the widths are known.
            let layout = UnsafeMutableBufferPointer<ColumnLayout>.allocate(capacity: columns.count)
            defer { layout.deallocate() }
            var laidOut = false
            // The room a row of numbers, booleans and temporal values needs, when all the
            // columns hold them (0 when not): made once per row, and the row written through a
            // pointer. (In memory of the loop's own too: a captured variable would be checked
            // for exclusive access per row.)
            let allScalar = columns.allSatisfy { $0.takeUnretainedValue().isScalar }
            let scalarRowRoom = UnsafeMutablePointer<Int>.allocate(capacity: 1)
            scalarRowRoom.pointee = 0
            defer { scalarRowRoom.deallocate() }
            func lay(_ widths: [Int]) {
                for position in columns.indices {
                    layout[position] = ColumnLayout(width: widths[position], rightAligned: rightAligned[position])
                }
                laidOut = true
                scalarRowRoom.pointee = allScalar ? widths.reduce(1) { $0 + Self.scalarCellRoom(width: $1) } : 0
            }
            if let widths { lay(widths) }
            /// Writes `row` of scalar columns at `start`, which has room for it; the end of the
            /// row, or nil, having counted nothing, when a cell is wider than a column may be.
            func writeScalarRow(_ row: Int, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>? {
                var end = start
                for position in columns.indices {
                    let cellEnd = columns[position]._withUnsafeGuaranteedRef {
                        writeScalarCell($0, row, position: position, of: columns.count, layout: layout[position], at: end)
                    }
                    guard let cellEnd else { return nil }
                    end = cellEnd
                }
                if !columns.isEmpty {
                    end.pointee = 0x0A
                    end += 1
                }
                return end
            }
            /// Appends `row`, once the widths are known; may run on several threads at once.
            func writeRow(_ row: Int, to out: inout OutputBytes) throws {
                if scalarRowRoom.pointee > 0 {
                    let start = out.reserve(scalarRowRoom.pointee)
                    if let end = writeScalarRow(row, at: start) { return out.advance(end - start) }
                }
                for position in columns.indices {
                    try columns[position]._withUnsafeGuaranteedRef { column in
                        try appendCell(column, row, position: position, of: columns.count, layout: layout[position], to: &out)
                    }
                }
                if !columns.isEmpty { out.append(0x0A) }
            }
            func writeRows(_ rows: RowRun, to out: inout OutputBytes) throws {
                var row = rows.start
                for _ in 0..<rows.count {
                    try writeRow(row, to: &out)
                    row &+= rows.step
                }
            }
            if laidOut {
                rowsWritten += try ParallelRows.write(
                    rows, columnCount: columns.count, into: &out, sliceBuffers: &sliceBuffers, output: output,
                    writeRows: writeRows)
                return
            }
            var written = 0
            defer { rowsWritten += written }
            try RowLoop.forEach(rows) { row in
                written += 1
                if laidOut {
                    try writeRow(row, to: &out)
                    if out.isFull { try out.flush(to: output) }
                } else {
                    var cells: [Cell] = []
                    cells.reserveCapacity(columns.count)
                    for position in columns.indices {
                        try columns[position]._withUnsafeGuaranteedRef { column in
                            try withCell(column, row, scratch: &scratch) { text, width in
                                cells.append(Cell(text: String(decoding: text, as: UTF8.self), width: width))
                            }
                        }
                    }
                    heldRows.append(cells)
                    if heldRows.count >= options.sampleRows {
                        buffer = out
                        lay(try writeHeaderAndHeldRows())
                        out = buffer
                    }
                }
            }
        }
    }

    /// Calls `body` with the text of the cell in `row` of `column`, as the table shows
    /// it, and its width: printable ASCII text that fits straight from the column's bytes (a
    /// number's or date's written into `scratch`; without it, those too), any other through
    /// ``ValueFormatter`` and ``cell(_:)``.
    private func withCell(
        _ column: ColumnText, _ row: Int, scratch: UnsafeMutablePointer<OutputBytes>?,
        _ body: (UnsafeRawBufferPointer, Int) throws -> Void
    ) throws {
        if column.isTyped {
            if try column.isNull(row) {
                if Self.null.count <= options.maxColumnWidth { return try body(Self.null, Self.null.count) }
            } else if let text = column.stringBytes(row) {
                if text.count <= options.maxColumnWidth, Self.isPrintableASCII(text) {
                    return try body(text, text.count)
                }
            } else if let scratch {
                scratch.pointee.removeAll()
                try column.appendText(row, to: &scratch.pointee)
                let text = scratch.pointee.bytes
                if text.count <= options.maxColumnWidth, Self.isPrintableASCII(text) {
                    return try body(text, text.count)
                }
            }
        }
        let formatted = cell(try ValueFormatter.text(column.data, at: row, truncatingAt: options.maxColumnWidth * 4 + 16) ?? "null")
        var text = formatted.text
        try text.withUTF8 { try body(UnsafeRawBufferPointer($0), formatted.width) }
    }

    /// Appends the cell in `row` of `column` (at `position` of `columnCount`) as ``withCell``
    /// shows it, padded to `layout`: a number, boolean or temporal value (or its `null`) as
    /// ``writeScalarCell`` writes it, so that no scratch buffer is shared between threads.
    private func appendCell(
        _ column: ColumnText, _ row: Int, position: Int, of columnCount: Int, layout: ColumnLayout,
        to out: inout OutputBytes
    ) throws {
        if column.isScalar {
            let start = out.reserve(Self.scalarCellRoom(width: layout.width))
            if let end = writeScalarCell(column, row, position: position, of: columnCount, layout: layout, at: start) {
                return out.advance(end - start)
            }
        }
        try withCell(column, row, scratch: nil) { text, width in
            Self.appendCell(text, width: width, column: position, of: columnCount, layout: layout, to: &out)
        }
    }

    /// Writes the cell in `row` of a column that ``ColumnText/isScalar`` (at `position` of
    /// `columnCount`), with the separator before it, padded to `layout`, at `start`, which has
    /// room for ``scalarCellRoom(width:)`` bytes: the field filled with spaces by fixed-size
    /// stores and a number's text stored right-aligned in it, its length found first; other
    /// values' text written at the field's start and followed by spaces (printable ASCII, so
    /// a text's width is its length). Returns the end of the cell, or nil when the text is
    /// wider than a column may be (``withCell`` then cuts it). Bytes after the end may be
    /// written too.
    @inline(__always)
    private func writeScalarCell(
        _ column: ColumnText, _ row: Int, position: Int, of columnCount: Int, layout: ColumnLayout,
        at start: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8>? {
        var field = start
        if position > 0 {
            Self.fillWithSpaces(from: start, count: 2)
            field += 2
        }
        if layout.rightAligned {
            Self.fillWithSpaces(from: field, count: layout.width)
            // A text wider than the field was written from its start on.
            let end = column.writeRightAligned(row, width: layout.width, at: field)
            return end - field <= options.maxColumnWidth ? end : nil
        }
        let textEnd = column.writeTableText(row, at: field)
        guard textEnd - field <= options.maxColumnWidth else { return nil }
        guard position < columnCount - 1 else { return textEnd }
        let fieldEnd = field + layout.width
        Self.fillWithSpaces(from: textEnd, count: fieldEnd - textEnd)
        return max(textEnd, fieldEnd)
    }

    /// The room ``writeScalarCell`` needs for a cell of a column `width` wide: the separator,
    /// the field or the longest text, and what the fixed-size stores write past them.
    private static func scalarCellRoom(width: Int) -> Int {
        2 + max(width, ColumnText.maximumScalarLength) + NumberText.maximumLength + 16
    }

    /// Stores spaces over the `count` bytes from `start` (none when `count` is not positive),
    /// sixteen at a time: up to 15 bytes after them are written too.
    @inline(__always)
    private static func fillWithSpaces(from start: UnsafeMutablePointer<UInt8>, count: Int) {
        var offset = 0
        while offset < count {
            UnsafeMutableRawPointer(start + offset).storeBytes(of: SIMD16<UInt8>(repeating: 0x20), as: SIMD16<UInt8>.self)
            offset &+= 16
        }
    }

    /// Appends one cell padded to its column's width; the last cell is not padded on the right.
    @inline(__always)
    private static func appendCell(
        _ text: UnsafeRawBufferPointer, width: Int, column: Int, of columnCount: Int, layout: ColumnLayout,
        to out: inout OutputBytes
    ) {
        if column > 0 {
            out.append(UInt8(ascii: " "))
            out.append(UInt8(ascii: " "))
        }
        let padding = layout.width - width
        if layout.rightAligned {
            out.append(repeating: UInt8(ascii: " "), count: padding)
            out.append(text)
        } else {
            out.append(text)
            if column < columnCount - 1 { out.append(repeating: UInt8(ascii: " "), count: padding) }
        }
    }

    /// Whether every byte is printable ASCII, which a terminal shows one column wide.
    @inline(__always)
    private static func isPrintableASCII(_ text: UnsafeRawBufferPointer) -> Bool {
        !TextScan.scan(text, TextScan.unprintable).hasSpecial
    }

    private static var null: UnsafeRawBufferPointer { OutputBytes.bytes(of: "null") }

    /// Writes what is held back and the footer, and hands on everything collected.
    ///
    /// Pass the table's row and column counts when a selection showed only some of them; the
    /// footer then reads `3 of 10 rows × 2 of 5 columns`.
    public func finish(totalRowCount: Int? = nil, totalColumnCount: Int? = nil) throws {
        if widths == nil {
            _ = try writeHeaderAndHeldRows()
        }
        buffer.append(Self.footer(
            rows: rowsWritten, totalRows: totalRowCount, columns: schema.fields.count, totalColumns: totalColumnCount))
        try buffer.flush(to: output)
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

    /// Writes the header and the rows held back, and fixes the column widths; returns them.
    private func writeHeaderAndHeldRows() throws -> [Int] {
        let names = schema.fields.map { cell($0.name) }
        let types = schema.fields.map { cell("\($0.type)") }
        var widths = zip(names, types).map { Swift.max($0.width, options.showTypes ? $1.width : 0) }
        for row in heldRows {
            for (column, cell) in row.enumerated() {
                widths[column] = Swift.max(widths[column], cell.width)
            }
        }
        self.widths = widths
        guard !widths.isEmpty else { return widths }
        appendLine(names, widths: widths)
        if options.showTypes {
            appendLine(types, widths: widths)
        }
        buffer.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n")
        for row in heldRows {
            appendLine(row, widths: widths)
        }
        heldRows = []
        return widths
    }

    /// Appends one line of cells padded to `widths`.
    private func appendLine(_ cells: [Cell], widths: [Int]) {
        for (column, cell) in cells.enumerated() {
            var text = cell.text
            let layout = ColumnLayout(width: widths[column], rightAligned: rightAligned[column])
            text.withUTF8 { bytes in
                Self.appendCell(UnsafeRawBufferPointer(bytes), width: cell.width, column: column, of: cells.count, layout: layout, to: &buffer)
            }
        }
        buffer.append(0x0A)
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
