/// The classic layouts that every Arrow reader knows, in place of the view layouts added in
/// Arrow 14 (what ``CompatibilityLevel/oldest`` writes): `utf8View` becomes `largeUtf8`,
/// `binaryView` becomes `largeBinary`, `listView` and `largeListView` become `largeList`, at
/// any depth, inside dictionaries and under extension types (which keep their name and
/// metadata over the new storage).
extension DataType {
    /// This type with every view layout inside it replaced by its classic equivalent; the
    /// same type when there is none.
    var classicLayout: DataType {
        guard hasViewLayout else { return self }
        switch self {
        case .binaryView: return .largeBinary
        case .utf8View: return .largeUtf8
        case .listView(let item), .largeListView(let item): return .largeList(item.classicLayout)
        case .list(let item): return .list(item.classicLayout)
        case .largeList(let item): return .largeList(item.classicLayout)
        case .fixedSizeList(let item, let size): return .fixedSizeList(item.classicLayout, listSize: size)
        case .map(let entries, let keysSorted): return .map(entries.classicLayout, keysSorted: keysSorted)
        case .struct(let fields): return .struct(fields.map(\.classicLayout))
        case .union(let mode, let fields, let typeIds): return .union(mode, fields.map(\.classicLayout), typeIds: typeIds)
        case .runEndEncoded(let runEnds, let values): return .runEndEncoded(runEnds: runEnds, values: values.classicLayout)
        case .dictionary(let index, let value, let ordered):
            return .dictionary(index: index, value: value.classicLayout, ordered: ordered)
        case .extension(let name, let storage, let metadata):
            return .extension(name: name, storage: storage.classicLayout, metadata: metadata)
        default: return self
        }
    }

    /// Whether a view layout (binary, string or list view) appears anywhere in this type: the
    /// type itself, a child at any depth, a dictionary's values or an extension's storage.
    var hasViewLayout: Bool {
        switch self {
        case .binaryView, .utf8View, .listView, .largeListView: return true
        case .dictionary(_, let value, _): return value.hasViewLayout
        case .extension(_, let storage, _): return storage.hasViewLayout
        default: return children.contains { $0.type.hasViewLayout }
        }
    }
}

extension Field {
    /// This field with its type's view layouts replaced by classic ones; name, nullability,
    /// metadata and dictionary id are kept.
    var classicLayout: Field {
        var field = self
        field.type = type.classicLayout
        return field
    }
}

extension Schema {
    /// This schema with every field's view layouts replaced by classic ones.
    var classicLayout: Schema {
        Schema(fields.map(\.classicLayout), metadata: metadata)
    }
}

extension ArrayData {
    /// This array with every view layout inside it rewritten as its classic equivalent (see
    /// ``DataType/classicLayout``), holding the same values; `self`, untouched and without any
    /// cost, when its type has no view layout.
    ///
    /// Views become 64-bit offsets and one data buffer holding each view's bytes; list views
    /// become 64-bit offsets and a child gathering each list's values (sliced, not copied,
    /// when the lists lie one after the other). Null slots become empty. The array must pass
    /// ``validate(_:)`` at the default level; views and list views pointing outside what they
    /// index throw ``ArrowError/invalidArgument(_:)``, saying where.
    func classicLayout() throws -> ArrayData {
        try classicLayout(path: "the array")
    }

