/// Decodes the `Schema`, `Field` and `KeyValue` tables of Schema.fbs into Columnar values.
///
/// Nesting is limited to ``maximumDepth`` levels, and the fields and key/value pairs decoded
/// together to a quarter of the buffer size (each takes at least a 4-byte vector slot), so that
/// neither deep chains nor tables shared by many parents can make decoding slow or large.
struct SchemaDecoder {
    /// The deepest nesting of fields accepted, counting top-level fields as depth 1.
    static let maximumDepth = 64

    private let bufferSize: Int
    private var remainingElements: Int

    init(reader: FlatBufferReader) {
        bufferSize = reader.count
        remainingElements = reader.count / 4
    }

    /// Counts `count` more decoded fields or pairs against the budget.
    private mutating func spend(_ count: Int) throws {
        guard count <= remainingElements else {
            throw ArrowError.invalidData(
                "the metadata claims more fields and key/value pairs than its \(bufferSize) bytes can hold")
        }
        remainingElements -= count
    }

    /// Decodes a `Schema` table.
    mutating func schema(_ table: FlatBufferTable) throws -> (Schema, Endianness) {
        let endianness: Endianness
        switch try table.scalar(0, "endianness", default: Int16(0)) {
        case 0: endianness = .little
        case 1: endianness = .big
        case let other:
            throw ArrowError.invalidData("Schema.endianness has the unknown value \(other)")
        }
        var fields: [Field] = []
        if let vector = try table.vector(1, "fields", elementSize: 4) {
            fields.reserveCapacity(vector.count)
            for index in 0..<vector.count {
                let child = try vector.table(at: index, type: "Field")
                fields.append(try field(child, depth: 1, parentPath: ""))
            }
        }
        let metadata = try self.metadata(table, slot: 2)
        return (Schema(fields, metadata: metadata), endianness)
    }

    /// Decodes a `[KeyValue]` field; absent keys and values read as "", order and repeats kept.
    mutating func metadata(_ table: FlatBufferTable, slot: Int) throws -> Metadata {
        guard let vector = try table.vector(slot, "custom_metadata", elementSize: 4) else { return [:] }
        try spend(vector.count)
        var entries: [Metadata.Entry] = []
        entries.reserveCapacity(vector.count)
        for index in 0..<vector.count {
            let pair = try vector.table(at: index, type: "KeyValue")
            let key = try pair.string(0, "key") ?? ""
            let value = try pair.string(1, "value") ?? ""
            entries.append(Metadata.Entry(key: key, value: value))
        }
        return Metadata(entries)
    }

    private mutating func field(_ table: FlatBufferTable, depth: Int, parentPath: String) throws -> Field {
        try spend(1)
        let name = try table.string(0, "name") ?? ""
        let path = parentPath.isEmpty ? name : parentPath + "." + name
        guard depth <= Self.maximumDepth else {
            throw ArrowError.invalidData(
                "field '\(path)' is nested more than \(Self.maximumDepth) levels deep")
        }
        let nullable = try table.bool(1, "nullable", default: false)
        let metadata = try self.metadata(table, slot: 6)

        var children: [Field] = []
        if let vector = try table.vector(5, "children", elementSize: 4) {
            children.reserveCapacity(vector.count)
            for index in 0..<vector.count {
                let child = try vector.table(at: index, type: "Field")
                children.append(try field(child, depth: depth + 1, parentPath: path))
            }
        }

        let rawTag = try table.scalar(2, "type_type", default: UInt8(0))
        guard rawTag != 0 else {
            throw ArrowError.invalidData("field '\(path)' has no type (Field.type_type is NONE)")
        }
        guard let tag = TypeTag(rawValue: rawTag) else {
            throw ArrowError.notSupported("field '\(path)' has type code \(rawTag), unknown to this reader")
        }
        guard let typeTable = try table.table(3, "type", type: tag.tableName) else {
            throw ArrowError.invalidData("field '\(path)' has type \(tag.tableName) but no \(tag.tableName) table")
        }
        var type = try Self.type(tag, typeTable, children: children, path: path)

        var dictionaryId: Int64?
        if let encoding = try table.table(4, "dictionary", type: "DictionaryEncoding") {
            let id = try encoding.scalar(0, "id", default: Int64(0))
            let index: DataType
            if let indexTable = try encoding.table(1, "indexType", type: "Int") {
                index = try Self.integer(indexTable, path: path)
            } else {
                index = .int32
            }
            let ordered = try encoding.bool(2, "isOrdered", default: false)
            let kind = try encoding.scalar(3, "dictionaryKind", default: Int16(0))
            guard kind == 0 else {
                throw ArrowError.notSupported(
                    "field '\(path)' uses dictionary kind \(kind); only DenseArray (0) is supported")
            }
            type = .dictionary(index: index, value: type, ordered: ordered)
            dictionaryId = id
        }
        return Field(name, type, nullable: nullable, metadata: metadata, dictionaryId: dictionaryId)
    }

