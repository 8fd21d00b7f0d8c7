extension ArrayData {
    /// One array holding the slots of `arrays` one after the other, in new buffers (the
    /// variadic data buffers of view types and the dictionaries of dictionary-encoded arrays
    /// are shared, not copied).
    ///
    /// Every array must have the same type and pass ``validate(_:)`` at the default level.
    /// Dictionary-encoded arrays keep their indices when every dictionary is a prefix of the
    /// longest one (as after dictionary deltas); otherwise the dictionaries are concatenated
    /// too and the indices shifted. Throws ``ArrowError/invalidArgument(_:)`` when the list is
    /// empty, the types differ, the result does not fit its offsets, indices or run ends, or
    /// it would need a validity bitmap over a megabyte larger than the arrays' own buffers
    /// (which only arrays whose layout has no buffer, such as structs without fields, can
    /// ask for: their length is not backed by memory).
    public static func concatenate(_ arrays: [ArrayData]) throws -> ArrayData {
        guard let first = arrays.first else {
            throw ArrowError.invalidArgument("concatenating needs at least one array")
        }
        if let other = arrays.first(where: { $0.type != first.type }) {
            throw ArrowError.invalidArgument("cannot concatenate arrays of types \(first.type) and \(other.type)")
        }
        for (index, array) in arrays.enumerated() {
            do {
                try array.validate(.default)
            } catch let error as ArrowError {
                throw ArrowError.invalidArgument("array \(index) of a concatenation is not valid: \(error.reason)")
            }
        }
        if arrays.count == 1 { return first }
        return try Concatenation(arrays: arrays).result(type: first.type)
    }
}

/// The work of ``ArrayData/concatenate(_:)`` on arrays already checked for type and layout.
private struct Concatenation {
    let arrays: [ArrayData]
    let length: Int

    init(arrays: [ArrayData]) throws {
        self.arrays = arrays
        var total = 0
        for array in arrays {
            let (sum, overflow) = total.addingReportingOverflow(array.length)
            guard !overflow else { throw ArrowError.invalidArgument("the concatenated length overflows") }
            total = sum
        }
        length = total
    }

    func result(type: DataType) throws -> ArrayData {
        switch type {
        case .null:
            return ArrayData(type: type, length: length, nullCount: length, validity: nil, buffers: [])
        case .boolean:
            let (validity, nullCount) = try validityBitmap()
            return ArrayData(
                type: type, length: length, nullCount: nullCount, validity: validity, buffers: [bits { $0.buffers[0] }])
        case .binary, .utf8:
            return try variableWidth(type, Int32.self)
        case .largeBinary, .largeUtf8:
            return try variableWidth(type, Int64.self)
        case .binaryView, .utf8View:
            return try views(type)
        case .list, .map:
            return try lists(type, Int32.self)
        case .largeList:
            return try lists(type, Int64.self)
        case .listView:
            return try listViews(type, Int32.self)
        case .largeListView:
            return try listViews(type, Int64.self)
        case .fixedSizeList(_, let size):
            let child = try Self.concatenate(arrays.map { try $0.children[0].slice($0.offset * size, $0.length * size) })
            let (validity, nullCount) = try validityBitmap()
            return ArrayData(
                type: type, length: length, nullCount: nullCount, validity: validity, buffers: [], children: [child])
        case .struct(let fields):
            let children = try fields.indices.map { index in
                try Self.concatenate(arrays.map { try $0.children[index].slice($0.offset, $0.length) })
            }
            let (validity, nullCount) = try validityBitmap()
            return ArrayData(
                type: type, length: length, nullCount: nullCount, validity: validity, buffers: [], children: children)
        case .union(let mode, let fields, let typeIds):
            return try union(type, mode: mode, childCount: fields.count, typeIds: typeIds)
        case .dictionary(let indexType, _, _):
            return try dictionaries(type, indexType: indexType)
        case .runEndEncoded:
            return try runs(type)
        case .extension(_, let storage, _):
            let parts = arrays.map { $0.viewed(as: storage) }
            return try Concatenation(arrays: parts).result(type: storage).viewed(as: type)
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64,
             .float16, .float32, .float64, .decimal32, .decimal64, .decimal128, .decimal256,
             .date32, .date64, .time32, .time64, .timestamp, .duration, .interval, .fixedSizeBinary:
            let width = type.byteWidth ?? 0
            let (validity, nullCount) = try validityBitmap()
            return ArrayData(
                type: type, length: length, nullCount: nullCount, validity: validity,
                buffers: [fixedWidth(width) { $0.buffers[0] }])
        }
    }

