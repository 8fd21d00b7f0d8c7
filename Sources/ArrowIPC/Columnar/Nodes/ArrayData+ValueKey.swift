extension ArrayData {
    /// Appends to `key` bytes that identify the value in slot `slot` (relative to this array):
    /// two slots of arrays of one type get the same bytes exactly when their values are the same
    /// bit for bit — nulls alike, dictionary-encoded values by their decoded value, union
    /// values with their type code. Used to find a dictionary's entries by value.
    ///
    /// Every buffer read is bounds-checked; an inconsistent array throws
    /// ``ArrowError/invalidArgument(_:)``.
    func appendValueKey(at slot: Int, to key: inout [UInt8]) throws {
        guard slot >= 0, slot < length else {
            throw ArrowError.invalidArgument("slot \(slot) is outside an array of length \(length)")
        }
        let type = self.type.storageType
        let position = offset + slot
        if case .null = type {
            key.append(0)
            return
        }
        if type.hasValidityBuffer, let validity, nullCount > 0 {
            guard Bitmap.byteCount(position + 1) <= validity.count else { throw shortBuffer("validity bitmap") }
            if !validity.baseAddress.arrowBit(position) {
                key.append(0)
                return
            }
        }
        key.append(1)
        switch type {
        case .null:
            break
        case .boolean:
            let values = try buffer(0)
            guard Bitmap.byteCount(position + 1) <= values.count else { throw shortBuffer("values bitmap") }
            key.append(values.baseAddress.arrowBit(position) ? 1 : 0)
        case .binary, .utf8:
            try appendBytes(try range(Int32.self, at: position), to: &key)
        case .largeBinary, .largeUtf8:
            try appendBytes(try range(Int64.self, at: position), to: &key)
        case .binaryView, .utf8View:
            try appendViewBytes(at: position, to: &key)
        case .list, .map:
            try appendChildKeys(try range(Int32.self, at: position), to: &key)
        case .largeList:
            try appendChildKeys(try range(Int64.self, at: position), to: &key)
        case .listView:
            try appendChildKeys(try viewRange(Int32.self, at: position), to: &key)
        case .largeListView:
            try appendChildKeys(try viewRange(Int64.self, at: position), to: &key)
        case .fixedSizeList(_, let size):
            let (start, overflow) = position.multipliedReportingOverflow(by: size)
            guard !overflow else { throw shortBuffer("child") }
            try appendChildKeys(start..<(start + size), to: &key)
        case .struct:
            for child in children {
                try child.appendValueKey(at: position, to: &key)
            }
        case .union(let mode, _, let typeIds):
            let codes = try buffer(0)
            guard position < codes.count else { throw shortBuffer("type ids") }
            let code = codes.baseAddress.load(fromByteOffset: position, as: Int8.self)
            guard let child = typeIds.firstIndex(of: Int32(code)), child < children.count else {
                throw ArrowError.invalidArgument("slot \(slot) of a union has the unknown type id \(code)")
            }
            key.append(UInt8(bitPattern: code))
            if mode == .dense {
                let offsets = try buffer(1)
                guard (position + 1) * 4 <= offsets.count else { throw shortBuffer("offsets") }
                let childSlot = Int(offsets.baseAddress.loadUnaligned(fromByteOffset: position * 4, as: Int32.self))
                try children[child].appendValueKey(at: childSlot, to: &key)
            } else {
                try children[child].appendValueKey(at: position, to: &key)
            }
        case .dictionary(let indexType, _, _):
            guard let dictionary else { throw ArrowError.invalidArgument("a dictionary-encoded array has no dictionary") }
            let indices = try buffer(0)
            guard let width = indexType.byteWidth, (position + 1) * width <= indices.count,
                  let index = indices.integer(indexType, at: position) else {
                throw shortBuffer("indices")
            }
            try dictionary.appendValueKey(at: index, to: &key)
        case .runEndEncoded(let runEndField, _):
            guard children.count == 2 else { throw shortBuffer("children") }
            let ends = children[0]
            let endsBuffer = try ends.buffer(0)
            guard let width = runEndField.type.byteWidth,
                  (ends.offset + ends.length) * width <= endsBuffer.count else { throw shortBuffer("run ends") }
            var low = 0
            var high = ends.length
            while low < high {
                let middle = (low + high) / 2
                if (endsBuffer.integer(runEndField.type, at: ends.offset + middle) ?? Int.max) > position {
                    high = middle
                } else {
                    low = middle + 1
                }
            }
            try children[1].appendValueKey(at: low, to: &key)
        case .extension:
            break
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64,
             .float16, .float32, .float64, .decimal32, .decimal64, .decimal128, .decimal256,
             .date32, .date64, .time32, .time64, .timestamp, .duration, .interval, .fixedSizeBinary:
            let width = type.byteWidth ?? 0
            let values = try buffer(0)
            guard (position + 1) * width <= values.count else { throw shortBuffer("values") }
            key.append(contentsOf: UnsafeRawBufferPointer(start: values.baseAddress + position * width, count: width))
        }
    }

    private func buffer(_ index: Int) throws -> ArrowBuffer {
        guard index < buffers.count else { throw shortBuffer("buffers") }
        return buffers[index]
    }

    private func shortBuffer(_ what: String) -> ArrowError {
        ArrowError.invalidArgument("an array of type \(type) has too short \(what) for its slots")
    }

    /// The range offsets `position` and `position + 1` of the first buffer span.
    private func range<Offset: FixedWidthInteger>(_: Offset.Type, at position: Int) throws -> Range<Int> {
        let width = MemoryLayout<Offset>.size
        let offsets = try buffer(0)
        guard (position + 2) * width <= offsets.count else { throw shortBuffer("offsets") }
        let start = Int(offsets.baseAddress.loadUnaligned(fromByteOffset: position * width, as: Offset.self))
        let end = Int(offsets.baseAddress.loadUnaligned(fromByteOffset: (position + 1) * width, as: Offset.self))
        guard start >= 0, start <= end else { throw shortBuffer("offsets") }
        return start..<end
    }

    /// The child range of list view slot `position`: its offset and size.
    private func viewRange<Offset: FixedWidthInteger>(_: Offset.Type, at position: Int) throws -> Range<Int> {
        let width = MemoryLayout<Offset>.size
        let offsets = try buffer(0)
        let sizes = try buffer(1)
        guard (position + 1) * width <= offsets.count, (position + 1) * width <= sizes.count else {
            throw shortBuffer("offsets or sizes")
        }
        let start = Int(offsets.baseAddress.loadUnaligned(fromByteOffset: position * width, as: Offset.self))
        let size = Int(sizes.baseAddress.loadUnaligned(fromByteOffset: position * width, as: Offset.self))
        guard start >= 0, size >= 0, start <= Int.max - size else { throw shortBuffer("offsets or sizes") }
        return start..<(start + size)
    }

    private func appendBytes(_ range: Range<Int>, to key: inout [UInt8]) throws {
        let data = try buffer(1)
        guard range.upperBound <= data.count else { throw shortBuffer("data") }
        withUnsafeBytes(of: Int64(range.count).littleEndian) { key.append(contentsOf: $0) }
        key.append(contentsOf: UnsafeRawBufferPointer(start: data.baseAddress + range.lowerBound, count: range.count))
    }

    private func appendViewBytes(at position: Int, to key: inout [UInt8]) throws {
        let views = try buffer(0)
        guard (position + 1) * 16 <= views.count else { throw shortBuffer("views") }
        let view = views.baseAddress + position * 16
        let size = Int(view.loadUnaligned(as: Int32.self))
        guard size >= 0 else { throw shortBuffer("views") }
        withUnsafeBytes(of: Int64(size).littleEndian) { key.append(contentsOf: $0) }
        if size <= 12 {
            key.append(contentsOf: UnsafeRawBufferPointer(start: view + 4, count: size))
            return
        }
        let index = Int(view.loadUnaligned(fromByteOffset: 8, as: Int32.self))
        let start = Int(view.loadUnaligned(fromByteOffset: 12, as: Int32.self))
        guard index >= 0, index + 1 < buffers.count, start >= 0, start + size <= buffers[index + 1].count else {
            throw shortBuffer("data buffers")
        }
        key.append(contentsOf: UnsafeRawBufferPointer(start: buffers[index + 1].baseAddress + start, count: size))
    }

    /// The count and then the keys of child slots `range`.
    private func appendChildKeys(_ range: Range<Int>, to key: inout [UInt8]) throws {
        guard let child = children.first else { throw shortBuffer("children") }
        withUnsafeBytes(of: Int64(range.count).littleEndian) { key.append(contentsOf: $0) }
        for childSlot in range {
            try child.appendValueKey(at: childSlot, to: &key)
        }
    }
}
