/// How thoroughly ``ArrayData/validate(_:checkingDecimalPrecision:)`` and the readers check
/// a node and its children (the three levels of nanoarrow).
public enum ValidationLevel: Sendable, Hashable {
    /// No checks of the arrays: the writer is trusted. Readers still check what memory safety
    /// needs — message framing, metadata, every field node and buffer inside the message
    /// body — and typed arrays check their node's layout when made and clamp what they read,
    /// so values may be wrong but are never read from outside their buffers.
    case none
    /// The structure, in time independent of the number of rows: lengths, offsets and null
    /// counts in range, buffer and child counts, buffer sizes, child lengths, and the first and
    /// last offset of every binary, string, list and map node within the data or child it
    /// indexes. Typed arrays stay inside their buffers on arrays that pass (an element whose
    /// offsets are out of order reads as empty or clamped, never out of bounds).
    case `default`
    /// The default checks, plus every offset non-decreasing, the null count against the
    /// validity bitmap, UTF-8 well-formedness of every non-null string, every view and list
    /// view inside what it points into, every union type id and dense offset, run ends
    /// increasing, and every dictionary index inside its dictionary. Linear in the data.
    /// Decimal values are checked against their precision only when asked for (see
    /// ``ArrayData/validate(_:checkingDecimalPrecision:)``): real files break that rule.
    case full
}

extension ArrayData {
    /// How deep ``validate(_:)`` follows children and dictionaries (as Arrow C++ limits IPC
    /// nesting): deeper nodes are reported as invalid.
    public static let maximumNestingDepth = 64

    /// Checks that this node and, recursively, its children and dictionary are laid out as
    /// their types say, throwing ``ArrowError/invalidData(_:)`` naming the first problem and
    /// where it is, e.g. `field 's.item': offsets buffer has 12 bytes, needs 16 for 3 slots
    /// at offset 0` (the path is described in ``RecordBatch/validate(_:checkingDecimalPrecision:)``).
    ///
    /// Never traps, whatever the node holds; nodes nested more than
    /// ``ArrayData/maximumNestingDepth`` deep are reported rather than followed. Extension
    /// arrays are checked as their storage type. Dictionaries are checked only for their
    /// buffer and child counts (and their dictionary recursively) for now.
    ///
    /// Besides the checks of the levels (see ``ValidationLevel``), the default level checks
    /// the view buffer of binary and string views, the offsets and sizes buffers of list
    /// views; the type ids of a union (as many as children, distinct, in `0...127`), its
    /// buffers, no null count of its own, and sparse children long enough; and the run ends
    /// of a run-end encoded array (int16, int32 or int64, without nulls, readable, no more
    /// than the values, the last reaching the node's last slot). The full level checks every
    /// non-null view (inside an existing data buffer, its prefix matching, UTF-8 for string
    /// views), every non-null list view inside its child, every union slot's type id (and a
    /// dense union's offset inside the selected child), and run ends positive and increasing.
    ///
    /// - Parameter checkingDecimalPrecision: with the full level, also check that every
    ///   non-null decimal's unscaled value has no more digits than the type's precision.
    public func validate(_ level: ValidationLevel = .default, checkingDecimalPrecision: Bool = false) throws {
        guard level != .none else { return }
        var path = FieldPath()
        do {
            try validate(ValidationRules(level: level, checksDecimalPrecision: checkingDecimalPrecision), path: &path)
        } catch let failure as ValidationFailure {
            throw failure.error
        }
    }

    /// This node, for the throwing initializer of a typed array (`arrayName`, as errors call
    /// it): throws ``ArrowError/invalidArgument(_:)`` unless `readable` (the array reads nodes
    /// of this type), then validates at the default level.
    func validated(for arrayName: String, readable: Bool) throws -> ArrayData {
        guard readable else {
            throw ArrowError.invalidArgument("a \(arrayName) cannot read an array of type \(type)")
        }
        try validate()
        return self
    }

