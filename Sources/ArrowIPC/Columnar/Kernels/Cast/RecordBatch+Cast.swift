extension Schema {
    /// This schema with every field named in `types` given the type its name maps to (all
    /// the fields of that name, when several share it): the schema of the batches
    /// ``RecordBatch/cast(_:options:)`` makes. A field keeps its name, nullability and
    /// metadata; a field whose type changes loses its dictionary id.
    ///
    /// Throws ``ArrowError/invalidArgument(_:)`` for a name no field has.
    public func casting(_ types: [String: DataType]) throws -> Schema {
        for name in types.keys.sorted() where index(of: name) == nil {
            let names = fields.prefix(20).map { "'\($0.name)'" }.joined(separator: ", ")
            let more = fields.count > 20 ? " and \(fields.count - 20) more" : ""
            throw ArrowError.invalidArgument(
                "there is no column named '\(name)'; the columns are \(fields.isEmpty ? "none" : names + more)")
        }
        var schema = self
        for index in schema.fields.indices {
            guard let type = types[schema.fields[index].name], type != schema.fields[index].type else { continue }
            schema.fields[index].type = type
            schema.fields[index].dictionaryId = nil
        }
        return schema
    }
}

extension RecordBatch {
    /// This batch with the columns named in `types` cast to the types their names map to, as
    /// ``ArrayData/cast(to:options:)`` casts them; the other columns are shared as they are.
    ///
    /// ```swift
    /// let typed = try batch.cast(["Value": .float32, "Date": .date32])
    /// ```
    ///
    /// Throws ``ArrowError/invalidArgument(_:)`` for a name no column has, and a cast's
    /// errors: ``ArrowError/castFailed(_:)`` names the column (``CastFailure/column``).
    public func cast(_ types: [String: DataType], options: CastOptions = .init()) throws -> RecordBatch {
        let newSchema = try schema.casting(types)
        var columns = columnData
        for (index, field) in newSchema.fields.enumerated() where field.type != schema.fields[index].type {
            do {
                columns[index] = try columnData[index].cast(to: field.type, options: options)
            } catch ArrowError.castFailed(var failure) {
                failure.column = field.name
                throw ArrowError.castFailed(failure)
            }
        }
        return RecordBatch(schema: newSchema, columnData: columns, rowCount: rowCount, metadata: metadata)
    }
}
