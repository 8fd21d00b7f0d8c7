/// Writes record batches as JSON Lines — one JSON object per row — batch by batch, to an output
/// closure.
///
/// Keys are the column names in column order; values are written as
/// ``ValueFormatter/json(_:at:)`` writes them (null as `null`, binary as a lowercase hex string,
/// maps as arrays of `{"key": …, "value": …}`). When names repeat, every column is written under
/// its name, in order, so the object has the key twice; JSON readers usually keep the last.
///
/// Output is handed to the closure in chunks of about 64 KiB; call ``finish()`` at the end.
public final class JSONLinesWriter: RowWriter {
    private let schema: Schema
    /// Each column's key as JSON text followed by a colon, with the comma before it where needed.
    private let keys: [String]
    private var output: BufferedTextOutput

    /// Makes a writer of rows with `schema`'s columns that hands its text to `output`.
    public init(schema: Schema, output: @escaping (String) throws -> Void) {
        self.schema = schema
        self.keys = schema.fields.enumerated().map { position, field in
            var key = position == 0 ? "{" : ","
            JSONText.appendString(field.name, to: &key)
            key += ":"
            return key
        }
        self.output = BufferedTextOutput(output)
    }

    /// Writes the rows `rows` of `batch` (counted from the batch's start), in that order.
    public func write(_ batch: RecordBatch, rows: some Sequence<Int>) throws {
        try TabularOutput.checkColumns(of: batch, match: schema)
        for row in rows {
            try output.append { line in
                for (key, column) in zip(keys, batch.columnData) {
                    line += key
                    try ValueFormatter.appendJSON(column, row, to: &line)
                }
                line += keys.isEmpty ? "{}\n" : "}\n"
            }
        }
    }

    /// Hands on everything collected (JSON lines have no place for the totals).
    public func finish(totalRowCount: Int? = nil, totalColumnCount: Int? = nil) throws {
        try output.flush()
    }
}
