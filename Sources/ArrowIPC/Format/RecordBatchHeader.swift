/// The length and null count of one array node, in the pre-order flattening of a schema's fields
/// (`FieldNode` in Message.fbs).
struct FieldNode: Sendable, Equatable {
    var length: Int64
    var nullCount: Int64
}

/// Where one buffer lies in a message body (`Buffer` in Schema.fbs): offset and length in bytes.
struct BufferRange: Sendable, Hashable {
    var offset: Int64
    var length: Int64
}

/// The header of a record batch message (`RecordBatch` in Message.fbs): row count, the nodes
/// and buffers of the flattened columns, the body compression and the variadic buffer counts
/// of view-typed fields. Counts and lengths are decoded as stored; the IPC layer checks them.
struct RecordBatchHeader: Sendable, Equatable {
    var length: Int64
    var nodes: [FieldNode]
    var buffers: [BufferRange]
    var compression: CompressionCodec?
    var variadicBufferCounts: [Int64]
}

/// The header of a dictionary batch message (`DictionaryBatch` in Message.fbs).
struct DictionaryBatchHeader: Sendable, Equatable {
    /// The dictionary id that fields refer to.
    var id: Int64
    /// The dictionary's values, as a one-column record batch.
    var data: RecordBatchHeader
    /// Whether the values extend the dictionary rather than replace it.
    var isDelta: Bool
}

extension RecordBatchHeader {
    /// Decodes a `RecordBatch` table.
    init(_ table: FlatBufferTable) throws {
        length = try table.scalar(0, "length", default: Int64(0))
        nodes = []
        if let vector = try table.vector(1, "nodes", elementSize: 16) {
            nodes.reserveCapacity(vector.count)
            for index in 0..<vector.count {
                nodes.append(FieldNode(
                    length: vector.load(Int64.self, at: index),
                    nullCount: vector.load(Int64.self, at: index, byteOffset: 8)))
            }
        }
        buffers = []
        if let vector = try table.vector(2, "buffers", elementSize: 16) {
            buffers.reserveCapacity(vector.count)
            for index in 0..<vector.count {
                buffers.append(BufferRange(
                    offset: vector.load(Int64.self, at: index),
                    length: vector.load(Int64.self, at: index, byteOffset: 8)))
            }
        }
        compression = nil
        if let body = try table.table(3, "compression", type: "BodyCompression") {
            switch try body.scalar(0, "codec", default: Int8(0)) {
            case 0: compression = .lz4Frame
            case 1: compression = .zstd
            case let other:
                throw ArrowError.notSupported("BodyCompression.codec \(other) is not a known compression codec")
            }
            let method = try body.scalar(1, "method", default: Int8(0))
            guard method == 0 else {
                throw ArrowError.notSupported(
                    "BodyCompression.method \(method) is not supported; only BUFFER (0) compression is")
            }
        }
        variadicBufferCounts = []
        if let vector = try table.vector(4, "variadicBufferCounts", elementSize: 8) {
            variadicBufferCounts.reserveCapacity(vector.count)
            for index in 0..<vector.count {
                variadicBufferCounts.append(vector.load(Int64.self, at: index))
            }
        }
    }

    /// Writes a `RecordBatch` table and returns its offset.
    func encode(into builder: inout FlatBufferBuilder) -> FlatBufferOffset {
        let nodes = self.nodes
        let nodeVector = builder.createStructVector(count: nodes.count, elementSize: 16, alignment: 8) { index, bytes in
            bytes.storeBytes(of: nodes[index].length.littleEndian, toByteOffset: 0, as: Int64.self)
            bytes.storeBytes(of: nodes[index].nullCount.littleEndian, toByteOffset: 8, as: Int64.self)
        }
        let buffers = self.buffers
        let bufferVector = builder.createStructVector(count: buffers.count, elementSize: 16, alignment: 8) { index, bytes in
            bytes.storeBytes(of: buffers[index].offset.littleEndian, toByteOffset: 0, as: Int64.self)
            bytes.storeBytes(of: buffers[index].length.littleEndian, toByteOffset: 8, as: Int64.self)
        }
        var fields: [FlatBufferField] = [
            .int64(0, length, default: 0),
            .offset(1, nodeVector),
            .offset(2, bufferVector),
        ]
        if let compression {
            let codec: UInt8 = compression == .lz4Frame ? 0 : 1
            // The method is always BUFFER; write it anyway, as Arrow C++ does.
            let body = builder.createTable([.uint8(0, codec), .uint8(1, 0)])
            fields.append(.offset(3, body))
        }
        if !variadicBufferCounts.isEmpty {
            fields.append(.offset(4, builder.createVector(of: variadicBufferCounts)))
        }
        return builder.createTable(fields)
    }
}

extension DictionaryBatchHeader {
    /// Decodes a `DictionaryBatch` table.
    init(_ table: FlatBufferTable) throws {
        id = try table.scalar(0, "id", default: Int64(0))
        guard let data = try table.table(1, "data", type: "RecordBatch") else {
            throw ArrowError.invalidData("DictionaryBatch \(id) has no data (DictionaryBatch.data is missing)")
        }
        self.data = try RecordBatchHeader(data)
        isDelta = try table.bool(2, "isDelta", default: false)
    }

    /// Writes a `DictionaryBatch` table and returns its offset.
    func encode(into builder: inout FlatBufferBuilder) -> FlatBufferOffset {
        let data = self.data.encode(into: &builder)
        return builder.createTable([
            .int64(0, id, default: 0),
            .offset(1, data),
            .bool(2, isDelta, default: false),
        ])
    }
}
