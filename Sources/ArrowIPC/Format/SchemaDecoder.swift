/// Decodes the `Schema`, `Field` and `KeyValue` tables of Schema.fbs into Columnar values.
///
/// A field whose metadata names an extension type registered in ``ExtensionRegistry/shared``
/// gets that `.extension` type (wrapping the dictionary type of a dictionary-encoded field),
/// as ``ExtensionRegistry`` describes; other extension fields keep their storage type and metadata.
///
/// Tables and strings in a flatbuffer may be referenced by many parents, so a small buffer can
/// describe an enormous tree. Everything decoded is therefore charged to a budget of twice the
/// buffer size: each field and each key/value pair costs ``nodeCost``, and each string (field
/// name, metadata key and value, time zone) its UTF-8 length, on every reference. A buffer that
/// stores each of these once always fits (a field or pair takes at least 8 bytes besides its
/// strings); one that shares tables or strings to multiply them is rejected once the decoded
/// tree outgrows the budget, which bounds the decoded schema (its node count plus its name
/// bytes) and the time spent on it. Nesting is limited to `maxDepth` levels.
struct SchemaDecoder {
    /// The deepest nesting of fields a reader may accept, counting top-level fields as depth 1:
    /// the default and the most ``ArrowReadOptions/maxNestingDepth`` allows, as deep as
    /// ``ArrayData/validate(_:)`` follows arrays.
    static let maximumDepth = ArrayData.maximumNestingDepth
    /// What one decoded field or key/value pair costs against the budget, besides its strings.
    static let nodeCost = 8
    /// The longest name an error message's field path shows whole.
    private static let longestNameShown = 64

    private let bufferSize: Int
    /// The deepest nesting accepted here, at most ``maximumDepth``.
    private let maxDepth: Int
    private var remainingBudget: Int
    /// The names of the field being decoded and of its ancestors, outermost first.
    private var names: [String] = []

    init(reader: FlatBufferReader, maxDepth: Int = Self.maximumDepth) {
        bufferSize = reader.count
        self.maxDepth = min(maxDepth, Self.maximumDepth)
        remainingBudget = 2 * reader.count
    }

    /// Charges `units` (node costs and string bytes) to the budget.
    private mutating func spend(_ units: Int) throws {
        guard units <= remainingBudget else {
            throw ArrowError.invalidData(
                "the schema in the metadata decodes to more fields, key/value pairs and string bytes than twice the metadata's \(bufferSize) bytes allow; its tables or strings are shared by too many parents")
        }
        remainingBudget -= units
    }

