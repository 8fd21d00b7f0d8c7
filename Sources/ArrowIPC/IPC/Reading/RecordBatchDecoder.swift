/// Turns a record batch message (its field nodes, buffer ranges and body) into columns.
///
/// The nodes and buffers are consumed depth-first in schema order, as the IPC format lays
/// them out. Buffers are slices of the body: nothing is copied unless a buffer is
/// misaligned for its element type. Every count and range comes from the input, so each is
/// checked before use, and every decoded column is validated as the options ask. Errors say
/// where: the message, the field's path (`a.b[child 2]`, see ``FieldPath``), the field node
/// or buffer index in the message, and what was expected and found.
struct RecordBatchDecoder {
    private let header: RecordBatchHeader
    private let body: ArrowBuffer
    private let context: String
    /// The metadata version of the message: V4 unions carry a validity buffer.
    private let version: MetadataVersion
    /// The dictionaries read so far, by id, for the dictionary-encoded fields.
    private let dictionaries: [Int64: ArrayData]
    /// The field being decoded: rendered only when an error is thrown.
    private var path = FieldPath()
    private var nodeIndex = 0
    /// The buffer indices of each decoded field node, by node index: where validation
    /// problems are reported.
    private var nodeBuffers: [Int: NodeBuffers] = [:]
    private var bufferIndex = 0
    private var variadicIndex = 0
    /// The bytes copied so far to realign misaligned buffers one by one.
    private var realignedByteCount = 0
    /// The body copied whole so that its byte `offset` is 8-byte aligned, by `offset % 8`:
    /// where misaligned buffers add up to more than the body (they overlap), they are sliced
    /// from these, so realigning never takes more than eight times the body's memory.
    private var shiftedBodies: [Int: ArrowBuffer] = [:]
    /// For a compressed body, the buffers of the decoded columns, by buffer index.
    private var decompressed: [Int: BodyDecompressor.Buffer]?

    /// - Parameter context: names the message in errors, e.g. "record batch 3".
    init(
        header: RecordBatchHeader, body: ArrowBuffer, context: String,
        version: MetadataVersion, dictionaries: [Int64: ArrayData]
    ) {
        self.header = header
        self.body = body
        self.context = context
        self.version = version
        self.dictionaries = dictionaries
    }

    /// Decodes the columns of `schema` selected by `projection` (all when `nil`), in projection
    /// order, from `message`, whose data is stored in byte order `endianness`. Dictionary-encoded
    /// fields take their dictionaries from `dictionaries`, by id.
    static func decode(
        _ message: EncodedBatch, schema: Schema, projection: [Int]?, endianness: Endianness,
        options: ArrowReadOptions, dictionaries: [Int64: ArrayData]
    ) throws -> RecordBatch {
        if let invalid = projection?.first(where: { !schema.fields.indices.contains($0) }) {
            throw ArrowError.invalidArgument("column \(invalid) does not exist; the schema has \(schema.fields.count) columns")
        }
        let header = message.header
        guard header.length >= 0, header.length <= Int64(Int.max) else {
            throw ArrowError.invalidData("\(message.name) has an invalid row count \(header.length)")
        }
        let rowCount = Int(header.length)
        // Data in the other byte order is swapped into native order before validation reads its
        // offsets (dictionaries were swapped when their own batches were decoded); kept as it
        // is, it gets only the checks that read no values (see ArrowReadOptions.ensureNativeByteOrder).
        let swapsByteOrder = endianness != .native && options.ensureNativeByteOrder
        let readsValues = endianness == .native || swapsByteOrder
        var decoder = RecordBatchDecoder(
            header: header, body: message.body, context: message.name, version: message.version, dictionaries: dictionaries)
        var decoded = [ArrayData?](repeating: nil, count: schema.fields.count)
        let wanted = Set(projection ?? Array(schema.fields.indices))
        if let codec = header.compression {
            try decoder.decompressBuffers(of: schema, wanted: wanted, codec: codec, options: options)
        }
        let rules = ValidationRules(
            level: options.validation, readsValues: readsValues, checksDecimalPrecision: options.checksDecimalPrecision,
            checksDictionaries: false)
        for (index, field) in schema.fields.enumerated() {
            if wanted.contains(index) {
                decoder.path = FieldPath(column: index, of: schema.fields)
                let firstNode = decoder.nodeIndex
                var column = try decoder.readArray(field, rowCount: rowCount)
                if swapsByteOrder { column = try column.byteSwapped(includingDictionary: false) }
                if options.validation != ValidationLevel.none {
                    // Decoding left the path at the column again.
                    do {
                        try column.validate(rules, path: &decoder.path)
                    } catch let failure as ValidationFailure {
                        throw decoder.located(failure, firstNode: firstNode)
                    }
                }
                decoded[index] = column
            } else {
                try decoder.skipArray(field.type)
            }
        }
        let order = projection ?? Array(schema.fields.indices)
        var columns: [ArrayData] = []
        columns.reserveCapacity(order.count)
        for index in order {
            if let column = decoded[index] { columns.append(column) }
        }
        let selected = Schema(order.map { schema.fields[$0] }, metadata: schema.metadata)
        return RecordBatch(schema: selected, columnData: columns, rowCount: rowCount, metadata: message.metadata)
    }