    /// ``classicLayout()`` for a node that errors call `path`.
    func classicLayout(path: String) throws -> ArrayData {
        guard type.hasViewLayout else { return self }
        let newType = type.classicLayout
        switch type.storageType {
        case .binaryView, .utf8View:
            return try bytesFromViews(newType, path: path)
        case .listView(let item):
            return try listFromListViews(newType, Int32.self, item: item, path: path)
        case .largeListView(let item):
            return try listFromListViews(newType, Int64.self, item: item, path: path)
        case .list(let item), .map(let item, _):
            return try listWithClassicChild(newType, Int32.self, item: item, path: path)
        case .largeList(let item):
            return try listWithClassicChild(newType, Int64.self, item: item, path: path)
        case .fixedSizeList(let item, let size):
            let (start, startOverflow) = offset.multipliedReportingOverflow(by: size)
            let (count, countOverflow) = length.multipliedReportingOverflow(by: size)
            guard !startOverflow, !countOverflow else {
                throw ArrowError.invalidArgument("\(path): the fixed-size list positions overflow")
            }
            let values = try child(0, path: path).slicedChild(start, count, path: path, name: item.name)
            let (validity, nullCount) = try rebasedValidity(path: path)
            return ArrayData(
                type: newType, length: length, nullCount: nullCount, validity: validity, buffers: [],
                children: [try values.classicLayout(path: path + "." + item.name)])
        case .struct(let fields):
            let children = try fields.enumerated().map { index, field in
                try child(index, path: path).slicedChild(offset, length, path: path, name: field.name)
                    .classicLayout(path: path + "." + field.name)
            }
            let (validity, nullCount) = try rebasedValidity(path: path)
            return ArrayData(
                type: newType, length: length, nullCount: nullCount, validity: validity, buffers: [],
                children: children)
        case .union(.sparse, let fields, _):
            let children = try fields.enumerated().map { index, field in
                try child(index, path: path).slicedChild(offset, length, path: path, name: field.name)
                    .classicLayout(path: path + "." + field.name)
            }
            guard let typeIds = buffers.first?.slice(offset: offset, length: length) else {
                throw ArrowError.invalidArgument("\(path): the type ids buffer is too short for \(length) slots at slot \(offset)")
            }
            return ArrayData(type: newType, length: length, nullCount: 0, validity: nil, buffers: [typeIds], children: children)
        case .union(.dense, let fields, _):
            // The offsets index the children, which are converted whole.
            let children = try fields.enumerated().map { index, field in
                try child(index, path: path).classicLayout(path: path + "." + field.name)
            }
            return replacing(type: newType, children: children)
        case .runEndEncoded(_, let values):
            // The run ends index the values, which are converted whole.
            let converted = try child(1, path: path).classicLayout(path: path + "." + values.name)
            return replacing(type: newType, children: [try child(0, path: path), converted])
        case .dictionary:
            guard let dictionary else {
                throw ArrowError.invalidArgument("\(path) is dictionary-encoded but has no dictionary")
            }
            let converted = try dictionary.classicLayout(path: path + " (dictionary)")
            return ArrayData(
                type: newType, length: length, offset: offset, nullCount: nullCount, validity: validity,
                buffers: buffers, children: children, dictionary: converted)
        default:
            return self
        }
    }

    // MARK: - Views

    /// A large binary or large string node holding the bytes of each view of this binary or
    /// string view node.
    private func bytesFromViews(_ newType: DataType, path: String) throws -> ArrayData {
        let (end, overflow) = offset.addingReportingOverflow(length)
        guard let views = buffers.first, !overflow, end <= views.count / 16 else {
            throw ArrowError.invalidArgument("\(path): the views buffer is too short for \(length) slots at slot \(offset)")
        }
        let dataBuffers = buffers.dropFirst().map { (start: $0.baseAddress, count: $0.count) }
        let bits = try checkedValidity(path: path)?.baseAddress
        // First pass: every view checked, the offsets written.
        var total: Int64 = 0
        let offsets = try ArrowBuffer(count: (length + 1) * 8) { out in
            guard let target = out.baseAddress else { return }
            target.storeBytes(of: Int64(0), as: Int64.self)
            let first = views.baseAddress + offset * 16
            for slot in 0..<length {
                if bits?.arrowBit(offset + slot) ?? true {
                    let view = first + slot * 16
                    let size = view.loadUnaligned(as: Int32.self)
                    if size > 12 {
                        let index = Int(view.loadUnaligned(fromByteOffset: 8, as: Int32.self))
                        let start = Int(view.loadUnaligned(fromByteOffset: 12, as: Int32.self))
                        guard index >= 0, index < dataBuffers.count, start >= 0,
                              start <= dataBuffers[index].count - Int(size) else {
                            throw ArrowError.invalidArgument(
                                "\(path): view \(slot) points at \(size) bytes from byte \(start) of data buffer \(index), outside the \(dataBuffers.count) data buffers")
                        }
                    } else if size < 0 {
                        throw ArrowError.invalidArgument("\(path): view \(slot) has a negative length \(size)")
                    }
                    let (sum, sumOverflow) = total.addingReportingOverflow(Int64(size))
                    guard !sumOverflow else {
                        throw ArrowError.invalidArgument("\(path): the views' bytes total more than \(Int64.max)")
                    }
                    total = sum
                }
                target.storeBytes(of: total, toByteOffset: (slot + 1) * 8, as: Int64.self)
            }
        }
        guard let byteCount = Int(exactly: total) else {
            throw ArrowError.invalidArgument("\(path): the views' bytes total more than \(Int.max)")
        }
        // Second pass: the bytes of every valid view, copied one after the other.
        let data = ArrowBuffer(count: byteCount) { out in
            guard let target = out.baseAddress else { return }
            let first = views.baseAddress + offset * 16
            var position = 0
            for slot in 0..<length {
                if let bits, !bits.arrowBit(offset + slot) { continue }
                let view = first + slot * 16
                let size = Int(view.loadUnaligned(as: Int32.self))
                let source: UnsafeRawPointer
                if size > 12 {
                    let index = Int(view.loadUnaligned(fromByteOffset: 8, as: Int32.self))
                    source = dataBuffers[index].start + Int(view.loadUnaligned(fromByteOffset: 12, as: Int32.self))
                } else {
                    source = view + 4
                }
                (target + position).copyMemory(from: source, byteCount: size)
                position += size
            }
        }
        let (validity, nullCount) = try rebasedValidity(path: path)
        return ArrayData(type: newType, length: length, nullCount: nullCount, validity: validity, buffers: [offsets, data])
    }

