/// What comparisons of schemas and types leave out, as Arrow C++ does: the names of a map's
/// entries struct and its key and value fields, which Arrow leaves to the writer ("entries",
/// "key", "value" by convention); dictionary ids, which each writer numbers as it likes
/// (Arrow C++ renumbers them); and the order of metadata entries (Arrow C++ writes an
/// extension's `ARROW:extension:metadata` before its `ARROW:extension:name`, the
/// integration JSON the other way round).
extension DataType {
    /// This type with every map's child fields renamed to the conventional names, no
    /// dictionary ids on nested fields, and nested field metadata in a canonical order.
    var comparableForm: DataType {
        func renamed(_ field: Field) -> Field {
            var copy = field
            copy.dictionaryId = nil
            copy.metadata = field.metadata.comparableForm
            copy.type = field.type.comparableForm
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
            return .dictionary(index: index, value: value.comparableForm, ordered: ordered)
        case .runEndEncoded(let runEnds, let values): return .runEndEncoded(runEnds: runEnds, values: renamed(values))
        case .extension(let name, let storage, let metadata):
            return .extension(name: name, storage: storage.comparableForm, metadata: metadata)
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
        a.metadata = a.metadata.comparableForm
        b.metadata = b.metadata.comparableForm
        a.type = a.type.comparableForm
        b.type = b.type.comparableForm
        return a == b
    }
}

extension Schema {
    /// Whether the schemas are equal — field names, types, nullability, metadata and schema
    /// metadata — but for the names of map children and the dictionary ids, which Arrow
    /// leaves to writers, and the order of metadata entries.
    public func isEquivalent(to other: Schema) -> Bool {
        metadata.comparableForm == other.metadata.comparableForm && fields.count == other.fields.count
            && zip(fields, other.fields).allSatisfy { $0.isEquivalent(to: $1) }
    }
}

extension Metadata {
    /// The entries sorted by key, then value: equal for metadata holding the same entries in
    /// any order.
    var comparableForm: Metadata {
        Metadata(entries.sorted { ($0.key, $0.value) < ($1.key, $1.value) })
    }
}
