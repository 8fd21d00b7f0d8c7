/// Lays out a record batch's columns as IPC field nodes and body buffers.
///
/// Buffers are shared with the arrays, not copied, except where a slice must be rebased:
/// a bitmap starting mid-byte is shifted, offsets of a sliced binary or list array are
/// rewritten to start at zero, and the run ends of a sliced run-end encoded array are
/// rewritten for the runs it covers. View, list view and dense union slices keep their
/// data buffers and children whole, as their views and offsets index them.
struct RecordBatchEncoder {
    private(set) var nodes: [FieldNode] = []
    private(set) var buffers: [ArrowBuffer] = []
    private(set) var variadicBufferCounts: [Int64] = []
    /// The metadata version of the message: before V5, unions had a validity buffer.
    private let version: MetadataVersion

    private init(version: MetadataVersion) {
        self.version = version
    }

    /// Appends the nodes and buffers of every column of `batch`, laid out for metadata `version`.
    static func encode(_ batch: RecordBatch, version: MetadataVersion = .v5) throws -> RecordBatchEncoder {
        var encoder = RecordBatchEncoder(version: version)
        for (index, column) in batch.columnData.enumerated() {
            try encoder.append(column, path: "column \(index) '\(batch.schema.fields[index].name)'")
        }
        return encoder
    }

    /// The body as stored — these buffers, compressed by `compressor` when there is one —
    /// the header describing it laid out with `alignment`, and the body length.
    func body(
        length: Int, alignment: Int, compressor: BodyCompressor?
    ) throws -> (header: RecordBatchHeader, body: [BodyBuffer], bodyLength: Int) {
        let body = try compressor?.compress(buffers) ?? buffers.map { BodyBuffer(lengthPrefix: nil, bytes: $0) }
        var ranges: [BufferRange] = []
        ranges.reserveCapacity(body.count)
        var position = 0
        for buffer in body {
            ranges.append(BufferRange(offset: Int64(position), length: Int64(buffer.count)))
            position += padded(buffer.count, to: alignment)
        }
        let header = RecordBatchHeader(
            length: Int64(length), nodes: nodes, buffers: ranges, compression: compressor?.codec,
            variadicBufferCounts: variadicBufferCounts)
        return (header, body, position)
    }

