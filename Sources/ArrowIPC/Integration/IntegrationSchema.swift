/// Reading the `schema` part of an integration JSON document into ``Schema`` and ``Field``s.
///
/// A dictionary-encoded field gets the type `.dictionary(index:value:ordered:)` and its
/// `dictionaryId`. Extension types are resolved as in IPC schemas (see ``ExtensionRegistry``):
/// a registered one becomes `.extension` (around the dictionary type of a dictionary-encoded
/// field) without its `ARROW:extension:*` metadata, an unknown one stays its storage type
/// with that metadata kept.
enum IntegrationSchema {
    static func schema(_ node: JSONNode) throws -> Schema {
        let fields = try node.member("fields").elements().map(field)
        return Schema(fields, metadata: try metadata(node.optionalMember("metadata")))
    }

    /// `null`, absent, or a list of `{"key", "value"}` objects, kept in order with repeats.
    static func metadata(_ node: JSONNode?) throws -> Metadata {
        guard let node else { return Metadata() }
        if case .null = node.value { return Metadata() }
        let entries = try node.elements().map { entry in
            Metadata.Entry(key: try entry.member("key").string(), value: try entry.member("value").string())
        }
        return Metadata(entries)
    }

    static func field(_ node: JSONNode) throws -> Field {
        let name = try node.member("name").string()
        let nullable = try node.member("nullable").bool()
        let children = try node.optionalMember("children")?.elements().map(field) ?? []
        let valueType = try type(node.member("type"), children: children)
        var metadata = try metadata(node.optionalMember("metadata"))
        guard let encoding = try node.nonNullMember("dictionary") else {
            let type = try resolved(valueType, &metadata, node, name)
            return Field(name, type, nullable: nullable, metadata: metadata)
        }
        let id = try encoding.member("id").integer(Int64.self)
        let indexNode = try encoding.member("indexType")
        let indexType = try type(indexNode, children: [])
        guard indexType.isInteger else { throw indexNode.invalid("a dictionary index type must be an integer type") }
        let ordered = try encoding.optionalMember("isOrdered")?.bool() ?? false
        let type = try resolved(.dictionary(index: indexType, value: valueType, ordered: ordered), &metadata, node, name)
        return Field(name, type, nullable: nullable, metadata: metadata, dictionaryId: id)
    }

    /// `storage`, or the registered extension type the field's metadata names.
    private static func resolved(_ storage: DataType, _ metadata: inout Metadata, _ node: JSONNode, _ name: String) throws -> DataType {
        do {
            return try ExtensionRegistry.shared.resolve(storage, metadata: &metadata, field: name)
        } catch let error as ArrowError {
            throw node.invalid(error.reason)
        }
    }

    /// The type described by a `type` object, given the field's already decoded children.
    static func type(_ node: JSONNode, children: [Field]) throws -> DataType {
        let name = try node.member("name").string()
        func noChildren(_ type: DataType) throws -> DataType {
            guard children.isEmpty else { throw node.invalid("type \(name) takes no children, found \(children.count)") }
            return type
        }
        func onlyChild() throws -> Field {
            guard children.count == 1 else { throw node.invalid("type \(name) takes 1 child, found \(children.count)") }
            return children[0]
        }
        switch name {
        case "null": return try noChildren(.null)
        case "bool": return try noChildren(.boolean)
        case "int": return try noChildren(integerType(node))
        case "floatingpoint":
            switch try node.member("precision").string() {
            case "HALF": return try noChildren(.float16)
            case "SINGLE": return try noChildren(.float32)
            case "DOUBLE": return try noChildren(.float64)
            case let other: throw node.invalid("unknown floating-point precision \"\(other)\"")
            }
        case "decimal": return try noChildren(decimalType(node))
        case "date":
            switch try node.member("unit").string() {
            case "DAY": return try noChildren(.date32)
            case "MILLISECOND": return try noChildren(.date64)
            case let other: throw node.invalid("unknown date unit \"\(other)\"")
            }
        case "time":
            let unit = try timeUnit(node)
            let bitWidth = try node.member("bitWidth").integer(Int.self)
            switch (unit, bitWidth) {
            case (.second, 32), (.millisecond, 32): return try noChildren(.time32(unit))
            case (.microsecond, 64), (.nanosecond, 64): return try noChildren(.time64(unit))
            default: throw node.invalid("a time in \(unit.rawValue)s cannot be \(bitWidth) bits wide")
            }
        case "timestamp":
            let timeZone = try node.nonNullMember("timezone")?.string()
            return try noChildren(.timestamp(timeUnit(node), timeZone: timeZone))
        case "duration": return try noChildren(.duration(timeUnit(node)))
        case "interval":
            switch try node.member("unit").string() {
            case "YEAR_MONTH": return try noChildren(.interval(.yearMonth))
            case "DAY_TIME": return try noChildren(.interval(.dayTime))
            case "MONTH_DAY_NANO": return try noChildren(.interval(.monthDayNano))
            case let other: throw node.invalid("unknown interval unit \"\(other)\"")
            }
        case "binary": return try noChildren(.binary)
        case "largebinary": return try noChildren(.largeBinary)
        case "binaryview": return try noChildren(.binaryView)
        case "utf8": return try noChildren(.utf8)
        case "largeutf8": return try noChildren(.largeUtf8)
        case "utf8view": return try noChildren(.utf8View)
        case "fixedsizebinary":
            let width = Int(try node.member("byteWidth").integer(Int32.self))
            guard width >= 0 else { throw node.invalid("a negative byteWidth") }
            return try noChildren(.fixedSizeBinary(byteWidth: width))
        case "list": return .list(try onlyChild())
        case "largelist": return .largeList(try onlyChild())
        case "listview": return .listView(try onlyChild())
        case "largelistview": return .largeListView(try onlyChild())
        case "fixedsizelist":
            let size = Int(try node.member("listSize").integer(Int32.self))
            guard size >= 0 else { throw node.invalid("a negative listSize") }
            return .fixedSizeList(try onlyChild(), listSize: size)
        case "struct": return .struct(children)
        case "map":
            let entries = try onlyChild()
            guard case .struct(let keyValue) = entries.type, keyValue.count == 2 else {
                throw node.invalid("a map's child must be a struct of two fields, key and value")
            }
            let sorted = try node.optionalMember("keysSorted")?.bool() ?? false
            return .map(entries, keysSorted: sorted)
        case "union": return try unionType(node, children: children)
        case "runendencoded":
            guard children.count == 2 else {
                throw node.invalid("a run-end encoded type takes 2 children, found \(children.count)")
            }
            switch children[0].type {
            case .int16, .int32, .int64: break
            default: throw node.invalid("run ends must be int16, int32 or int64, found \(children[0].type)")
            }
            return .runEndEncoded(runEnds: children[0], values: children[1])
        default:
            throw node.invalid("unknown type name \"\(name)\"")
        }
    }

