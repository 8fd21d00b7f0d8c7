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
    /// The formats strings cast to dates and timestamps are read in, tried in order (see
    /// ``CastOptions/timestampFormats``); empty reads ISO 8601.
    public var timestampFormats: [String]

    /// Options keeping metadata, names and types unless told otherwise.
    public init(
        includeMetadata: Bool = true, columnNames: [String]? = nil, schema: [String: DataType] = [:], lenient: Bool = false,
        timestampFormats: [String] = []
    ) {
        self.includeMetadata = includeMetadata
        self.columnNames = columnNames
        self.schema = schema
        self.lenient = lenient
        self.timestampFormats = timestampFormats
    }

    /// How ``schema``'s casts run.
    var castOptions: CastOptions {
        CastOptions(mode: lenient ? .lenient : .strict, timestampFormats: timestampFormats)
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
        let renamed = Schema(fields, metadata: schema.metadata)
        return includeMetadata ? renamed : renamed.withoutMetadata
    }
}
