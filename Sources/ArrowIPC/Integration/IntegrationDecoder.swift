/// Decodes the record batches and dictionaries of an integration JSON document into
/// ``ArrayData`` with correctly laid-out buffers.
///
/// Dictionaries are decoded on first use, so a dictionary whose values contain another
/// dictionary-encoded field finds that dictionary decoded first; a cycle throws. An id may
/// be listed again with `isDelta` set: its values are appended to the dictionary, which the
/// batches then use whole (as a file reader does).
final class IntegrationDecoder {
    private let schema: Schema
    /// The value type of each dictionary id used by a field of the schema.
    private let dictionaryValueTypes: [Int64: DataType]
    /// The `dictionaries` entries of each id, in document order: the dictionary, then its deltas.
    private let dictionaryNodes: [Int64: [JSONNode]]
    private var decodedDictionaries: [Int64: ArrayData] = [:]
    private var dictionariesInProgress: Set<Int64> = []

    init(schema: Schema, dictionaries: JSONNode?) throws {
        self.schema = schema
        var types: [Int64: DataType] = [:]
        try Self.collectDictionaryTypes(schema.fields, into: &types)
        dictionaryValueTypes = types
        var nodes: [Int64: [JSONNode]] = [:]
        for entry in try dictionaries?.elements() ?? [] {
            let id = try entry.member("id").integer(Int64.self)
            guard types[id] != nil else { throw entry.invalid("no field of the schema uses dictionary id \(id)") }
            let isDelta = try entry.nonNullMember("isDelta")?.bool() ?? false
            switch (nodes[id] == nil, isDelta) {
            case (true, true):
                throw entry.invalid("dictionary id \(id) has a delta before its dictionary")
            case (false, false):
                throw entry.invalid("dictionary id \(id) appears more than once without isDelta")
            default:
                nodes[id, default: []].append(entry)
            }
        }
        dictionaryNodes = nodes
    }

    private static func collectDictionaryTypes(_ fields: [Field], into types: inout [Int64: DataType]) throws {
        for field in fields {
            if let id = field.dictionaryId, case .dictionary(_, let valueType, _) = field.type.storageType {
                if let known = types[id], known != valueType {
                    throw ArrowError.invalidData(
                        "integration JSON schema: fields using dictionary id \(id) disagree on its value type")
                }
                types[id] = valueType
                try collectDictionaryTypes(valueType.children, into: &types)
            } else {
                try collectDictionaryTypes(field.type.children, into: &types)
            }
        }
    }

    /// Every dictionary listed in the document, decoded.
    func allDictionaries() throws -> [Int64: ArrayData] {
        for (id, entries) in dictionaryNodes.sorted(by: { $0.key < $1.key }) {
            _ = try dictionary(id, requestedAt: entries[0])
        }
        return decodedDictionaries
    }

    /// A `{"count", "columns"}` record batch of the schema.
    func batch(_ node: JSONNode) throws -> RecordBatch {
        let count = try node.member("count").count()
        let columnNodes = try node.member("columns").elements()
        guard columnNodes.count == schema.fields.count else {
            throw node.invalid("the schema has \(schema.fields.count) fields but the batch has \(columnNodes.count) columns")
        }
        let columns = try zip(schema.fields, columnNodes).map { field, column in
            let data = try array(field, column)
            guard data.length == count else {
                throw column.invalid("the column has \(data.length) rows but its batch has \(count)")
            }
            return data
        }
        return RecordBatch(schema: schema, columnData: columns, rowCount: count, metadata: Metadata())
    }

    private func dictionary(_ id: Int64, requestedAt node: JSONNode) throws -> ArrayData {
        if let done = decodedDictionaries[id] { return done }
        guard let entries = dictionaryNodes[id], let valueType = dictionaryValueTypes[id] else {
            throw node.invalid("dictionary id \(id) has no entry in \"dictionaries\"")
        }
        guard dictionariesInProgress.insert(id).inserted else {
            throw entries[0].invalid("dictionary \(id) contains itself")
        }
        defer { dictionariesInProgress.remove(id) }
        var parts: [ArrayData] = []
        for entry in entries {
            let data = try entry.member("data")
            let count = try data.member("count").count()
            let columns = try data.member("columns").elements()
            guard columns.count == 1 else {
                throw data.invalid("a dictionary batch must have exactly 1 column, found \(columns.count)")
            }
            let values = try array(Field("DICT\(id)", valueType), columns[0], checkName: false)
            guard values.length == count else {
                throw columns[0].invalid("the column has \(values.length) rows but its dictionary batch has \(count)")
            }
            parts.append(values)
        }
        let values: ArrayData
        do {
            values = try ArrayData.concatenate(parts)
        } catch let error as ArrowError {
            throw entries[0].invalid("the deltas of dictionary \(id) cannot be appended: \(error.reason)")
        }
        decodedDictionaries[id] = values
        return values
    }