    private static func concatenate(_ parts: [ArrayData]) throws -> ArrayData {
        try ArrayData.concatenate(parts)
    }

    // MARK: - Bitmaps and fixed-width values

    /// How many bytes a validity bitmap may exceed the buffers of the arrays it joins by.
    static let unbackedBitmapAllowance = 1 << 20

    /// The validity of the result: `nil` when no array has a null. Throws when the bitmap
    /// would be more than ``unbackedBitmapAllowance`` bytes larger than the arrays' buffers.
    private func validityBitmap() throws -> (ArrowBuffer?, Int) {
        guard arrays.contains(where: { $0.nullCount > 0 && $0.validity != nil }) else { return (nil, 0) }
        // Arrays whose layout has no buffer (a struct without fields, say) can claim any length;
        // the bitmap must not grow with a length no memory backs.
        let backing = arrays.reduce(0) { $0 &+ $1.bufferBytes }
        guard Bitmap.byteCount(length) <= backing &+ Self.unbackedBitmapAllowance else {
            throw ArrowError.invalidArgument(
                "concatenating \(length) slots of type \(arrays[0].type) would need a validity bitmap of \(Bitmap.byteCount(length)) bytes, far more than the arrays' \(backing) bytes of buffers")
        }
        var builder = BitmapBuilder(capacity: length)
        for array in arrays {
            if let validity = array.validity {
                Self.appendBits(validity.baseAddress, from: array.offset, count: array.length, to: &builder)
            } else {
                for _ in 0..<array.length { builder.append(true) }
            }
        }
        return builder.finishValidity()
    }

    /// The bitmaps `buffer(array)` of every array, bit `offset` onwards, one after the other.
    private func bits(_ buffer: (ArrayData) -> ArrowBuffer) -> ArrowBuffer {
        var builder = BitmapBuilder(capacity: length)
        for array in arrays {
            Self.appendBits(buffer(array).baseAddress, from: array.offset, count: array.length, to: &builder)
        }
        return builder.finish()
    }

    private static func appendBits(_ bits: UnsafeRawPointer, from start: Int, count: Int, to builder: inout BitmapBuilder) {
        for index in start..<(start + count) {
            builder.append(bits.arrowBit(index))
        }
    }

    /// The `width`-byte slots of `buffer(array)` of every array, one after the other.
    private func fixedWidth(_ width: Int, _ buffer: (ArrayData) -> ArrowBuffer) -> ArrowBuffer {
        var builder = BufferBuilder(capacity: length * width)
        for array in arrays {
            let source = buffer(array).baseAddress + array.offset * width
            builder.append(contentsOf: UnsafeRawBufferPointer(start: source, count: array.length * width))
        }
        return builder.finish()
    }

    // MARK: - Offsets

    /// The offsets of slots `offset...offset+length` of `array`'s first buffer.
    private static func offsetRange<Offset: FixedWidthInteger & BitwiseCopyable>(_ array: ArrayData, _: Offset.Type) -> (first: Int, last: Int) {
        guard array.length > 0 else { return (0, 0) }
        let base = array.buffers[0].baseAddress
        let width = MemoryLayout<Offset>.size
        let first = Int(base.loadUnaligned(fromByteOffset: array.offset * width, as: Offset.self))
        let last = Int(base.loadUnaligned(fromByteOffset: (array.offset + array.length) * width, as: Offset.self))
        return (first, last)
    }

    /// Offsets rebased so that each array's range follows the previous one's; returns the
    /// buffer and each array's range in its own data or child.
    private func rebasedOffsets<Offset: FixedWidthInteger & BitwiseCopyable>(_: Offset.Type) throws -> (ArrowBuffer, [Range<Int>]) {
        let width = MemoryLayout<Offset>.size
        var builder = BufferBuilder(capacity: (length + 1) * width)
        builder.append(Offset.zero)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(arrays.count)
        var total = 0
        for array in arrays {
            let (first, last) = Self.offsetRange(array, Offset.self)
            guard total <= Int(Offset.max) - (last - first) else {
                throw ArrowError.invalidArgument(
                    "the concatenated arrays of type \(array.type) span more than \(Offset.max), too many for \(width * 8)-bit offsets")
            }
            let base = array.buffers[0].baseAddress + array.offset * width
            if array.length > 0 {
                for slot in 1...array.length {
                    let value = Int(base.loadUnaligned(fromByteOffset: slot * width, as: Offset.self))
                    // Offsets inside the first..last range (checked by validation at the ends).
                    builder.append(Offset(truncatingIfNeeded: total + min(max(value, first), last) - first))
                }
            }
            ranges.append(first..<last)
            total += last - first
        }
        return (builder.finish(), ranges)
    }

