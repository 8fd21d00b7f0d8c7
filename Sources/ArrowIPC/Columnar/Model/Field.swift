/// A named column or child of a nested type: name, data type, nullability and metadata.
public struct Field: Sendable, Hashable {
    /// The name; names may repeat within a schema or struct.
    public var name: String
    /// The type of the values; for a dictionary-encoded field, `.dictionary(index:value:ordered:)`.
    public var type: DataType
    /// Whether the values may be null.
    public var isNullable: Bool
    /// Custom metadata of the field (extension types keep their name and metadata here).
    public var metadata: Metadata
    /// The id of the dictionary the field's values refer to, when the type is `.dictionary`.
    public var dictionaryId: Int64?

    /// A field called `name` of `type`; nullable and without metadata unless given.
    public init(
        _ name: String, _ type: DataType, nullable: Bool = true,
        metadata: Metadata = [:], dictionaryId: Int64? = nil
    ) {
        self.name = name
        self.type = type
        self.isNullable = nullable
        self.metadata = metadata
        self.dictionaryId = dictionaryId
    }
}

/// The fields of a record batch, in column order, with schema-level metadata.
public struct Schema: Sendable, Hashable {
    /// The fields, one per column, in order. Names may repeat.
    public var fields: [Field]
    /// Custom metadata of the schema.
    public var metadata: Metadata

    /// A schema of `fields` with `metadata`.
    public init(_ fields: [Field], metadata: Metadata = [:]) {
        self.fields = fields
        self.metadata = metadata
    }

    /// The position of the first field called `name`, or `nil`.
    public func index(of name: String) -> Int? {
        fields.firstIndex(where: { $0.name == name })
    }
}