    /// This node, made by a typed array's initializer from the caller's parts: validated at
    /// the full level, a problem being the caller's (``ArrowError/invalidArgument(_:)``).
    func validatedAsBuilt() throws -> ArrayData {
        do {
            try validate(.full)
        } catch ArrowError.invalidData(let message) {
            throw ArrowError.invalidArgument(message)
        }
        return self
    }

    /// Validates this node, which sits at `path` below the top, then its children and
    /// dictionary (each a step further down the path), throwing a ``ValidationFailure``.
    func validate(_ rules: ValidationRules, path: inout FieldPath) throws {
        let node = path.enterNode()
        do {
            guard path.depth <= Self.maximumNestingDepth else {
                throw invalid("the arrays nest more than \(Self.maximumNestingDepth) levels deep")
            }
            try validateLayout()
            if rules.readsValues {
                try validateOffsets(everyOffset: rules.level == .full)
                if rules.level == .full {
                    try validateContents(checksDecimalPrecision: rules.checksDecimalPrecision)
                }
            }
        } catch let problem as NodeProblem {
            throw ValidationFailure(path: path.description, node: node, problem: problem)
        }
        // The layout check made the children match the fields one to one.
        let fields = type.storageType.children
        for (index, child) in children.enumerated() {
            try path.descend(.field(index: index, siblings: fields)) { try child.validate(rules, path: &$0) }
        }
        if let dictionary, rules.checksDictionaries {
            try path.descend(.dictionary) { try dictionary.validate(rules, path: &$0) }
        }
    }

    /// The checks of this node alone that take constant time (or time linear in the number of
    /// children): enough for typed arrays to read elements without leaving the buffers, given
    /// that they clamp ranges read from offsets.
    func validateLayout() throws {
        guard length >= 0 else { throw invalid("length \(length) is negative") }
        guard offset >= 0 else { throw invalid("offset \(offset) is negative") }
        guard nullCount >= 0 && nullCount <= length else {
            throw invalid("null count \(nullCount) is outside 0...\(length)")
        }
        let (end, overflow) = offset.addingReportingOverflow(length)
        guard !overflow else { throw invalid("offset \(offset) plus length \(length) overflows") }
        let type = self.type.storageType

        if let validity {
            guard type.hasValidityBuffer else {
                throw invalid("type \(type) has no validity bitmap, but one is present")
            }
            try require(validity, .validity, "validity bitmap", bytes: Bitmap.byteCount(end))
        } else if type.hasValidityBuffer && nullCount != 0 {
            throw invalid("null count is \(nullCount) but there is no validity bitmap", buffer: .validity)
        }

        let layout = type.layout
        if layout.hasVariadicBuffers {
            guard buffers.count >= layout.buffers.count else {
                throw invalid("type \(type) needs a views buffer, but there are no buffers")
            }
        } else {
            guard buffers.count == layout.buffers.count else {
                throw invalid("type \(type) needs \(count(layout.buffers.count, "buffer")) after the validity bitmap, not \(buffers.count)")
            }
        }
        let fields = type.children
        guard children.count == fields.count else {
            throw invalid("type \(type) needs \(count(fields.count, "child", "children")), not \(children.count)")
        }
        for (field, child) in zip(fields, children) where child.type != field.type {
            throw invalid("child '\(field.name)' has type \(child.type), but the type says \(field.type)")
        }

        // The checks of the type's parameters, before its buffers' sizes, which depend on them.
        switch type {
        case .fixedSizeBinary(let width) where width < 0:
            throw invalid("byte width \(width) is negative")
        case .dictionary(let indexType, _, _) where !indexType.isInteger:
            throw invalid("dictionary indices of type \(indexType) are not integers")
        default:
            break
        }
        for (position, buffer) in layout.buffers.enumerated() {
            // An empty array may have an empty offsets buffer.
            if case .offsets = buffer, length == 0, buffers[position].count == 0 { continue }
            let needed = buffer.requiredBytes(slots: end)
            try require(buffers[position], .data(position), "\(buffer.name) buffer", bytes: (needed ?? 0, needed == nil))
        }

        switch type {
        case .fixedSizeList(let item, let listSize):
            guard listSize >= 0 else { throw invalid("list size \(listSize) is negative") }
            let (needed, overflow) = end.multipliedReportingOverflow(by: listSize)
            guard !overflow, children[0].length >= needed else {
                let count = overflow ? "more than \(Int.max)" : String(needed)
                throw invalid("child '\(item.name)' has \(children[0].length) slots, needs \(count) for \(length) lists of \(listSize) at offset \(offset)")
            }
        case .struct(let fields):
            for (field, child) in zip(fields, children) where child.length < end {
                throw invalid("child '\(field.name)' has \(child.length) slots, needs \(end) for \(length) slots at offset \(offset)")
            }
        case .union(let mode, let fields, let typeIds):
            try validateUnionLayout(mode: mode, fields: fields, typeIds: typeIds, end: end)
        case .runEndEncoded(let runEnds, _):
            try validateRunEndsLayout(runEnds, end: end)
        case .dictionary(_, let valueType, _):
            guard let dictionary else { throw invalid("the array is dictionary-encoded but has no dictionary") }
            guard dictionary.type == valueType else {
                throw invalid("the dictionary has type \(dictionary.type), but the type says \(valueType)")
            }
        case .null, .boolean, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float16, .float32,
             .float64, .decimal32, .decimal64, .decimal128, .decimal256, .date32, .date64, .time32, .time64, .timestamp,
             .duration, .interval, .fixedSizeBinary, .binary, .utf8, .largeBinary, .largeUtf8, .binaryView, .utf8View,
             .list, .largeList, .listView, .largeListView, .map, .extension:
            break
        }
        if case .map(let entries, _) = type {
            guard case .struct(let parts) = entries.type, parts.count == 2 else {
                throw invalid("the entries of a map must be a struct of two fields (key, value), not \(entries.type)")
            }
        }
    }

