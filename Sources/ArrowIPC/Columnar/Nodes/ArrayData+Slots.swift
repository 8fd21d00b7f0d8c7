/// The one checked reader of slots whose value lies elsewhere: union members, dictionary
/// entries, runs of run-end encoded arrays, the bytes of views, and the child slots of lists,
/// list views, fixed-size lists and maps. Value extraction, formatting, equality, dictionary
/// keys and the typed arrays all read these layouts through here.
///
/// `slot` is always a physical slot (this node's `offset` applied, as ``checkedSlot(_:)``
/// returns). Every read is bounds-checked: a node whose buffers, offsets, type ids, indices or
/// run ends do not fit throws ``ArrowError/invalidData(_:)``.
extension ArrayData {
    /// Whether the value at `index` (relative to this array) is null, looking through unions,
    /// dictionaries, run-end encoding and extension types to the value itself.
    func isNullValue(at index: Int) throws -> Bool {
        try valueSlot(at: index) == nil
    }

    /// The node and index holding the value at `index` (relative to this array), following
    /// unions, dictionaries and run-end encoding to the node that stores it; `nil` when the
    /// value is null at any step. Extension types are kept (their storage is read by callers).
    func valueSlot(at index: Int) throws -> (node: ArrayData, index: Int)? {
        var node = self
        var index = index
        while true {
            let slot = try node.checkedSlot(index)
            if try node.slotValidityIsNull(slot) { return nil }
            switch node.type.storageType {
            case .union:
                (node, index, _) = try node.unionMember(slot: slot)
            case .dictionary(let indexType, _, _):
                (node, index) = try node.dictionaryEntry(slot: slot, indexType: indexType)
            case .runEndEncoded:
                (node, index) = try node.runValue(slot: slot)
            default:
                return (node, index)
            }
        }
    }

    /// Whether the validity bitmap marks physical `slot` null, for types that have one.
    func slotValidityIsNull(_ slot: Int) throws -> Bool {
        switch type.storageType {
        case .null: return true
        case .union, .runEndEncoded: return false
        default: return try checkedValidityIsNull(slot)
        }
    }

    /// The type code stored for a union's value at physical `slot`.
    func unionTypeCode(slot: Int) throws -> Int8 {
        try checkedLoad(Int8.self, buffer: 0, element: slot)
    }

    /// The child (its position among the union's children), and the child node and index,
    /// holding a union's value at physical `slot`.
    func unionMember(slot: Int) throws -> (node: ArrayData, index: Int, child: Int) {
        guard case .union(let mode, _, let typeIds) = type.storageType else {
            throw ArrowError.invalidArgument("a \(type) array is not a union")
        }
        let typeId = try unionTypeCode(slot: slot)
        guard let childIndex = typeIds.firstIndex(of: Int32(typeId)) else {
            throw ArrowError.invalidData("a union array has the unknown type id \(typeId) at slot \(slot)")
        }
        return (try checkedChild(childIndex), try unionValueIndex(slot: slot, mode: mode), childIndex)
    }

    /// The index in the chosen child of a union's value at physical `slot`: `slot` itself in
    /// a sparse union, the stored offset in a dense one.
    func unionValueIndex(slot: Int, mode: UnionMode) throws -> Int {
        guard mode == .dense else { return slot }
        let offset = Int(try checkedLoad(Int32.self, buffer: 1, element: slot))
        guard offset >= 0 else {
            throw ArrowError.invalidData("a dense union array has the negative offset \(offset) at slot \(slot)")
        }
        return offset
    }

    /// The dictionary and the index of a dictionary-encoded array's value at physical `slot`.
    func dictionaryEntry(slot: Int, indexType: DataType) throws -> (node: ArrayData, index: Int) {
        guard let dictionary else {
            throw ArrowError.invalidData("a dictionary-encoded array has no dictionary")
        }
        let key = try checkedInteger(indexType, buffer: 0, element: slot)
        guard key >= 0, key < dictionary.length else {
            throw ArrowError.invalidData(
                "dictionary index \(key) at slot \(slot) is outside a dictionary of \(dictionary.length) values")
        }
        return (dictionary, key)
    }

