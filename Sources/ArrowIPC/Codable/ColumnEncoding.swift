/// Encodes values into the columns of a known schema: one ``EncodingNode`` tree over the
/// builders of the schema's types, one row per value.
struct ColumnEncoding {
    let schema: Schema
    /// The shape the schema was learnt from, which names the coding key of each column.
    let shape: SchemaShape?
    let options: ArrowEncoder

    func encode<T: Encodable>(_ values: [T]) throws -> RecordBatch {
        let context = EncodingContext(options: options)
        let rows = try StructBuilder(type: .struct(schema.fields))
        let root = try EncodingNode.root(schema: schema, rows: rows, shape: shape, context: context)
        defer { root.releaseKeyedContainers() }
        rows.reserve(values.count)
        try withExtendedLifetime(context) {
            try values.withUnsafeBufferPointer { values in
                guard let first = values.baseAddress else { return }
                let isSpecial = CodableSpecialType(T.self) != nil
                for row in values.indices {
                    context.row = row
                    do {
                        if isSpecial {
                            try root.encode(values[row])
                        } else {
                            try root.encode(recordAt: first + row)
                        }
                    } catch {
                        throw context.pending ?? error
                    }
                    if let pending = context.pending { throw pending }
                }
            }
        }
        return try RecordBatch(schema: schema, columns: rows.fieldBuilders.map { $0.finishData() })
    }
}
