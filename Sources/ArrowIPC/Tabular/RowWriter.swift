/// Writes rows of record batches as text: ``TableRenderer``, ``CSVWriter`` and ``JSONLinesWriter``.
public protocol RowWriter: AnyObject {
    /// Writes the rows `rows` of `batch` (counted from the batch's start), in that order.
    func write(_ batch: RecordBatch, rows: some Sequence<Int>) throws
    /// Writes what is held back and hands on everything collected. The totals, when a
    /// selection showed only part of the input, are for writers that report them (the table's footer).
    func finish(totalRowCount: Int?, totalColumnCount: Int?) throws
}

extension RowWriter {
    /// Writes every row of `batch`.
    public func write(_ batch: RecordBatch) throws {
        try write(batch, rows: 0..<batch.rowCount)
    }
}
