/// Writes record batches as CSV (RFC 4180), batch by batch, to an output closure.
///
/// - The first line holds the column names.
/// - Values are written as ``ValueFormatter/text(_:at:truncatingAt:)`` writes them: booleans
///   `true`/`false`, floats in shortest round-trip form, binary as lowercase hex, nested values
///   as `[1, 2]` / `{a: 1}`.
/// - A null is an empty field; an empty string is `""`, so the two stay apart.
/// - A field containing a comma, a double quote, CR or LF is enclosed in double quotes, with
///   inner double quotes doubled.
/// - Lines end with LF, as pyarrow and polars write them (RFC 4180 readers accept it).
///
/// Numbers, booleans, strings and temporal values are written straight as bytes, column by
/// column as each batch arrives; a long run of rows is formatted on all cores, a slice of rows
/// on each. Output is handed to the closure whole lines at a time, in chunks of about 64 KiB
/// (a slice's, about a MiB, when formatted on all cores); call
/// ``finish(totalRowCount:totalColumnCount:)`` at the end.
public final class CSVWriter: RowWriter {
    private let schema: Schema
    private let output: (UnsafeRawBufferPointer) throws -> Void
    private var buffer = OutputBytes()
    /// The buffers rows are formatted in on all cores, kept from batch to batch.
    private var sliceBuffers: [OutputBytes] = []
    private var wroteHeader = false

    /// Makes a writer of rows with `schema`'s columns that hands its text, as UTF-8 bytes, to
    /// `output` (for instance a `write(2)` to a file descriptor). The bytes are only valid
    /// during the call.
    public init(schema: Schema, bytes output: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.schema = schema
        self.output = output
    }

    /// Makes a writer of rows with `schema`'s columns that hands its text to `output`
    /// (for instance `{ FileHandle.standardOutput.write(Data($0.utf8)) }`).
    public convenience init(schema: Schema, output: @escaping (String) throws -> Void) {
        self.init(schema: schema, bytes: { try output(String(decoding: $0, as: UTF8.self)) })
    }

    /// Writes the rows `rows` of `batch` (counted from the batch's start), in that order.
    public func write(_ batch: RecordBatch, rows: some Sequence<Int>) throws {
        try TabularOutput.checkColumns(of: batch, match: schema)
        try writeHeaderOnce()
        var out = buffer
        defer { buffer = out }
        try ColumnText.withColumns(of: batch) { columns in
            // A row of numbers, booleans and temporal values has a bound: room for it is made
            // once, and the row written through a pointer.
            let scalarRowRoom = columns.allSatisfy { $0.takeUnretainedValue().isScalar }
                ? columns.count * (ColumnText.maximumScalarLength + 1) + 1 : nil
            func writeRows(_ rows: RowRun, to out: inout OutputBytes) throws {
                var row = rows.start
                if let scalarRowRoom {
                    for _ in 0..<rows.count {
                        let start = out.reserve(scalarRowRoom)
                        var end = start
                        for position in columns.indices {
                            if position > 0 {
                                end.pointee = UInt8(ascii: ",")
                                end += 1
                            }
                            end = columns[position]._withUnsafeGuaranteedRef { $0.writeCSV(row, at: end) }
                        }
                        end.pointee = 0x0A
                        out.advance(end + 1 - start)
                        row &+= rows.step
                    }
                    return
                }
                for _ in 0..<rows.count {
                    for position in columns.indices {
                        if position > 0 { out.append(UInt8(ascii: ",")) }
                        try columns[position]._withUnsafeGuaranteedRef { try $0.appendCSV(row, to: &out) }
                    }
                    out.append(0x0A)
                    row &+= rows.step
                }
            }
            try ParallelRows.write(
                rows, columnCount: columns.count, into: &out, sliceBuffers: &sliceBuffers, output: output,
                writeRows: writeRows)
        }
    }

    /// Writes the header if no row was written, and hands on everything collected (CSV has no
    /// place for the totals).
    public func finish(totalRowCount: Int? = nil, totalColumnCount: Int? = nil) throws {
        try writeHeaderOnce()
        try buffer.flush(to: output)
    }

    private func writeHeaderOnce() throws {
        guard !wroteHeader else { return }
        wroteHeader = true
        for (position, field) in schema.fields.enumerated() {
            if position > 0 { buffer.append(UInt8(ascii: ",")) }
            var name = field.name
            name.withUTF8 { ColumnText.appendCSVField(UnsafeRawBufferPointer($0), to: &buffer) }
        }
        buffer.append(0x0A)
    }
}
