extension RecordBatch {
    /// This batch with `schema`'s fields: each takes this batch's column of its name (of its
    /// position, when the names are the same in the same order), cast strictly where its type
    /// differs, or nulls where this batch has no such column.
    ///
    /// This is how batches a text reader read before a type widened
    /// (``CSVReadOptions/widensTypes``) join the later ones: a column of nulls takes the new
    /// type, integers become doubles — an integer a double cannot hold exactly throws
    /// ``ArrowError/castFailed(_:)`` naming its row — and a struct gains the new fields.
    public func conformed(to schema: Schema) throws -> RecordBatch {
        let samePlaces = schema.fields.map(\.name) == self.schema.fields.map(\.name)
        let positions = Dictionary(self.schema.fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        var columns: [ArrayData] = []
        for (position, field) in schema.fields.enumerated() {
            guard let index = samePlaces ? position : positions[field.name] else {
                columns.append(try ArrayData.nulls(of: field.type, length: rowCount))
                continue
            }
            let column = columnData[index]
            do {
                columns.append(column.type == field.type ? column : try column.cast(to: field.type))
            } catch ArrowError.castFailed(var failure) {
                failure.column = field.name
                throw ArrowError.castFailed(failure)
            }
        }
        return try RecordBatch(schema: schema, columns: columns, metadata: metadata)
    }
}