    /// The array of `field` from a `FieldData` object.
    func array(_ field: Field, _ node: JSONNode, checkName: Bool = true) throws -> ArrayData {
        if checkName, let nameNode = try node.optionalMember("name") {
            let name = try nameNode.string()
            guard name == field.name else {
                throw nameNode.invalid("expected the data of field \"\(field.name)\", found \"\(name)\"")
            }
        }
        let length = try node.member("count").count()
        guard case .dictionary(let indexType, _, _) = field.type.storageType else {
            return try array(of: field.type, node, length: length)
        }
        guard let id = field.dictionaryId else {
            throw node.invalid("field \"\(field.name)\" is dictionary-encoded but has no dictionary id")
        }
        let (validity, nullCount) = try IntegrationBuffers.validity(node, length: length)
        let indices = try IntegrationBuffers.fixedWidth(indexType, node, length: length)
        let dictionary = try dictionary(id, requestedAt: node)
        let result = ArrayData(
            type: field.type, length: length, nullCount: nullCount, validity: validity,
            buffers: [indices], dictionary: dictionary)
        for row in 0..<length where !result.isNull(row) {
            let index = indices.integer(indexType, at: row)
            guard let index, index >= 0, index < dictionary.length else {
                throw node.invalid("row \(row) refers to entry \(index.map(String.init) ?? "beyond 2^63") of a dictionary of \(dictionary.length)")
            }
        }
        return result
    }

    private func array(of type: DataType, _ node: JSONNode, length: Int) throws -> ArrayData {
        switch type {
        case .null:
            return ArrayData(type: .null, length: length, validity: nil, buffers: [])
        case .boolean:
            let (validity, nullCount) = try IntegrationBuffers.validity(node, length: length)
            let values = try IntegrationBuffers.booleans(node, length: length)
            return ArrayData(type: type, length: length, nullCount: nullCount, validity: validity, buffers: [values])
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float16, .float32, .float64,
             .decimal32, .decimal64, .decimal128, .decimal256, .date32, .date64, .time32, .time64,
             .timestamp, .duration, .interval, .fixedSizeBinary:
            let (validity, nullCount) = try IntegrationBuffers.validity(node, length: length)
            let values = try IntegrationBuffers.fixedWidth(type, node, length: length)
            return ArrayData(type: type, length: length, nullCount: nullCount, validity: validity, buffers: [values])
        case .binary: return try variableBinary(type, node, length: length, large: false, utf8: false)
        case .largeBinary: return try variableBinary(type, node, length: length, large: true, utf8: false)
        case .utf8: return try variableBinary(type, node, length: length, large: false, utf8: true)
        case .largeUtf8: return try variableBinary(type, node, length: length, large: true, utf8: true)
        case .binaryView: return try views(type, node, length: length, utf8: false)
        case .utf8View: return try views(type, node, length: length, utf8: true)
        case .list(let child), .map(let child, _):
            return try list(type, child, node, length: length, large: false)
        case .largeList(let child):
            return try list(type, child, node, length: length, large: true)
        case .listView(let child):
            return try listView(type, child, node, length: length, large: false)
        case .largeListView(let child):
            return try listView(type, child, node, length: length, large: true)
        case .fixedSizeList(let child, let listSize):
            let (validity, nullCount) = try IntegrationBuffers.validity(node, length: length)
            let values = try children([child], node)[0]
            let (needed, overflow) = length.multipliedReportingOverflow(by: listSize)
            guard !overflow, values.length >= needed else {
                throw node.invalid("\(length) lists of \(listSize) need \(length) × \(listSize) child values, found \(values.length)")
            }
            return ArrayData(
                type: type, length: length, nullCount: nullCount, validity: validity, buffers: [], children: [values])
        case .struct(let fields):
            let (validity, nullCount) = try IntegrationBuffers.validity(node, length: length)
            let columns = try children(fields, node)
            if let short = columns.firstIndex(where: { $0.length < length }) {
                throw node.invalid("child \(short) has \(columns[short].length) values, fewer than the struct's \(length)")
            }
            return ArrayData(
                type: type, length: length, nullCount: nullCount, validity: validity, buffers: [], children: columns)
        case .union(let mode, let fields, let typeIds):
            return try union(type, mode: mode, fields: fields, typeIds: typeIds, node, length: length)
        case .runEndEncoded(let runEnds, let values):
            return try runEndEncoded(type, runEnds: runEnds, values: values, node, length: length)
        case .dictionary:
            throw node.invalid("a dictionary-encoded array must come from a field with a dictionary id")
        case .extension(_, let storage, _):
            let data = try array(of: storage, node, length: length)
            return ArrayData(
                type: type, length: data.length, nullCount: data.nullCount, validity: data.validity,
                buffers: data.buffers, children: data.children, dictionary: data.dictionary)
        }
    }