    private static func type(
        _ tag: TypeTag, _ table: FlatBufferTable, children: [Field], path: String
    ) throws -> DataType {
        func expectChildren(_ count: Int) throws {
            guard children.count == count else {
                throw ArrowError.invalidData(
                    "field '\(path)' of type \(tag.tableName) has \(children.count) children; it must have \(count)")
            }
        }
        switch tag {
        case .null: return .null
        case .bool: return .boolean
        case .int: return try integer(table, path: path)
        case .floatingPoint:
            switch try table.scalar(0, "precision", default: Int16(0)) {
            case 0: return .float16
            case 1: return .float32
            case 2: return .float64
            case let other:
                throw ArrowError.invalidData("field '\(path)': FloatingPoint.precision has the unknown value \(other)")
            }
        case .decimal:
            let precision = Int(try table.scalar(0, "precision", default: Int32(0)))
            let scale = Int(try table.scalar(1, "scale", default: Int32(0)))
            let bitWidth = try table.scalar(2, "bitWidth", default: Int32(128))
            let maximumPrecision: Int
            let type: DataType
            switch bitWidth {
            case 32: (maximumPrecision, type) = (9, .decimal32(precision: precision, scale: scale))
            case 64: (maximumPrecision, type) = (18, .decimal64(precision: precision, scale: scale))
            case 128: (maximumPrecision, type) = (38, .decimal128(precision: precision, scale: scale))
            case 256: (maximumPrecision, type) = (76, .decimal256(precision: precision, scale: scale))
            default:
                throw ArrowError.invalidData(
                    "field '\(path)': Decimal.bitWidth is \(bitWidth); it must be 32, 64, 128 or 256")
            }
            guard (1...maximumPrecision).contains(precision) else {
                throw ArrowError.invalidData(
                    "field '\(path)': Decimal.precision \(precision) is outside 1...\(maximumPrecision) for \(bitWidth)-bit decimals")
            }
            return type
        case .date:
            switch try table.scalar(0, "unit", default: Int16(1)) {
            case 0: return .date32
            case 1: return .date64
            case let other:
                throw ArrowError.invalidData("field '\(path)': Date.unit has the unknown value \(other)")
            }
        case .time:
            let unit = try timeUnit(table, default: 1, path: path)
            let bitWidth = try table.scalar(1, "bitWidth", default: Int32(32))
            switch (unit, bitWidth) {
            case (.second, 32), (.millisecond, 32): return .time32(unit)
            case (.microsecond, 64), (.nanosecond, 64): return .time64(unit)
            default:
                throw ArrowError.invalidData(
                    "field '\(path)': Time.bitWidth \(bitWidth) does not match unit \(unit.rawValue) (seconds and milliseconds take 32 bits, micro- and nanoseconds 64)")
            }
        case .timestamp:
            let unit = try timeUnit(table, default: 0, path: path)
            return .timestamp(unit, timeZone: try table.string(1, "timezone"))
        case .duration:
            return .duration(try timeUnit(table, default: 1, path: path))
        case .interval:
            switch try table.scalar(0, "unit", default: Int16(0)) {
            case 0: return .interval(.yearMonth)
            case 1: return .interval(.dayTime)
            case 2: return .interval(.monthDayNano)
            case let other:
                throw ArrowError.invalidData("field '\(path)': Interval.unit has the unknown value \(other)")
            }
        case .binary: return .binary
        case .largeBinary: return .largeBinary
        case .binaryView: return .binaryView
        case .utf8: return .utf8
        case .largeUtf8: return .largeUtf8
        case .utf8View: return .utf8View
        case .fixedSizeBinary:
            let width = try table.scalar(0, "byteWidth", default: Int32(0))
            guard width >= 0 else {
                throw ArrowError.invalidData("field '\(path)': FixedSizeBinary.byteWidth \(width) is negative")
            }
            return .fixedSizeBinary(byteWidth: Int(width))
        case .list:
            try expectChildren(1)
            return .list(children[0])
        case .largeList:
            try expectChildren(1)
            return .largeList(children[0])
        case .listView:
            try expectChildren(1)
            return .listView(children[0])
        case .largeListView:
            try expectChildren(1)
            return .largeListView(children[0])
        case .fixedSizeList:
            try expectChildren(1)
            let size = try table.scalar(0, "listSize", default: Int32(0))
            guard size >= 0 else {
                throw ArrowError.invalidData("field '\(path)': FixedSizeList.listSize \(size) is negative")
            }
            return .fixedSizeList(children[0], listSize: Int(size))
        case .structType:
            return .struct(children)
        case .map:
            try expectChildren(1)
            guard case .struct(let entries) = children[0].type, entries.count == 2 else {
                throw ArrowError.invalidData(
                    "field '\(path)' of type Map must have one struct child with two children, key and value")
            }
            return .map(children[0], keysSorted: try table.bool(0, "keysSorted", default: false))
        case .union:
            let mode: UnionMode
            switch try table.scalar(0, "mode", default: Int16(0)) {
            case 0: mode = .sparse
            case 1: mode = .dense
            case let other:
                throw ArrowError.invalidData("field '\(path)': Union.mode has the unknown value \(other)")
            }
            var typeIds: [Int32] = []
            if let vector = try table.vector(1, "typeIds", elementSize: 4) {
                guard vector.count == children.count else {
                    throw ArrowError.invalidData(
                        "field '\(path)': Union.typeIds has \(vector.count) entries for \(children.count) children")
                }
                typeIds.reserveCapacity(vector.count)
                for index in 0..<vector.count {
                    let id = vector.load(Int32.self, at: index)
                    guard (0...127).contains(id) else {
                        throw ArrowError.invalidData("field '\(path)': Union.typeIds value \(id) is outside 0...127")
                    }
                    typeIds.append(id)
                }
            } else {
                guard children.count <= 128 else {
                    throw ArrowError.invalidData(
                        "field '\(path)': a union without typeIds can have at most 128 children, not \(children.count)")
                }
                typeIds = (0..<Int32(children.count)).map { $0 }
            }
            return .union(mode, children, typeIds: typeIds)
        case .runEndEncoded:
            try expectChildren(2)
            switch children[0].type {
            case .int16, .int32, .int64: break
            default:
                throw ArrowError.invalidData(
                    "field '\(path)': the run ends of a run-end encoded field must be int16, int32 or int64")
            }
            return .runEndEncoded(runEnds: children[0], values: children[1])
        }
    }

    /// Decodes an `Int` table (a field type or a dictionary index type).
    private static func integer(_ table: FlatBufferTable, path: String) throws -> DataType {
        let bitWidth = try table.scalar(0, "bitWidth", default: Int32(0))
        let signed = try table.bool(1, "is_signed", default: false)
        switch (bitWidth, signed) {
        case (8, true): return .int8
        case (16, true): return .int16
        case (32, true): return .int32
        case (64, true): return .int64
        case (8, false): return .uint8
        case (16, false): return .uint16
        case (32, false): return .uint32
        case (64, false): return .uint64
        default:
            throw ArrowError.invalidData("field '\(path)': Int.bitWidth is \(bitWidth); it must be 8, 16, 32 or 64")
        }
    }

    /// Decodes the `unit` (slot 0) of a Time, Timestamp or Duration table.
    private static func timeUnit(_ table: FlatBufferTable, default defaultValue: Int16, path: String) throws -> TimeUnit {
        switch try table.scalar(0, "unit", default: defaultValue) {
        case 0: return .second
        case 1: return .millisecond
        case 2: return .microsecond
        case 3: return .nanosecond
        case let other:
            throw ArrowError.invalidData("field '\(path)': \(table.name).unit has the unknown value \(other)")
        }
    }
}