    private mutating func append(_ data: ArrayData, path: String) throws {
        // An extension array is laid out as its storage type.
        let type = data.type.storageType
        let start = data.offset
        let length = data.length
        nodes.append(FieldNode(length: Int64(length), nullCount: Int64(data.nullCount)))
        if type.hasValidityBuffer {
            if let validity = data.validity, data.nullCount > 0 {
                buffers.append(try Self.bitmap(validity, start: start, length: length, path: path, role: "validity"))
            } else {
                buffers.append(.empty)
            }
        }
        if case .union = type, version.rawValue < MetadataVersion.v5.rawValue {
            // Before V5 a union had a validity buffer of its own; its slots are null only
            // through its children now, so the buffer stays empty.
            buffers.append(.empty)
        }
        switch type {
        case .null:
            break
        case .boolean:
            buffers.append(try Self.bitmap(try buffer(data, 0, path), start: start, length: length, path: path, role: "values"))
        case .binary, .utf8:
            let (offsets, range) = try Self.rebasedOffsets(Int32.self, try buffer(data, 0, path), start: start, length: length, path: path)
            buffers.append(offsets)
            buffers.append(try Self.slice(try buffer(data, 1, path), offset: range.lowerBound, length: range.count, path: path, role: "data"))
        case .largeBinary, .largeUtf8:
            let (offsets, range) = try Self.rebasedOffsets(Int64.self, try buffer(data, 0, path), start: start, length: length, path: path)
            buffers.append(offsets)
            buffers.append(try Self.slice(try buffer(data, 1, path), offset: range.lowerBound, length: range.count, path: path, role: "data"))
        case .list(let field), .map(let field, _):
            let (offsets, range) = try Self.rebasedOffsets(Int32.self, try buffer(data, 0, path), start: start, length: length, path: path)
            buffers.append(offsets)
            try append(try child(data, 0, path).slice(range.lowerBound, range.count), path: path + "." + field.name)
        case .largeList(let field):
            let (offsets, range) = try Self.rebasedOffsets(Int64.self, try buffer(data, 0, path), start: start, length: length, path: path)
            buffers.append(offsets)
            try append(try child(data, 0, path).slice(range.lowerBound, range.count), path: path + "." + field.name)
        case .fixedSizeList(let field, let size):
            let (childStart, startOverflow) = start.multipliedReportingOverflow(by: size)
            let (count, countOverflow) = length.multipliedReportingOverflow(by: size)
            guard !startOverflow, !countOverflow else {
                throw ArrowError.invalidArgument("\(path): fixed-size list positions overflow")
            }
            try append(try child(data, 0, path).slice(childStart, count), path: path + "." + field.name)
        case .struct(let fields):
            for (index, field) in fields.enumerated() {
                try append(try child(data, index, path).slice(start, length), path: path + "." + field.name)
            }
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64,
             .float16, .float32, .float64, .decimal32, .decimal64, .decimal128, .decimal256,
             .date32, .date64, .time32, .time64, .timestamp, .duration, .interval, .fixedSizeBinary:
            let width = type.byteWidth ?? 0
            let (byteStart, startOverflow) = start.multipliedReportingOverflow(by: width)
            let (byteCount, countOverflow) = length.multipliedReportingOverflow(by: width)
            guard !startOverflow, !countOverflow else {
                throw ArrowError.invalidArgument("\(path): value positions overflow")
            }
            buffers.append(try Self.slice(try buffer(data, 0, path), offset: byteStart, length: byteCount, path: path, role: "values"))
        case .binaryView, .utf8View:
            // The views keep pointing into the data buffers, which are written whole.
            let (byteStart, byteCount) = try Self.byteRange(start, length, width: 16, path: path)
            buffers.append(try Self.slice(try buffer(data, 0, path), offset: byteStart, length: byteCount, path: path, role: "views"))
            let dataBuffers = data.buffers.dropFirst()
            buffers.append(contentsOf: dataBuffers)
            variadicBufferCounts.append(Int64(dataBuffers.count))
        case .listView(let field), .largeListView(let field):
            // Offsets and sizes index the child, which is written whole.
            let (byteStart, byteCount) = try Self.byteRange(start, length, width: type.isLarge ? 8 : 4, path: path)
            buffers.append(try Self.slice(try buffer(data, 0, path), offset: byteStart, length: byteCount, path: path, role: "offsets"))
            buffers.append(try Self.slice(try buffer(data, 1, path), offset: byteStart, length: byteCount, path: path, role: "sizes"))
            try append(try child(data, 0, path), path: path + "." + field.name)
        case .union(let mode, let fields, _):
            buffers.append(try Self.slice(try buffer(data, 0, path), offset: start, length: length, path: path, role: "type ids"))
            switch mode {
            case .sparse:
                for (index, field) in fields.enumerated() {
                    try append(try child(data, index, path).slice(start, length), path: path + "." + field.name)
                }
            case .dense:
                // The offsets index the children, which are written whole.
                let (byteStart, byteCount) = try Self.byteRange(start, length, width: 4, path: path)
                buffers.append(try Self.slice(try buffer(data, 1, path), offset: byteStart, length: byteCount, path: path, role: "offsets"))
                for (index, field) in fields.enumerated() {
                    try append(try child(data, index, path), path: path + "." + field.name)
                }
            }
        case .runEndEncoded(let runEndsField, let valuesField):
            let (runEnds, values) = try runs(data, path: path)
            try append(runEnds, path: path + "." + runEndsField.name)
            try append(values, path: path + "." + valuesField.name)
            // (`type` is a storage type, never an extension.)
        case .dictionary(let indexType, _, _):
            // The indices, laid out as a primitive array of the index type; the dictionary goes
            // out in its own dictionary batch message.
            let width = indexType.byteWidth ?? 0
            let (byteStart, startOverflow) = start.multipliedReportingOverflow(by: width)
            let (byteCount, countOverflow) = length.multipliedReportingOverflow(by: width)
            guard !startOverflow, !countOverflow else {
                throw ArrowError.invalidArgument("\(path): index positions overflow")
            }
            buffers.append(try Self.slice(try buffer(data, 0, path), offset: byteStart, length: byteCount, path: path, role: "indices"))
        case .extension:
            // (`type` is a storage type, never an extension.)
            throw ArrowError.notSupported("\(path) has type \(type), which this writer does not encode yet")
        }
    }