    /// The values child and the run holding a run-end encoded array's value at physical `slot`.
    func runValue(slot: Int) throws -> (node: ArrayData, index: Int) {
        let runEnds = try checkedChild(0)
        let values = try checkedChild(1)
        return (values, try runEnds.firstRunEnd(after: slot))
    }

    /// The first of this run-ends node's runs whose end lies beyond logical position
    /// `position` (a binary search; run ends increase).
    func firstRunEnd(after position: Int) throws -> Int {
        var low = 0
        var high = length
        while low < high {
            let middle = low + (high - low) / 2
            if try checkedInteger(type, buffer: 0, element: try checkedSlot(middle)) > position {
                high = middle
            } else {
                low = middle + 1
            }
        }
        guard low < length else {
            throw ArrowError.invalidData("position \(position) of a run-end encoded array lies beyond its last run")
        }
        return low
    }

    /// Calls `body` with the bytes of the binary or string view at physical `slot`: inline for
    /// up to 12 bytes, else in the variadic data buffer the view names.
    func withViewBytes<R>(slot: Int, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let start = try checkedProduct(slot, 16)
        let first = start / 4
        let length = Int(try checkedLoad(Int32.self, buffer: 0, element: first))
        guard length >= 0 else {
            throw ArrowError.invalidData("a \(type) array has the negative length \(length) at slot \(slot)")
        }
        if length <= 12 {
            return try withCheckedBytes(buffer: 0, range: (start + 4)..<(start + 4 + length), body)
        }
        let bufferIndex = Int(try checkedLoad(Int32.self, buffer: 0, element: first + 2))
        let offset = Int(try checkedLoad(Int32.self, buffer: 0, element: first + 3))
        guard bufferIndex >= 0, bufferIndex < Int.max, offset >= 0, offset <= Int.max - length else {
            throw ArrowError.invalidData(
                "a \(type) array's view at slot \(slot) names buffer \(bufferIndex) at offset \(offset)")
        }
        return try withCheckedBytes(buffer: 1 + bufferIndex, range: offset..<(offset + length), body)
    }

    /// Calls `body` with the bytes of the binary, string or view value at physical `slot`.
    func withValueBytes<R>(slot: Int, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        switch type.storageType {
        case .binaryView, .utf8View:
            return try withViewBytes(slot: slot, body)
        case .fixedSizeBinary(let width):
            let start = try checkedProduct(slot, width)
            return try withCheckedBytes(buffer: 0, range: start..<(start + width), body)
        default:
            let range = try checkedRange(slot: slot, large: type.storageType.isLarge)
            return try withCheckedBytes(buffer: 1, range: range, body)
        }
    }

    /// The child slots that the list, large list, list view, fixed-size list or map at
    /// physical `slot` holds, checked against the child's length.
    func childRange(slot: Int) throws -> Range<Int> {
        let range: Range<Int>
        switch type.storageType {
        case .list, .largeList, .map:
            range = try checkedRange(slot: slot, large: type.storageType.isLarge)
        case .listView, .largeListView:
            let large = type.storageType.isLarge
            let start = try checkedOffset(buffer: 0, element: slot, large: large)
            let size = try checkedOffset(buffer: 1, element: slot, large: large)
            let (end, overflow) = start.addingReportingOverflow(size)
            guard !overflow else {
                throw ArrowError.invalidData("a \(type) array's list at slot \(slot) ends past any possible child")
            }
            range = start..<end
        case .fixedSizeList(_, let size):
            let start = try checkedProduct(slot, size)
            range = start..<(start + size)
        default:
            throw ArrowError.invalidArgument("a \(type) array has no lists")
        }
        try checkChildRange(range, child: try checkedChild(0))
        return range
    }

    /// `slot * factor`, throwing instead of overflowing, and leaving room for `factor` more.
    func checkedProduct(_ slot: Int, _ factor: Int) throws -> Int {
        let (result, overflow) = slot.multipliedReportingOverflow(by: factor)
        guard !overflow, factor >= 0, result <= Int.max - factor else {
            throw ArrowError.invalidData("slot \(slot) of a \(type) array is beyond any buffer")
        }
        return result
    }
}