    /// Decompresses the buffers of the `wanted` columns of `schema` (found by walking the
    /// nodes as `skipArray` does) before decoding starts, all at once so that they can be
    /// decompressed in parallel.
    private mutating func decompressBuffers(
        of schema: Schema, wanted: Set<Int>, codec: CompressionCodec, options: ArrowReadOptions
    ) throws {
        var walker = self
        var selected: [Int] = []
        var columnOfBuffer: [Int: Int] = [:]
        for (index, field) in schema.fields.enumerated() {
            let first = walker.bufferIndex
            walker.path = FieldPath(column: index, of: schema.fields)
            try walker.skipArray(field.type)
            if wanted.contains(index) {
                for buffer in first..<max(first, min(walker.bufferIndex, header.buffers.count)) {
                    selected.append(buffer)
                    columnOfBuffer[buffer] = index
                }
            }
        }
        decompressed = try BodyDecompressor.decompress(
            body: body, ranges: header.buffers, selected: selected, codec: codec, options: options, context: context
        ) { buffer in
            let column = columnOfBuffer[buffer].map { " (field '\(FieldPath(column: $0, of: schema.fields))')" } ?? ""
            return "buffer \(buffer)\(column)"
        }
    }

    // MARK: - Errors

    /// The buffers of one field node in the message.
    struct NodeBuffers {
        /// The index of the validity bitmap, for types that have one.
        var validity: Int?
        /// The index of the node's first buffer after the validity bitmap (offsets, values, …).
        var firstData: Int
    }

    /// An error for the field being decoded: `record batch 3, field 'a.b': …`.
    private func invalid(_ message: String) -> ArrowError {
        ArrowError.invalidData("\(context), field '\(path)': \(message)")
    }

    /// `failure`, found validating the column whose first field node is `firstNode`, as an
    /// error naming the message, the field, and the field node or buffer in the message.
    func located(_ failure: ValidationFailure, firstNode: Int) -> ArrowError {
        var place = "\(context), field '\(failure.path)'"
        if let node = failure.node.map({ firstNode + $0 }), let buffers = nodeBuffers[node] {
            switch failure.problem.buffer {
            case .validity?:
                place += buffers.validity.map { ", buffer \($0)" } ?? ", field node \(node)"
            case .data(let index)?:
                place += ", buffer \(buffers.firstData + index)"
            case nil:
                place += ", field node \(node)"
            }
        }
        return ArrowError.invalidData("\(place): \(failure.problem.message)")
    }

    // MARK: - Reading

    /// The next field node; a column's own node must have the batch's row count.
    private mutating func nextNode(rowCount: Int?) throws -> (length: Int, nullCount: Int) {
        guard nodeIndex < header.nodes.count else {
            throw invalid("needs field node \(nodeIndex), but the message has \(header.nodes.count)")
        }
        let node = header.nodes[nodeIndex]
        nodeIndex += 1
        guard node.length >= 0, node.length <= Int64(Int.max), node.nullCount >= 0, node.nullCount <= node.length else {
            throw invalid(
                "field node \(nodeIndex - 1) has length \(node.length) and null count \(node.nullCount); expected a length of 0 or more and a null count from 0 to the length")
        }
        if let rowCount, node.length != Int64(rowCount) {
            throw invalid("field node \(nodeIndex - 1) has \(node.length) rows, but the batch has \(rowCount)")
        }
        return (Int(node.length), Int(node.nullCount))
    }

