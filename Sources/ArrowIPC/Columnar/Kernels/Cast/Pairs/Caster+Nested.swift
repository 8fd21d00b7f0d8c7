/// Casts of lists, fixed-size lists, maps and structs: the children cast to the target's
/// child types, the layout rebuilt around them.
///
/// A child value that does not convert fails the row that holds it (strict), or becomes a
/// null inside it (lenient). Values that no valid row reaches (under a null list, say) are
/// not checked: a strict cast marks them null before casting the child.
extension Caster {
    // MARK: - Lists

    /// Lists, large lists, list views, fixed-size lists and maps to any of them: the items
    /// cast to the target's item type. A list cast to a fixed-size list must have its size;
    /// a list cast to a map must have no null key.
    func castList(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        guard let item = target.children.first else { throw unsupported(data.type, target) }
        // List views first become large lists of the values they show, one after the other.
        let source: ArrayData
        switch data.type {
        case .listView, .largeListView: source = try data.classicLayout()
        default: source = data
        }
        let rows = try ListRows(source)
        let reachable = lenient || source.nullCount == 0 ? rows.child : rows.child.nullingSlots { !rows.isReachable($0) }
        let child: ArrayData
        do {
            child = try cast(reachable, to: item.type)
        } catch var failure as SlotFailure {
            failure.slot = rows.row(holding: failure.slot)
            throw failure
        }
        var validity = CastValidity(source, to: target, lenient: lenient)
        switch target {
        case .list, .map:
            if case .map = target { try checkKeys(child, rows, &validity, target) }
            guard child.length <= Int32.max else {
                throw ArrowError.invalidArgument("the \(child.length) items exceed the \(Int32.max) that \(target) can address")
            }
            let offsets = ArrowBuffer(count: (rows.count + 1) * 4) { out in
                for row in 0...rows.count { out.storeBytes(of: Int32(truncatingIfNeeded: rows.start(row)), toByteOffset: row * 4, as: Int32.self) }
            }
            return rows.result(target, validity.finish(), [offsets], child)
        case .largeList:
            let offsets = ArrowBuffer(count: (rows.count + 1) * 8) { out in
                for row in 0...rows.count { out.storeBytes(of: Int64(rows.start(row)), toByteOffset: row * 8, as: Int64.self) }
            }
            return rows.result(target, validity.finish(), [offsets], child)
        case .listView, .largeListView:
            let width = target == .largeListView(item) ? 8 : 4
            guard width == 8 || child.length <= Int32.max else {
                throw ArrowError.invalidArgument("the \(child.length) items exceed the \(Int32.max) that \(target) can address")
            }
            let offsets = ArrowBuffer(count: rows.count * width) { out in
                for row in 0..<rows.count { Self.store(rows.start(row), width, out, row) }
            }
            let sizes = ArrowBuffer(count: rows.count * width) { out in
                for row in 0..<rows.count { Self.store(rows.start(row + 1) - rows.start(row), width, out, row) }
            }
            return rows.result(target, validity.finish(), [offsets, sizes], child)
        case .fixedSizeList(_, let size):
            return try fixedSizeLists(rows, child, size: size, validity, target)
        default:
            throw unsupported(data.type, target)
        }
    }

    private static func store(_ value: Int, _ width: Int, _ out: UnsafeMutableRawBufferPointer, _ index: Int) {
        if width == 8 {
            out.storeBytes(of: Int64(value), toByteOffset: index * 8, as: Int64.self)
        } else {
            out.storeBytes(of: Int32(truncatingIfNeeded: value), toByteOffset: index * 4, as: Int32.self)
        }
    }

    /// Fixed-size lists of `size` from `rows`, whose items are `child`: each valid row must
    /// have `size` items; the child is cut or pieced together (nulls under null rows) so that
    /// row `i` holds items `i × size ..< (i + 1) × size`.
    private func fixedSizeLists(
        _ rows: ListRows, _ child: ArrayData, size: Int, _ validity: consuming CastValidity, _ target: DataType
    ) throws -> ArrayData {
        for row in 0..<rows.count where validity.isValid(row) && rows.start(row + 1) - rows.start(row) != size {
            try validity.reject(row, value: "a list of \(rows.start(row + 1) - rows.start(row)) items", reason: "not \(size) items")
        }
        let (bitmap, nullCount) = validity.finish()
        // Runs of rows whose items follow each other, and the null rows between them.
        var pieces: [ArrayData] = []
        var runStart: Int?
        var runEnd = 0
        func flush() throws {
            if let start = runStart { pieces.append(try child.slice(start, runEnd - start)) }
            runStart = nil
        }
        for row in 0..<rows.count {
            let start = rows.start(row)
            let isKept = bitmap.map { $0.baseAddress.arrowBit(row) } ?? true
            if isKept || rows.start(row + 1) - start == size {
                if runStart == nil || runEnd != start {
                    try flush()
                    runStart = start
                }
                runEnd = start + size
            } else {
                try flush()
                pieces.append(try ArrayData.nulls(of: child.type, length: size))
            }
        }
        try flush()
        let items = pieces.count == 1 ? pieces[0] : (pieces.isEmpty ? try child.slice(0, 0) : try ArrayData.concatenate(pieces))
        return ArrayData(type: target, length: rows.count, nullCount: nullCount, validity: bitmap, buffers: [], children: [items])
    }