    /// The constant-time checks of a union (in time linear in its children): no nulls of its
    /// own, one distinct type id in `0...127` per child, and sparse children as long as the
    /// union's slots (the buffers' sizes come from the layout table).
    private func validateUnionLayout(mode: UnionMode, fields: [Field], typeIds: [Int32], end: Int) throws {
        guard nullCount == 0 else {
            throw invalid("a union has no validity bitmap, so its null count must be 0, not \(nullCount)")
        }
        guard typeIds.count == fields.count else {
            throw invalid("the union has \(count(fields.count, "child", "children")) but \(count(typeIds.count, "type id"))")
        }
        // One bit per type id seen, ids 0...63 in the first word, 64...127 in the second.
        var seen: (UInt64, UInt64) = (0, 0)
        for typeId in typeIds {
            guard (0...127).contains(typeId) else {
                throw invalid("union type id \(typeId) is outside 0...127")
            }
            let bit = UInt64(1) << UInt64(typeId & 63)
            let word = typeId < 64 ? seen.0 : seen.1
            guard word & bit == 0 else {
                throw invalid("union type id \(typeId) appears twice in \(typeIds)")
            }
            if typeId < 64 { seen.0 |= bit } else { seen.1 |= bit }
        }
        if mode == .sparse {
            for (field, child) in zip(fields, children) where child.length < end {
                throw invalid("child '\(field.name)' has \(child.length) slots, needs \(end) for \(length) slots of a sparse union at offset \(offset)")
            }
        }
    }

