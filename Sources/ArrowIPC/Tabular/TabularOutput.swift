/// Checks shared by the CSV, JSON Lines and table writers.
enum TabularOutput {
    /// Throws unless `batch` has exactly the columns of `schema` (by type).
    static func checkColumns(of batch: RecordBatch, match schema: Schema) throws {
        guard batch.schema.fields.map(\.type) == schema.fields.map(\.type) else {
            throw ArrowError.invalidArgument(
                "a batch with \(batch.columnCount) columns of other types was written to a writer of \(schema.fields.count) columns")
        }
    }
}