    /// Rejects the valid rows of a map whose entries (`child`, a struct) hold a null key.
    private func checkKeys(_ child: ArrayData, _ rows: ListRows, _ validity: inout CastValidity, _ target: DataType) throws {
        guard let keys = child.children.first, keys.nullCount > 0 else { return }
        for row in 0..<rows.count where validity.isValid(row) {
            if (rows.start(row)..<rows.start(row + 1)).contains(where: { keys.isNull($0) }) {
                try validity.reject(row, value: "a list of \(rows.start(row + 1) - rows.start(row)) entries", reason: "a key is null")
            }
        }
    }

    // MARK: - Structs

    /// Structs to structs: each target field takes the source field of the same name (the
    /// first not taken yet), cast to its type; a target field no source field names is null
    /// (it must be nullable). Source fields the target does not name are dropped.
    func castStruct(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        guard case .struct(let sourceFields) = data.type, case .struct(let targetFields) = target else {
            throw unsupported(data.type, target)
        }
        var taken = Set<Int>()
        var children: [ArrayData] = []
        for field in targetFields {
            guard let index = sourceFields.indices.first(where: { !taken.contains($0) && sourceFields[$0].name == field.name }) else {
                guard field.isNullable else {
                    throw ArrowError.notSupported(
                        "casting \(data.type) to \(target) is not supported: no field '\(field.name)' fills the non-nullable field of that name")
                }
                children.append(try ArrayData.nulls(of: field.type, length: data.length))
                continue
            }
            taken.insert(index)
            var child = try data.children[index].slice(data.offset, data.length)
            if !lenient, data.nullCount > 0 {
                child = child.nullingSlots { data.isNull($0) }
            }
            children.append(try cast(child, to: field.type))
        }
        let (validity, nullCount) = CastValidity(data, to: target, lenient: lenient).finish()
        return ArrayData(type: target, length: data.length, nullCount: nullCount, validity: validity, buffers: [], children: children)
    }
}

/// The rows of a list, large list, map or fixed-size list node: the child cut to the items
/// the rows cover, and where each row's items start in it.
private struct ListRows {
    let node: ArrayData
    /// The items the rows cover, from the first row's first item.
    let child: ArrayData
    let count: Int
    private let starts: [Int]

    init(_ node: ArrayData) throws {
        self.node = node
        count = node.length
        let items = node.children[0]
        if case .fixedSizeList(_, let size) = node.type {
            let (first, overflow) = node.offset.multipliedReportingOverflow(by: size)
            let (total, overflow2) = node.length.multipliedReportingOverflow(by: size)
            guard !overflow, !overflow2 else { throw ArrowError.invalidArgument("the items of \(node.type) overflow") }
            child = try items.slice(first, total)
            starts = (0...node.length).map { $0 * size }
            return
        }
        // Offsets, checked to go up, as the default validation checks only the first and last.
        var starts = [Int](repeating: 0, count: node.length + 1)
        let width = node.type.isLarge ? 8 : 4
        if node.length > 0 {
            let base = node.buffers[0].baseAddress + node.offset * width
            for row in 0...node.length {
                starts[row] = width == 8
                    ? Int(base.loadUnaligned(fromByteOffset: row * 8, as: Int64.self))
                    : Int(base.loadUnaligned(fromByteOffset: row * 4, as: Int32.self))
                guard row == 0 || starts[row] >= starts[row - 1] else {
                    throw ArrowError.invalidArgument("the offsets of a \(node.type) array decrease at slot \(row)")
                }
            }
        }
        let first = starts[0]
        child = try items.slice(first, starts[node.length] - first)
        self.starts = starts.map { $0 - first }
    }

    /// Where row `row`'s items start in ``child``; `start(count)` is the end of the last.
    @inline(__always)
    func start(_ row: Int) -> Int { starts[row] }

    /// The row whose items hold item `item` of ``child``.
    func row(holding item: Int) -> Int {
        var low = 0
        var high = count
        while low + 1 < high {
            let middle = (low + high) / 2
            if starts[middle] <= item { low = middle } else { high = middle }
        }
        // Empty rows share their start with the next: take the last that starts at or before.
        return low
    }

    /// Whether a valid row holds item `item`.
    func isReachable(_ item: Int) -> Bool {
        !node.isNull(row(holding: item))
    }

    func result(_ type: DataType, _ validity: (validity: ArrowBuffer?, nullCount: Int), _ buffers: [ArrowBuffer], _ child: ArrayData) -> ArrayData {
        ArrayData(type: type, length: count, nullCount: validity.nullCount, validity: validity.validity, buffers: buffers, children: [child])
    }
}

extension ArrayData {
    /// This node with the slots for which `isNulled` holds marked null too (its buffers,
    /// offset and children shared); itself when there are none, or when its type has no
    /// validity bitmap.
    func nullingSlots(_ isNulled: (Int) -> Bool) -> ArrayData {
        guard type.hasValidityBuffer, length > 0 else { return self }
        var cleared = 0
        let bits = offset + length
        let bitmap = ArrowBuffer(count: Bitmap.byteCount(bits)) { out in
            guard let base = out.baseAddress else { return }
            base.initializeMemory(as: UInt8.self, repeating: 0, count: out.count)
            for slot in 0..<length {
                let valid = !isNull(slot)
                if valid && isNulled(slot) { cleared += 1 }
                if valid && !isNulled(slot) {
                    let bit = offset + slot
                    base.storeBytes(of: base.load(fromByteOffset: bit >> 3, as: UInt8.self) | 1 << UInt8(bit & 7), toByteOffset: bit >> 3, as: UInt8.self)
                }
            }
        }
        guard cleared > 0 else { return self }
        return ArrayData(
            type: type, length: length, offset: offset, nullCount: nullCount + cleared, validity: bitmap,
            buffers: buffers, children: children, dictionary: dictionary)
    }
}
