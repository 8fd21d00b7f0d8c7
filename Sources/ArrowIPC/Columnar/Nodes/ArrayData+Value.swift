import Foundation

extension ArrayData {
    /// The value in slot `index` (0-based, relative to this array) as an ``ArrowValue``.
    ///
    /// Works for every type, at every depth: dictionary-encoded and run-end encoded slots give
    /// their decoded value, union slots the chosen member's value. Every read is
    /// bounds-checked, so an array read from untrusted bytes without full validation cannot
    /// read outside its buffers. Throws ``ArrowError/invalidArgument(_:)`` for an index
    /// outside `0..<length`, ``ArrowError/invalidData(_:)`` for buffers, offsets, type ids,
    /// dictionary indices or run ends that do not fit, and ``ArrowError/notSupported(_:)`` for
    /// a value holding more than ``ArrowValue/maximumElementCount`` values.
    public func value(at index: Int) throws -> ArrowValue {
        guard index >= 0, index < length else {
            throw ArrowError.invalidArgument("slot \(index) is outside an array of length \(length)")
        }
        var budget = ArrowValue.maximumElementCount
        return try value(at: index, budget: &budget)
    }

    /// The value in slot `index`, counting the values of nested ones against `budget`.
    func value(at index: Int, budget: inout Int) throws -> ArrowValue {
        switch type {
        case .union, .dictionary, .runEndEncoded, .extension:
            // Nodes whose value may lie in another node (an extension's storage may be one).
            guard let (node, index) = try valueSlot(at: index) else { return .null }
            return try node.storedValue(at: index, budget: &budget)
        default:
            // A node that stores its own values: the checks of ``valueSlot(at:)`` without the
            // copy of the node it returns (a retain and release of every buffer, which took a
            // third of the time of reading a number).
            return try checkedValidityIsNull(checkedSlot(index)) ? .null : storedValue(at: index, budget: &budget)
        }
    }

