/// A schema and one column per field, all of the same length.
public struct RecordBatch: Sendable {
    /// The fields of the columns, in order, with the schema metadata.
    public let schema: Schema
    /// The columns as untyped nodes, in schema order.
    public let columnData: [ArrayData]
    /// The number of rows, the length of every column.
    public let rowCount: Int
    /// Custom metadata of this batch's own IPC message (not the schema's).
    public var metadata: Metadata

    /// Makes a batch, checking that there is one column per field, of the field's type and of
    /// equal lengths.
    public init(schema: Schema, columns: [ArrayData], metadata: Metadata = [:]) throws {
        guard schema.fields.count == columns.count else {
            throw ArrowError.invalidArgument(
                "the schema has \(schema.fields.count) fields but \(columns.count) columns were given")
        }
        for (index, (field, column)) in zip(schema.fields, columns).enumerated() {
            guard field.type == column.type else {
                throw ArrowError.invalidArgument(
                    "column \(index) ('\(field.name)') has type \(column.type) but its field says \(field.type)")
            }
        }
        let rowCount = columns.first?.length ?? 0
        if let index = columns.firstIndex(where: { $0.length != rowCount }) {
            throw ArrowError.invalidArgument(
                "column \(index) ('\(schema.fields[index].name)') has \(columns[index].length) rows, column 0 has \(rowCount)")
        }
        self.init(schema: schema, columnData: columns, rowCount: rowCount, metadata: metadata)
    }

    /// Makes a batch and its schema from typed arrays: nullable fields named `names`.
    public init(names: [String], columns: [any ArrowArray], metadata: Metadata = [:]) throws {
        guard names.count == columns.count else {
            throw ArrowError.invalidArgument("\(names.count) names were given for \(columns.count) columns")
        }
        let fields = zip(names, columns).map { Field($0, $1.type) }
        try self.init(schema: Schema(fields), columns: columns.map(\.data), metadata: metadata)
    }

    /// Makes a batch from typed arrays under an existing schema.
    public init(schema: Schema, columns: [any ArrowArray], metadata: Metadata = [:]) throws {
        try self.init(schema: schema, columns: columns.map(\.data), metadata: metadata)
    }

    init(schema: Schema, columnData: [ArrayData], rowCount: Int, metadata: Metadata) {
        self.schema = schema
        self.columnData = columnData
        self.rowCount = rowCount
        self.metadata = metadata
    }

    /// The number of columns.
    public var columnCount: Int { columnData.count }

    /// Column `index` as its typed array (cast it to the concrete type, e.g. `as! Int64Array`).
    public func column(_ index: Int) -> any ArrowArray {
        makeArray(columnData[index])
    }

    /// The first column whose field is called `name`, or `nil`.
    public func column(_ name: String) -> (any ArrowArray)? {
        schema.index(of: name).map { column($0) }
    }

    /// The rows `start..<start+count`, sharing memory with this batch.
    public func slice(_ start: Int, _ count: Int) throws -> RecordBatch {
        guard start >= 0, count >= 0, start <= rowCount, count <= rowCount - start else {
            throw ArrowError.invalidArgument("\(count) rows from row \(start) are outside a batch of \(rowCount) rows")
        }
        return RecordBatch(
            schema: schema, columnData: try columnData.map { try $0.slice(start, count) },
            rowCount: count, metadata: metadata)
    }

    /// A batch of the columns at `indices`, in that order.
    public func selecting(columns indices: [Int]) throws -> RecordBatch {
        for index in indices where !columnData.indices.contains(index) {
            throw ArrowError.invalidArgument("column \(index) does not exist; the batch has \(columnCount) columns")
        }
        let schema = Schema(indices.map { self.schema.fields[$0] }, metadata: self.schema.metadata)
        return RecordBatch(schema: schema, columnData: indices.map { columnData[$0] }, rowCount: rowCount, metadata: metadata)
    }
}

/// A schema and a sequence of record batches that share it.
public struct Table: Sendable {
    /// The schema every batch has.
    public let schema: Schema
    /// The batches, in order.
    public let batches: [RecordBatch]
    /// The total number of rows.
    public let rowCount: Int

    /// Makes a table, checking that every batch has the table's field types and that the
    /// row count fits in an `Int`.
    public init(schema: Schema, batches: [RecordBatch]) throws {
        var rowCount = 0
        for (index, batch) in batches.enumerated() {
            guard batch.schema.fields.map(\.type) == schema.fields.map(\.type) else {
                throw ArrowError.invalidArgument("batch \(index) does not have the table's column types")
            }
            let (sum, overflow) = rowCount.addingReportingOverflow(batch.rowCount)
            guard !overflow else {
                throw ArrowError.invalidArgument("the table's row count overflows at batch \(index)")
            }
            rowCount = sum
        }
        self.schema = schema
        self.batches = batches
        self.rowCount = rowCount
    }

    /// The number of columns.
    public var columnCount: Int { schema.fields.count }
}

extension Table {
    /// A table of the columns at `indices`, in that order, sharing memory with this one.
    public func selecting(columns indices: [Int]) throws -> Table {
        for index in indices where !schema.fields.indices.contains(index) {
            throw ArrowError.invalidArgument("column \(index) does not exist; the table has \(columnCount) columns")
        }
        let selected = Schema(indices.map { schema.fields[$0] }, metadata: schema.metadata)
        return try Table(schema: selected, batches: batches.map { try $0.selecting(columns: indices) })
    }
}
