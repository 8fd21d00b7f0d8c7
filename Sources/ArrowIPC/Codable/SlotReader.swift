/// Reads the slots of one array as ``ArrowValue``s for ``DecodingNode``: the common scalar
/// columns straight from their typed arrays, every other type through
/// ``ArrayData/value(at:)``, which checks each read.
///
/// A class, so that a node reads through its reader without copying the arrays it holds.
class SlotReader {
    let data: ArrayData

    init(_ data: ArrayData) {
        self.data = data
    }

    /// The value at `index` (in `0..<data.length`), ``ArrowValue/null`` for a null; throws
    /// ``ArrowError`` where the array is damaged.
    func value(at index: Int) throws -> ArrowValue {
        try data.value(at: index)
    }

    /// The reader of `data`: a typed one where its type has one and it passes the typed
    /// array's checks.
    static func make(_ data: ArrayData) -> SlotReader {
        switch data.type {
        case .int64: if let array = try? Int64Array(data) { return Int64SlotReader(array) }
        case .int32: if let array = try? Int32Array(data) { return Int32SlotReader(array) }
        case .float64: if let array = try? Float64Array(data) { return Float64SlotReader(array) }
        case .boolean: if let array = try? BooleanArray(data) { return BooleanSlotReader(array) }
        case .utf8: if let array = try? StringArray(data) { return StringSlotReader(array) }
        case .timestamp(let unit, _): if let array = try? Int64Array(data) { return TimestampSlotReader(array, unit: unit) }
        case .dictionary(_, .utf8, _):
            if let entries = data.dictionary, let strings = try? StringArray(entries) {
                return DictionaryStringSlotReader(data, strings: Array(strings))
            }
        default: break
        }
        return SlotReader(data)
    }
}

private final class Int64SlotReader: SlotReader {
    let array: Int64Array
    init(_ array: Int64Array) { self.array = array; super.init(array.data) }
    override func value(at index: Int) -> ArrowValue { array[index].map { .int($0) } ?? .null }
}

private final class Int32SlotReader: SlotReader {
    let array: Int32Array
    init(_ array: Int32Array) { self.array = array; super.init(array.data) }
    override func value(at index: Int) -> ArrowValue { array[index].map { .int(Int64($0)) } ?? .null }
}

private final class Float64SlotReader: SlotReader {
    let array: Float64Array
    init(_ array: Float64Array) { self.array = array; super.init(array.data) }
    override func value(at index: Int) -> ArrowValue { array[index].map { .double($0) } ?? .null }
}

private final class BooleanSlotReader: SlotReader {
    let array: BooleanArray
    init(_ array: BooleanArray) { self.array = array; super.init(array.data) }
    override func value(at index: Int) -> ArrowValue { array[index].map { .bool($0) } ?? .null }
}

private final class StringSlotReader: SlotReader {
    let array: StringArray
    init(_ array: StringArray) { self.array = array; super.init(array.data) }
    override func value(at index: Int) -> ArrowValue { array[index].map { .string($0) } ?? .null }
}

private final class TimestampSlotReader: SlotReader {
    let array: Int64Array
    let unit: TimeUnit
    init(_ array: Int64Array, unit: TimeUnit) { self.array = array; self.unit = unit; super.init(array.data) }
    override func value(at index: Int) -> ArrowValue { array[index].map { .timestamp($0, unit, timeZone: nil) } ?? .null }
}

/// Dictionary-encoded strings, the dictionary decoded once.
private final class DictionaryStringSlotReader: SlotReader {
    let strings: [String?]
    init(_ data: ArrayData, strings: [String?]) { self.strings = strings; super.init(data) }

    override func value(at index: Int) throws -> ArrowValue {
        let slot = try data.checkedSlot(index)
        if try data.checkedValidityIsNull(slot) { return .null }
        let entry = try data.checkedInteger(data.indexType, buffer: 0, element: slot)
        guard strings.indices.contains(entry) else {
            throw ArrowError.invalidData("dictionary index \(entry) is outside a dictionary of \(strings.count) values")
        }
        return strings[entry].map { .string($0) } ?? .null
    }
}