    private func variableWidth<Offset: FixedWidthInteger & BitwiseCopyable>(_ type: DataType, _: Offset.Type) throws -> ArrayData {
        let (offsets, ranges) = try rebasedOffsets(Offset.self)
        var data = BufferBuilder(capacity: ranges.reduce(0) { $0 + $1.count })
        for (array, range) in zip(arrays, ranges) {
            data.append(contentsOf: UnsafeRawBufferPointer(start: array.buffers[1].baseAddress + range.lowerBound, count: range.count))
        }
        let (validity, nullCount) = try validityBitmap()
        return ArrayData(
            type: type, length: length, nullCount: nullCount, validity: validity, buffers: [offsets, data.finish()])
    }

    private func lists<Offset: FixedWidthInteger & BitwiseCopyable>(_ type: DataType, _: Offset.Type) throws -> ArrayData {
        let (offsets, ranges) = try rebasedOffsets(Offset.self)
        let child = try Self.concatenate(zip(arrays, ranges).map { try $0.children[0].slice($1.lowerBound, $1.count) })
        let (validity, nullCount) = try validityBitmap()
        return ArrayData(
            type: type, length: length, nullCount: nullCount, validity: validity,
            buffers: [offsets], children: [child])
    }

    /// List views keep their sizes; offsets move by the length of the children before.
    private func listViews<Offset: FixedWidthInteger & BitwiseCopyable>(_ type: DataType, _: Offset.Type) throws -> ArrayData {
        let width = MemoryLayout<Offset>.size
        var offsets = BufferBuilder(capacity: length * width)
        var base = 0
        for array in arrays {
            guard array.buffers[0].count >= (array.offset + array.length) * width,
                  array.buffers[1].count >= (array.offset + array.length) * width else {
                throw ArrowError.invalidArgument("a list view's offsets or sizes buffer is too short for its slots")
            }
            let source = array.buffers[0].baseAddress + array.offset * width
            for slot in 0..<array.length {
                let value = Int(source.loadUnaligned(fromByteOffset: slot * width, as: Offset.self))
                guard value >= 0, value <= Int(Offset.max) - base else {
                    throw ArrowError.invalidArgument("the concatenated list view offsets do not fit \(width * 8) bits")
                }
                offsets.append(Offset(truncatingIfNeeded: value + base))
            }
            base += array.children[0].length
        }
        let child = try Self.concatenate(arrays.map { $0.children[0] })
        let sizes = fixedWidth(width) { $0.buffers[1] }
        let (validity, nullCount) = try validityBitmap()
        return ArrayData(
            type: type, length: length, nullCount: nullCount, validity: validity,
            buffers: [offsets.finish(), sizes], children: [child])
    }