    /// The constant-time checks of a run-end encoded node: no nulls of its own, run ends of
    /// int16, int32 or int64 without nulls and readable, at least as many values as run ends,
    /// and runs reaching the node's last slot.
    private func validateRunEndsLayout(_ runEndsField: Field, end: Int) throws {
        guard nullCount == 0 else {
            throw invalid("a run-end encoded array has no validity bitmap, so its null count must be 0, not \(nullCount)")
        }
        let endType = runEndsField.type
        guard [DataType.int16, .int32, .int64].contains(endType), let width = endType.byteWidth else {
            throw invalid("run ends must be int16, int32 or int64, not \(endType)")
        }
        let (runEnds, values) = (children[0], children[1])
        guard runEnds.nullCount == 0 else {
            throw invalid("the run ends have \(runEnds.nullCount) nulls; they must have none")
        }
        guard values.length >= runEnds.length else {
            throw invalid("there are \(runEnds.length) run ends but only \(values.length) values")
        }
        // The run ends child is validated after this node, but its last entry is read here.
        let (runsEnd, runsOverflow) = runEnds.offset.addingReportingOverflow(runEnds.length)
        guard runEnds.offset >= 0, runEnds.length >= 0, !runsOverflow, let endsBuffer = runEnds.buffers.first else {
            throw invalid("the run ends child (offset \(runEnds.offset), length \(runEnds.length), \(count(runEnds.buffers.count, "buffer"))) is malformed")
        }
        let (needed, neededOverflow) = runsEnd.multipliedReportingOverflow(by: width)
        guard !neededOverflow, endsBuffer.count >= needed else {
            throw invalid("the run ends buffer has \(endsBuffer.count) bytes, needs \(neededOverflow ? "more than \(Int.max)" : String(needed)) for \(runEnds.length) run ends at offset \(runEnds.offset)")
        }
        guard length > 0 else { return }
        guard runEnds.length > 0, let last = endsBuffer.integer(endType, at: runsEnd - 1) else {
            throw invalid("there are no run ends for \(length) slots")
        }
        guard last >= end else {
            throw invalid("the last run end, \(last), is before the end of the \(length) slots at offset \(offset)")
        }
    }

    /// Checks the offsets a binary, string, list or map node uses: the first non-negative, the
    /// last no smaller than the first and within the data buffer or child, and with
    /// `everyOffset` none smaller than the one before.
    private func validateOffsets(everyOffset: Bool) throws {
        switch type.storageType {
        case .binary, .utf8:
            try checkOffsets(Int32.self, limit: buffers[1].count, of: "data buffer", in: "bytes", everyOffset: everyOffset)
        case .largeBinary, .largeUtf8:
            try checkOffsets(Int64.self, limit: buffers[1].count, of: "data buffer", in: "bytes", everyOffset: everyOffset)
        case .list, .map:
            try checkOffsets(Int32.self, limit: children[0].length, of: "child", in: "slots", everyOffset: everyOffset)
        case .largeList:
            try checkOffsets(Int64.self, limit: children[0].length, of: "child", in: "slots", everyOffset: everyOffset)
        default:
            break
        }
    }

    private func checkOffsets<Offset: ArrowOffset>(
        _: Offset.Type, limit: Int, of target: String, in unit: String, everyOffset: Bool
    ) throws {
        guard length > 0 else { return }
        let width = MemoryLayout<Offset>.size
        let base = buffers[0].baseAddress + offset * width
        let first = base.loadUnaligned(as: Offset.self)
        guard first >= 0 else {
            throw invalid("the offset of slot 0 is \(first), which is negative", buffer: .data(0))
        }
        let last = base.loadUnaligned(fromByteOffset: length * width, as: Offset.self)
        guard last >= first else {
            throw invalid("the last offset, \(last), is smaller than the first, \(first)", buffer: .data(0))
        }
        guard last <= limit else {
            throw invalid("the last offset, \(last), is past the end of the \(target) (\(limit) \(unit))", buffer: .data(0))
        }
        guard everyOffset else { return }
        var previous = first
        for slot in 1...length {
            let current = base.loadUnaligned(fromByteOffset: slot * width, as: Offset.self)
            guard current >= previous else {
                throw invalid("offsets decrease from \(previous) to \(current) at slot \(slot - 1)", buffer: .data(0))
            }
            previous = current
        }
    }

