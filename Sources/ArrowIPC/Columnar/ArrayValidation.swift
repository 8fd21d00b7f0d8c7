/// How thoroughly ``ArrayData/validate(_:)`` checks a node and its children.
public enum ValidationLevel: Sendable, Hashable {
    /// No checks.
    case none
    /// The structure, in time independent of the number of rows: lengths, offsets and null
    /// counts in range, buffer and child counts, buffer sizes, child lengths, and the first and
    /// last offset of every binary, string, list and map node within the data or child it
    /// indexes. Typed arrays stay inside their buffers on arrays that pass (an element whose
    /// offsets are out of order reads as empty or clamped, never out of bounds).
    case `default`
    /// The default checks, plus every offset non-decreasing, the null count against the
    /// validity bitmap, and UTF-8 well-formedness of every non-null string. Linear in the data.
    case full
}

extension ArrayData {
    /// How deep ``validate(_:)`` follows children and dictionaries (as Arrow C++ limits IPC
    /// nesting): deeper nodes are reported as invalid.
    public static let maximumNestingDepth = 64

    /// Checks that this node and, recursively, its children and dictionary are laid out as
    /// their types say, throwing ``ArrowError/invalidData(_:)`` naming the first problem and
    /// where it is, e.g. `child 'item': offsets buffer has 12 bytes, needs 16 for 3 slots at offset 0`.
    ///
    /// Never traps, whatever the node holds; nodes nested more than
    /// ``ArrayData/maximumNestingDepth`` deep are reported rather than followed. Binary and
    /// string views, list views, unions, dictionaries and run-end encoded arrays are checked
    /// only for their buffer and child counts (and their children and dictionary recursively)
    /// for now. Extension arrays are checked as their storage type.
    public func validate(_ level: ValidationLevel = .default) throws {
        guard level != .none else { return }
        var path = ValidationPath()
        try validate(level, path: &path)
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

    /// Validates this node, which sits at `path` below the top, then its children and
    /// dictionary (each a step further down the path).
    func validate(_ level: ValidationLevel, path: inout ValidationPath) throws {
        do {
            guard path.depth <= Self.maximumNestingDepth else {
                throw invalid("the arrays nest more than \(Self.maximumNestingDepth) levels deep")
            }
            try validateLayout()
            try validateOffsets(everyOffset: level == .full)
            if level == .full {
                try validateContents()
            }
        } catch ArrowError.invalidData(let message) where path.depth > 0 {
            throw ArrowError.invalidData("\(path.description): \(message)")
        }
        // The layout check made the children match the fields one to one.
        for (field, child) in zip(type.storageType.children, children) {
            try path.descend(.child(field.name)) { try child.validate(level, path: &$0) }
        }
        if let dictionary {
            try path.descend(.dictionary) { try dictionary.validate(level, path: &$0) }
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
            try require(validity, "validity bitmap", bytes: Bitmap.byteCount(end))
        } else if type.hasValidityBuffer && nullCount != 0 {
            throw invalid("null count is \(nullCount) but there is no validity bitmap")
        }

        switch type {
        case .binaryView, .utf8View:
            guard buffers.count >= 1 else {
                throw invalid("type \(type) needs a views buffer, but there are no buffers")
            }
        default:
            guard buffers.count == type.fixedBufferCount else {
                throw invalid("type \(type) needs \(count(type.fixedBufferCount, "buffer")) after the validity bitmap, not \(buffers.count)")
            }
        }
        let fields = type.children
        guard children.count == fields.count else {
            throw invalid("type \(type) needs \(count(fields.count, "child", "children")), not \(children.count)")
        }
        for (field, child) in zip(fields, children) where child.type != field.type {
            throw invalid("child '\(field.name)' has type \(child.type), but the type says \(field.type)")
        }

        switch type {
        case .boolean:
            try require(buffers[0], "values buffer", bytes: Bitmap.byteCount(end))
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float16, .float32, .float64,
             .decimal32, .decimal64, .decimal128, .decimal256, .date32, .date64, .time32, .time64,
             .timestamp, .duration, .interval, .fixedSizeBinary:
            let width = type.byteWidth ?? 0
            guard width >= 0 else { throw invalid("byte width \(width) is negative") }
            try require(buffers[0], "values buffer", bytes: end.multipliedReportingOverflow(by: width))
        case .binary, .utf8, .list, .map:
            try requireOffsets(width: 4)
        case .largeBinary, .largeUtf8, .largeList:
            try requireOffsets(width: 8)
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
        case .dictionary(let indexType, let valueType, _):
            guard indexType.isInteger, let width = indexType.byteWidth else {
                throw invalid("dictionary indices of type \(indexType) are not integers")
            }
            try require(buffers[0], "indices buffer", bytes: end.multipliedReportingOverflow(by: width))
            guard let dictionary else { throw invalid("the array is dictionary-encoded but has no dictionary") }
            guard dictionary.type == valueType else {
                throw invalid("the dictionary has type \(dictionary.type), but the type says \(valueType)")
            }
        default:
            break
        }
        if case .map(let entries, _) = type {
            guard case .struct(let parts) = entries.type, parts.count == 2 else {
                throw invalid("the entries of a map must be a struct of two fields (key, value), not \(entries.type)")
            }
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
            throw invalid("the offset of slot 0 is \(first), which is negative")
        }
        let last = base.loadUnaligned(fromByteOffset: length * width, as: Offset.self)
        guard last >= first else {
            throw invalid("the last offset, \(last), is smaller than the first, \(first)")
        }
        guard last <= limit else {
            throw invalid("the last offset, \(last), is past the end of the \(target) (\(limit) \(unit))")
        }
        guard everyOffset else { return }
        var previous = first
        for slot in 1...length {
            let current = base.loadUnaligned(fromByteOffset: slot * width, as: Offset.self)
            guard current >= previous else {
                throw invalid("offsets decrease from \(previous) to \(current) at slot \(slot - 1)")
            }
            previous = current
        }
    }

    /// The linear-time checks of `.full`: the null count against the bitmap, UTF-8 strings.
    private func validateContents() throws {
        if let validity {
            let nulls = length - Bitmap.countSetBits(validity.baseAddress, offset: offset, length: length)
            guard nulls == nullCount else {
                throw invalid("the null count is \(nullCount) but the validity bitmap has \(nulls) nulls")
            }
        }
        switch type.storageType {
        case .utf8: try checkUTF8(Int32.self)
        case .largeUtf8: try checkUTF8(Int64.self)
        case .dictionary(let indexType, _, _): try checkDictionaryIndices(indexType)
        default: break
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
            throw invalid("the index \(index) in slot \(slot) is outside the dictionary of \(entries) values")
        }
    }

    private func checkUTF8<Offset: ArrowOffset>(_: Offset.Type) throws {
        if allStringBytesAreValidUTF8(Offset.self) { return }
        // Something is wrong (or hides under a null): find the first non-null string at fault.
        let storage = VariableWidthStorage<Offset>(self)
        for slot in 0..<length {
            let bad = storage.withUnsafeBytes(at: slot) { bytes in bytes.flatMap(UTF8Validation.firstInvalidByte) }
            if let bad {
                throw invalid("the string in slot \(slot) is not valid UTF-8 (at its byte \(bad))")
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

    /// Throws unless `buffer` holds `bytes` bytes (the result of an overflow-reporting product).
    private func require(_ buffer: ArrowBuffer, _ name: String, bytes: (partialValue: Int, overflow: Bool)) throws {
        guard !bytes.overflow, buffer.count >= bytes.partialValue else {
            let needed = bytes.overflow ? "more than \(Int.max)" : String(bytes.partialValue)
            throw invalid("\(name) has \(buffer.count) bytes, needs \(needed) for \(length) slots at offset \(offset)")
        }
    }

    private func require(_ buffer: ArrowBuffer, _ name: String, bytes: Int) throws {
        try require(buffer, name, bytes: (bytes, false))
    }

    /// Throws unless the offsets buffer holds `offset + length + 1` offsets of `width` bytes;
    /// an empty array may have an empty offsets buffer.
    private func requireOffsets(width: Int) throws {
        if length == 0 && buffers[0].count == 0 { return }
        let (slots, overflow) = offset.addingReportingOverflow(length)
        guard !overflow, slots < Int.max else {
            throw invalid("offset \(offset) plus length \(length) overflows")
        }
        try require(buffers[0], "offsets buffer", bytes: (slots + 1).multipliedReportingOverflow(by: width))
    }

    /// `1 buffer`, `2 buffers`, `0 children`, …
    private func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) \(number == 1 ? singular : plural ?? singular + "s")"
    }

    private func invalid(_ message: String) -> ArrowError {
        ArrowError.invalidData(message)
    }
}

extension RecordBatch {
    /// Validates every column (see ``ArrayData/validate(_:)``), naming the column in the error:
    /// `column 'a' → child 'item': …`.
    public func validate(_ level: ValidationLevel = .default) throws {
        guard level != .none else { return }
        var path = ValidationPath()
        for (field, column) in zip(schema.fields, columnData) {
            try path.descend(.column(field.name)) { try column.validate(level, path: &$0) }
        }
    }
}
