/// A reader of text input — ``CSVReader``, ``JSONReader`` — that hands out record batches one
/// at a time: ``next()`` until it returns `nil`.
public protocol TextBatchReader: AnyObject {
    /// The schema of the batches (of the latest batch, when a type has widened).
    var schema: Schema { get }
    /// The next batch, or `nil` after the last.
    func next() throws -> RecordBatch?
}

extension TextBatchReader {
    /// Calls `body` with each batch left, in order; one batch is held at a time.
    public func forEachBatch(_ body: (RecordBatch) throws -> Void) throws {
        while let batch = try next() { try body(batch) }
    }

    /// Every batch left, as a table whose schema is the last batch's; batches read before a
    /// type widened are conformed to it (see ``RecordBatch/conformed(to:)``).
    public func table() throws -> Table {
        var batches: [RecordBatch] = []
        while let batch = try next() { batches.append(batch) }
        let schema = batches.last?.schema ?? self.schema
        return try Table(schema: schema, batches: batches.map { try $0.schema == schema ? $0 : $0.conformed(to: schema) })
    }
}