    /// The run ends and values of a run-end encoded node as IPC needs them: IPC has no
    /// offsets, so a node that is a slice (or whose runs reach past its length) gets only the
    /// runs covering its slots, their ends rebased to the slice and the last one clamped.
    private func runs(_ data: ArrayData, path: String) throws -> (runEnds: ArrayData, values: ArrayData) {
        let runEnds = try child(data, 0, path)
        let values = try child(data, 1, path)
        let endType = runEnds.type.storageType
        guard [DataType.int16, .int32, .int64].contains(endType), let width = endType.byteWidth,
              let ends = runEnds.buffers.first, runEnds.offset >= 0, runEnds.length >= 0,
              runEnds.offset <= ends.count / width - runEnds.length
        else {
            throw ArrowError.invalidArgument("\(path): the run ends are not a complete int16, int32 or int64 array")
        }
        let start = data.offset
        let length = data.length
        let runCount = runEnds.length
        func end(_ run: Int) -> Int {
            ends.integer(endType, at: runEnds.offset + run) ?? 0
        }
        // The first run whose end is past `position`, or `runCount` when there is none.
        func run(covering position: Int) -> Int {
            var low = 0
            var high = runCount
            while low < high {
                let middle = low + (high - low) / 2
                if end(middle) > position { high = middle } else { low = middle + 1 }
            }
            return low
        }
        guard length > 0 else {
            return (try runEnds.slice(0, 0), try values.slice(0, 0))
        }
        let (stop, overflow) = start.addingReportingOverflow(length)
        let first = run(covering: start)
        let last = overflow ? runCount : run(covering: stop - 1)
        guard last < runCount else {
            throw ArrowError.invalidArgument("\(path): the run ends stop before slot \(start + length - 1)")
        }
        if start == 0, first == 0, last == runCount - 1, end(last) == length {
            return (runEnds, values)
        }
        let count = last - first + 1
        let rebased = ArrowBuffer(count: count * width) { out in
            guard let target = out.baseAddress else { return }
            for index in 0..<count {
                // Between 1 and `length` for increasing run ends, so it fits their type.
                let value = min(end(first + index), stop) &- start
                switch width {
                case 2: target.storeBytes(of: Int16(truncatingIfNeeded: value), toByteOffset: index * 2, as: Int16.self)
                case 4: target.storeBytes(of: Int32(truncatingIfNeeded: value), toByteOffset: index * 4, as: Int32.self)
                default: target.storeBytes(of: Int64(value), toByteOffset: index * 8, as: Int64.self)
                }
            }
        }
        let slicedEnds = ArrayData(
            type: runEnds.type, length: count, nullCount: 0, validity: nil, buffers: [rebased])
        return (slicedEnds, try values.slice(first, count))
    }

    /// The byte offset and count of `length` values of `width` bytes from value `start`.
    private static func byteRange(_ start: Int, _ length: Int, width: Int, path: String) throws -> (start: Int, count: Int) {
        let (byteStart, startOverflow) = start.multipliedReportingOverflow(by: width)
        let (byteCount, countOverflow) = length.multipliedReportingOverflow(by: width)
        guard !startOverflow, !countOverflow else {
            throw ArrowError.invalidArgument("\(path): value positions overflow")
        }
        return (byteStart, byteCount)
    }

    private func buffer(_ data: ArrayData, _ index: Int, _ path: String) throws -> ArrowBuffer {
        guard index < data.buffers.count else {
            throw ArrowError.invalidArgument("\(path) has \(data.buffers.count) buffers; its type \(data.type) needs \(index + 1)")
        }
        return data.buffers[index]
    }

