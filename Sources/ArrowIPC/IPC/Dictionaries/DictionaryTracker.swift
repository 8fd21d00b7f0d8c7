/// What a writer has sent of each dictionary, and what it must send before the next batch.
///
/// For each dictionary-encoded node of a batch (nested dictionaries first), the batch's
/// dictionary is compared with what was written for its id:
/// - unchanged (the same buffers, or equal values): nothing;
/// - the written values followed by more: a delta of the new values, in a file always, in a
///   stream when deltas are enabled (else a replacement);
/// - anything else: in a stream, a replacement; in a file, which cannot replace a dictionary,
///   the values not yet written go out as a delta and the batch's indices are remapped to the
///   file's dictionary (memory grows with the dictionary, not with the data).
///
/// A value type: a writer prepares a batch on a copy and keeps it only once the batch is written.
struct DictionaryTracker {
    /// One dictionary batch message to write.
    struct Message {
        let id: Int64
        let values: ArrayData
        let isDelta: Bool
    }

    private let format: ArrowIPCFormat
    private let emitDeltas: Bool
    /// What the reader will hold for each id: the last dictionary written (a stream) or all
    /// values written (a file).
    private var written: [Int64: ArrayData] = [:]
    /// For a file: the position of each value in `written`, built on the first unification.
    private var positions: [Int64: [[UInt8]: Int]] = [:]
    /// For a file: the last dictionary unified for each id and where its entries went, so that
    /// batches sharing one dictionary are remapped without hashing it again.
    private var lastUnified: [Int64: (dictionary: ArrayData, mapping: [Int])] = [:]
    /// The messages for the batch being prepared, and the ids it has handled.
    private var pending: [Message] = []
    private var handledInBatch: Set<Int64> = []

    init(format: ArrowIPCFormat, emitDeltas: Bool) {
        self.format = format
        self.emitDeltas = emitDeltas
    }

    /// The dictionary messages to write before `batch`, whose columns match `schema` (which
    /// has a dictionary id on every dictionary-encoded field), and the columns to write —
    /// `batch`'s own, or with remapped indices in a file.
    mutating func prepare(_ batch: RecordBatch, schema: Schema) throws -> (messages: [Message], columns: [ArrayData]) {
        pending = []
        handledInBatch = []
        var columns: [ArrayData] = []
        columns.reserveCapacity(batch.columnData.count)
        for (field, column) in zip(schema.fields, batch.columnData) {
            columns.append(try process(column, field: field, path: "column '\(field.name)'"))
        }
        return (pending, columns)
    }

    /// `data` of `field` with the dictionaries beneath it handled.
    private mutating func process(_ data: ArrayData, field: Field, path: String) throws -> ArrayData {
        let type = field.type.storageType
        guard type.containsDictionary else { return data }
        guard case .dictionary(let indexType, let valueType, _) = type else {
            let fields = type.children
            guard fields.count == data.children.count else { return data }
            var children: [ArrayData] = []
            children.reserveCapacity(fields.count)
            for (childField, child) in zip(fields, data.children) {
                children.append(try process(child, field: childField, path: path + "." + childField.name))
            }
            return data.replacingChildren(children)
        }
        guard let id = field.dictionaryId else {
            throw ArrowError.invalidArgument("\(path) is dictionary-encoded but has no dictionary id")
        }
        guard let dictionary = data.dictionary else {
            throw ArrowError.invalidArgument("\(path) is dictionary-encoded but has no dictionary")
        }
        // Nested dictionaries first: the reader decodes these values with them.
        let values = try process(dictionary, field: Field("dictionary", valueType), path: path + " (dictionary)")
        guard let mapping = try resolve(id, values, indexType: indexType, path: path) else {
            return data.replacingDictionary(written[id] ?? values)
        }
        let indices: ArrowBuffer
        do {
            indices = try IndexRewriter(type: indexType).rewrite([data], length: data.length) { _, index in
                guard index >= 0, index < mapping.count else {
                    throw ArrowError.invalidArgument("index \(index) is outside the dictionary of \(mapping.count) values")
                }
                return mapping[index]
            }
        } catch let error as ArrowError {
            throw ArrowError.invalidArgument("\(path): \(error.reason)")
        }
        let validity = try data.validity.map {
            try RecordBatchEncoder.bitmap($0, start: data.offset, length: data.length, path: path, role: "validity")
        }
        return ArrayData(
            type: data.type, length: data.length, nullCount: data.nullCount, validity: validity,
            buffers: [indices], dictionary: written[id])
    }

