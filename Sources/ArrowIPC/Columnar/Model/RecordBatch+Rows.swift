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
        let names = schema.fields.map(\.name)
        var rows: [ArrowRecord] = []
        rows.reserveCapacity(rowCount)
        for index in 0..<rowCount {
            rows.append(try record(at: index, names: names))
        }
        return rows
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
