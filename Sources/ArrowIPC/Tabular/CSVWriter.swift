/// Writes record batches as CSV (RFC 4180), batch by batch, to an output closure.
///
/// - The first line holds the column names.
/// - Values are written as ``ValueFormatter/text(_:at:)`` writes them: booleans `true`/`false`,
///   floats in shortest round-trip form, binary as lowercase hex, nested values as
///   `[1, 2]` / `{a: 1}`.
/// - A null is an empty field; an empty string is `""`, so the two stay apart.
/// - A field containing a comma, a double quote, CR or LF is enclosed in double quotes, with
///   inner double quotes doubled.
/// - Lines end with LF, as pyarrow and polars write them (RFC 4180 readers accept it).
///
/// Output is handed to the closure in chunks of about 64 KiB; call ``finish()`` at the end.
public final class CSVWriter: RowWriter {
    private let schema: Schema
    private var output: BufferedTextOutput
    private var wroteHeader = false

    /// Makes a writer of rows with `schema`'s columns that hands its text to `output`
    /// (for instance `{ FileHandle.standardOutput.write(Data($0.utf8)) }`).
    public init(schema: Schema, output: @escaping (String) throws -> Void) {
        self.schema = schema
        self.output = BufferedTextOutput(output)
    }

    /// Writes the rows `rows` of `batch` (counted from the batch's start), in that order.
    public func write(_ batch: RecordBatch, rows: some Sequence<Int>) throws {
        try TabularOutput.checkColumns(of: batch, match: schema)
        try writeHeaderOnce()
        for row in rows {
            try output.append { line in
                for (position, column) in batch.columnData.enumerated() {
                    if position > 0 { line += "," }
                    if let text = try ValueFormatter.text(column, at: row) {
                        Self.appendField(text, to: &line)
                    }
                }
                line += "\n"
            }
        }
    }

    /// Writes the header if no row was written, and hands on everything collected (CSV has no
    /// place for the totals).
    public func finish(totalRowCount: Int? = nil, totalColumnCount: Int? = nil) throws {
        try writeHeaderOnce()
        try output.flush()
    }

    private func writeHeaderOnce() throws {
        guard !wroteHeader else { return }
        wroteHeader = true
        try output.append { line in
            for (position, field) in schema.fields.enumerated() {
                if position > 0 { line += "," }
                Self.appendField(field.name, to: &line)
            }
            line += "\n"
        }
    }

    /// Appends one non-null field, quoted when it must be.
    static func appendField(_ text: String, to line: inout String) {
        let needsQuotes = text.isEmpty || text.utf8.contains(where: {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
        })
        guard needsQuotes else {
            line += text
            return
        }
        line += "\""
        line += text.utf8.contains(UInt8(ascii: "\"")) ? text.doublingQuotes : text
        line += "\""
    }
}

extension String {
    /// The string with every double quote doubled (done on UTF-8 bytes, so a quote followed by
    /// a combining mark is doubled too).
    fileprivate var doublingQuotes: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 8)
        for byte in utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
