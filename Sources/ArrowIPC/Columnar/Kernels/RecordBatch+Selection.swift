/// Take and filter on the rows of a record batch: every column alike.
extension RecordBatch {
    /// The rows at `indices`, in that order, in new buffers (a null index gives a row of
    /// nulls); the schema and metadata stay. See ``ArrayData/take(_:)-(ArrayData)``.
    public func take(_ indices: [Int]) throws -> RecordBatch {
        try take(Selection(indices: indices, length: rowCount))
    }

    /// The rows at `indices` (an integer array of any width), in that order, in new buffers.
    public func take(_ indices: some ArrowArray) throws -> RecordBatch {
        try take(Selection(indices: indices.data, length: rowCount))
    }

    /// The rows where `mask` is true, in order, in new buffers; the schema and metadata stay.
    public func filter(_ mask: [Bool]) throws -> RecordBatch {
        try filter(FilterMask(mask))
    }

    /// The rows where `mask` is true, in order, in new buffers; a null in the mask drops the
    /// row or, with ``NullSelectionBehavior/emitNull``, gives a row of nulls.
    public func filter(_ mask: BooleanArray, nullSelection: NullSelectionBehavior = .drop) throws -> RecordBatch {
        try filter(FilterMask(mask.data, nullSelection: nullSelection))
    }

    func take(_ selection: Selection) throws -> RecordBatch {
        let columns = try columnData.enumerated().map { index, column in
            try schema.inColumn(index) {
                try column.validateAsKernelInput()
                return try Gather(sources: [column], selection: selection).result(column.type)
            }
        }
        return RecordBatch(schema: schema, columnData: columns, rowCount: selection.count, metadata: metadata)
    }

    func filter(_ mask: FilterMask) throws -> RecordBatch {
        guard mask.length == rowCount else {
            throw ArrowError.invalidArgument("a filter's mask has \(mask.length) slots, but the batch has \(rowCount) rows")
        }
        if mask.prefersTake {
            // The kept rows' indices found once for every column.
            return try take(Selection(mask: mask))
        }
        let columns = try columnData.enumerated().map { index, column in
            try schema.inColumn(index) {
                try column.validateAsKernelInput()
                return try column.filter(mask)
            }
        }
        return RecordBatch(schema: schema, columnData: columns, rowCount: mask.resultCount, metadata: metadata)
    }

}