    // MARK: - Lists

    /// A large list node holding the lists of this list view node (`Offset`-wide offsets and
    /// sizes): 64-bit offsets from the sizes, and a child gathering each list's values.
    private func listFromListViews<Offset: FixedWidthInteger & BitwiseCopyable>(
        _ newType: DataType, _: Offset.Type, item: Field, path: String
    ) throws -> ArrayData {
        let width = MemoryLayout<Offset>.size
        let (end, overflow) = offset.addingReportingOverflow(length)
        guard buffers.count == 2, !overflow, end <= buffers[0].count / width, end <= buffers[1].count / width else {
            throw ArrowError.invalidArgument("\(path): the offsets or sizes buffer is too short for \(length) slots at slot \(offset)")
        }
        let values = try child(0, path: path)
        let limit = values.length
        let starts = buffers[0].baseAddress + offset * width
        let sizes = buffers[1].baseAddress + offset * width
        let bits = try checkedValidity(path: path)?.baseAddress
        // The child ranges of the lists, adjacent ones merged.
        var runs: [Range<Int>] = []
        let offsets = try ArrowBuffer(count: (length + 1) * 8) { out in
            guard let target = out.baseAddress else { return }
            target.storeBytes(of: Int64(0), as: Int64.self)
            var total = 0
            for slot in 0..<length {
                let size = Int(sizes.loadUnaligned(fromByteOffset: slot * width, as: Offset.self))
                if size != 0, bits?.arrowBit(offset + slot) ?? true {
                    let start = Int(starts.loadUnaligned(fromByteOffset: slot * width, as: Offset.self))
                    let (sum, sumOverflow) = total.addingReportingOverflow(size)
                    guard start >= 0, size > 0, start <= limit - size, !sumOverflow else {
                        throw ArrowError.invalidArgument(
                            "\(path): list \(slot) holds \(size) values from value \(start), outside the child's \(limit) values")
                    }
                    if let last = runs.last, last.upperBound == start {
                        runs[runs.count - 1] = last.lowerBound..<(start + size)
                    } else {
                        runs.append(start..<(start + size))
                    }
                    total = sum
                }
                target.storeBytes(of: Int64(total), toByteOffset: (slot + 1) * 8, as: Int64.self)
            }
        }
        let childPath = path + "." + item.name
        let gathered: ArrayData
        if runs.count <= 1 {
            let range = runs.first ?? 0..<0
            gathered = try values.slicedChild(range.lowerBound, range.count, path: path, name: item.name)
                .classicLayout(path: childPath)
        } else {
            // Converted first, so that nested views are converted once, not once per piece.
            let converted = try values.classicLayout(path: childPath)
            do {
                gathered = try ArrayData.concatenate(try runs.map { try converted.slice($0.lowerBound, $0.count) })
            } catch let error as ArrowError {
                throw ArrowError.invalidArgument("\(childPath): \(error.reason)")
            }
        }
        let (validity, nullCount) = try rebasedValidity(path: path)
        return ArrayData(
            type: newType, length: length, nullCount: nullCount, validity: validity, buffers: [offsets],
            children: [gathered])
    }

