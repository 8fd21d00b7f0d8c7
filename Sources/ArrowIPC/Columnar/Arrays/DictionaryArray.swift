/// A dictionary-encoded array: integer indices into a dictionary of values.
///
/// Each element is the dictionary entry a slot refers to (`nil` for a null slot); read the
/// value itself from ``dictionary``, or all values at once with ``values(as:)``. The indices
/// may be of any integer type, signed or unsigned, 8 to 64 bits.
///
/// ```swift
/// let colors = try DictionaryArray(indices: Int8Array([0, 1, nil, 0]), dictionary: StringArray(["red", "blue"]))
/// colors[1]                                  // 1
/// try colors.values(as: StringArray.self)    // ["red", "blue", nil, "red"]
/// ```
public struct DictionaryArray: ArrowArray, RandomAccessCollection, Sendable {
    /// The node this array reads.
    public let data: ArrayData

    /// Wraps `data`, which must be of a `dictionary` type, carry its dictionary and pass
    /// ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        let readable = if case .dictionary = data.type { true } else { false }
        self.init(unchecked: try data.validated(for: "DictionaryArray", readable: readable))
    }

    /// Wraps `data` whose type and layout (dictionary included) are known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
    }

    /// An array whose slot `i` refers to entry `indices[i]` of `dictionary` (null where the
    /// index is null). Throws when an index is outside the dictionary.
    public init<Index: ArrowPrimitive & FixedWidthInteger>(
        indices: PrimitiveArray<Index>, dictionary: some ArrowArray, ordered: Bool = false
    ) throws {
        let parts = indices.data
        let data = ArrayData(
            type: .dictionary(index: parts.type, value: dictionary.type, ordered: ordered),
            length: parts.length, offset: parts.offset, nullCount: parts.nullCount, validity: parts.validity,
            buffers: parts.buffers, dictionary: dictionary.data)
        try data.validate(.full)
        self.init(unchecked: data)
    }

    /// The integer type of the indices.
    public var indexType: DataType { data.indexType }

    /// Whether the dictionary's order is meaningful (the type's `ordered` flag).
    public var isOrdered: Bool {
        if case .dictionary(_, _, let ordered) = data.type { return ordered }
        return false
    }

    /// The dictionary, as its typed array.
    public var dictionary: any ArrowArray {
        data.dictionary.map(makeArray) ?? UntypedArray(data)
    }

    /// The indices as their typed array (`Int32Array` for `int32` indices, and so on), null
    /// where the slot is null: the fast way to loop over the entries slots refer to. Throws
    /// when `Indices` is not the array of the index type.
    public func indices<Index: ArrowPrimitive & FixedWidthInteger>(as _: PrimitiveArray<Index>.Type) throws -> PrimitiveArray<Index> {
        guard data.indexType == Index.arrowType else {
            throw ArrowError.invalidArgument("the indices are \(data.indexType), not read as \(PrimitiveArray<Index>.self)")
        }
        return try PrimitiveArray<Index>(ArrayData(
            type: data.indexType, length: data.length, offset: data.offset, nullCount: data.nullCount,
            validity: data.validity, buffers: data.buffers))
    }

    /// The index stored in slot `position`, whether or not the slot is null: an unsigned
    /// 64-bit index beyond `Int.max` reads as `-1`.
    public func index(at position: Int) -> Int {
        precondition(position >= 0 && position < data.length, "index \(position) is outside 0..<\(data.length)")
        // The layout check made the indices cover every slot.
        return (try? data.checkedInteger(data.indexType, buffer: 0, element: data.offset &+ position)) ?? -1
    }

    /// The dictionary entry slot `position` refers to, or `nil` when the slot is null.
    public subscript(position: Int) -> Int? {
        data.isNull(position) ? nil : index(at: position)
    }

    /// The decoded values: for each slot, the dictionary's value at its index, `nil` for a
    /// null slot. `Values` must be the typed array of the dictionary's type (for instance
    /// ``StringArray`` for `utf8` values). Throws when it is not, or when an index is outside
    /// the dictionary (possible only in data not validated at the full level).
    public func values<Values: ArrowArray & RandomAccessCollection>(
        as _: Values.Type
    ) throws -> [Values.Element] where Values.Index == Int, Values.Element: ExpressibleByNilLiteral {
        guard let values = dictionary as? Values else {
            throw ArrowError.invalidArgument("the dictionary of type \(data.dictionary?.type ?? .null) is not read as \(Values.self)")
        }
        var decoded: [Values.Element] = []
        decoded.reserveCapacity(data.length)
        for position in 0..<data.length {
            guard let entry = self[position] else {
                decoded.append(nil)
                continue
            }
            guard entry >= 0, entry < values.count else {
                throw ArrowError.invalidData("slot \(position) refers to entry \(entry) of a dictionary of \(values.count)")
            }
            decoded.append(values[entry])
        }
        return decoded
    }
}

extension ArrayData {
    /// The index type of a dictionary-encoded node; `.null` for other types.
    var indexType: DataType {
        if case .dictionary(let index, _, _) = type { return index }
        return .null
    }
}
