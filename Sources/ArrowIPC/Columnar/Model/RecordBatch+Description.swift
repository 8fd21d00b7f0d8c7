/// Record batches and tables print as pyarrow prints them: the kind, the schema's fields,
/// `----`, then each column on one line — the first and the last ten values of a batch's
/// column, and for a table the first and the last five of each batch (`[[…],[…]]`, at most
/// ten batches shown).
extension RecordBatch: CustomStringConvertible {
    /// `RecordBatch`, the fields, `----` and a line of values per column.
    public var description: String {
        var lines = ["RecordBatch"] + schema.fields.map(\.header) + ["----"]
        for (field, column) in zip(schema.fields, columnData) {
            lines.append("\(field.name): " + column.previewLine(edge: ArrayData.shownEdge))
        }
        return lines.joined(separator: "\n")
    }
}

extension Table: CustomStringConvertible {
    /// The most batches a table's description shows.
    static let shownBatches = 10

    /// `Table`, the fields, `----` and a line of values per column, batch by batch.
    public var description: String {
        var lines = ["Table"] + schema.fields.map(\.header) + ["----"]
        for (position, field) in schema.fields.enumerated() {
            var chunks = batches.prefix(Self.shownBatches).map { $0.columnData[position].previewLine(edge: 5) }
            if batches.count > Self.shownBatches { chunks.append("...") }
            lines.append("\(field.name): [" + chunks.joined(separator: ",") + "]")
        }
        return lines.joined(separator: "\n")
    }
}
