extension RecordBatch {
    /// Row `index` (0-based) as a record: every column's name and value, in schema order.
    /// `try batch.row(0)["Area"]` reads one cell of any type; see ``ArrayData/value(at:)``
    /// for what can throw.
    public func row(_ index: Int) throws -> ArrowRecord {
        guard index >= 0, index < rowCount else {
            throw ArrowError.invalidArgument("row \(index) is outside a batch of \(rowCount) rows")
        }
        return try record(at: index, names: schema.fields.map(\.name))
    }

    /// Every row as a record, in order.
    public func rows() throws -> [ArrowRecord] {
        // Column by column, so that each column's node is copied once: reading row by row
        // copied it (a retain and release of every buffer) for every value.
        var values = (0..<rowCount).map { _ in
            var row: [ArrowValue] = []
            row.reserveCapacity(columnData.count)
            return row
        }
        for column in columnData {
            for index in 0..<rowCount {
                values[index].append(try column.value(at: index))
            }
        }
        let names = schema.fields.map(\.name)
        return values.map { ArrowRecord(checkedNames: names, values: $0) }
    }

    /// Row `index`, known to be in the batch, with the column names `names`.
    private func record(at index: Int, names: [String]) throws -> ArrowRecord {
        ArrowRecord(checkedNames: names, values: try columnData.map { try $0.value(at: index) })
    }
}

extension Table {
    /// Row `index` (0-based, counted across the batches) as a record.
    public func row(_ index: Int) throws -> ArrowRecord {
        guard index >= 0, index < rowCount else {
            throw ArrowError.invalidArgument("row \(index) is outside a table of \(rowCount) rows")
        }
        var first = 0
        for batch in batches {
            if index < first + batch.rowCount {
                return try batch.row(index - first)
            }
            first += batch.rowCount
        }
        throw ArrowError.invalidArgument("row \(index) is outside a table of \(rowCount) rows")
    }

    /// Every row as a record, in order.
    public func rows() throws -> [ArrowRecord] {
        try batches.flatMap { try $0.rows() }
    }
}