    private func child(_ data: ArrayData, _ index: Int, _ path: String) throws -> ArrayData {
        guard index < data.children.count else {
            throw ArrowError.invalidArgument("\(path) has \(data.children.count) children; its type \(data.type) needs \(index + 1)")
        }
        return data.children[index]
    }

    private static func slice(_ buffer: ArrowBuffer, offset: Int, length: Int, path: String, role: String) throws -> ArrowBuffer {
        guard let slice = buffer.slice(offset: offset, length: length) else {
            throw ArrowError.invalidArgument(
                "\(path): the \(role) buffer has \(buffer.count) bytes, too few for \(length) bytes at byte \(offset)")
        }
        return slice
    }

    /// The bits `start..<start+length` of `bitmap` as a bitmap starting at bit 0.
    static func bitmap(_ bitmap: ArrowBuffer, start: Int, length: Int, path: String, role: String) throws -> ArrowBuffer {
        let (end, overflow) = start.addingReportingOverflow(length)
        guard start >= 0, length >= 0, !overflow, Bitmap.byteCount(end) <= bitmap.count else {
            throw ArrowError.invalidArgument(
                "\(path): the \(role) bitmap has \(bitmap.count) bytes, too few for \(length) bits from bit \(start)")
        }
        let byteCount = Bitmap.byteCount(length)
        let firstByte = start >> 3
        let shift = start & 7
        if shift == 0 {
            return try slice(bitmap, offset: firstByte, length: byteCount, path: path, role: role)
        }
        let sourceEnd = Bitmap.byteCount(end)
        return ArrowBuffer(count: byteCount) { out in
            let source = bitmap.baseAddress
            for index in 0..<byteCount {
                let low = source.load(fromByteOffset: firstByte + index, as: UInt8.self) >> UInt8(shift)
                let nextByte = firstByte + index + 1
                let high = nextByte < sourceEnd ? source.load(fromByteOffset: nextByte, as: UInt8.self) << UInt8(8 - shift) : 0
                out[index] = low | high
            }
        }
    }

    /// The offsets of slots `start..<start+length`, rebased to start at zero, and the range of
    /// the data (or child slots) they cover.
    static func rebasedOffsets<Offset: FixedWidthInteger & BitwiseCopyable>(
        _: Offset.Type, _ offsets: ArrowBuffer, start: Int, length: Int, path: String
    ) throws -> (ArrowBuffer, Range<Int>) {
        let width = MemoryLayout<Offset>.size
        if length == 0 {
            // An empty array needs one zero offset, whatever (if anything) it came with.
            return (ArrowBuffer(copying: [Offset.zero]), 0..<0)
        }
        let (count, countOverflow) = start.addingReportingOverflow(length)
        let (needed, neededOverflow) = (count &+ 1).multipliedReportingOverflow(by: width)
        guard start >= 0, length >= 0, !countOverflow, count < Int.max, !neededOverflow, needed <= offsets.count else {
            throw ArrowError.invalidArgument(
                "\(path): the offsets buffer has \(offsets.count) bytes, too few for \(length) slots at slot \(start)")
        }
        let first = offsets.baseAddress.loadUnaligned(fromByteOffset: start * width, as: Offset.self)
        let last = offsets.baseAddress.loadUnaligned(fromByteOffset: (start + length) * width, as: Offset.self)
        guard first >= 0, first <= last else {
            throw ArrowError.invalidArgument("\(path): offsets \(first) and \(last) do not form a range")
        }
        let range = Int(first)..<Int(last)
        if first == 0 {
            return (try slice(offsets, offset: start * width, length: (length + 1) * width, path: path, role: "offsets"), range)
        }
        let rebased = ArrowBuffer(count: (length + 1) * width) { out in
            let source = offsets.baseAddress + start * width
            guard let target = out.baseAddress else { return }
            for index in 0...length {
                let value = source.loadUnaligned(fromByteOffset: index * width, as: Offset.self) &- first
                target.storeBytes(of: value, toByteOffset: index * width, as: Offset.self)
            }
        }
        return (rebased, range)
    }
}

/// `count` rounded up to a multiple of `alignment` (a power of two).
func padded(_ count: Int, to alignment: Int) -> Int {
    (count + alignment - 1) & ~(alignment - 1)
}
