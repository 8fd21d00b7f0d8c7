/// How data elements are imported: which metadata to keep, the types and names to give
/// columns (Wolfram's `IncludeMetaInformation` and `"Schema" -> {"ColumnKeys" -> …,
/// "ElementType" -> …}`).
public struct ImportOptions: Sendable, Hashable {
    /// Whether custom metadata is kept at every level (schema, fields, batches); `false`
    /// drops all of it.
    public var includeMetadata: Bool
    /// New names for the imported columns, in order (after column selection); `nil` keeps
    /// the input's names.
    public var columnNames: [String]?
    /// Types to cast columns to, by the input's column names (see ``ArrayData/cast(to:options:)``).
    public var schema: [String: DataType]
    /// Whether a value that does not cast becomes null (as Wolfram's `Missing`) instead of
    /// an error naming its column, row and value.
    public var lenient: Bool

    /// Options keeping metadata, names and types unless told otherwise.
    public init(
        includeMetadata: Bool = true, columnNames: [String]? = nil, schema: [String: DataType] = [:], lenient: Bool = false
    ) {
        self.includeMetadata = includeMetadata
        self.columnNames = columnNames
        self.schema = schema
        self.lenient = lenient
    }

    /// The casts of `schema` that apply to the selected columns `selected` of `input`;
    /// throws for a name no column of the input has.
    func casts(selected: Schema, input: Schema) throws -> [String: DataType] {
        _ = try input.casting(schema)
        return schema.filter { selected.index(of: $0.key) != nil }
    }

    /// `schema` with the columns renamed and metadata dropped as these options say; throws
    /// when the number of new names is not the number of columns.
    func applied(to schema: Schema) throws -> Schema {
        var fields = schema.fields
        if let columnNames {
            guard columnNames.count == fields.count else {
                throw ArrowError.invalidArgument(
                    "\(columnNames.count) column names were given for \(fields.count) columns")
            }
            for index in fields.indices { fields[index].name = columnNames[index] }
        }
        if !includeMetadata {
            fields = fields.map(\.withoutMetadata)
        }
        return Schema(fields, metadata: includeMetadata ? schema.metadata : [:])
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
