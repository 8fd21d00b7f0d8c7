/// Writes record batches as JSON Lines — one JSON object per row — batch by batch, to an output
/// closure.
///
/// Keys are the column names in column order; values are written as
/// ``ValueFormatter/json(_:at:)`` writes them (null as `null`, binary as a lowercase hex string,
/// maps as arrays of `{"key": …, "value": …}`). When names repeat, every column is written under
/// its name, in order, so the object has the key twice; JSON readers usually keep the last.
///
/// Numbers, booleans, strings and temporal values are written straight as bytes, column by
/// column as each batch arrives; a long run of rows is formatted on all cores, a slice of rows
/// on each. Output is handed to the closure whole lines at a time, in chunks of about 64 KiB
/// (a slice's, about a MiB, when formatted on all cores); call
/// ``finish(totalRowCount:totalColumnCount:)`` at the end.
public final class JSONLinesWriter: RowWriter {
    private let schema: Schema
    /// Each column's key as JSON text followed by a colon, with `{` or the comma before it,
    /// one after the other, then ``OutputBytes/shortCopyLength`` bytes of padding (so that
    /// each key may be copied by ``OutputBytes/appendShort(_:)``); `keyRanges` says where each is.
    private let keyBytes: [UInt8]
    private let keyRanges: [Range<Int>]
    private let output: (UnsafeRawBufferPointer) throws -> Void
    private var buffer = OutputBytes()
    /// The buffers rows are formatted in on all cores, kept from batch to batch.
    private var sliceBuffers: [OutputBytes] = []

    /// Makes a writer of rows with `schema`'s columns that hands its text, as UTF-8 bytes, to
    /// `output`. The bytes are only valid during the call.
    public init(schema: Schema, bytes output: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.schema = schema
        var keyBytes: [UInt8] = []
        self.keyRanges = schema.fields.enumerated().map { position, field in
            var key = position == 0 ? "{" : ","
            JSONText.appendString(field.name, to: &key)
            key += ":"
            let start = keyBytes.count
            keyBytes += key.utf8
            return start..<keyBytes.count
        }
        self.keyBytes = keyBytes + repeatElement(0, count: OutputBytes.shortCopyLength)
        self.output = output
    }

    /// Makes a writer of rows with `schema`'s columns that hands its text to `output`.
    public convenience init(schema: Schema, output: @escaping (String) throws -> Void) {
        self.init(schema: schema, bytes: { try output(String(decoding: $0, as: UTF8.self)) })
    }

    /// Writes the rows `rows` of `batch` (counted from the batch's start), in that order.
    public func write(_ batch: RecordBatch, rows: some Sequence<Int>) throws {
        try TabularOutput.checkColumns(of: batch, match: schema)
        var out = buffer
        defer { buffer = out }
        try keyBytes.withUnsafeBytes { keyBytes in
            let keys = keyRanges.map { UnsafeRawBufferPointer(rebasing: keyBytes[$0]) }
            // (Through the array's buffer: reading the array itself checks bounds per value.)
            try keys.withUnsafeBufferPointer { keys in
            try ColumnText.withColumns(of: batch) { columns in
            // A row of numbers, booleans and temporal values has a bound: room for it is made
            // once, and the row written through a pointer.
            let scalarRowRoom = columns.allSatisfy { $0.takeUnretainedValue().isScalar }
                ? keys.reduce(3) { $0 + max($1.count, OutputBytes.shortCopyLength) + ColumnText.maximumScalarLength + 2 }
                : nil
            func writeRows(_ rows: RowRun, to out: inout OutputBytes) throws {
                var row = rows.start
                if let scalarRowRoom {
                    for _ in 0..<rows.count {
                        let start = out.reserve(scalarRowRoom)
                        var end = start
                        for position in columns.indices {
                            end = OutputBytes.writeShort(keys[position], at: end)
                            end = columns[position]._withUnsafeGuaranteedRef { $0.writeJSON(row, at: end) }
                        }
                        if keys.isEmpty {
                            end.pointee = UInt8(ascii: "{")
                            end += 1
                        }
                        end[0] = UInt8(ascii: "}")
                        end[1] = 0x0A
                        out.advance(end + 2 - start)
                        row &+= rows.step
                    }
                    return
                }
                for _ in 0..<rows.count {
                    for position in columns.indices {
                        out.appendShort(keys[position])
                        try columns[position]._withUnsafeGuaranteedRef { try $0.appendJSON(row, to: &out) }
                    }
                    if keys.isEmpty { out.append(UInt8(ascii: "{")) }
                    out.append(UInt8(ascii: "}"))
                    out.append(0x0A)
                    row &+= rows.step
                }
            }
            try ParallelRows.write(
                rows, columnCount: columns.count, into: &out, sliceBuffers: &sliceBuffers, output: output,
                writeRows: writeRows)
            }
            }
        }
    }

    /// Hands on everything collected (JSON lines have no place for the totals).
    public func finish(totalRowCount: Int? = nil, totalColumnCount: Int? = nil) throws {
        try buffer.flush(to: output)
    }
}
