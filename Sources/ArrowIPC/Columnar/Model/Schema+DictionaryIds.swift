extension Schema {
    /// The value type of each dictionary id used by a dictionary-encoded field, at any depth:
    /// inside nested types and inside the value types of other dictionaries. Throws
    /// ``ArrowError/invalidData(_:)`` when fields sharing an id disagree on its value type or a
    /// dictionary-encoded field has no id.
    func dictionaryValueTypes() throws -> [Int64: DataType] {
        var types: [Int64: DataType] = [:]
        func visit(_ fields: [Field]) throws {
            for field in fields {
                guard case .dictionary(_, let valueType, _) = field.type.storageType else {
                    try visit(field.type.storageType.children)
                    continue
                }
                guard let id = field.dictionaryId else {
                    throw ArrowError.invalidData("field '\(field.name)' is dictionary-encoded but has no dictionary id")
                }
                if let known = types[id], known != valueType {
                    throw ArrowError.invalidData(
                        "fields sharing dictionary id \(id) disagree on its value type: \(known) and \(valueType)")
                }
                types[id] = valueType
                try visit(valueType.storageType.children)
            }
        }
        try visit(fields)
        return types
    }

    /// This schema with a dictionary id on every dictionary-encoded field: fields that have one
    /// keep it, the others get unused ids, counting up from 0 in depth-first order (a field
    /// before its children, a dictionary's field before the fields of its values). Throws
    /// ``ArrowError/invalidArgument(_:)`` when fields sharing an id have different value types,
    /// or a dictionary type is one an IPC schema cannot express: indices that are not
    /// integers, or values that are themselves dictionary-encoded (only a field can be).
    func assigningDictionaryIds() throws -> Schema {
        func check(_ type: DataType, _ path: String) throws {
            let storage = type.storageType
            guard case .dictionary(let index, let values, _) = storage else {
                for child in storage.children { try check(child.type, path + "." + child.name) }
                return
            }
            guard index.isInteger else {
                throw ArrowError.invalidArgument("field '\(path)' has dictionary indices of type \(index); they must be integers")
            }
            if case .dictionary = values.storageType {
                throw ArrowError.invalidArgument(
                    "field '\(path)' is a dictionary whose values are dictionary-encoded, which an IPC schema cannot express (only a field can be dictionary-encoded: make the values a struct or list of one)")
            }
            for child in values.storageType.children { try check(child.type, path + "." + child.name) }
        }
        for field in fields { try check(field.type, field.name) }
        var used = Set<Int64>()
        func collect(_ fields: [Field]) {
            for field in fields {
                if let id = field.dictionaryId { used.insert(id) }
                if case .dictionary(_, let valueType, _) = field.type.storageType {
                    collect(valueType.storageType.children)
                } else {
                    collect(field.type.storageType.children)
                }
            }
        }
        collect(fields)
        var next: Int64 = 0
        func assign(_ fields: [Field]) -> [Field] {
            fields.map { field in
                var field = field
                if case .dictionary = field.type.storageType, field.dictionaryId == nil {
                    while used.contains(next) { next += 1 }
                    field.dictionaryId = next
                    used.insert(next)
                }
                field.type = field.type.replacingChildren(assign(field.type.childrenIncludingDictionaryValues))
                return field
            }
        }
        var schema = self
        schema.fields = assign(fields)
        do {
            _ = try schema.dictionaryValueTypes()
        } catch let error as ArrowError {
            throw ArrowError.invalidArgument(error.reason)
        }
        return schema
    }
}

extension DataType {
    /// The child fields of a nested type, looking through extension types to their storage and
    /// through dictionary types to their values.
    var childrenIncludingDictionaryValues: [Field] {
        switch self {
        case .dictionary(_, let value, _): return value.childrenIncludingDictionaryValues
        case .extension(_, let storage, _): return storage.childrenIncludingDictionaryValues
        default: return children
        }
    }

    /// This type with `fields` in place of ``childrenIncludingDictionaryValues`` (as many, in order).
    func replacingChildren(_ fields: [Field]) -> DataType {
        switch self {
        case .list: return .list(fields[0])
        case .largeList: return .largeList(fields[0])
        case .listView: return .listView(fields[0])
        case .largeListView: return .largeListView(fields[0])
        case .fixedSizeList(_, let size): return .fixedSizeList(fields[0], listSize: size)
        case .map(_, let sorted): return .map(fields[0], keysSorted: sorted)
        case .struct: return .struct(fields)
        case .union(let mode, _, let typeIds): return .union(mode, fields, typeIds: typeIds)
        case .runEndEncoded: return .runEndEncoded(runEnds: fields[0], values: fields[1])
        case .dictionary(let index, let value, let ordered):
            return .dictionary(index: index, value: value.replacingChildren(fields), ordered: ordered)
        case .extension(let name, let storage, let metadata):
            return .extension(name: name, storage: storage.replacingChildren(fields), metadata: metadata)
        default: return self
        }
    }
}
