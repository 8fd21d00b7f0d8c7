/// Take, filter and slice on the rows of a table, numbered across its batches.
extension Table {
    /// The rows at `indices` (numbered across the batches), in that order, as a table of one
    /// batch in new buffers; a null index gives a row of nulls.
    ///
    /// Rows are gathered from every batch at once, without first joining the batches. A
    /// dictionary-encoded column whose batches have dictionaries that are not prefixes of one
    /// another is joined first (merging the dictionaries, as
    /// ``ArrayData/concatenate(_:)`` does). See ``ArrayData/take(_:)-(ArrayData)``.
    public func take(_ indices: [Int]) throws -> Table {
        try take(Selection(indices: indices, length: rowCount))
    }

    /// The rows at `indices` (an integer array of any width), as a table of one batch.
    public func take(_ indices: some ArrowArray) throws -> Table {
        try take(Selection(indices: indices.data, length: rowCount))
    }

    /// The rows where `mask` (as long as the table) is true, in order: a table with one
    /// batch per batch of this one, each filtered by its part of the mask.
    public func filter(_ mask: [Bool]) throws -> Table {
        try filter(BooleanArray(mask).data, nullSelection: .drop)
    }

    /// The rows where `mask` is true, in order, batch by batch; a null in the mask drops the
    /// row or, with ``NullSelectionBehavior/emitNull``, gives a row of nulls.
    public func filter(_ mask: BooleanArray, nullSelection: NullSelectionBehavior = .drop) throws -> Table {
        try filter(mask.data, nullSelection: nullSelection)
    }

    /// The rows `start..<start+count`, sharing memory with this table: the batches they
    /// overlap, sliced. Throws ``ArrowError/invalidArgument(_:)`` when they are not all inside.
    public func slice(_ start: Int, _ count: Int) throws -> Table {
        guard start >= 0, count >= 0, start <= rowCount, count <= rowCount - start else {
            throw ArrowError.invalidArgument("\(count) rows from row \(start) are outside a table of \(rowCount) rows")
        }
        var sliced: [RecordBatch] = []
        var batchStart = 0
        let end = start + count
        for batch in batches {
            let batchEnd = batchStart + batch.rowCount
            let low = max(start, batchStart)
            let high = min(end, batchEnd)
            if low < high {
                sliced.append(try batch.slice(low - batchStart, high - low))
            }
            batchStart = batchEnd
        }
        return try Table(schema: schema, batches: sliced)
    }

    /// The rows of every batch in one batch of the table's schema, in new buffers (see
    /// ``RecordBatch/concatenate(_:)``); a table of one batch gives that batch's columns as
    /// they are, one of none an empty batch.
    public func combinedBatch() throws -> RecordBatch {
        if batches.count == 1 {
            let batch = batches[0]
            return RecordBatch(schema: schema, columnData: batch.columnData, rowCount: batch.rowCount, metadata: batch.metadata)
        }
        return try RecordBatch.concatenate(batches, schema: schema)
    }

    private func take(_ selection: Selection) throws -> Table {
        guard batches.count <= Selection.maximumSources else {
            // Too many batches to take from at once: join them first.
            return try Table(schema: schema, batches: [combinedBatch().take(selection)])
        }
        let lengths = batches.map(\.rowCount)
        let spread = try selection.distributed(over: lengths)
        var columns: [ArrayData] = []
        for (index, field) in schema.fields.enumerated() {
            let sources = batches.map { $0.columnData[index] }
            let column = try schema.inColumn(index) {
                for source in sources { try source.validateAsKernelInput() }
                return try Gather(sources: sources, selection: spread).result(field.type)
            }
            columns.append(column)
        }
        let batch = RecordBatch(schema: schema, columnData: columns, rowCount: selection.count, metadata: [:])
        return try Table(schema: schema, batches: [batch])
    }

    private func filter(_ mask: ArrayData, nullSelection: NullSelectionBehavior) throws -> Table {
        guard mask.length == rowCount else {
            throw ArrowError.invalidArgument("a filter's mask has \(mask.length) slots, but the table has \(rowCount) rows")
        }
        var filtered: [RecordBatch] = []
        var start = 0
        for batch in batches {
            let part = try FilterMask(mask.slice(start, batch.rowCount), nullSelection: nullSelection)
            filtered.append(try batch.filter(part))
            start += batch.rowCount
        }
        return try Table(schema: schema, batches: filtered)
    }
}