    /// The dotted path of the field being decoded, for error messages; long names are shortened.
    private var path: String {
        names.map { name in
            let length = name.utf8.count
            guard length > Self.longestNameShown else { return name }
            return "\(name.prefix(Self.longestNameShown))…(\(length) bytes)"
        }.joined(separator: ".")
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
                fields.append(try field(child, depth: 1))
            }
        }
        let metadata = try self.metadata(table, slot: 2)
        return (Schema(fields, metadata: metadata), endianness)
    }

    /// Decodes a `[KeyValue]` field; absent keys and values read as "", order and repeats kept.
    mutating func metadata(_ table: FlatBufferTable, slot: Int) throws -> Metadata {
        guard let vector = try table.vector(slot, "custom_metadata", elementSize: 4) else { return [:] }
        // The vector lies in the buffer, so its count is at most a quarter of the buffer size.
        try spend(vector.count * Self.nodeCost)
        var entries: [Metadata.Entry] = []
        entries.reserveCapacity(vector.count)
        for index in 0..<vector.count {
            let pair = try vector.table(at: index, type: "KeyValue")
            let key = try pair.string(0, "key") ?? ""
            let value = try pair.string(1, "value") ?? ""
            try spend(key.utf8.count)
            try spend(value.utf8.count)
            entries.append(Metadata.Entry(key: key, value: value))
        }
        return Metadata(entries)
    }

    private mutating func field(_ table: FlatBufferTable, depth: Int) throws -> Field {
        let name = try table.string(0, "name") ?? ""
        try spend(Self.nodeCost + name.utf8.count)
        names.append(name)
        defer { names.removeLast() }
        guard depth <= maxDepth else {
            throw ArrowError.invalidData(
                "field '\(path)' is nested more than \(maxDepth) levels deep (the reader's limit)")
        }
        let nullable = try table.bool(1, "nullable", default: false)
        var metadata = try self.metadata(table, slot: 6)

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

        let childVector = try table.vector(5, "children", elementSize: 4)
        let childCount = childVector?.count ?? 0
        if let required = tag.requiredChildCount, childCount != required {
            throw ArrowError.invalidData(
                "field '\(path)' of type \(tag.tableName) has \(childCount) \(childCount == 1 ? "child" : "children"); it must have \(required)")
        }
        var children: [Field] = []
        if let childVector {
            children.reserveCapacity(childCount)
            for index in 0..<childCount {
                let child = try childVector.table(at: index, type: "Field")
                children.append(try field(child, depth: depth + 1))
            }
        }
        var type = try self.type(tag, typeTable, children: children)

        var dictionaryId: Int64?
        if let encoding = try table.table(4, "dictionary", type: "DictionaryEncoding") {
            let id = try encoding.scalar(0, "id", default: Int64(0))
            let index: DataType
            if let indexTable = try encoding.table(1, "indexType", type: "Int") {
                index = try integer(indexTable)
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
        type = try ExtensionRegistry.shared.resolve(type, metadata: &metadata, field: path)
        return Field(name, type, nullable: nullable, metadata: metadata, dictionaryId: dictionaryId)
    }

    /// Decodes the type table of the current field, whose children (as many as `tag` requires)
    /// are decoded already.
    private mutating func type(_ tag: TypeTag, _ table: FlatBufferTable, children: [Field]) throws -> DataType {
        switch tag {
        case .null: return .null
        case .bool: return .boolean
        case .int: return try integer(table)
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
            let unit = try timeUnit(table, default: 1)
            let bitWidth = try table.scalar(1, "bitWidth", default: Int32(32))
            switch (unit, bitWidth) {
            case (.second, 32), (.millisecond, 32): return .time32(unit)
            case (.microsecond, 64), (.nanosecond, 64): return .time64(unit)
            default:
                throw ArrowError.invalidData(
                    "field '\(path)': Time.bitWidth \(bitWidth) does not match unit \(unit.rawValue) (seconds and milliseconds take 32 bits, micro- and nanoseconds 64)")
            }
        case .timestamp:
            let unit = try timeUnit(table, default: 0)
            let timeZone = try table.string(1, "timezone")
            try spend(timeZone?.utf8.count ?? 0)
            return .timestamp(unit, timeZone: timeZone)
        case .duration:
            return .duration(try timeUnit(table, default: 1))
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
        case .list: return .list(children[0])
        case .largeList: return .largeList(children[0])
        case .listView: return .listView(children[0])
        case .largeListView: return .largeListView(children[0])
        case .fixedSizeList:
            let size = try table.scalar(0, "listSize", default: Int32(0))
            guard size >= 0 else {
                throw ArrowError.invalidData("field '\(path)': FixedSizeList.listSize \(size) is negative")
            }
            return .fixedSizeList(children[0], listSize: Int(size))
        case .structType:
            return .struct(children)
        case .map:
            guard case .struct(let entries) = children[0].type, entries.count == 2 else {
                throw ArrowError.invalidData(
                    "field '\(path)' of type Map must have one struct child with two children, key and value")
            }
            return .map(children[0], keysSorted: try table.bool(0, "keysSorted", default: false))
        case .union:
            return try union(table, children: children)
        case .runEndEncoded:
            switch children[0].type {
            case .int16, .int32, .int64: break
            default:
                throw ArrowError.invalidData(
                    "field '\(path)': the run ends of a run-end encoded field must be int16, int32 or int64")
            }
            return .runEndEncoded(runEnds: children[0], values: children[1])
        }
    }

    /// Decodes a `Union` table: its mode and one distinct type id in 0...127 per child.
    private func union(_ table: FlatBufferTable, children: [Field]) throws -> DataType {
        let mode: UnionMode
        switch try table.scalar(0, "mode", default: Int16(0)) {
        case 0: mode = .sparse
        case 1: mode = .dense
        case let other:
            throw ArrowError.invalidData("field '\(path)': Union.mode has the unknown value \(other)")
        }
        guard let vector = try table.vector(1, "typeIds", elementSize: 4) else {
            guard children.count <= 128 else {
                throw ArrowError.invalidData(
                    "field '\(path)': a union without typeIds can have at most 128 children, not \(children.count)")
            }
            return .union(mode, children, typeIds: (0..<Int32(children.count)).map { $0 })
        }
        guard vector.count == children.count else {
            throw ArrowError.invalidData(
                "field '\(path)': Union.typeIds has \(vector.count) entries for \(children.count) children")
        }
        var typeIds: [Int32] = []
        typeIds.reserveCapacity(vector.count)
        var used = [Bool](repeating: false, count: 128)
        for index in 0..<vector.count {
            let id = vector.load(Int32.self, at: index)
            guard (0...127).contains(id) else {
                throw ArrowError.invalidData("field '\(path)': Union.typeIds value \(id) is outside 0...127")
            }
            guard !used[Int(id)] else {
                throw ArrowError.invalidData("field '\(path)': Union.typeIds repeats the value \(id)")
            }
            used[Int(id)] = true
            typeIds.append(id)
        }
        return .union(mode, children, typeIds: typeIds)
    }

    /// Decodes an `Int` table (a field type or a dictionary index type).
    private func integer(_ table: FlatBufferTable) throws -> DataType {
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
    private func timeUnit(_ table: FlatBufferTable, default defaultValue: Int16) throws -> TimeUnit {
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