    /// The child arrays of `fields` from the `children` list (which may be absent when there
    /// are no fields).
    private func children(_ fields: [Field], _ node: JSONNode) throws -> [ArrayData] {
        guard let childrenNode = try node.nonNullMember("children") else {
            guard fields.isEmpty else { throw node.invalid("the key \"children\" is missing") }
            return []
        }
        let childNodes = try childrenNode.elements()
        guard childNodes.count == fields.count else {
            throw childrenNode.invalid("expected \(fields.count) children, found \(childNodes.count)")
        }
        return try zip(fields, childNodes).map { try array($0, $1) }
    }

    private func variableBinary(
        _ type: DataType, _ node: JSONNode, length: Int, large: Bool, utf8: Bool
    ) throws -> ArrayData {
        let (validity, nullCount) = try IntegrationBuffers.validity(node, length: length)
        let dataNode = try node.member("DATA")
        let elements = try dataNode.array(count: length)
        var offsets: [Int] = []
        offsets.reserveCapacity(length + 1)
        offsets.append(0)
        var total = 0
        for (index, element) in elements.enumerated() {
            guard let count = IntegrationBuffers.byteLength(element, utf8: utf8) else {
                throw dataNode.invalidElement(
                    index, "expected \(utf8 ? "a string" : "hex digits"), found \(IntegrationBuffers.value(describing: element))")
            }
            total += count
            offsets.append(total)
        }
        guard large || total <= Int(Int32.max) else {
            throw dataNode.invalid("\(total) bytes of values do not fit 32-bit offsets")
        }
        if let offsetNode = try node.nonNullMember("OFFSET") {
            let given = try offsetNode.array()
            if !(length == 0 && given.isEmpty) {
                try checkOffsets(given, offsetNode, match: offsets)
            }
        }
        let offsetBuffer = large
            ? ArrowBuffer(copying: offsets.map(Int64.init))
            : ArrowBuffer(copying: offsets.map { Int32(truncatingIfNeeded: $0) })
        let data = ArrowBuffer(count: total) { bytes in
            guard let base = bytes.baseAddress else { return }
            for (index, element) in elements.enumerated() {
                IntegrationBuffers.write(element, utf8: utf8, to: base + offsets[index])
            }
        }
        return ArrayData(
            type: type, length: length, nullCount: nullCount, validity: validity, buffers: [offsetBuffer, data])
    }

    /// Checks that the given `OFFSET` list, less its first entry, equals `offsets` (computed from
    /// the lengths of the `DATA` values).
    private func checkOffsets(_ given: [JSONValue], _ node: JSONNode, match offsets: [Int]) throws {
        guard given.count == offsets.count else {
            throw node.invalid("expected \(offsets.count) offsets, found \(given.count)")
        }
        guard let first = JSONScalar.integer(given[0], as: Int.self) else {
            throw node.invalidElement(0, "expected an integer, found \(IntegrationBuffers.value(describing: given[0]))")
        }
        for (index, element) in given.enumerated() {
            guard let value = JSONScalar.integer(element, as: Int.self) else {
                throw node.invalidElement(index, "expected an integer, found \(IntegrationBuffers.value(describing: element))")
            }
            let (relative, overflow) = value.subtractingReportingOverflow(first)
            guard !overflow, relative == offsets[index] else {
                throw node.invalidElement(index, "the offset \(value) does not match the lengths of the DATA values")
            }
        }
    }

