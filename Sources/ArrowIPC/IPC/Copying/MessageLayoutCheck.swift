/// Checks the header of a record batch (or of a dictionary batch's values) against the fields
/// it carries, without reading its body: what a reader checks before it touches a buffer.
///
/// Every column must have its field nodes — the root ones the batch's row count, every null
/// count from 0 to its length — and its buffers, each inside the body; a compressed buffer
/// must hold its 8-byte length prefix, and a plain one the bytes its node's slots need
/// (validity when it has nulls, values, offsets, indices, views). Values themselves (offsets
/// inside their data, UTF-8, compressed frames) are read only by a decoder.
struct MessageLayoutCheck {
    private let header: RecordBatchHeader
    private let bodyLength: Int64
    private let version: MetadataVersion
    private let name: String
    private var nodeIndex = 0
    private var bufferIndex = 0
    private var variadicIndex = 0
    /// The largest of 64, 32, 16, 8, 4, 2, 1 that divides the offset of every non-empty buffer.
    private var alignment = 64

    /// Checks `header` (of the message `name`, metadata `version`, with a body of
    /// `bodyLength` bytes) against `fields`; returns the alignment every non-empty buffer
    /// offset keeps (64 at most).
    static func check(
        _ header: RecordBatchHeader, fields: [Field], bodyLength: Int64, version: MetadataVersion, name: String
    ) throws -> Int {
        guard header.length >= 0, header.length <= Int64(Int.max) else {
            throw ArrowError.invalidData("\(name) has an invalid row count \(header.length)")
        }
        var check = MessageLayoutCheck(header: header, bodyLength: bodyLength, version: version, name: name)
        for field in fields {
            try check.walk(field.type, path: field.name, rowCount: header.length)
        }
        return check.alignment
    }

    private init(header: RecordBatchHeader, bodyLength: Int64, version: MetadataVersion, name: String) {
        self.header = header
        self.bodyLength = bodyLength
        self.version = version
        self.name = name
    }

    private func invalid(_ path: String, _ message: String) -> ArrowError {
        ArrowError.invalidData("\(name), field '\(path)': \(message)")
    }

    private mutating func walk(_ type: DataType, path: String, rowCount: Int64? = nil) throws {
        let storage = type.storageType
        guard nodeIndex < header.nodes.count else {
            throw invalid(path, "needs field node \(nodeIndex), but the message has \(header.nodes.count)")
        }
        let node = header.nodes[nodeIndex]
        nodeIndex += 1
        guard node.length >= 0, node.length <= Int64(Int.max), node.nullCount >= 0, node.nullCount <= node.length else {
            throw invalid(
                path, "field node \(nodeIndex - 1) has length \(node.length) and null count \(node.nullCount); expected a length of 0 or more and a null count from 0 to the length")
        }
        if let rowCount, node.length != rowCount {
            throw invalid(path, "field node \(nodeIndex - 1) has \(node.length) rows, but the batch has \(rowCount)")
        }
        let length = Int(node.length)
        if case .union = storage, version.rawValue < MetadataVersion.v5.rawValue {
            _ = try nextBuffer(path, "validity (metadata V4)")
            guard node.nullCount == 0 else {
                throw invalid(
                    path, "is a metadata V4 union with \(node.nullCount) nulls in a top-level validity bitmap, which cannot be read as a V5 union (whose slots are null only through their children)")
            }
        }
        let layout = storage.layout
        if layout.hasValidity {
            let bytes = try nextBuffer(path, "validity")
            if node.nullCount > 0, header.compression == nil, bytes < Int64(Bitmap.byteCount(length)) {
                throw invalid(
                    path, "buffer \(bufferIndex - 1) (validity) has \(bytes) bytes, needs \(Bitmap.byteCount(length)) for \(length) slots with \(node.nullCount) nulls")
            }
        }
        for buffer in layout.buffers {
            let bytes = try nextBuffer(path, buffer.name)
            if header.compression == nil, length > 0, let needed = buffer.requiredBytes(slots: length), bytes < Int64(needed) {
                throw invalid(path, "buffer \(bufferIndex - 1) (\(buffer.name)) has \(bytes) bytes, needs \(needed) for \(length) slots")
            }
            if buffer == .views {
                for index in 0..<(try nextVariadicCount(path)) {
                    _ = try nextBuffer(path, "variadic data buffer \(index)")
                }
            }
        }
        // (A dictionary's values come in their own messages.)
        if case .dictionary = storage { return }
        for child in storage.children {
            try walk(child.type, path: "\(path).\(child.name)")
        }
    }

    /// The length of the next buffer, checked to lie inside the body.
    private mutating func nextBuffer(_ path: String, _ role: String) throws -> Int64 {
        guard bufferIndex < header.buffers.count else {
            throw invalid(path, "needs buffer \(bufferIndex) (\(role)), but the message has \(header.buffers.count)")
        }
        let range = header.buffers[bufferIndex]
        guard range.offset >= 0, range.length >= 0, range.offset <= bodyLength, range.length <= bodyLength - range.offset else {
            throw invalid(
                path, "buffer \(bufferIndex) (\(role)) spans bytes \(range.offset)..<\(range.offset &+ range.length), outside the body of \(bodyLength) bytes")
        }
        if header.compression != nil, range.length != 0, range.length < 8 {
            throw invalid(path, "compressed buffer \(bufferIndex) (\(role)) has \(range.length) bytes, too few for its 8-byte length prefix")
        }
        if range.length > 0 {
            while range.offset % Int64(alignment) != 0 { alignment /= 2 }
        }
        bufferIndex += 1
        return range.length
    }

    private mutating func nextVariadicCount(_ path: String) throws -> Int {
        guard variadicIndex < header.variadicBufferCounts.count else {
            throw invalid(
                path, "is view node \(variadicIndex), but the message has \(header.variadicBufferCounts.count) variadic buffer counts")
        }
        let count = header.variadicBufferCounts[variadicIndex]
        let remaining = header.buffers.count - bufferIndex
        guard count >= 0, count <= Int64(remaining) else {
            throw invalid(path, "has a variadic buffer count of \(count), but \(remaining) buffers are left in the message")
        }
        variadicIndex += 1
        return Int(count)
    }
}
