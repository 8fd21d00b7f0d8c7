/// The filter kernel: the slots of `array` (checked at the default validation level) that
/// `mask` keeps, copied by scanning the mask 64 slots at a time — a word of kept slots is
/// copied in one block, an empty word skipped.
///
/// Fixed-width values, booleans, strings and binaries, views, structs, sparse unions,
/// dictionary indices and nulls are filtered here; other types (lists, list views, maps,
/// dense unions, run-end encoded) and masks whose nulls become null slots go through the take
/// kernel with the kept slots as indices.
struct Filter {
    let array: ArrayData
    let mask: FilterMask

    func result() throws -> ArrayData {
        let type = array.type
        guard !mask.prefersTake else { return try gathered() }
        let count = mask.resultCount
        switch type {
        case .null:
            return ArrayData(type: type, length: count, nullCount: count, validity: nil, buffers: [])
        case .boolean:
            let (validity, nullCount) = try validityBitmap()
            let values = try bits(array.buffers[0])
            return ArrayData(type: type, length: count, nullCount: nullCount, validity: validity, buffers: [values])
        case .binary, .utf8:
            return try variableWidth(Int32.self)
        case .largeBinary, .largeUtf8:
            return try variableWidth(Int64.self)
        case .binaryView, .utf8View:
            let (validity, nullCount) = try validityBitmap()
            let views = try fixedWidth(width: 16, array.buffers[0])
            return ArrayData(
                type: type, length: count, nullCount: nullCount, validity: validity,
                buffers: [views] + array.buffers.dropFirst())
        case .struct(let fields):
            let (validity, nullCount) = try validityBitmap()
            let children = try fields.indices.map { index in
                try Filter(array: array.children[index].slice(array.offset, array.length), mask: mask).result()
            }
            return ArrayData(
                type: type, length: count, nullCount: nullCount, validity: validity, buffers: [], children: children)
        case .union(.sparse, let fields, _):
            let codes = try fixedWidth(width: 1, array.buffers[0])
            let children = try fields.indices.map { index in
                try Filter(array: array.children[index].slice(array.offset, array.length), mask: mask).result()
            }
            return ArrayData(type: type, length: count, validity: nil, buffers: [codes], children: children)
        case .dictionary(let indexType, _, _):
            guard let width = indexType.byteWidth, indexType.isInteger else {
                throw ArrowError.invalidArgument("dictionary indices of type \(indexType) are not integers")
            }
            let (validity, nullCount) = try validityBitmap()
            let indices = try fixedWidth(width: width, array.buffers[0])
            return ArrayData(
                type: type, length: count, nullCount: nullCount, validity: validity,
                buffers: [indices], dictionary: array.dictionary)
        case .extension(_, let storage, _):
            return try Filter(array: array.viewed(as: storage), mask: mask).result().viewed(as: type)
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64,
             .float16, .float32, .float64, .decimal32, .decimal64, .decimal128, .decimal256,
             .date32, .date64, .time32, .time64, .timestamp, .duration, .interval, .fixedSizeBinary:
            let (validity, nullCount) = try validityBitmap()
            let values = try fixedWidth(width: type.byteWidth ?? 0, array.buffers[0])
            return ArrayData(type: type, length: count, nullCount: nullCount, validity: validity, buffers: [values])
        case .list, .largeList, .listView, .largeListView, .fixedSizeList, .map, .union(.dense, _, _), .runEndEncoded:
            return try gathered()
        }
    }

    /// The result through the take kernel.
    private func gathered() throws -> ArrayData {
        try Gather(sources: [array], selection: Selection(mask: mask)).result(array.type)
    }

    /// Calls `body` with each word of the mask: its first slot, and its bits.
    @inline(__always)
    private func forEachWord(_ body: (_ first: Int, _ bits: UInt64) throws -> Void) rethrows {
        try mask.kept.withUnsafeBufferPointer { words in
            for word in 0..<words.count where words[word] != 0 {
                try body(word &* 64, words[word])
            }
        }
    }

