/// A named column or child of a nested type: name, data type, nullability and metadata.
public struct Field: Sendable, Hashable {
    /// The name; names may repeat within a schema or struct.
    public var name: String
    public var type: DataType
    public var isNullable: Bool
    public var metadata: Metadata
    /// The id of the dictionary the field's values refer to, when the type is `.dictionary`.
    public var dictionaryId: Int64?

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
    public var fields: [Field]
    public var metadata: Metadata

    public init(_ fields: [Field], metadata: Metadata = [:]) {
        self.fields = fields
        self.metadata = metadata
    }

    /// The position of the first field called `name`, or `nil`.
    public func index(of name: String) -> Int? {
        fields.firstIndex(where: { $0.name == name })
    }
}