    /// The linear-time checks of `.full`: the null count against the bitmap, UTF-8 strings,
    /// views, list views, union slots, run ends, dictionary indices and, when asked for,
    /// decimal precision.
    private func validateContents(checksDecimalPrecision: Bool) throws {
        if let validity {
            let nulls = length - Bitmap.countSetBits(validity.baseAddress, offset: offset, length: length)
            guard nulls == nullCount else {
                throw invalid("the null count is \(nullCount) but the validity bitmap has \(nulls) nulls", buffer: .validity)
            }
        }
        switch type.storageType {
        case .utf8: try checkUTF8(Int32.self)
        case .largeUtf8: try checkUTF8(Int64.self)
        case .binaryView: try checkViews(utf8: false)
        case .utf8View: try checkViews(utf8: true)
        case .listView: try checkListViews(Int32.self)
        case .largeListView: try checkListViews(Int64.self)
        case .union(let mode, _, let typeIds): try checkUnionSlots(mode: mode, typeIds: typeIds)
        case .runEndEncoded: try checkRunEnds()
        case .dictionary(let indexType, _, _): try checkDictionaryIndices(indexType)
        case .decimal32(let precision, _), .decimal64(let precision, _), .decimal128(let precision, _),
             .decimal256(let precision, _):
            if checksDecimalPrecision { try checkDecimalPrecision(precision) }
        default: break
        }
    }

    /// Every non-null view of a binary or string view node: a non-negative length; when
    /// longer than 12 bytes, inside an existing data buffer and starting with its prefix;
    /// with `utf8`, valid UTF-8.
    private func checkViews(utf8: Bool) throws {
        let views = buffers[0].baseAddress + offset * 16
        let dataBufferCount = buffers.count - 1
        for slot in 0..<length where !isNull(slot) {
            let view = views + slot * 16
            let size = Int(view.loadUnaligned(as: Int32.self))
            guard size >= 0 else {
                throw invalid("the view of slot \(slot) has a negative length, \(size)", buffer: .data(0))
            }
            let bytes: UnsafeRawBufferPointer
            if size <= 12 {
                bytes = UnsafeRawBufferPointer(start: view + 4, count: size)
            } else {
                let index = Int(view.loadUnaligned(fromByteOffset: 8, as: Int32.self))
                let start = Int(view.loadUnaligned(fromByteOffset: 12, as: Int32.self))
                guard index >= 0, index < dataBufferCount else {
                    throw invalid("the view of slot \(slot) points into data buffer \(index), but there are \(dataBufferCount)", buffer: .data(0))
                }
                let buffer = buffers[index + 1]
                guard start >= 0, size <= buffer.count - start else {
                    throw invalid("the view of slot \(slot) spans bytes \(start)..<\(start + size) of data buffer \(index), which has \(buffer.count)", buffer: .data(0))
                }
                bytes = UnsafeRawBufferPointer(start: buffer.baseAddress + start, count: size)
                guard view.loadUnaligned(fromByteOffset: 4, as: UInt32.self) == bytes.loadUnaligned(as: UInt32.self) else {
                    throw invalid("the view of slot \(slot) has a prefix that differs from the first 4 bytes of its data", buffer: .data(0))
                }
            }
            if utf8, let bad = UTF8Validation.firstInvalidByte(bytes) {
                throw invalid("the string in slot \(slot) is not valid UTF-8 (at its byte \(bad))")
            }
        }
    }