    /// The next buffer of the body; with `realigned`, copied when it is not 8-byte aligned.
    /// Buffers read only byte by byte (the data buffers of views) are never copied: a message
    /// can list any number of them over the same bytes, and copying each would turn a small
    /// body into an unbounded amount of memory.
    private mutating func nextBuffer(_ role: String, realigned: Bool = true) throws -> ArrowBuffer {
        guard bufferIndex < header.buffers.count else {
            throw invalid("needs buffer \(bufferIndex) (\(role)), but the message has \(header.buffers.count)")
        }
        if let decompressed {
            guard let buffer = decompressed[bufferIndex] else {
                throw invalid("needs buffer \(bufferIndex) (\(role)), which was not decompressed")
            }
            bufferIndex += 1
            guard realigned, let offset = buffer.rawOffset else { return buffer.bytes }
            return self.realigned(buffer.bytes, offset: offset)
        }
        let range = header.buffers[bufferIndex]
        guard range.offset >= 0, range.length >= 0, range.offset <= Int64(body.count),
              range.length <= Int64(body.count) - range.offset,
              let slice = body.slice(offset: Int(range.offset), length: Int(range.length))
        else {
            throw invalid(
                "buffer \(bufferIndex) (\(role)) spans bytes \(range.offset)..<\(range.offset &+ range.length), outside the body of \(body.count) bytes")
        }
        bufferIndex += 1
        return realigned ? self.realigned(slice, offset: Int(range.offset)) : slice
    }

    /// Buffers are read through typed pointers, so one that is not 8-byte aligned (`buffer`,
    /// at byte `offset` of the body) is copied: on its own while the copies add up to no more
    /// than the body, else as a slice of a copy of the whole body shifted to align it.
    private mutating func realigned(_ buffer: ArrowBuffer, offset: Int) -> ArrowBuffer {
        if Int(bitPattern: buffer.baseAddress) & 7 == 0 { return buffer }
        if buffer.count <= body.count - realignedByteCount {
            realignedByteCount += buffer.count
            return buffer.withUnsafeBytes { ArrowBuffer(copying: $0) }
        }
        // The copy starts `shift` bytes into an aligned allocation, so that `offset` lands on
        // a multiple of 8.
        let shift = (8 - offset & 7) & 7
        let shifted = shiftedBodies[shift] ?? body.withUnsafeBytes { bytes in
            ArrowBuffer(count: shift + bytes.count) { target in
                guard let source = bytes.baseAddress, let start = target.baseAddress else { return }
                (start + shift).copyMemory(from: source, byteCount: bytes.count)
            }
        }
        shiftedBodies[shift] = shifted
        return shifted.slice(offset: shift + offset, length: buffer.count) ?? buffer
    }

    /// Decodes `field`'s node, buffers and children; `rowCount` is given for a column's root.
    private mutating func readArray(_ field: Field, rowCount: Int? = nil) throws -> ArrayData {
        let type = field.type
        // An extension array is laid out as its storage type and keeps the extension type.
        let layout = type.storageType
        var (length, nullCount) = try nextNode(rowCount: rowCount)
        let node = nodeIndex - 1
        if case .union = layout, version.rawValue < MetadataVersion.v5.rawValue {
            try skipUnionValidity(nullCount: nullCount)
        }
        var validity: ArrowBuffer?
        var validityIndex: Int?
        if layout.hasValidityBuffer {
            validityIndex = bufferIndex
            let bitmap = try nextBuffer("validity")
            if nullCount > 0 {
                guard bitmap.count >= Bitmap.byteCount(length) else {
                    throw invalid(
                        "buffer \(bufferIndex - 1) (validity) has \(bitmap.count) bytes, needs \(Bitmap.byteCount(length)) for \(length) slots with \(nullCount) nulls")
                }
                validity = bitmap
            }
        }
        nodeBuffers[node] = NodeBuffers(validity: validityIndex, firstData: bufferIndex)
        var buffers: [ArrowBuffer] = []
        for buffer in layout.layout.buffers {
            switch buffer {
            case .offsets:
                buffers.append(Self.offsetsOrZero(try nextBuffer("offsets"), length: length, type: layout))
            case .views:
                buffers.append(try nextBuffer("views"))
                for index in 0..<(try nextVariadicCount()) {
                    buffers.append(try nextBuffer("variadic data buffer \(index)", realigned: false))
                }
            case .bits, .values, .data, .viewOffsets, .sizes, .typeIds, .unionOffsets, .indices:
                buffers.append(try nextBuffer(buffer.name))
            }
        }
        switch layout {
        case .null:
            return ArrayData(type: type, length: length, nullCount: length, validity: nil, buffers: [])
        case .union, .runEndEncoded:
            // Union slots are null through their children only; run-end encoded ones through
            // their values, and the children have their own lengths: one run end and one
            // value per run.
            nullCount = 0
        case .dictionary:
            return ArrayData(
                type: type, length: length, nullCount: nullCount, validity: validity,
                buffers: buffers, dictionary: try dictionary(of: field))
        case .extension:
            // (`layout` is a storage type, never an extension.)
            throw ArrowError.notSupported("\(context), field '\(path)': type \(type) is not decoded by this reader")
        case .boolean, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float16, .float32,
             .float64, .decimal32, .decimal64, .decimal128, .decimal256, .date32, .date64, .time32, .time64, .timestamp,
             .duration, .interval, .fixedSizeBinary, .binary, .utf8, .largeBinary, .largeUtf8, .binaryView, .utf8View,
             .list, .largeList, .listView, .largeListView, .fixedSizeList, .struct, .map:
            break
        }
        var children: [ArrayData] = []
        // The children's nodes and buffers follow the node's own buffers.
        let fields = layout.children
        children.reserveCapacity(fields.count)
        for index in fields.indices {
            children.append(try readChild(index, of: fields))
        }
        return ArrayData(
            type: type, length: length, nullCount: nullCount, validity: validity,
            buffers: buffers, children: children)
    }

