/// Lays out a record batch's columns as IPC field nodes and body buffers.
///
/// Buffers are shared with the arrays, not copied, except where a slice must be rebased:
/// a bitmap starting mid-byte is shifted, and offsets of a sliced binary or list array are
/// rewritten to start at zero.
struct RecordBatchEncoder {
    private(set) var nodes: [FieldNode] = []
    private(set) var buffers: [ArrowBuffer] = []
    private(set) var variadicBufferCounts: [Int64] = []

    /// Appends the nodes and buffers of every column of `batch`.
    static func encode(_ batch: RecordBatch) throws -> RecordBatchEncoder {
        var encoder = RecordBatchEncoder()
        for (index, column) in batch.columnData.enumerated() {
            try encoder.append(column, path: "column \(index) '\(batch.schema.fields[index].name)'")
        }
        return encoder
    }

    /// The header describing these buffers laid out with `alignment`, and the body length.
    func header(length: Int, alignment: Int) -> (RecordBatchHeader, bodyLength: Int) {
        var ranges: [BufferRange] = []
        ranges.reserveCapacity(buffers.count)
        var position = 0
        for buffer in buffers {
            ranges.append(BufferRange(offset: Int64(position), length: Int64(buffer.count)))
            position += padded(buffer.count, to: alignment)
        }
        let header = RecordBatchHeader(
            length: Int64(length), nodes: nodes, buffers: ranges, compression: nil,
            variadicBufferCounts: variadicBufferCounts)
        return (header, position)
    }

    private mutating func append(_ data: ArrayData, path: String) throws {
        let type = data.type
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
        case .binaryView, .utf8View, .listView, .largeListView, .union, .runEndEncoded, .extension:
            throw ArrowError.notSupported("\(path) has type \(type), which this writer does not encode yet")
        }
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