    /// The non-null value at `index` of a node that stores it (not a union, dictionary or
    /// run-end encoded node, which ``valueSlot(at:)`` follows).
    func storedValue(at index: Int, budget: inout Int) throws -> ArrowValue {
        let slot = try checkedSlot(index)
        switch type {
        case .null: return .null
        case .boolean: return .bool(try checkedBit(buffer: 0, slot: slot))
        case .int8: return .int(Int64(try checkedLoad(Int8.self, buffer: 0, element: slot)))
        case .int16: return .int(Int64(try checkedLoad(Int16.self, buffer: 0, element: slot)))
        case .int32: return .int(Int64(try checkedLoad(Int32.self, buffer: 0, element: slot)))
        case .int64: return .int(try checkedLoad(Int64.self, buffer: 0, element: slot))
        case .uint8: return .uint(UInt64(try checkedLoad(UInt8.self, buffer: 0, element: slot)))
        case .uint16: return .uint(UInt64(try checkedLoad(UInt16.self, buffer: 0, element: slot)))
        case .uint32: return .uint(UInt64(try checkedLoad(UInt32.self, buffer: 0, element: slot)))
        case .uint64: return .uint(try checkedLoad(UInt64.self, buffer: 0, element: slot))
        case .float16: return .float16(Float(HalfFloat.double(try checkedLoad(UInt16.self, buffer: 0, element: slot))))
        case .float32: return .float(try checkedLoad(Float.self, buffer: 0, element: slot))
        case .float64: return .double(try checkedLoad(Double.self, buffer: 0, element: slot))
        case .decimal32(let precision, let scale), .decimal64(let precision, let scale),
             .decimal128(let precision, let scale), .decimal256(let precision, let scale):
            let width = type.byteWidth ?? 0
            let start = try checkedProduct(slot, width)
            let words = try withCheckedBytes(buffer: 0, range: start..<(start + width), ArrowDecimal.unscaledWords)
            return .decimal(ArrowDecimal(storage: words, precision: precision, scale: scale))
        case .date32: return .date32(try checkedLoad(Int32.self, buffer: 0, element: slot))
        case .date64: return .date64(try checkedLoad(Int64.self, buffer: 0, element: slot))
        case .time32(let unit): return .time(Int64(try checkedLoad(Int32.self, buffer: 0, element: slot)), unit)
        case .time64(let unit): return .time(try checkedLoad(Int64.self, buffer: 0, element: slot), unit)
        case .timestamp(let unit, let timeZone):
            return .timestamp(try checkedLoad(Int64.self, buffer: 0, element: slot), unit, timeZone: timeZone)
        case .duration(let unit): return .duration(try checkedLoad(Int64.self, buffer: 0, element: slot), unit)
        case .interval(.yearMonth): return .yearMonthInterval(months: try checkedLoad(Int32.self, buffer: 0, element: slot))
        case .interval(.dayTime): return .dayTimeInterval(try checkedLoad(DayTimeInterval.self, buffer: 0, element: slot))
        case .interval(.monthDayNano):
            return .monthDayNanoInterval(try checkedLoad(MonthDayNanoInterval.self, buffer: 0, element: slot))
        case .binary, .largeBinary, .binaryView, .fixedSizeBinary:
            return .binary(try withValueBytes(slot: slot) { Array($0) })
        case .utf8, .largeUtf8, .utf8View:
            return .string(try withValueBytes(slot: slot) { String(decoding: $0, as: UTF8.self) })
        case .list, .largeList, .listView, .largeListView, .fixedSizeList:
            let range = try childRange(slot: slot)
            try Self.spend(range.count, from: &budget)
            let child = try checkedChild(0)
            var items: [ArrowValue] = []
            items.reserveCapacity(range.count)
            for childIndex in range {
                items.append(try child.value(at: childIndex, budget: &budget))
            }
            return .list(items)
        case .struct(let fields):
            try Self.spend(fields.count, from: &budget)
            var values: [ArrowValue] = []
            values.reserveCapacity(fields.count)
            for position in fields.indices {
                values.append(try checkedChild(position).value(at: slot, budget: &budget))
            }
            return .struct(ArrowRecord(checkedNames: fields.map(\.name), values: values))
        case .map:
            let range = try childRange(slot: slot)
            try Self.spend(range.count, from: &budget)
            try Self.spend(range.count, from: &budget)
            let entries = try checkedChild(0)
            let keys = try entries.checkedChild(0)
            let values = try entries.checkedChild(1)
            var result: [ArrowMapEntry] = []
            result.reserveCapacity(range.count)
            for entry in range {
                let position = try entries.checkedSlot(entry)
                result.append(ArrowMapEntry(
                    key: try keys.value(at: position, budget: &budget),
                    value: try values.value(at: position, budget: &budget)))
            }
            return .map(result)
        case .extension(UUIDType.extensionName, UUIDType.storage, _):
            let start = try checkedProduct(slot, 16)
            return .uuid(try withCheckedBytes(buffer: 0, range: start..<(start + 16)) { bytes in
                UUID(uuid: bytes.loadUnaligned(as: uuid_t.self))
            })
        case .extension(Bool8Type.extensionName, .int8, _):
            return .bool(try checkedLoad(Int8.self, buffer: 0, element: slot) != 0)
        case .extension(_, let storage, _):
            return try viewed(as: storage).value(at: index, budget: &budget)
        case .union, .dictionary, .runEndEncoded:
            throw ArrowError.invalidData("a \(type) slot was not resolved to the node storing its value")
        }
    }

    /// Takes `count` values from `budget`, or throws when there are not that many left.
    private static func spend(_ count: Int, from budget: inout Int) throws {
        guard count <= budget else {
            throw ArrowError.notSupported(
                "a value holding more than \(ArrowValue.maximumElementCount) values is not built as an ArrowValue; "
                    + "read it through its typed array")
        }
        budget -= count
    }
}

extension ArrowArray {
    /// The value in slot `index` as an ``ArrowValue``, whatever the array's type (see
    /// ``ArrayData/value(at:)``): `batch.column(2).value(at: row)` reads any cell.
    public func value(at index: Int) throws -> ArrowValue {
        try data.value(at: index)
    }
}

extension DataType {
    /// Whether this is an extension type whose values are read as values of their own
    /// (``ArrowValue/uuid(_:)`` for `arrow.uuid`, ``ArrowValue/bool(_:)`` for `arrow.bool8`)
    /// rather than as the values of its storage.
    var hasValuesOfItsOwn: Bool {
        switch self {
        case .extension(UUIDType.extensionName, UUIDType.storage, _), .extension(Bool8Type.extensionName, .int8, _):
            return true
        default:
            return false
        }
    }
}
