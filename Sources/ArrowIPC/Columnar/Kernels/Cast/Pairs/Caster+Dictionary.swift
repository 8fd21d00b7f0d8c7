/// Casts of dictionary-encoded data: decoded into plain values of the target type, plain
/// values encoded into a dictionary, and dictionaries re-encoded with other index or value
/// types.
///
/// The dictionary's values are cast once, not once per row. An entry that does not convert
/// fails the first row that refers to it (strict) or nulls the rows that do (lenient);
/// entries no valid row refers to are not checked. Plain values are found in a dictionary by
/// their value keys (``ArrayData/appendValueKey(at:to:)``): equal bits, one entry.
extension Caster {
    /// Dictionary-encoded values to plain values of `target`.
    func decodeDictionary(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        let rows = try DictionaryRows(data)
        let values = try castEntries(rows, to: target)
        return try values.gathering(rows.entries)
    }

    /// Plain values to a dictionary of `target`'s value type, indexed by its index type, in
    /// the order values first appear. More distinct values than the index type can number
    /// fail (strict) or become null (lenient).
    func encodeDictionary(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        guard case .dictionary(let indexType, let valueType, _) = target else { throw unsupported(data.type, target) }
        let values = try cast(data, to: valueType)
        var validity = CastValidity(values, to: target, lenient: lenient)
        var positions: [[UInt8]: Int] = [:]
        var firstRows: [Int] = []
        var entries = [Int](repeating: -1, count: values.length)
        var key: [UInt8] = []
        let capacity = indexType.integerMaximum
        for row in 0..<values.length where validity.isValid(row) {
            key.removeAll(keepingCapacity: true)
            try values.appendValueKey(at: row, to: &key)
            if let position = positions[key] {
                entries[row] = position
            } else if firstRows.count <= capacity {
                positions[key] = firstRows.count
                entries[row] = firstRows.count
                firstRows.append(row)
            } else {
                try validity.reject(row, value: values.valueDescription(at: row),
                                    reason: "a dictionary indexed by \(indexType) holds at most \(capacity + 1) values")
            }
        }
        let dictionary = try values.gathering(firstRows)
        let (bitmap, nullCount) = validity.finish()
        let indices = try indexBuffer(entries, indexType)
        return ArrayData(type: target, length: values.length, nullCount: nullCount, validity: bitmap, buffers: [indices], dictionary: dictionary)
    }

    /// Dictionary-encoded values to another dictionary type: the entries cast to the new value
    /// type, the indices written in the new index type (an index it cannot hold fails).
    func recodeDictionary(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        guard case .dictionary(let indexType, let valueType, _) = target else { throw unsupported(data.type, target) }
        let rows = try DictionaryRows(data)
        let values = try castEntries(rows, to: valueType)
        var validity = CastValidity(data, to: target, lenient: lenient)
        var entries = rows.entries
        for row in 0..<entries.count where entries[row] > indexType.integerMaximum {
            try validity.reject(row, value: "the dictionary index \(entries[row])", reason: "beyond \(indexType)")
            entries[row] = -1
        }
        let (bitmap, nullCount) = validity.finish()
        let indices = try indexBuffer(entries, indexType)
        return ArrayData(type: target, length: data.length, nullCount: nullCount, validity: bitmap, buffers: [indices], dictionary: values)
    }

    /// The dictionary's entries cast to `type`; in a strict cast, the entries no valid row
    /// refers to are nulled first, and a failure names the first row that refers to its entry.
    private func castEntries(_ rows: DictionaryRows, to type: DataType) throws -> ArrayData {
        let dictionary = lenient ? rows.dictionary : rows.dictionary.nullingSlots { !rows.isReferenced($0) }
        do {
            return try cast(dictionary, to: type)
        } catch var failure as SlotFailure {
            failure.slot = rows.entries.firstIndex(of: failure.slot) ?? failure.slot
            throw failure
        }
    }
}

/// The dictionary entry of each row of a dictionary-encoded node, -1 for null rows.
private struct DictionaryRows {
    let dictionary: ArrayData
    let entries: [Int]
    private let referenced: [Bool]

    init(_ node: ArrayData) throws {
        guard case .dictionary(let indexType, _, _) = node.type, let dictionary = node.dictionary else {
            throw ArrowError.invalidArgument("a dictionary-encoded array of type \(node.type) has no dictionary")
        }
        self.dictionary = dictionary
        var entries = [Int](repeating: -1, count: node.length)
        var referenced = [Bool](repeating: false, count: dictionary.length)
        let indices = node.buffers[0]
        for row in 0..<node.length where !node.isNull(row) {
            guard let entry = indices.integer(indexType, at: node.offset + row), entry >= 0, entry < dictionary.length else {
                throw ArrowError.invalidData(
                    "row \(row) of a dictionary-encoded array refers to an entry outside its dictionary of \(dictionary.length) values")
            }
            entries[row] = entry
            referenced[entry] = true
        }
        self.entries = entries
        self.referenced = referenced
    }

    func isReferenced(_ entry: Int) -> Bool { referenced[entry] }
}

/// `entries` (-1 for null) as dictionary indices of the integer type `type`, zero for nulls.
private func indexBuffer(_ entries: [Int], _ type: DataType) throws -> ArrowBuffer {
    var builder = BufferBuilder(capacity: entries.count * (type.byteWidth ?? 8))
    for entry in entries {
        try builder.appendInteger(max(entry, 0), as: type)
    }
    return builder.finish()
}

extension ArrayData {
    /// The slots `rows` of this array, in that order (-1 for a null slot), through the take
    /// kernel: sizes are checked before anything is allocated, so a dictionary whose entries
    /// would fill more than memory when decoded is an error.
    func gathering(_ rows: [Int]) throws -> ArrayData {
        try Gather(sources: [self], selection: Selection(entries: rows, sourceShift: 63)).result(type)
    }
}
