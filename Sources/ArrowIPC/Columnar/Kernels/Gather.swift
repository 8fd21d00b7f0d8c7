/// The take kernel: the slots a ``Selection`` picks from `sources` (arrays of one type that
/// passed validation at the default level), gathered into fresh, compact buffers.
///
/// A null entry gives a null slot whose value bytes are zero; null slots of variable-length
/// types (strings, lists) are empty. Other selected slots are copied as they are, null or not.
/// Reads that the default validation does not make safe — offsets in the middle of a buffer,
/// list views, union type ids and dense offsets, run ends — are checked slot by slot and
/// throw ``ArrowError/invalidArgument(_:)`` when wrong.
struct Gather {
    let sources: [ArrayData]
    let selection: Selection

    /// The result, of type `type` (the sources' type).
    func result(_ type: DataType) throws -> ArrayData {
        let count = selection.count
        switch type {
        case .null:
            return ArrayData(type: type, length: count, nullCount: count, validity: nil, buffers: [])
        case .boolean:
            let (validity, nullCount) = try validityBitmap()
            let values = try bits { $0.buffers[0] }
            return ArrayData(type: type, length: count, nullCount: nullCount, validity: validity, buffers: [values])
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
        case .fixedSizeList(let item, let listSize):
            return try fixedSizeLists(type, item: item.type, listSize: listSize)
        case .struct(let fields):
            return try structs(type, fields: fields)
        case .union(let mode, let fields, let typeIds):
            return try unions(type, mode: mode, fields: fields, typeIds: typeIds)
        case .dictionary(let indexType, let valueType, _):
            return try dictionaries(type, indexType: indexType, valueType: valueType)
        case .runEndEncoded(let runEnds, let values):
            return try runs(type, runEndType: runEnds.type, valueType: values.type)
        case .extension(_, let storage, _):
            let stored = Gather(sources: sources.map { $0.viewed(as: storage) }, selection: selection)
            return try stored.result(storage).viewed(as: type)
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64,
             .float16, .float32, .float64, .decimal32, .decimal64, .decimal128, .decimal256,
             .date32, .date64, .time32, .time64, .timestamp, .duration, .interval, .fixedSizeBinary:
            let (validity, nullCount) = try validityBitmap()
            let values = try fixedWidth(width: type.byteWidth ?? 0) { $0.buffers[0] }
            return ArrayData(type: type, length: count, nullCount: nullCount, validity: validity, buffers: [values])
        }
    }

    /// The same selection over other sources (the children of these).
    func over(_ children: [ArrayData]) -> Gather {
        Gather(sources: children, selection: selection)
    }

    /// Calls `body` with the entries, their shift and their slot mask.
    @inline(__always)
    func withEntries<R>(_ body: (UnsafeBufferPointer<Int>, Int, Int) throws -> R) rethrows -> R {
        let shift = selection.sourceShift
        let mask = selection.slotMask
        return try selection.entries.withUnsafeBufferPointer { try body($0, shift, mask) }
    }

    /// For each source, the address of its first slot in `buffer(source)`, of `width`-byte slots.
    func slotBases(width: Int, _ buffer: (ArrayData) -> ArrowBuffer) -> [UnsafeRawPointer] {
        sources.map { buffer($0).baseAddress + $0.offset &* width }
    }

    // MARK: - Validity and bitmaps

    /// The validity of the result: `nil` when it has no null slot.
    func validityBitmap() throws -> (ArrowBuffer?, Int) {
        let sourcesHaveNulls = sources.contains { $0.nullCount > 0 && $0.validity != nil }
        guard sourcesHaveNulls || selection.entries.contains(where: { $0 < 0 }) else { return (nil, 0) }
        let (bitmap, setCount) = try gatherBits { $0.nullCount > 0 ? $0.validity : nil }
        let nullCount = selection.count - setCount
        return nullCount == 0 ? (nil, 0) : (bitmap, nullCount)
    }

    /// The bitmaps `buffer(source)` (boolean values) at the selected slots; false for null entries.
    private func bits(_ buffer: (ArrayData) -> ArrowBuffer) throws -> ArrowBuffer {
        try gatherBits { buffer($0) }.bitmap
    }