    /// Queues what id `id` needs for the batch's dictionary `values`; returns where each of
    /// its entries lies in the file's dictionary when the indices must change.
    private mutating func resolve(_ id: Int64, _ values: ArrayData, indexType: DataType, path: String) throws -> [Int]? {
        let firstUse = handledInBatch.insert(id).inserted
        guard let prior = written[id] else {
            record(id, values, isDelta: false)
            return nil
        }
        if values.isIdentical(to: prior) || (values.length == prior.length && prior.isPrefix(of: values)) {
            return nil
        }
        if format == .stream && !firstUse {
            throw ArrowError.invalidArgument(
                "\(path) shares dictionary id \(id) with another field of the batch but not its dictionary; a stream holds one dictionary per id at a time")
        }
        if values.length > prior.length && prior.isPrefix(of: values) && (format == .file || emitDeltas) {
            let delta = try values.slice(prior.length, values.length - prior.length)
            if var known = positions.removeValue(forKey: id) {
                try add(delta, from: prior.length, to: &known)
                positions[id] = known
            }
            record(id, delta, isDelta: true)
            written[id] = values
            return nil
        }
        if format == .stream {
            record(id, values, isDelta: false)
            return nil
        }
        return try unify(id, values, prior: prior, indexType: indexType, path: path)
    }

    /// Adds `values` to the file's dictionary of `id` (which holds `prior`): the values not in
    /// it go out as a delta; returns the position of each of `values`' entries.
    private mutating func unify(_ id: Int64, _ values: ArrayData, prior: ArrayData, indexType: DataType, path: String) throws -> [Int] {
        if let last = lastUnified[id], last.dictionary.isIdentical(to: values) {
            return last.mapping
        }
        var known: [[UInt8]: Int]
        if let existing = positions[id] {
            known = existing
        } else {
            known = [:]
            try add(prior, from: 0, to: &known)
        }
        var mapping = [Int](repeating: 0, count: values.length)
        var newRuns: [Range<Int>] = []
        var next = prior.length
        var key: [UInt8] = []
        for entry in 0..<values.length {
            key.removeAll(keepingCapacity: true)
            try values.appendValueKey(at: entry, to: &key)
            if let position = known[key] {
                mapping[entry] = position
                continue
            }
            known[key] = next
            mapping[entry] = next
            next += 1
            if let last = newRuns.last, last.upperBound == entry {
                newRuns[newRuns.count - 1] = last.lowerBound..<(entry + 1)
            } else {
                newRuns.append(entry..<(entry + 1))
            }
        }
        if next - 1 > indexType.integerMaximum {
            throw ArrowError.invalidArgument(
                "\(path): the file's dictionary \(id) would grow to \(next) values, more than indices of type \(indexType) can address; write a stream, or use a wider index type")
        }
        if !newRuns.isEmpty {
            let delta = try ArrayData.concatenate(try newRuns.map { try values.slice($0.lowerBound, $0.count) })
            record(id, delta, isDelta: true)
            written[id] = try ArrayData.concatenate([prior, delta])
        }
        positions[id] = known
        lastUnified[id] = (values, mapping)
        return mapping
    }

    /// Enters the entries of `values` at positions `start`, `start + 1`, … into `known`
    /// (the first position of a value wins).
    private func add(_ values: ArrayData, from start: Int, to known: inout [[UInt8]: Int]) throws {
        var key: [UInt8] = []
        for entry in 0..<values.length {
            key.removeAll(keepingCapacity: true)
            try values.appendValueKey(at: entry, to: &key)
            if known[key] == nil { known[key] = start + entry }
        }
    }

    private mutating func record(_ id: Int64, _ values: ArrayData, isDelta: Bool) {
        pending.append(Message(id: id, values: values, isDelta: isDelta))
        if !isDelta {
            written[id] = values
            positions[id] = nil
            lastUnified[id] = nil
        }
    }
}

extension DataType {
    /// Whether arrays of this type have a dictionary-encoded node anywhere: the type itself or
    /// a child at any depth.
    var containsDictionary: Bool {
        switch self {
        case .dictionary: return true
        case .extension(_, let storage, _): return storage.containsDictionary
        default: return children.contains { $0.type.containsDictionary }
        }
    }
}

extension ArrayData {
    /// This node with other children (as many, of the same types).
    func replacingChildren(_ newChildren: [ArrayData]) -> ArrayData {
        ArrayData(
            type: type, length: length, offset: offset, nullCount: nullCount, validity: validity,
            buffers: buffers, children: newChildren, dictionary: dictionary)
    }

    /// This node with another dictionary of the same type.
    func replacingDictionary(_ newDictionary: ArrayData) -> ArrayData {
        ArrayData(
            type: type, length: length, offset: offset, nullCount: nullCount, validity: validity,
            buffers: buffers, children: children, dictionary: newDictionary)
    }
}
