/// Taking nested slots: lists gather their child ranges, structs and sparse unions take their
/// children at the same slots, dense unions take each child at the selected offsets.
extension Gather {
    /// Lists and maps: new offsets and the child's selected ranges, one after the other.
    func lists<Offset: ArrowOffset>(_ type: DataType, _: Offset.Type) throws -> ArrayData {
        let (validity, nullCount) = try validityBitmap()
        let children = sources.map { $0.children[0] }
        let ranges = try SelectedRanges(self, Offset.self, layout: .offsets, validity: validity, limits: children.map(\.length),
            what: "child slots")
        let child = try Gather(sources: children, selection: ranges.childSelection(childLengths: children.map(\.length)))
            .result(type.children[0].type)
        return ArrayData(
            type: type, length: selection.count, nullCount: nullCount, validity: validity,
            buffers: [ranges.offsets], children: [child])
    }

    /// List views: compact views (each list after the one before) over the child's selected ranges.
    func listViews<Offset: ArrowOffset>(_ type: DataType, _: Offset.Type) throws -> ArrayData {
        let count = selection.count
        let width = MemoryLayout<Offset>.size
        let (validity, nullCount) = try validityBitmap()
        let children = sources.map { $0.children[0] }
        let ranges = try SelectedRanges(
            self, Offset.self, layout: .offsetsAndSizes, validity: validity, limits: children.map(\.length),
            what: "child slots")
        let ends = ranges.offsets.baseAddress
        let sizes = try ArrowBuffer.kernelResult(count: count * width, for: "\(count) list sizes") { output in
            for position in 0..<count {
                let start = ends.loadUnaligned(fromByteOffset: position * width, as: Offset.self)
                let end = ends.loadUnaligned(fromByteOffset: (position + 1) * width, as: Offset.self)
                output.storeBytes(of: end - start, toByteOffset: position * width, as: Offset.self)
            }
        }
        let offsets = ranges.offsets.slice(offset: 0, length: count * width) ?? ranges.offsets
        let child = try Gather(sources: children, selection: ranges.childSelection(childLengths: children.map(\.length)))
            .result(type.children[0].type)
        return ArrayData(
            type: type, length: count, nullCount: nullCount, validity: validity,
            buffers: [offsets, sizes], children: [child])
    }

    /// Fixed-size lists: the child's `listSize` slots of each selected list (null child slots
    /// for a null entry).
    func fixedSizeLists(_ type: DataType, item: DataType, listSize: Int) throws -> ArrayData {
        let count = selection.count
        let (validity, nullCount) = try validityBitmap()
        let children = try sources.map { try $0.children[0].slice($0.offset * listSize, $0.length * listSize) }
        let shift = try Selection.shift(sourceCount: sources.count, lengths: children.map(\.length))
        let (childCount, overflow) = count.multipliedReportingOverflow(by: listSize)
        guard !overflow else {
            throw ArrowError.invalidArgument("\(count) lists of \(listSize) slots overflow")
        }
        var entries = try Selection.reserve(childCount, for: "\(count) lists of \(listSize)")
        withEntries { parent, parentShift, mask in
            for entry in parent {
                if entry < 0 {
                    for _ in 0..<listSize { entries.append(-1) }
                } else {
                    let first = (entry & mask) &* listSize
                    let source = (entry &>> parentShift) &<< shift
                    for slot in first..<(first &+ listSize) { entries.append(source | slot) }
                }
            }
        }
        let child = try Gather(sources: children, selection: Selection(entries: entries, sourceShift: shift)).result(item)
        return ArrayData(
            type: type, length: count, nullCount: nullCount, validity: validity, buffers: [], children: [child])
    }

    /// Structs: every child taken at the selected slots (the struct's offset applied).
    func structs(_ type: DataType, fields: [Field]) throws -> ArrayData {
        let (validity, nullCount) = try validityBitmap()
        let children = try fields.indices.map { index in
            try over(sources.map { try $0.children[index].slice($0.offset, $0.length) }).result(fields[index].type)
        }
        return ArrayData(
            type: type, length: selection.count, nullCount: nullCount, validity: validity,
            buffers: [], children: children)
    }