    /// This list or map node with its child's view layouts converted: the offsets of its
    /// slots rebased to zero and the child cut to the values they cover.
    private func listWithClassicChild<Offset: FixedWidthInteger & BitwiseCopyable>(
        _ newType: DataType, _: Offset.Type, item: Field, path: String
    ) throws -> ArrayData {
        let width = MemoryLayout<Offset>.size
        if length == 0 {
            // An empty list may come without offsets; it gets the one zero offset it needs.
            let child = try child(0, path: path).slicedChild(0, 0, path: path, name: item.name)
                .classicLayout(path: path + "." + item.name)
            return ArrayData(
                type: newType, length: 0, nullCount: 0, validity: nil, buffers: [ArrowBuffer(copying: [Offset.zero])],
                children: [child])
        }
        let (end, overflow) = offset.addingReportingOverflow(length)
        guard let source = buffers.first, !overflow, end < Int.max, end + 1 <= source.count / width else {
            throw ArrowError.invalidArgument("\(path): the offsets buffer is too short for \(length) slots at slot \(offset)")
        }
        let values = try child(0, path: path)
        let starts = source.baseAddress + offset * width
        let first = Int(starts.loadUnaligned(as: Offset.self))
        let last = Int(starts.loadUnaligned(fromByteOffset: length * width, as: Offset.self))
        guard first >= 0, first <= last, last <= values.length else {
            throw ArrowError.invalidArgument(
                "\(path): offsets \(first) and \(last) do not form a range inside the child's \(values.length) values")
        }
        let offsets = ArrowBuffer(count: (length + 1) * width) { out in
            guard let target = out.baseAddress else { return }
            let base = Offset(truncatingIfNeeded: first)
            for slot in 0...length {
                let value = starts.loadUnaligned(fromByteOffset: slot * width, as: Offset.self) &- base
                target.storeBytes(of: value, toByteOffset: slot * width, as: Offset.self)
            }
        }
        let child = try values.slicedChild(first, last - first, path: path, name: item.name)
            .classicLayout(path: path + "." + item.name)
        let (validity, nullCount) = try rebasedValidity(path: path)
        return ArrayData(
            type: newType, length: length, nullCount: nullCount, validity: validity, buffers: [offsets],
            children: [child])
    }

    // MARK: - Parts

    private func child(_ index: Int, path: String) throws -> ArrayData {
        guard index < children.count else {
            throw ArrowError.invalidArgument("\(path) has \(children.count) children; its type \(type) needs \(index + 1)")
        }
        return children[index]
    }

    /// The slots `start..<start+count` of this child (called `name`) of the node at `path`.
    private func slicedChild(_ start: Int, _ count: Int, path: String, name: String) throws -> ArrayData {
        do {
            return try slice(start, count)
        } catch let error as ArrowError {
            throw ArrowError.invalidArgument("\(path).\(name): \(error.reason)")
        }
    }

    /// The validity bitmap, checked to cover this node's slots; `nil` when there are no nulls.
    private func checkedValidity(path: String) throws -> ArrowBuffer? {
        guard let validity, nullCount > 0 else { return nil }
        let (end, overflow) = offset.addingReportingOverflow(length)
        guard !overflow, Bitmap.byteCount(end) <= validity.count else {
            throw ArrowError.invalidArgument("\(path): the validity bitmap is too short for \(length) slots at slot \(offset)")
        }
        return validity
    }

    /// The validity of this node's slots as a bitmap starting at bit 0, and the null count.
    private func rebasedValidity(path: String) throws -> (ArrowBuffer?, Int) {
        guard let validity = try checkedValidity(path: path) else { return (nil, 0) }
        if offset & 7 == 0, let bytes = validity.slice(offset: offset >> 3, length: Bitmap.byteCount(length)) {
            return (bytes, nullCount)
        }
        var bits = BitmapBuilder(capacity: length)
        let source = validity.baseAddress
        for slot in offset..<(offset + length) {
            bits.append(source.arrowBit(slot))
        }
        return bits.finishValidity()
    }

    /// This node with another type and other children, its buffers, offset and dictionary kept.
    private func replacing(type newType: DataType, children newChildren: [ArrayData]) -> ArrayData {
        ArrayData(
            type: newType, length: length, offset: offset, nullCount: nullCount, validity: validity,
            buffers: buffers, children: newChildren, dictionary: dictionary)
    }
}