    /// Reads the validity buffer that unions had before metadata V5. Arrow C++ rejects V4
    /// unions with nulls (a union's slots are null through its children since V5), and so do
    /// we: only an unused bitmap is accepted, and it is dropped.
    private mutating func skipUnionValidity(nullCount: Int) throws {
        _ = try nextBuffer("validity (metadata V4)")
        guard nullCount == 0 else {
            throw invalid(
                "is a metadata V4 union with \(nullCount) nulls in a top-level validity bitmap, which cannot be read as a V5 union (whose slots are null only through their children)")
        }
    }

    /// The number of variadic data buffers of the next view-typed node, checked against the
    /// buffers left in the message.
    private mutating func nextVariadicCount() throws -> Int {
        guard variadicIndex < header.variadicBufferCounts.count else {
            throw invalid(
                "is view node \(variadicIndex), but the message has \(header.variadicBufferCounts.count) variadic buffer counts")
        }
        let count = header.variadicBufferCounts[variadicIndex]
        let remaining = header.buffers.count - bufferIndex
        guard count >= 0, count <= Int64(remaining) else {
            throw invalid(
                "has a variadic buffer count of \(count), but \(remaining) buffers are left in the message")
        }
        variadicIndex += 1
        return Int(count)
    }

    /// The dictionary a dictionary-encoded field refers to, as the dictionary batches read so far define it.
    private func dictionary(of field: Field) throws -> ArrayData {
        guard let id = field.dictionaryId else {
            throw invalid("is dictionary-encoded but has no dictionary id")
        }
        guard let dictionary = dictionaries[id] else {
            throw ArrowError.invalidData("dictionary id \(id) has not been defined before \(context) (field '\(path)' uses it)")
        }
        return dictionary
    }

    /// Decodes child `index` of `siblings`, a step further down the path.
    private mutating func readChild(_ index: Int, of siblings: [Field]) throws -> ArrayData {
        path.push(.field(index: index, siblings: siblings))
        defer { path.pop() }
        return try readArray(siblings[index])
    }

    /// Writers may leave the offsets of an empty array out; such an array gets one zero offset.
    private static func offsetsOrZero(_ offsets: ArrowBuffer, length: Int, type: DataType) -> ArrowBuffer {
        guard length == 0, offsets.count == 0 else { return offsets }
        switch type {
        case .largeBinary, .largeUtf8, .largeList: return ArrowBuffer(copying: [Int64(0)])
        default: return ArrowBuffer(copying: [Int32(0)])
        }
    }

    // MARK: - Skipping unselected columns

    /// Advances past the nodes and buffers of a column that is not decoded.
    private mutating func skipArray(_ type: DataType) throws {
        if case .extension(_, let storage, _) = type {
            return try skipArray(storage)
        }
        nodeIndex += 1
        let layout = type.layout
        bufferIndex += (layout.hasValidity ? 1 : 0) + layout.buffers.count
        if layout.hasVariadicBuffers {
            bufferIndex += try nextVariadicCount()
        }
        if case .union = type, version.rawValue < MetadataVersion.v5.rawValue {
            // Before V5, unions had a validity buffer too.
            bufferIndex += 1
        }
        for child in type.children {
            try skipArray(child.type)
        }
    }
}