    // MARK: - Bitmaps

    /// The validity of the result: `nil` when it has no null slot.
    private func validityBitmap() throws -> (ArrowBuffer?, Int) {
        guard array.nullCount > 0, let validity = array.validity else { return (nil, 0) }
        var setCount = 0
        let bitmap = try bits(validity, setCount: &setCount)
        let nullCount = mask.resultCount - setCount
        return nullCount == 0 ? (nil, 0) : (bitmap, nullCount)
    }

    /// The kept bits of the bitmap `buffer` (from the array's offset).
    private func bits(_ buffer: ArrowBuffer) throws -> ArrowBuffer {
        var setCount = 0
        return try bits(buffer, setCount: &setCount)
    }

    private func bits(_ buffer: ArrowBuffer, setCount: inout Int) throws -> ArrowBuffer {
        let count = mask.resultCount
        let start = array.offset
        let end = array.offset + array.length
        let source = buffer.baseAddress
        return try withExtendedLifetime(buffer) {
            try ArrowBuffer.kernelResult(count: Bitmap.byteCount(count), for: "a bitmap of \(count) slots") { memory in
                var writer = BitmapWriter(memory)
                forEachWord { first, kept in
                    let bits = source.arrowBitWord(from: start &+ first, end: end)
                    writer.append(extractBits(bits, kept), count: kept.nonzeroBitCount)
                }
                writer.finish()
                setCount = writer.setCount
            }
        }
    }

    // MARK: - Fixed-width values