    /// Unions. A null entry becomes a slot of the first child that is null there.
    func unions(_ type: DataType, mode: UnionMode, fields: [Field], typeIds: [Int32]) throws -> ArrayData {
        guard let firstTypeId = typeIds.first else {
            if selection.entries.contains(where: { $0 < 0 }) {
                throw ArrowError.invalidArgument("a union without children cannot hold the null slot of a null index")
            }
            // No slot can be valid either: the sources are empty or their type ids are wrong.
            return try denseOrSparseWithoutChildren(type, mode: mode)
        }
        switch mode {
        case .sparse:
            let codes = try fixedWidth(width: 1, nullFill: UInt8(truncatingIfNeeded: firstTypeId)) { $0.buffers[0] }
            let children = try fields.indices.map { index in
                try over(sources.map { try $0.children[index].slice($0.offset, $0.length) }).result(fields[index].type)
            }
            return ArrayData(type: type, length: selection.count, validity: nil, buffers: [codes], children: children)
        case .dense:
            return try denseUnions(type, fields: fields, typeIds: typeIds)
        }
    }

    private func denseOrSparseWithoutChildren(_ type: DataType, mode: UnionMode) throws -> ArrayData {
        guard selection.count == 0 else {
            throw ArrowError.invalidArgument("a union without children has no valid type id for its slots")
        }
        let empty = ArrowBuffer.empty
        return ArrayData(type: type, length: 0, validity: nil, buffers: mode == .dense ? [empty, empty] : [empty])
    }

    private func denseUnions(_ type: DataType, fields: [Field], typeIds: [Int32]) throws -> ArrayData {
        let count = selection.count
        guard count <= Int(Int32.max) else {
            throw ArrowError.invalidArgument("a dense union of \(count) slots does not fit its 32-bit offsets")
        }
        var childOfTypeId = [Int](repeating: -1, count: 128)
        for (child, typeId) in typeIds.enumerated() where (0...127).contains(typeId) {
            childOfTypeId[Int(typeId)] = child
        }
        let shift = try Selection.shift(
            sourceCount: sources.count, lengths: sources.flatMap { $0.children.map(\.length) })
        var childEntries = [[Int]](repeating: [], count: fields.count)
        let codeBases = slotBases(width: 1) { $0.buffers[0] }
        let offsetBases = slotBases(width: 4) { $0.buffers[1] }
        let childLengths = sources.map { $0.children.map(\.length) }
        var codes = [Int8](repeating: 0, count: count)
        var offsets = [Int32](repeating: 0, count: count)
        try withExtendedLifetime(sources) {
            try withEntries { entries, entryShift, mask in
                for position in 0..<count {
                    let entry = entries[position]
                    var child = 0
                    var target = -1
                    if entry < 0 {
                        codes[position] = Int8(truncatingIfNeeded: typeIds[0])
                    } else {
                        let source = entry &>> entryShift
                        let slot = entry & mask
                        let code = codeBases[source].load(fromByteOffset: slot, as: Int8.self)
                        child = code >= 0 ? childOfTypeId[Int(code)] : -1
                        guard child >= 0 else {
                            throw ArrowError.invalidArgument("slot \(slot) of a dense union has the unknown type id \(code)")
                        }
                        let offset = Int(offsetBases[source].loadUnaligned(fromByteOffset: slot &* 4, as: Int32.self))
                        guard offset >= 0, offset < childLengths[source][child] else {
                            throw ArrowError.invalidArgument(
                                "slot \(slot) of a dense union has the offset \(offset), outside its child of \(childLengths[source][child]) slots")
                        }
                        codes[position] = code
                        target = source &<< shift | offset
                    }
                    offsets[position] = Int32(truncatingIfNeeded: childEntries[child].count)
                    childEntries[child].append(target)
                }
            }
        }
        let children = try fields.indices.map { index in
            try Gather(sources: sources.map { $0.children[index] }, selection: Selection(entries: childEntries[index], sourceShift: shift))
                .result(fields[index].type)
        }
        return ArrayData(
            type: type, length: count, validity: nil,
            buffers: [ArrowBuffer(copying: codes), ArrowBuffer(copying: offsets)], children: children)
    }
}

extension SelectedRanges {
    /// The entries of every slot of the ranges, in order, over the sources' children (of
    /// `childLengths` slots).
    func childSelection(childLengths: [Int]) throws -> Selection {
        let shift = try Selection.shift(sourceCount: childLengths.count, lengths: childLengths)
        var entries = try Selection.reserve(total, for: "\(total) child slots")
        forEach { _, source, start, length in
            let base = source &<< shift
            for slot in start..<(start &+ length) { entries.append(base | slot) }
        }
        return Selection(entries: entries, sourceShift: shift)
    }
}