    /// Every non-null slot of a list view node: offset and size non-negative, and the range
    /// they make inside the child.
    private func checkListViews<Offset: ArrowOffset>(_: Offset.Type) throws {
        let width = MemoryLayout<Offset>.size
        let offsets = buffers[0].baseAddress + offset * width
        let sizes = buffers[1].baseAddress + offset * width
        let limit = children[0].length
        for slot in 0..<length where !isNull(slot) {
            let start = Int(offsets.loadUnaligned(fromByteOffset: slot * width, as: Offset.self))
            let size = Int(sizes.loadUnaligned(fromByteOffset: slot * width, as: Offset.self))
            guard start >= 0, size >= 0, start <= limit, size <= limit - start else {
                throw invalid("the list in slot \(slot) has offset \(start) and size \(size), outside the child of \(limit) slots", buffer: .data(0))
            }
        }
    }

    /// Every slot of a union: its type id one of `typeIds`, and in a dense union its offset
    /// inside the child the id selects.
    private func checkUnionSlots(mode: UnionMode, typeIds: [Int32]) throws {
        // The child of each type id (0...127, checked by the layout check), -1 for none.
        var childOfTypeId = [Int](repeating: -1, count: 128)
        for (child, typeId) in typeIds.enumerated() {
            childOfTypeId[Int(typeId)] = child
        }
        let codes = buffers[0].baseAddress + offset
        let offsets = mode == .dense ? buffers[1].baseAddress + offset * 4 : nil
        for slot in 0..<length {
            let code = Int(codes.load(fromByteOffset: slot, as: Int8.self))
            guard code >= 0, case let child = childOfTypeId[code], child >= 0 else {
                throw invalid("slot \(slot) has type id \(code), which is not one of the union's type ids \(typeIds)", buffer: .data(0))
            }
            if let offsets {
                let position = Int(offsets.loadUnaligned(fromByteOffset: slot * 4, as: Int32.self))
                let childLength = children[child].length
                guard position >= 0, position < childLength else {
                    throw invalid("slot \(slot) has offset \(position) into child \(child) (type id \(code)), which has \(childLength) slots", buffer: .data(1))
                }
            }
        }
    }

    /// The run ends of a run-end encoded node: positive and strictly increasing.
    private func checkRunEnds() throws {
        let runEnds = children[0]
        let endType = runEnds.type.storageType
        var previous = 0
        for run in 0..<runEnds.length {
            let end = runEnds.buffers[0].integer(endType, at: runEnds.offset + run) ?? 0
            guard end > previous else {
                throw invalid(run == 0
                    ? "the first run end, \(end), is not positive"
                    : "run ends do not increase from \(previous) to \(end) at run \(run)")
            }
            previous = end
        }
    }

    /// Checks that every valid slot's index is an entry of the dictionary (whose presence the
    /// layout check ensured).
    private func checkDictionaryIndices(_ indexType: DataType) throws {
        switch indexType {
        case .int8: try checkDictionaryIndices(Int8.self)
        case .int16: try checkDictionaryIndices(Int16.self)
        case .int32: try checkDictionaryIndices(Int32.self)
        case .int64: try checkDictionaryIndices(Int64.self)
        case .uint8: try checkDictionaryIndices(UInt8.self)
        case .uint16: try checkDictionaryIndices(UInt16.self)
        case .uint32: try checkDictionaryIndices(UInt32.self)
        case .uint64: try checkDictionaryIndices(UInt64.self)
        default: break
        }
    }

    private func checkDictionaryIndices<Index: FixedWidthInteger>(_: Index.Type) throws {
        let entries = UInt64(dictionary?.length ?? 0)
        let width = MemoryLayout<Index>.size
        let indices = buffers[0].baseAddress + offset * width
        let bits = nullCount > 0 ? validity?.baseAddress : nil
        for slot in 0..<length {
            let index = indices.loadUnaligned(fromByteOffset: slot * width, as: Index.self)
            if index >= 0 && UInt64(truncatingIfNeeded: index) < entries { continue }
            if let bits, !bits.arrowBit(offset + slot) { continue }
            throw invalid("the index \(index) in slot \(slot) is outside the dictionary of \(entries) values", buffer: .data(0))
        }
    }