    /// The kept `width`-byte slots of `buffer`.
    private func fixedWidth(width: Int, _ buffer: ArrowBuffer) throws -> ArrowBuffer {
        let count = mask.resultCount
        let (size, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow else {
            throw ArrowError.invalidArgument("\(count) slots of \(width) bytes overflow")
        }
        let base = buffer.baseAddress + array.offset &* width
        return try withExtendedLifetime(buffer) {
            try ArrowBuffer.kernelResult(count: size, for: "\(count) values of \(width) bytes") { output in
                switch width {
                case 1: copyKept(UInt8.self, base, output)
                case 2: copyKept(UInt16.self, base, output)
                case 4: copyKept(UInt32.self, base, output)
                case 8: copyKept(UInt64.self, base, output)
                case 16: copyKept(SIMD2<UInt64>.self, base, output)
                case 32: copyKept(SIMD4<UInt64>.self, base, output)
                default: copyKeptBytes(width: width, base, output)
                }
            }
        }
    }

    private func copyKept<T: BitwiseCopyable>(_: T.Type, _ base: UnsafeRawPointer, _ output: UnsafeMutableRawPointer) {
        let width = MemoryLayout<T>.size
        var written = 0
        forEachWord { first, kept in
            let source = base + first &* width
            if kept == ~0 {
                (output + written &* width).copyMemory(from: source, byteCount: 64 &* width)
                written &+= 64
                return
            }
            if kept.nonzeroBitCount >= 16 {
                // Dense: store every value up to the last kept one, advancing past kept ones
                // only (no branch per slot); a dropped value is overwritten by the next kept
                // one, so nothing lands past this word's last kept value.
                copyDense(source, kept, output, &written, T.self)
                return
            }
            var bits = kept
            while bits != 0 {
                let slot = bits.trailingZeroBitCount
                output.storeBytes(
                    of: source.loadUnaligned(fromByteOffset: slot &* width, as: T.self),
                    toByteOffset: written &* width, as: T.self)
                written &+= 1
                bits &= bits &- 1
            }
        }
    }

    @inline(__always)
    private func copyDense<T: BitwiseCopyable>(
        _ source: UnsafeRawPointer, _ kept: UInt64, _ output: UnsafeMutableRawPointer, _ written: inout Int, _: T.Type
    ) {
        let width = MemoryLayout<T>.size
        let last = 63 &- kept.leadingZeroBitCount
        var target = written
        for slot in 0...last {
            output.storeBytes(
                of: source.loadUnaligned(fromByteOffset: slot &* width, as: T.self),
                toByteOffset: target &* width, as: T.self)
            target &+= Int(truncatingIfNeeded: (kept &>> UInt64(slot)) & 1)
        }
        written = target
    }

    private func copyKeptBytes(width: Int, _ base: UnsafeRawPointer, _ output: UnsafeMutableRawPointer) {
        guard width > 0 else { return }
        var written = 0
        forEachRun { start, length in
            (output + written &* width).copyMemory(from: base + start &* width, byteCount: length &* width)
            written &+= length
        }
    }

    /// Calls `body` with each run of kept slots (a run crossing a word boundary comes in two).
    @inline(__always)
    private func forEachRun(_ body: (_ start: Int, _ length: Int) throws -> Void) rethrows {
        try forEachWord { first, kept in
            var bits = kept
            while bits != 0 {
                let start = bits.trailingZeroBitCount
                let length = (~(bits &>> UInt64(start))).trailingZeroBitCount
                try body(first &+ start, length)
                bits = length &+ start >= 64 ? 0 : bits & (~0 &<< UInt64(start &+ length))
            }
        }
    }

    // MARK: - Strings and binaries

    /// The kept strings or binaries: new offsets, and the bytes of each run of kept slots
    /// copied in one block. Throws, before allocating the bytes, when they do not fit the offsets.
    private func variableWidth<Offset: ArrowOffset>(_: Offset.Type) throws -> ArrayData {
        let count = mask.resultCount
        let (validity, nullCount) = try validityBitmap()
        let width = MemoryLayout<Offset>.size
        let offsetsBase = array.buffers[0].baseAddress + array.offset &* width
        let dataBase = array.buffers[1].baseAddress
        let limit = array.buffers[1].count
        var total = 0
        let offsets = try withExtendedLifetime(array) {
            try ArrowBuffer.kernelResult(count: (count + 1) * width, for: "\(count + 1) offsets") { output in
                var written = 0
                output.storeBytes(of: Offset.zero, as: Offset.self)
                try forEachRun { start, length in
                    var previous = Int(offsetsBase.loadUnaligned(fromByteOffset: start &* width, as: Offset.self))
                    guard previous >= 0 else { throw invalidOffsets(start) }
                    let runStart = previous
                    for slot in (start &+ 1)...(start &+ length) {
                        let next = Int(offsetsBase.loadUnaligned(fromByteOffset: slot &* width, as: Offset.self))
                        guard next >= previous, next <= limit else { throw invalidOffsets(slot &- 1) }
                        written &+= 1
                        output.storeBytes(
                            of: Offset(truncatingIfNeeded: total &+ next &- runStart),
                            toByteOffset: written &* width, as: Offset.self)
                        previous = next
                    }
                    guard previous &- runStart <= Int(Offset.max) &- total else {
                        throw ArrowError.invalidArgument(
                            "the kept slots span more than \(Offset.max) bytes, too many for \(width * 8)-bit offsets")
                    }
                    total &+= previous &- runStart
                }
            }
        }
        let data = try withExtendedLifetime(array) {
            try ArrowBuffer.kernelResult(count: total, for: "\(total) bytes of \(array.type) values") { output in
                var written = 0
                forEachRun { start, length in
                    let first = Int(offsetsBase.loadUnaligned(fromByteOffset: start &* width, as: Offset.self))
                    let last = Int(offsetsBase.loadUnaligned(fromByteOffset: (start &+ length) &* width, as: Offset.self))
                    (output + written).copyMemory(from: dataBase + first, byteCount: last &- first)
                    written &+= last &- first
                }
            }
        }
        return ArrayData(
            type: array.type, length: count, nullCount: nullCount, validity: validity, buffers: [offsets, data])
    }

    private func invalidOffsets(_ slot: Int) -> ArrowError {
        ArrowError.invalidArgument(
            "slot \(slot) has offsets that decrease or pass the end of the \(array.buffers[1].count) bytes of data (its offsets are not valid)")
    }
}
