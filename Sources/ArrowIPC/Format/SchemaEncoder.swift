/// Encodes Columnar schemas into the `Schema`, `Field` and `KeyValue` tables of Schema.fbs.
///
/// A `.dictionary` type becomes the field's value type plus a `DictionaryEncoding` carrying the
/// index type, the ordering and the field's `dictionaryId` (0 when unset). An `.extension` type
/// becomes its storage type, with `ARROW:extension:metadata` then `ARROW:extension:name` set
/// in the field metadata after its other entries, as Arrow C++ writes them (any earlier
/// entries under those keys are replaced). Schemas the format cannot express — a
/// non-integer dictionary index or a dictionary of dictionaries — are rejected by the IPC
/// writers (`Schema.assigningDictionaryIds()`) before they get here; this encoder writes the
/// index as `Int` only when it is an integer type, leaving it out (meaning int32) otherwise,
/// and writes the innermost value type of nested dictionaries.
enum SchemaEncoder {
    /// Writes a `Schema` table and returns its offset.
    static func schema(_ schema: Schema, endianness: Endianness, into builder: inout FlatBufferBuilder) -> FlatBufferOffset {
        let fields = schema.fields.map { field($0, into: &builder) }
        let fieldVector = builder.createVector(of: fields)
        let metadataVector = metadata(schema.metadata, into: &builder)
        var entries: [FlatBufferField] = [
            .int16(0, endianness == .little ? 0 : 1, default: 0),
            .offset(1, fieldVector),
        ]
        if let metadataVector {
            entries.append(.offset(2, metadataVector))
        }
        return builder.createTable(entries)
    }

    /// Writes a `[KeyValue]` vector, or nothing for empty metadata.
    static func metadata(_ metadata: Metadata, into builder: inout FlatBufferBuilder) -> FlatBufferOffset? {
        guard !metadata.isEmpty else { return nil }
        let pairs = metadata.entries.map { entry -> FlatBufferOffset in
            let key = builder.createString(entry.key)
            let value = builder.createString(entry.value)
            return builder.createTable([.offset(0, key), .offset(1, value)])
        }
        return builder.createVector(of: pairs)
    }

    private static func field(_ field: Field, into builder: inout FlatBufferBuilder) -> FlatBufferOffset {
        var type = field.type
        var metadata = field.metadata
        var dictionary: (index: DataType, ordered: Bool)?
        unwrapping: while true {
            switch type {
            case .extension(let name, let storage, let extensionMetadata):
                metadata.entries.removeAll {
                    $0.key == ExtensionRegistry.nameKey || $0.key == ExtensionRegistry.metadataKey
                }
                metadata.append(key: ExtensionRegistry.metadataKey, value: extensionMetadata)
                metadata.append(key: ExtensionRegistry.nameKey, value: name)
                type = storage
            case .dictionary(let index, let value, let ordered):
                if dictionary == nil {
                    dictionary = (index, ordered)
                }
                type = value
            default:
                break unwrapping
            }
        }

        let name = builder.createString(field.name)
        let (tag, typeTable) = Self.type(type, into: &builder)
        let children = type.children.map { Self.field($0, into: &builder) }
        let childVector = builder.createVector(of: children)
        var encoding: FlatBufferOffset?
        if let dictionary {
            var entries: [FlatBufferField] = [
                .int64(0, field.dictionaryId ?? 0, default: 0),
                .bool(2, dictionary.ordered, default: false),
            ]
            if let indexTable = index(dictionary.index, into: &builder) {
                entries.append(.offset(1, indexTable))
            }
            encoding = builder.createTable(entries)
        }
        let metadataVector = Self.metadata(metadata, into: &builder)

        var entries: [FlatBufferField] = [
            .offset(0, name),
            .bool(1, field.isNullable, default: false),
            .uint8(2, tag.rawValue),
            .offset(3, typeTable),
            .offset(5, childVector),
        ]
        if let encoding {
            entries.append(.offset(4, encoding))
        }
        if let metadataVector {
            entries.append(.offset(6, metadataVector))
        }
        return builder.createTable(entries)
    }

    /// Writes an `Int` table.
    private static func integer(_ bitWidth: Int32, signed: Bool, into builder: inout FlatBufferBuilder) -> FlatBufferOffset {
        builder.createTable([.int32(0, bitWidth, default: 0), .bool(1, signed, default: false)])
    }

    /// Writes the `Int` table of a dictionary index type; `nil` when it is not an integer type.
    private static func index(_ type: DataType, into builder: inout FlatBufferBuilder) -> FlatBufferOffset? {
        switch type {
        case .int8: return integer(8, signed: true, into: &builder)
        case .int16: return integer(16, signed: true, into: &builder)
        case .int32: return integer(32, signed: true, into: &builder)
        case .int64: return integer(64, signed: true, into: &builder)
        case .uint8: return integer(8, signed: false, into: &builder)
        case .uint16: return integer(16, signed: false, into: &builder)
        case .uint32: return integer(32, signed: false, into: &builder)
        case .uint64: return integer(64, signed: false, into: &builder)
        default: return nil
        }
    }

