/// Joining record batches of one schema into one.
extension RecordBatch {
    /// One batch holding the rows of `batches` one after the other, in new buffers (see
    /// ``ArrayData/concatenate(_:)``: view data buffers and dictionaries are shared). The
    /// result has the first batch's schema and no batch metadata.
    ///
    /// Throws ``ArrowError/invalidArgument(_:)`` when `batches` is empty, when a batch's
    /// columns differ from the first batch's in number, name or type (naming the batch and
    /// the column), and for the reasons ``ArrayData/concatenate(_:)`` gives (naming the column).
    public static func concatenate(_ batches: [RecordBatch]) throws -> RecordBatch {
        guard let first = batches.first else {
            throw ArrowError.invalidArgument("concatenating batches needs at least one batch")
        }
        let fields = first.schema.fields
        for (index, batch) in batches.enumerated().dropFirst() {
            guard batch.schema.fields.count == fields.count else {
                throw ArrowError.invalidArgument(
                    "batch \(index) has \(batch.schema.fields.count) columns, batch 0 has \(fields.count)")
            }
            for (column, (field, other)) in zip(fields, batch.schema.fields).enumerated()
            where field.name != other.name || field.type != other.type {
                throw ArrowError.invalidArgument(
                    "batch \(index) column \(column) is '\(other.name)' of type \(other.type), but in batch 0 it is '\(field.name)' of type \(field.type)")
            }
        }
        return try concatenate(batches, schema: first.schema)
    }

    /// The rows of `batches`, whose columns have the types of `schema`'s fields, in one batch;
    /// an empty batch of `schema` when there are none.
    static func concatenate(_ batches: [RecordBatch], schema: Schema) throws -> RecordBatch {
        var rowCount = 0
        for batch in batches {
            let (sum, overflow) = rowCount.addingReportingOverflow(batch.rowCount)
            guard !overflow else { throw ArrowError.invalidArgument("the concatenated row count overflows") }
            rowCount = sum
        }
        let empty = Selection(entries: [], sourceShift: 63)
        var columns: [ArrayData] = []
        for (index, field) in schema.fields.enumerated() {
            let parts = batches.map { $0.columnData[index] }
            columns.append(try schema.inColumn(index) {
                parts.isEmpty
                    ? try Gather(sources: [], selection: empty).result(field.type)
                    : try ArrayData.concatenate(parts)
            })
        }
        return RecordBatch(schema: schema, columnData: columns, rowCount: rowCount, metadata: [:])
    }
}