    /// Views keep their bytes; those pointing into a data buffer get that buffer's new index.
    private func views(_ type: DataType) throws -> ArrayData {
        var views = BufferBuilder(capacity: length * 16)
        var dataBuffers: [ArrowBuffer] = []
        for array in arrays {
            guard array.buffers[0].count >= (array.offset + array.length) * 16 else {
                throw ArrowError.invalidArgument("a view array's views buffer is too short for its slots")
            }
            let shift = dataBuffers.count
            guard shift <= Int(Int32.max) - array.buffers.count else {
                throw ArrowError.invalidArgument("the concatenated views need more than 2^31 data buffers")
            }
            let source = array.buffers[0].baseAddress + array.offset * 16
            for slot in 0..<array.length {
                let view = source + slot * 16
                let size = view.loadUnaligned(as: Int32.self)
                views.append(view.loadUnaligned(as: UInt64.self))
                if size > 12 {
                    let index = view.loadUnaligned(fromByteOffset: 8, as: Int32.self)
                    views.append(index &+ Int32(shift))
                    views.append(view.loadUnaligned(fromByteOffset: 12, as: Int32.self))
                } else {
                    views.append(view.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                }
            }
            dataBuffers.append(contentsOf: array.buffers.dropFirst())
        }
        let (validity, nullCount) = try validityBitmap()
        return ArrayData(
            type: type, length: length, nullCount: nullCount, validity: validity,
            buffers: [views.finish()] + dataBuffers)
    }

    // MARK: - Unions, dictionaries, runs

    private func union(_ type: DataType, mode: UnionMode, childCount: Int, typeIds: [Int32]) throws -> ArrayData {
        let codes = fixedWidth(1) { $0.buffers[0] }
        switch mode {
        case .sparse:
            let children = try (0..<childCount).map { index in
                try Self.concatenate(arrays.map { try $0.children[index].slice($0.offset, $0.length) })
            }
            return ArrayData(type: type, length: length, validity: nil, buffers: [codes], children: children)
        case .dense:
            var childOf = [Int](repeating: -1, count: 128)
            for (index, code) in typeIds.enumerated() where code >= 0 && code < 128 {
                childOf[Int(code)] = index
            }
            var offsets = BufferBuilder(capacity: length * 4)
            var bases = [Int](repeating: 0, count: childCount)
            for array in arrays {
                guard array.buffers[0].count >= array.offset + array.length,
                      array.buffers[1].count >= (array.offset + array.length) * 4 else {
                    throw ArrowError.invalidArgument("a dense union's type ids or offsets buffer is too short for its slots")
                }
                let types = array.buffers[0].baseAddress + array.offset
                let source = array.buffers[1].baseAddress + array.offset * 4
                for slot in 0..<array.length {
                    let code = Int(types.load(fromByteOffset: slot, as: Int8.self))
                    let child = code >= 0 ? childOf[code] : -1
                    guard child >= 0 else {
                        throw ArrowError.invalidArgument("slot \(slot) of a dense union has the unknown type id \(code)")
                    }
                    let value = Int(source.loadUnaligned(fromByteOffset: slot * 4, as: Int32.self))
                    guard value >= 0, value <= Int(Int32.max) - bases[child] else {
                        throw ArrowError.invalidArgument("the concatenated dense union offsets do not fit 32 bits")
                    }
                    offsets.append(Int32(value + bases[child]))
                }
                for index in 0..<childCount {
                    bases[index] += array.children[index].length
                }
            }
            let children = try (0..<childCount).map { index in try Self.concatenate(arrays.map { $0.children[index] }) }
            return ArrayData(
                type: type, length: length, validity: nil, buffers: [codes, offsets.finish()], children: children)
        }
    }

    private func dictionaries(_ type: DataType, indexType: DataType) throws -> ArrayData {
        let dictionaries = try arrays.map { array -> ArrayData in
            guard let dictionary = array.dictionary else {
                throw ArrowError.invalidArgument("a dictionary-encoded array has no dictionary")
            }
            return dictionary
        }
        let (validity, nullCount) = try validityBitmap()
        guard let width = indexType.byteWidth, indexType.isInteger else {
            throw ArrowError.invalidArgument("dictionary indices of type \(indexType) are not integers")
        }
        // After deltas, each dictionary is a prefix of the last: the indices stay as they are.
        if let longest = dictionaries.max(by: { $0.length < $1.length }),
           dictionaries.allSatisfy({ $0.isPrefix(of: longest) }) {
            return ArrayData(
                type: type, length: length, nullCount: nullCount, validity: validity,
                buffers: [fixedWidth(width) { $0.buffers[0] }], dictionary: longest)
        }
        let combined = try Self.concatenate(dictionaries)
        var shifts: [Int] = []
        var base = 0
        for dictionary in dictionaries {
            shifts.append(base)
            base += dictionary.length
        }
        let indices = try IndexRewriter(type: indexType).rewrite(arrays, length: length) { part, index in
            index + shifts[part]
        }
        return ArrayData(
            type: type, length: length, nullCount: nullCount, validity: validity,
            buffers: [indices], dictionary: combined)
    }

    /// Run-end encoded arrays: the runs covering each array's slots, their ends moved by the
    /// slots before.
    private func runs(_ type: DataType) throws -> ArrayData {
        guard case .runEndEncoded(let runEndField, _) = type, let width = runEndField.type.byteWidth,
              runEndField.type.isInteger else {
            throw ArrowError.invalidArgument("run ends of type \(type) are not integers")
        }
        var ends = BufferBuilder(capacity: 64)
        var valueParts: [ArrayData] = []
        var base = 0
        var runCount = 0
        for array in arrays where array.length > 0 {
            let runEnds = array.children[0]
            let end = array.offset + array.length
            func runEnd(_ run: Int) throws -> Int {
                guard run < runEnds.length, (runEnds.offset + run + 1) * width <= runEnds.buffers[0].count,
                      let value = runEnds.buffers[0].integer(runEndField.type, at: runEnds.offset + run) else {
                    throw ArrowError.invalidArgument("the run ends of a run-end encoded array do not cover its slots")
                }
                return value
            }
            // The first run ending after the array's offset.
            var low = 0
            var high = runEnds.length
            while low < high {
                let middle = (low + high) / 2
                if try runEnd(middle) > array.offset { high = middle } else { low = middle + 1 }
            }
            var run = low
            while true {
                let runEndValue = try runEnd(run)
                let clipped = min(runEndValue, end) - array.offset + base
                guard clipped <= runEndField.type.integerMaximum else {
                    throw ArrowError.invalidArgument("the concatenated run ends do not fit \(runEndField.type)")
                }
                try ends.appendInteger(clipped, as: runEndField.type)
                runCount += 1
                if runEndValue >= end { break }
                run += 1
            }
            valueParts.append(try array.children[1].slice(low, run - low + 1))
            base += array.length
        }
        let runEnds = ArrayData(type: runEndField.type, length: runCount, nullCount: 0, validity: nil, buffers: [ends.finish()])
        let values = valueParts.isEmpty ? try arrays[0].children[1].slice(0, 0) : try Self.concatenate(valueParts)
        return ArrayData(type: type, length: length, validity: nil, buffers: [], children: [runEnds, values])
    }
}

extension ArrayData {
    /// The bytes of this node's validity and buffers and of its children's, not counting
    /// dictionaries: the memory its slots occupy.
    var bufferBytes: Int {
        var total = (validity?.count ?? 0) &+ buffers.reduce(0) { $0 &+ $1.count }
        for child in children { total = total &+ child.bufferBytes }
        return total
    }