    private static func integerType(_ node: JSONNode) throws -> DataType {
        let signed = try node.member("isSigned").bool()
        let bitWidth = try node.member("bitWidth").integer(Int.self)
        switch (signed, bitWidth) {
        case (true, 8): return .int8
        case (true, 16): return .int16
        case (true, 32): return .int32
        case (true, 64): return .int64
        case (false, 8): return .uint8
        case (false, 16): return .uint16
        case (false, 32): return .uint32
        case (false, 64): return .uint64
        default: throw node.invalid("an integer cannot be \(bitWidth) bits wide")
        }
    }

    private static func decimalType(_ node: JSONNode) throws -> DataType {
        let precision = Int(try node.member("precision").integer(Int32.self))
        let scale = Int(try node.member("scale").integer(Int32.self))
        let bitWidth = try node.optionalMember("bitWidth")?.integer(Int.self) ?? 128
        guard precision > 0 else { throw node.invalid("a decimal's precision must be positive, found \(precision)") }
        switch bitWidth {
        case 32: return .decimal32(precision: precision, scale: scale)
        case 64: return .decimal64(precision: precision, scale: scale)
        case 128: return .decimal128(precision: precision, scale: scale)
        case 256: return .decimal256(precision: precision, scale: scale)
        default: throw node.invalid("a decimal cannot be \(bitWidth) bits wide")
        }
    }

    private static func timeUnit(_ node: JSONNode) throws -> TimeUnit {
        switch try node.member("unit").string() {
        case "SECOND": return .second
        case "MILLISECOND": return .millisecond
        case "MICROSECOND": return .microsecond
        case "NANOSECOND": return .nanosecond
        case let other: throw node.invalid("unknown time unit \"\(other)\"")
        }
    }

    private static func unionType(_ node: JSONNode, children: [Field]) throws -> DataType {
        let mode: UnionMode
        switch try node.member("mode").string().uppercased() {
        case "SPARSE": mode = .sparse
        case "DENSE": mode = .dense
        case let other: throw node.invalid("unknown union mode \"\(other)\"")
        }
        let typeIds: [Int32]
        if let idsNode = try node.nonNullMember("typeIds") {
            typeIds = try idsNode.elements().map { try $0.integer(Int32.self) }
        } else {
            typeIds = (0..<Int32(clamping: children.count)).map { $0 }
        }
        guard typeIds.count == children.count else {
            throw node.invalid("a union has \(children.count) children but \(typeIds.count) type ids")
        }
        guard typeIds.allSatisfy({ (0...127).contains($0) }) else {
            throw node.invalid("union type ids must be in 0...127")
        }
        guard Set(typeIds).count == typeIds.count else { throw node.invalid("union type ids repeat") }
        return .union(mode, children, typeIds: typeIds)
    }
}