    private func checkUTF8<Offset: ArrowOffset>(_: Offset.Type) throws {
        if allStringBytesAreValidUTF8(Offset.self) { return }
        // Something is wrong (or hides under a null): find the first non-null string at fault.
        let storage = VariableWidthStorage<Offset>(self)
        for slot in 0..<length {
            let bad = storage.withUnsafeBytes(at: slot) { bytes in bytes.flatMap(UTF8Validation.firstInvalidByte) }
            if let bad {
                throw invalid("the string in slot \(slot) is not valid UTF-8 (at its byte \(bad))", buffer: .data(1))
            }
        }
    }

    /// Whether all the bytes the strings span form valid UTF-8 and every string starts at a
    /// character boundary: then every string is valid on its own. One pass over the data
    /// instead of one call per string; called after the offsets were found in order.
    private func allStringBytesAreValidUTF8<Offset: ArrowOffset>(_: Offset.Type) -> Bool {
        guard length > 0 else { return true }
        let width = MemoryLayout<Offset>.size
        let offsets = buffers[0].baseAddress + offset * width
        let data = buffers[1].baseAddress
        let first = Int(offsets.loadUnaligned(as: Offset.self))
        let last = Int(offsets.loadUnaligned(fromByteOffset: length * width, as: Offset.self))
        guard UTF8Validation.firstInvalidByte(UnsafeRawBufferPointer(start: data + first, count: last - first)) == nil else {
            return false
        }
        for slot in 0..<length {
            let start = Int(offsets.loadUnaligned(fromByteOffset: slot * width, as: Offset.self))
            if start < last && data.load(fromByteOffset: start, as: UInt8.self) & 0xC0 == 0x80 { return false }
        }
        return true
    }

    /// Throws unless `buffer` (the node's `slot`, called `name`) holds `bytes` bytes (the
    /// result of an overflow-reporting product).
    private func require(
        _ buffer: ArrowBuffer, _ slot: NodeProblem.Buffer, _ name: String, bytes: (partialValue: Int, overflow: Bool)
    ) throws {
        guard !bytes.overflow, buffer.count >= bytes.partialValue else {
            let needed = bytes.overflow ? "more than \(Int.max)" : String(bytes.partialValue)
            throw invalid("\(name) has \(buffer.count) bytes, needs \(needed) for \(length) slots at offset \(offset)", buffer: slot)
        }
    }

    private func require(_ buffer: ArrowBuffer, _ slot: NodeProblem.Buffer, _ name: String, bytes: Int) throws {
        try require(buffer, slot, name, bytes: (bytes, false))
    }

    /// `1 buffer`, `2 buffers`, `0 children`, …
    private func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) \(number == 1 ? singular : plural ?? singular + "s")"
    }

    private func invalid(_ message: String, buffer: NodeProblem.Buffer? = nil) -> NodeProblem {
        NodeProblem(message, buffer: buffer)
    }
}

extension RecordBatch {
    /// Validates every column (see ``ArrayData/validate(_:checkingDecimalPrecision:)``),
    /// naming the node in the error by its path from the column: `field 'a.item': …`.
    ///
    /// A path joins field names with dots; a field whose name is empty or shared with a
    /// sibling is written by position instead, `[column 2]` at the top and `[child 1]` below
    /// (`a.b[child 2]`), and a dictionary as `[dictionary]`.
    public func validate(_ level: ValidationLevel = .default, checkingDecimalPrecision: Bool = false) throws {
        guard level != .none else { return }
        let rules = ValidationRules(level: level, checksDecimalPrecision: checkingDecimalPrecision)
        for (index, column) in columnData.enumerated() {
            var path = FieldPath(column: index, of: schema.fields)
            do {
                try column.validate(rules, path: &path)
            } catch let failure as ValidationFailure {
                throw failure.error
            }
        }
    }
}