    /// Whether this array holds the first `length` slots of `other` (the same buffers, or the
    /// same values, floating-point values bit for bit: 0.0 is not -0.0, nor one NaN another).
    func isPrefix(of other: ArrayData) -> Bool {
        guard type == other.type, length <= other.length else { return false }
        if isIdentical(to: other) { return true }
        guard ArrayComparison(tolerance: 0).compare(self, 0, other, 0, length) == nil else { return false }
        // The comparison takes signed zeros, and NaNs, for equal.
        guard type.containsFloatingPoint else { return true }
        var key: [UInt8] = []
        var otherKey: [UInt8] = []
        for slot in 0..<length {
            key.removeAll(keepingCapacity: true)
            otherKey.removeAll(keepingCapacity: true)
            guard (try? appendValueKey(at: slot, to: &key)) != nil,
                  (try? other.appendValueKey(at: slot, to: &otherKey)) != nil, key == otherKey else { return false }
        }
        return true
    }

    /// Whether this node and `other` are the same slots of the same memory, children and
    /// dictionaries included: a constant-time test for "unchanged".
    func isIdentical(to other: ArrayData) -> Bool {
        guard type == other.type, offset == other.offset, length == other.length,
              buffers.count == other.buffers.count, children.count == other.children.count,
              validity?.baseAddress == other.validity?.baseAddress else { return false }
        for (a, b) in zip(buffers, other.buffers) where a.baseAddress != b.baseAddress || a.count != b.count {
            return false
        }
        for (a, b) in zip(children, other.children) where !a.isIdentical(to: b) {
            return false
        }
        switch (dictionary, other.dictionary) {
        case (nil, nil): return true
        case (let a?, let b?): return a.isIdentical(to: b)
        default: return false
        }
    }
}

extension DataType {
    /// Whether values of this type hold floating-point numbers anywhere: the type itself, a
    /// child, a dictionary's values or an extension's storage.
    var containsFloatingPoint: Bool {
        switch self {
        case .float16, .float32, .float64: return true
        case .dictionary(_, let values, _): return values.containsFloatingPoint
        case .extension(_, let storage, _): return storage.containsFloatingPoint
        default: return children.contains { $0.type.containsFloatingPoint }
        }
    }
}