    private func views(_ type: DataType, _ node: JSONNode, length: Int, utf8: Bool) throws -> ArrayData {
        let (validity, nullCount) = try IntegrationBuffers.validity(node, length: length)
        let buffersNode = try node.member("VARIADIC_DATA_BUFFERS")
        let variadic = try buffersNode.array().enumerated().map { index, element -> ArrowBuffer in
            guard let bytes = JSONScalar.hexBytes(element) else {
                throw buffersNode.invalidElement(index, "expected hex digits, found \(element.kind)")
            }
            return ArrowBuffer(copying: bytes)
        }
        let viewsNode = try node.member("VIEWS")
        let elements = try viewsNode.array(count: length)
        let viewBuffer = try ArrowBuffer(count: length * 16) { bytes in
            bytes.initializeMemory(as: UInt8.self, repeating: 0)
            guard let base = bytes.baseAddress else { return }
            for (index, element) in elements.enumerated() {
                if let problem = Self.writeView(element, utf8: utf8, variadic: variadic, to: base + index * 16) {
                    throw viewsNode.invalidElement(index, problem)
                }
            }
        }
        return ArrayData(
            type: type, length: length, nullCount: nullCount, validity: validity,
            buffers: [viewBuffer] + variadic)
    }

    /// Writes one 16-byte view from its JSON object; returns what is wrong, or `nil`.
    private static func writeView(
        _ element: JSONValue, utf8: Bool, variadic: [ArrowBuffer], to view: UnsafeMutableRawPointer
    ) -> String? {
        guard case .object(let members) = element else { return "expected an object, found \(element.kind)" }
        guard let size = members["SIZE"].flatMap({ JSONScalar.integer($0, as: Int32.self) }), size >= 0 else {
            return "expected a non-negative 32-bit SIZE"
        }
        view.storeBytes(of: size, as: Int32.self)
        if size <= 12 {
            guard let inlined = members["INLINED"], case .string(let text) = inlined else {
                return "expected the string INLINED for a value of \(size) bytes"
            }
            if utf8 {
                guard text.utf8.count == size else { return "INLINED has \(text.utf8.count) bytes, SIZE says \(size)" }
                IntegrationBuffers.write(inlined, utf8: true, to: view + 4)
            } else {
                guard text.utf8.count == Int(size) * 2, IntegrationBuffers.writeHex(text, to: view + 4) == Int(size) else {
                    return "INLINED is not \(size) bytes as hex"
                }
            }
            return nil
        }
        guard let prefixValue = members["PREFIX_HEX"], case .string(let prefix) = prefixValue,
              prefix.utf8.count == 8, IntegrationBuffers.writeHex(prefix, to: view + 4) == 4 else {
            return "expected PREFIX_HEX, 4 bytes as hex"
        }
        guard let bufferIndex = members["BUFFER_INDEX"].flatMap({ JSONScalar.integer($0, as: Int32.self) }),
              bufferIndex >= 0, Int(bufferIndex) < variadic.count else {
            return "expected a BUFFER_INDEX below \(variadic.count)"
        }
        guard let offset = members["OFFSET"].flatMap({ JSONScalar.integer($0, as: Int32.self) }), offset >= 0 else {
            return "expected a non-negative 32-bit OFFSET"
        }
        let buffer = variadic[Int(bufferIndex)]
        guard Int(offset) + Int(size) <= buffer.count else {
            return "bytes \(offset)..<\(Int(offset) + Int(size)) are outside variadic buffer \(bufferIndex) of \(buffer.count) bytes"
        }
        for index in 0..<4 where buffer.baseAddress.load(fromByteOffset: Int(offset) + index, as: UInt8.self)
            != view.load(fromByteOffset: 4 + index, as: UInt8.self) {
            return "PREFIX_HEX differs from the first bytes of the value"
        }
        view.storeBytes(of: bufferIndex, toByteOffset: 8, as: Int32.self)
        view.storeBytes(of: offset, toByteOffset: 12, as: Int32.self)
        return nil
    }

    /// The `OFFSET` list of a list or map: `length + 1` entries (or none for an empty array).
    private func listOffsets(_ node: JSONNode, length: Int, large: Bool) throws -> (ArrowBuffer, [Int]) {
        if length == 0, try node.member("OFFSET").array().isEmpty {
            return (large ? ArrowBuffer(copying: [Int64(0)]) : ArrowBuffer(copying: [Int32(0)]), [0])
        }
        return try IntegrationBuffers.offsets(node, key: "OFFSET", count: length + 1, large: large)
    }

