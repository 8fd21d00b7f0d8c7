// Custom metadata dropped at every level: what `ImportOptions(includeMetadata: false)` and
// `arrow-ipc convert --no-metadata` do.

extension Schema {
    /// This schema without custom metadata: neither the schema's nor any field's, at any
    /// depth. Extension types keep the `ARROW:extension:` entries that name them.
    public var withoutMetadata: Schema {
        Schema(fields.map(\.withoutMetadata), metadata: [:])
    }
}

extension RecordBatch {
    /// This batch without custom metadata: neither its own, nor its schema's, nor any
    /// field's (see ``Schema/withoutMetadata``). The columns share this batch's buffers.
    public var withoutMetadata: RecordBatch {
        let schema = schema.withoutMetadata
        let columns = zip(columnData, schema.fields).map { $0.retyped(as: $1.type) }
        return RecordBatch(schema: schema, columnData: columns, rowCount: rowCount, metadata: [:])
    }
}

extension Field {
    /// This field without custom metadata, at every depth; extension types keep the
    /// metadata that names them (it is part of their type).
    var withoutMetadata: Field {
        var copy = self
        copy.metadata = Metadata(metadata.entries.filter { $0.key.hasPrefix("ARROW:extension:") })
        copy.type = type.withoutFieldMetadata
        return copy
    }
}

extension DataType {
    /// This type with the custom metadata of its child fields dropped, at every depth.
    var withoutFieldMetadata: DataType {
        switch self {
        case .list(let item): return .list(item.withoutMetadata)
        case .largeList(let item): return .largeList(item.withoutMetadata)
        case .listView(let item): return .listView(item.withoutMetadata)
        case .largeListView(let item): return .largeListView(item.withoutMetadata)
        case .fixedSizeList(let item, let size): return .fixedSizeList(item.withoutMetadata, listSize: size)
        case .struct(let fields): return .struct(fields.map(\.withoutMetadata))
        case .map(let entries, let sorted): return .map(entries.withoutMetadata, keysSorted: sorted)
        case .union(let mode, let fields, let typeIds): return .union(mode, fields.map(\.withoutMetadata), typeIds: typeIds)
        case .dictionary(let index, let value, let ordered):
            return .dictionary(index: index, value: value.withoutFieldMetadata, ordered: ordered)
        case .runEndEncoded(let runEnds, let values): return .runEndEncoded(runEnds: runEnds, values: values.withoutMetadata)
        case .extension(let name, let storage, let metadata):
            return .extension(name: name, storage: storage.withoutFieldMetadata, metadata: metadata)
        case .null, .boolean, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float16, .float32,
             .float64, .decimal32, .decimal64, .decimal128, .decimal256, .date32, .date64, .time32, .time64, .timestamp,
             .duration, .interval, .binary, .largeBinary, .binaryView, .utf8, .largeUtf8, .utf8View, .fixedSizeBinary:
            return self
        }
    }
}