    private static func unitCode(_ unit: TimeUnit) -> Int16 {
        switch unit {
        case .second: return 0
        case .millisecond: return 1
        case .microsecond: return 2
        case .nanosecond: return 3
        }
    }

    /// Writes the type table of a type that is neither `.dictionary` nor `.extension`.
    private static func type(_ type: DataType, into builder: inout FlatBufferBuilder) -> (TypeTag, FlatBufferOffset) {
        func table(_ tag: TypeTag, _ fields: [FlatBufferField] = []) -> (TypeTag, FlatBufferOffset) {
            (tag, builder.createTable(fields))
        }
        func decimal(_ precision: Int, _ scale: Int, _ bitWidth: Int32) -> (TypeTag, FlatBufferOffset) {
            table(.decimal, [
                .int32(0, Int32(clamping: precision), default: 0),
                .int32(1, Int32(clamping: scale), default: 0),
                .int32(2, bitWidth, default: 128),
            ])
        }
        switch type {
        case .null: return table(.null)
        case .boolean: return table(.bool)
        case .int8: return (.int, integer(8, signed: true, into: &builder))
        case .int16: return (.int, integer(16, signed: true, into: &builder))
        case .int32: return (.int, integer(32, signed: true, into: &builder))
        case .int64: return (.int, integer(64, signed: true, into: &builder))
        case .uint8: return (.int, integer(8, signed: false, into: &builder))
        case .uint16: return (.int, integer(16, signed: false, into: &builder))
        case .uint32: return (.int, integer(32, signed: false, into: &builder))
        case .uint64: return (.int, integer(64, signed: false, into: &builder))
        case .float16: return table(.floatingPoint, [.int16(0, 0, default: 0)])
        case .float32: return table(.floatingPoint, [.int16(0, 1, default: 0)])
        case .float64: return table(.floatingPoint, [.int16(0, 2, default: 0)])
        case .decimal32(let precision, let scale): return decimal(precision, scale, 32)
        case .decimal64(let precision, let scale): return decimal(precision, scale, 64)
        case .decimal128(let precision, let scale): return decimal(precision, scale, 128)
        case .decimal256(let precision, let scale): return decimal(precision, scale, 256)
        case .date32: return table(.date, [.int16(0, 0, default: 1)])
        case .date64: return table(.date, [.int16(0, 1, default: 1)])
        case .time32(let unit):
            return table(.time, [.int16(0, unitCode(unit), default: 1), .int32(1, 32, default: 32)])
        case .time64(let unit):
            return table(.time, [.int16(0, unitCode(unit), default: 1), .int32(1, 64, default: 32)])
        case .timestamp(let unit, let timeZone):
            var fields: [FlatBufferField] = [.int16(0, unitCode(unit), default: 0)]
            if let timeZone {
                fields.append(.offset(1, builder.createString(timeZone)))
            }
            return table(.timestamp, fields)
        case .duration(let unit): return table(.duration, [.int16(0, unitCode(unit), default: 1)])
        case .interval(let unit):
            let code: Int16
            switch unit {
            case .yearMonth: code = 0
            case .dayTime: code = 1
            case .monthDayNano: code = 2
            }
            return table(.interval, [.int16(0, code, default: 0)])
        case .binary: return table(.binary)
        case .largeBinary: return table(.largeBinary)
        case .binaryView: return table(.binaryView)
        case .utf8: return table(.utf8)
        case .largeUtf8: return table(.largeUtf8)
        case .utf8View: return table(.utf8View)
        case .fixedSizeBinary(let width):
            return table(.fixedSizeBinary, [.int32(0, Int32(clamping: width), default: 0)])
        case .list: return table(.list)
        case .largeList: return table(.largeList)
        case .listView: return table(.listView)
        case .largeListView: return table(.largeListView)
        case .fixedSizeList(_, let size):
            return table(.fixedSizeList, [.int32(0, Int32(clamping: size), default: 0)])
        case .struct: return table(.structType)
        case .map(_, let keysSorted): return table(.map, [.bool(0, keysSorted, default: false)])
        case .union(let mode, _, let typeIds):
            let ids = builder.createVector(of: typeIds)
            return table(.union, [.int16(0, mode == .sparse ? 0 : 1, default: 0), .offset(1, ids)])
        case .runEndEncoded: return table(.runEndEncoded)
        case .dictionary(_, let value, _): return Self.type(value, into: &builder)
        case .extension(_, let storage, _): return Self.type(storage, into: &builder)
        }
    }
}