    private func list(_ type: DataType, _ child: Field, _ node: JSONNode, length: Int, large: Bool) throws -> ArrayData {
        let (validity, nullCount) = try IntegrationBuffers.validity(node, length: length)
        let (offsetBuffer, offsets) = try listOffsets(node, length: length, large: large)
        let values = try children([child], node)[0]
        for index in 0..<length where offsets[index] > offsets[index + 1] {
            throw node.invalid("OFFSET decreases at entry \(index + 1)")
        }
        if let last = offsets.last, last > values.length {
            throw node.invalid("the last offset \(last) is beyond the \(values.length) child values")
        }
        return ArrayData(
            type: type, length: length, nullCount: nullCount, validity: validity,
            buffers: [offsetBuffer], children: [values])
    }

    private func listView(_ type: DataType, _ child: Field, _ node: JSONNode, length: Int, large: Bool) throws -> ArrayData {
        let (validity, nullCount) = try IntegrationBuffers.validity(node, length: length)
        let (offsetBuffer, offsets) = try IntegrationBuffers.offsets(node, key: "OFFSET", count: length, large: large)
        let (sizeBuffer, sizes) = try IntegrationBuffers.offsets(node, key: "SIZE", count: length, large: large)
        let values = try children([child], node)[0]
        for index in 0..<length {
            let (end, overflow) = offsets[index].addingReportingOverflow(sizes[index])
            guard !overflow, end <= values.length else {
                throw node.invalid("row \(index) spans child values \(offsets[index]) + \(sizes[index]), beyond the \(values.length) child values")
            }
        }
        return ArrayData(
            type: type, length: length, nullCount: nullCount, validity: validity,
            buffers: [offsetBuffer, sizeBuffer], children: [values])
    }

    private func union(
        _ type: DataType, mode: UnionMode, fields: [Field], typeIds: [Int32], _ node: JSONNode, length: Int
    ) throws -> ArrayData {
        let typeIdNode = try node.member("TYPE_ID")
        let codes = try typeIdNode.array(count: length)
        var childIndices = [Int](repeating: 0, count: length)
        for (row, code) in codes.enumerated() {
            guard let value = JSONScalar.integer(code, as: Int32.self), let child = typeIds.firstIndex(of: value) else {
                throw typeIdNode.invalidElement(row, "expected one of the union's type ids \(typeIds), found \(IntegrationBuffers.value(describing: code))")
            }
            childIndices[row] = child
        }
        let typeIdBuffer = ArrowBuffer(copying: childIndices.map { Int8(truncatingIfNeeded: typeIds[$0]) })
        let columns = try children(fields, node)
        switch mode {
        case .sparse:
            if let short = columns.firstIndex(where: { $0.length < length }) {
                throw node.invalid("child \(short) has \(columns[short].length) values, fewer than the sparse union's \(length)")
            }
            return ArrayData(type: type, length: length, validity: nil, buffers: [typeIdBuffer], children: columns)
        case .dense:
            let (offsetBuffer, offsets) = try IntegrationBuffers.offsets(node, key: "OFFSET", count: length, large: false)
            for row in 0..<length where offsets[row] >= columns[childIndices[row]].length {
                throw node.invalid("row \(row) refers to value \(offsets[row]) of child \(childIndices[row]), which has \(columns[childIndices[row]].length)")
            }
            return ArrayData(
                type: type, length: length, validity: nil, buffers: [typeIdBuffer, offsetBuffer], children: columns)
        }
    }

    private func runEndEncoded(
        _ type: DataType, runEnds: Field, values: Field, _ node: JSONNode, length: Int
    ) throws -> ArrayData {
        let columns = try children([runEnds, values], node)
        let ends = columns[0]
        guard ends.nullCount == 0 else { throw node.invalid("run ends must not be null") }
        guard ends.length == columns[1].length else {
            throw node.invalid("there are \(ends.length) run ends but \(columns[1].length) values")
        }
        var previous = 0
        for run in 0..<ends.length {
            guard let end = ends.buffers[0].integer(ends.type, at: run), end > previous else {
                throw node.invalid("run ends must be positive and increasing, run \(run) is not")
            }
            previous = end
        }
        guard previous >= length else {
            throw node.invalid("the runs cover \(previous) rows, fewer than the array's \(length)")
        }
        return ArrayData(type: type, length: length, validity: nil, buffers: [], children: columns)
    }
}