    /// A bitmap with bit `i` set when entry `i` is not null and its slot's bit in
    /// `bitmap(source)` is set (or there is no bitmap), and the number of bits set.
    private func gatherBits(_ bitmap: (ArrayData) -> ArrowBuffer?) throws -> (bitmap: ArrowBuffer, setCount: Int) {
        let count = selection.count
        // Each source's bitmap, at its offset; sources without one read as all set.
        let bitmaps = sources.map { bitmap($0)?.baseAddress }
        let offsets = sources.map(\.offset)
        var setCount = 0
        let result = try withExtendedLifetime(sources) {
            try ArrowBuffer.kernelResult(count: Bitmap.byteCount(count), for: "a bitmap of \(count) slots") { memory in
                var writer = BitmapWriter(memory)
                withEntries { entries, shift, mask in
                    bitmaps.withUnsafeBufferPointer { bitmaps in
                        offsets.withUnsafeBufferPointer { offsets in
                            var start = 0
                            while start < count {
                                let end = min(start &+ 64, count)
                                var word: UInt64 = 0
                                for position in start..<end {
                                    let entry = entries[position]
                                    guard entry >= 0 else { continue }
                                    let source = entry &>> shift
                                    let set = bitmaps[source].map { $0.arrowBit(offsets[source] &+ (entry & mask)) } ?? true
                                    word |= (set ? 1 : 0) &<< UInt64(truncatingIfNeeded: position &- start)
                                }
                                writer.append(word, count: end &- start)
                                start = end
                            }
                        }
                    }
                }
                writer.finish()
                setCount = writer.setCount
            }
        }
        return (result, setCount)
    }

    // MARK: - Fixed-width values

    /// The `width`-byte slots of `buffer(source)` at the selected slots; zero bytes for null entries.
    func fixedWidth(width: Int, _ buffer: (ArrayData) -> ArrowBuffer) throws -> ArrowBuffer {
        try fixedWidth(width: width, nullFill: 0, buffer)
    }

    /// The same, with `nullFill` in every byte of a null entry's slot (union type ids need a
    /// valid id); `finish` may then change the result's bytes before they are shared.
    func fixedWidth(
        width: Int, nullFill: UInt8, _ buffer: (ArrayData) -> ArrowBuffer,
        finish: (UnsafeMutableRawPointer) -> Void = { _ in }
    ) throws -> ArrowBuffer {
        let count = selection.count
        let (size, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow else {
            throw ArrowError.invalidArgument("\(count) slots of \(width) bytes overflow")
        }
        let bases = slotBases(width: width, buffer)
        return try withExtendedLifetime(sources) {
            try ArrowBuffer.kernelResult(count: size, for: "\(count) values of \(width) bytes") { output in
                bases.withUnsafeBufferPointer { bases in
                    let fill = UInt64(nullFill) &* 0x0101_0101_0101_0101
                    switch width {
                    case 1: gatherFixed(UInt8.self, bases, UInt8(truncatingIfNeeded: fill), output)
                    case 2: gatherFixed(UInt16.self, bases, UInt16(truncatingIfNeeded: fill), output)
                    case 4: gatherFixed(UInt32.self, bases, UInt32(truncatingIfNeeded: fill), output)
                    case 8: gatherFixed(UInt64.self, bases, fill, output)
                    case 16: gatherFixed(SIMD2<UInt64>.self, bases, SIMD2(repeating: fill), output)
                    case 32: gatherFixed(SIMD4<UInt64>.self, bases, SIMD4(repeating: fill), output)
                    default: gatherBytes(width: width, bases, nullFill, output)
                    }
                }
                finish(output)
            }
        }
    }

    private func gatherFixed<T: BitwiseCopyable>(
        _: T.Type, _ bases: UnsafeBufferPointer<UnsafeRawPointer>, _ fill: T, _ output: UnsafeMutableRawPointer
    ) {
        let width = MemoryLayout<T>.size
        withEntries { entries, shift, mask in
            for position in 0..<entries.count {
                let entry = entries[position]
                let value = entry >= 0
                    ? bases[entry &>> shift].loadUnaligned(fromByteOffset: (entry & mask) &* width, as: T.self)
                    : fill
                output.storeBytes(of: value, toByteOffset: position &* width, as: T.self)
            }
        }
    }

    private func gatherBytes(
        width: Int, _ bases: UnsafeBufferPointer<UnsafeRawPointer>, _ fill: UInt8, _ output: UnsafeMutableRawPointer
    ) {
        guard width > 0 else { return }
        withEntries { entries, shift, mask in
            for position in 0..<entries.count {
                let entry = entries[position]
                let target = output + position &* width
                if entry >= 0 {
                    target.copyMemory(from: bases[entry &>> shift] + (entry & mask) &* width, byteCount: width)
                } else {
                    target.initializeMemory(as: UInt8.self, repeating: fill, count: width)
                }
            }
        }
    }
}
