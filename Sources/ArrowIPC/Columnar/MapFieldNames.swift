/// Arrow leaves the names of a map's entries struct and its key and value fields to the
/// writer ("entries", "key", "value" by convention), so comparisons ignore them. Dictionary
/// ids are numbered by each writer as it likes (Arrow C++ renumbers them), so comparisons
/// ignore them too.
extension DataType {
    /// This type with every map's child fields renamed to the conventional names, and no
    /// dictionary ids on nested fields.
    var withConventionalMapNames: DataType {
        func renamed(_ field: Field) -> Field {
            var copy = field
            copy.dictionaryId = nil
            copy.type = field.type.withConventionalMapNames
            return copy
        }
        switch self {
        case .map(let entries, let keysSorted):
            var canonical = renamed(entries)
            canonical.name = "entries"
            if case .struct(let children) = canonical.type, children.count == 2 {
                var key = children[0]
                var value = children[1]
                key.name = "key"
                value.name = "value"
                canonical.type = .struct([key, value])
            }
            return .map(canonical, keysSorted: keysSorted)
        case .list(let field): return .list(renamed(field))
        case .largeList(let field): return .largeList(renamed(field))
        case .listView(let field): return .listView(renamed(field))
        case .largeListView(let field): return .largeListView(renamed(field))
        case .fixedSizeList(let field, let size): return .fixedSizeList(renamed(field), listSize: size)
        case .struct(let fields): return .struct(fields.map(renamed))
        case .union(let mode, let fields, let typeIds): return .union(mode, fields.map(renamed), typeIds: typeIds)
        case .dictionary(let index, let value, let ordered):
            return .dictionary(index: index, value: value.withConventionalMapNames, ordered: ordered)
        case .runEndEncoded(let runEnds, let values): return .runEndEncoded(runEnds: runEnds, values: renamed(values))
        case .extension(let name, let storage, let metadata):
            return .extension(name: name, storage: storage.withConventionalMapNames, metadata: metadata)
        default: return self
        }
    }
}

extension Field {
    /// Whether the fields are equal but for the names of map children and dictionary ids.
    func isEquivalent(to other: Field) -> Bool {
        var a = self
        var b = other
        a.dictionaryId = nil
        b.dictionaryId = nil
        a.type = a.type.withConventionalMapNames
        b.type = b.type.withConventionalMapNames
        return a == b
    }
}

extension Schema {
    /// Whether the schemas are equal — field names, types, nullability, metadata and schema
    /// metadata — but for the names of map children and the dictionary ids, which Arrow
    /// leaves to writers.
    public func isEquivalent(to other: Schema) -> Bool {
        metadata == other.metadata && fields.count == other.fields.count
            && zip(fields, other.fields).allSatisfy { $0.isEquivalent(to: $1) }
    }
}
