import Foundation
import Testing
@testable import ArrowIPC

/// Shared fixtures and helpers of the metadata tests.
private enum Fixtures {
    /// One field of every type, nested types with named, annotated children.
    static var everyType: Schema {
        let child = Field("item", .int32, nullable: true, metadata: ["k": "v"])
        let entries = Field(
            "entries", .struct([Field("key", .utf8, nullable: false), Field("value", .float64)]), nullable: false)
        var types: [DataType] = [
            .null, .boolean,
            .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64,
            .float16, .float32, .float64,
            .decimal32(precision: 9, scale: 2), .decimal64(precision: 18, scale: -3),
            .decimal128(precision: 38, scale: 10), .decimal256(precision: 76, scale: 0),
            .date32, .date64,
            .time32(.second), .time32(.millisecond), .time64(.microsecond), .time64(.nanosecond),
            .timestamp(.second, timeZone: nil), .timestamp(.nanosecond, timeZone: "Europe/Paris"),
            .timestamp(.millisecond, timeZone: ""),
            .binary, .largeBinary, .binaryView, .utf8, .largeUtf8, .utf8View,
            .fixedSizeBinary(byteWidth: 0), .fixedSizeBinary(byteWidth: 16),
            .list(child), .largeList(child), .listView(child), .largeListView(child),
            .fixedSizeList(child, listSize: 3),
            .struct([]), .struct([child, Field("", .utf8, nullable: false)]),
            .map(entries, keysSorted: true), .map(entries, keysSorted: false),
            .union(.sparse, [child, Field("s", .utf8)], typeIds: [0, 1]),
            .union(.dense, [child, Field("s", .utf8)], typeIds: [5, 127]),
            .union(.dense, [], typeIds: []),
            .runEndEncoded(runEnds: Field("run_ends", .int32, nullable: false), values: Field("values", .utf8)),
            .list(Field("deep", .struct([Field("l", .largeList(Field("x", .decimal128(precision: 5, scale: 1))))]))),
        ]
        for unit in TimeUnit.allCases {
            types.append(.duration(unit))
            types.append(.timestamp(unit, timeZone: "+07:30"))
        }
        for unit in IntervalUnit.allCases {
            types.append(.interval(unit))
        }
        var fields = types.enumerated().map { index, type in
            Field("f\(index)", type, nullable: index % 2 == 0)
        }
        fields.append(Field(
            "dict", .dictionary(index: .int16, value: .utf8, ordered: true), metadata: ["a": "1", "a": "2"],
            dictionaryId: 7))
        fields.append(Field(
            "dict_unsigned", .dictionary(index: .uint64, value: .list(child), ordered: false), dictionaryId: 0))
        fields.append(Field(
            "nested_dict",
            .struct([Field("inner", .dictionary(index: .int8, value: .largeUtf8, ordered: false), dictionaryId: 9)])))
        return Schema(fields, metadata: ["schema": "level", "": "", "schema": "again"])
    }

    static func decode(_ bytes: [UInt8]) throws -> Message {
        try bytes.withUnsafeBytes { try Message(flatbuffer: $0) }
    }

    static func decodeFooter(_ bytes: [UInt8]) throws -> Footer {
        try bytes.withUnsafeBytes { try Footer(flatbuffer: $0) }
    }

    /// Encodes `schema` in a schema message and decodes it back.
    static func roundTrip(_ schema: Schema, _ endianness: Endianness = .little) throws -> (Schema, Endianness) {
        let message = Message(version: .v5, header: .schema(schema, endianness), bodyLength: 0, customMetadata: [:])
        let decoded = try decode(message.flatbuffer())
        guard case .schema(let result, let order) = decoded.header else {
            throw ArrowError.invalidData("expected a schema message")
        }
        return (result, order)
    }

    /// A message whose `Message` table is built by hand, for inputs our encoder never writes.
    static func message(version: Int16 = 4, headerType: UInt8, header: (inout FlatBufferBuilder) -> FlatBufferOffset) -> [UInt8] {
        var builder = FlatBufferBuilder()
        let table = header(&builder)
        let root = builder.createTable([.int16(0, version), .uint8(1, headerType), .offset(2, table)])
        return builder.finish(root: root)
    }

    /// A schema message with one field whose type table and children are built by `type`.
    static func schemaMessage(
        typeTag: UInt8, children: [DataType] = [], dictionary: Bool = false,
        type: @escaping (inout FlatBufferBuilder) -> FlatBufferOffset
    ) -> [UInt8] {
        message(headerType: 1) { builder in
            let childFields = children.map { child -> FlatBufferOffset in
                let name = builder.createString("c")
                let typeTable = builder.createTable([])
                let tag: UInt8 = child == .utf8 ? 5 : 12
                return builder.createTable([.offset(0, name), .uint8(2, tag), .offset(3, typeTable)])
            }
            let childVector = builder.createVector(of: childFields)
            let typeTable = type(&builder)
            var fields: [FlatBufferField] = [.uint8(2, typeTag), .offset(3, typeTable), .offset(5, childVector)]
            if dictionary {
                fields.append(.offset(4, builder.createTable([.int64(0, 3)])))
            }
            let field = builder.createTable(fields)
            let vector = builder.createVector(of: [field])
            return builder.createTable([.offset(1, vector)])
        }
    }

    /// A `Field` table named `name` with type `tag`, its type table and children, all built by hand.
    static func fieldTable(
        _ name: String, tag: UInt8, children: [FlatBufferOffset] = [], into builder: inout FlatBufferBuilder,
        type: (inout FlatBufferBuilder) -> FlatBufferOffset = { $0.createTable([]) }
    ) -> FlatBufferOffset {
        let nameString = builder.createString(name)
        let typeTable = type(&builder)
        let childVector = builder.createVector(of: children)
        return builder.createTable([
            .offset(0, nameString), .uint8(2, tag), .offset(3, typeTable), .offset(5, childVector),
        ])
    }

    /// A schema message whose fields are built by `fields`.
    static func schemaMessage(fields: (inout FlatBufferBuilder) -> [FlatBufferOffset]) -> [UInt8] {
        message(headerType: 1) { builder in
            let vector = builder.createVector(of: fields(&builder))
            return builder.createTable([.offset(1, vector)])
        }
    }

    /// A schema message shaped as a DAG, as a crafted stream may be: one top-level struct field,
    /// `depth` levels of struct fields each listing one shared child table `width` times, over an
    /// int32 leaf, every field referring to one shared name of `nameLength` bytes. Decoded as a
    /// tree it has `width^depth` leaves and `nameLength` bytes of name per field.
    static func sharedFieldDAG(nameLength: Int, width: Int, depth: Int) -> [UInt8] {
        message(headerType: 1) { builder in
            let name = builder.createString(String(repeating: "x", count: nameLength))
            let intType = builder.createTable([.int32(0, 32), .bool(1, true)])
            var child = builder.createTable([.offset(0, name), .bool(1, true), .uint8(2, 2), .offset(3, intType)])
            let structType = builder.createTable([])
            for _ in 0..<depth {
                let children = builder.createVector(of: Array(repeating: child, count: width))
                child = builder.createTable([
                    .offset(0, name), .bool(1, true), .uint8(2, 13), .offset(3, structType), .offset(5, children),
                ])
            }
            return builder.createTable([.offset(1, builder.createVector(of: [child]))])
        }
    }

    /// The fields and key/value pairs of a decoded field tree, and the bytes of their strings.
    static func treeSize(_ field: Field) -> (nodes: Int, stringBytes: Int) {
        var nodes = 1 + field.metadata.count
        var stringBytes = field.name.utf8.count
            + field.metadata.entries.map { $0.key.utf8.count + $0.value.utf8.count }.reduce(0, +)
        if case .timestamp(_, let timeZone?) = field.type {
            stringBytes += timeZone.utf8.count
        }
        for child in field.type.children {
            let size = treeSize(child)
            nodes += size.nodes
            stringBytes += size.stringBytes
        }
        return (nodes, stringBytes)
    }

    /// The root of the Arrow test data, or `nil` when it is not there.
    static let testingData: URL? = {
        if let path = ProcessInfo.processInfo.environment["ARROW_TESTING_DATA"] {
            return URL(fileURLWithPath: path)
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = packageRoot.appendingPathComponent("../shared/arrow-testing/data").standardizedFileURL
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }()

    static var integration: URL? {
        testingData?.appendingPathComponent("arrow-ipc-stream/integration")
    }

    /// The files in every integration folder whose name ends in `suffix`.
    static func integrationFiles(_ suffix: String) throws -> [URL] {
        guard let root = integration else { return [] }
        let manager = FileManager.default
        var files: [URL] = []
        for folder in try manager.contentsOfDirectory(atPath: root.path).sorted() {
            let directory = root.appendingPathComponent(folder)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            for name in try manager.contentsOfDirectory(atPath: directory.path).sorted()
            where name.hasSuffix(suffix) {
                files.append(directory.appendingPathComponent(name))
            }
        }
        return files
    }

    /// The integration JSON twin of an IPC file, gunzipped with /bin/gzip.
    static func json(for file: URL) throws -> [String: Any] {
        let twin = file.deletingPathExtension().appendingPathExtension("json.gz")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", twin.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let object = try JSONSerialization.jsonObject(with: data)
        return try #require(object as? [String: Any])
    }

    /// The metadata flatbuffers of the messages of a stream, in order (both framings).
    static func streamMessages(_ bytes: [UInt8]) throws -> [[UInt8]] {
        var messages: [[UInt8]] = []
        var position = 0
        func int32(at offset: Int) throws -> Int {
            guard offset + 4 <= bytes.count else { throw ArrowError.invalidData("stream ends early") }
            return bytes.withUnsafeBytes { Int(Int32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: Int32.self))) }
        }
        while position < bytes.count {
            var length = try int32(at: position)
            position += 4
            if length == -1 {
                length = try int32(at: position)
                position += 4
            }
            if length == 0 { break }
            guard length > 0, position + length <= bytes.count else { throw ArrowError.invalidData("bad length") }
            let metadata = Array(bytes[position..<(position + length)])
            position += length
            let message = try decode(metadata)
            messages.append(metadata)
            position += Int(message.bodyLength)
        }
        return messages
    }

    /// How many nodes a field contributes to a record batch (pre-order flattening).
    /// A dictionary-encoded field is one node of indices; its values travel in dictionary batches.
    static func nodeCount(_ field: Field) -> Int {
        if case .dictionary = field.type { return 1 }
        return 1 + field.type.children.map(nodeCount).reduce(0, +)
    }

    /// The integration JSON name of a type, for comparison with the JSON schema.
    static func jsonName(_ type: DataType) -> String {
        switch type {
        case .null: return "null"
        case .boolean: return "bool"
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: return "int"
        case .float16, .float32, .float64: return "floatingpoint"
        case .decimal32, .decimal64, .decimal128, .decimal256: return "decimal"
        case .date32, .date64: return "date"
        case .time32, .time64: return "time"
        case .timestamp: return "timestamp"
        case .duration: return "duration"
        case .interval: return "interval"
        case .binary: return "binary"
        case .largeBinary: return "largebinary"
        case .binaryView: return "binaryview"
        case .utf8: return "utf8"
        case .largeUtf8: return "largeutf8"
        case .utf8View: return "utf8view"
        case .fixedSizeBinary: return "fixedsizebinary"
        case .list: return "list"
        case .largeList: return "largelist"
        case .listView: return "listview"
        case .largeListView: return "largelistview"
        case .fixedSizeList: return "fixedsizelist"
        case .struct: return "struct"
        case .map: return "map"
        case .union: return "union"
        case .runEndEncoded: return "runendencoded"
        case .dictionary(_, let value, _): return jsonName(value)
        case .extension(_, let storage, _): return jsonName(storage)
        }
    }

    /// Compares a decoded field with its integration JSON description, recursively.
    ///
    /// Writers may rename map entries and renumber dictionaries, so those are not compared.
    static func check(_ field: Field, against json: [String: Any], file: String, inMap: Bool = false) {
        if !inMap {
            #expect(field.name == json["name"] as? String, "\(file): name")
        }
        #expect(field.isNullable == json["nullable"] as? Bool, "\(file): \(field.name) nullability")
        let jsonType = json["type"] as? [String: Any]
        #expect(jsonName(field.type) == jsonType?["name"] as? String, "\(file): \(field.name) type \(field.type)")
        if case .int8 = field.type { #expect(jsonType?["bitWidth"] as? Int == 8) }
        if case .uint64 = field.type { #expect(jsonType?["bitWidth"] as? Int == 64 && jsonType?["isSigned"] as? Bool == false) }
        if let dictionary = json["dictionary"] as? [String: Any] {
            guard case .dictionary(let index, _, let ordered) = field.type else {
                Issue.record("\(file): \(field.name) should be dictionary-encoded")
                return
            }
            #expect(field.dictionaryId != nil, "\(file): dictionary id")
            #expect(ordered == dictionary["isOrdered"] as? Bool, "\(file): dictionary order")
            let indexJSON = dictionary["indexType"] as? [String: Any]
            #expect(index.byteWidth.map { $0 * 8 } == indexJSON?["bitWidth"] as? Int, "\(file): index width")
        }
        var type = field.type
        if case .dictionary(_, let value, _) = type { type = value }
        let children = json["children"] as? [[String: Any]] ?? []
        #expect(type.children.count == children.count, "\(file): \(field.name) children")
        let isMap = if case .map = type { true } else { false }
        for (child, childJSON) in zip(type.children, children) {
            check(child, against: childJSON, file: file, inMap: inMap || isMap)
        }
        let metadata = json["metadata"] as? [[String: Any]] ?? []
        // A registered extension type takes its two ARROW:extension:* entries out of the metadata.
        let extensionEntries = if case .extension = field.type { 2 } else { 0 }
        #expect(field.metadata.count + extensionEntries == metadata.count, "\(file): \(field.name) metadata")
    }
}

@Suite struct FormatTests {
    @Test func everyTypeRoundTrips() throws {
        let schema = Fixtures.everyType
        let (decoded, endianness) = try Fixtures.roundTrip(schema)
        #expect(endianness == .little)
        #expect(decoded.fields.count == schema.fields.count)
        for (lhs, rhs) in zip(decoded.fields, schema.fields) {
            #expect(lhs == rhs)
        }
        #expect(decoded == schema)
        #expect(try Fixtures.roundTrip(schema, .big).1 == .big)
    }

    @Test func eachTypeRoundTripsAlone() throws {
        for field in Fixtures.everyType.fields {
            let schema = Schema([field])
            #expect(try Fixtures.roundTrip(schema).0 == schema, "\(field.type)")
        }
    }

    @Test func emptySchemaRoundTrips() throws {
        #expect(try Fixtures.roundTrip(Schema([])).0 == Schema([]))
    }

    @Test func extensionTypesBecomeStorageAndMetadata() throws {
        let storage = DataType.fixedSizeBinary(byteWidth: 16)
        let uuid = DataType.extension(name: "arrow.uuid", storage: storage, metadata: "")
        let field = Field("uuid", uuid, metadata: ["ARROW:extension:name": "stale", "other": "kept"])
        let dictionaryOfExtension = Field(
            "labels",
            .dictionary(index: .int32, value: .extension(name: "x.label", storage: .utf8, metadata: "{}"), ordered: false),
            dictionaryId: 4)
        let (decoded, _) = try Fixtures.roundTrip(Schema([field, dictionaryOfExtension]))
        // arrow.uuid is registered: it comes back as the extension, its entries out of the metadata.
        #expect(decoded.fields[0].type == uuid)
        #expect(decoded.fields[0].metadata == ["other": "kept"])
        #expect(decoded.fields[1].type == .dictionary(index: .int32, value: .utf8, ordered: false))
        #expect(decoded.fields[1].metadata["ARROW:extension:name"] == "x.label")
        #expect(decoded.fields[1].dictionaryId == 4)
    }

    @Test func messageFieldsRoundTrip() throws {
        let message = Message(
            version: .v4, header: .schema(Schema([Field("a", .int8)]), .little), bodyLength: 1234,
            customMetadata: ["m": "1", "m": "2"])
        let decoded = try Fixtures.decode(message.flatbuffer())
        #expect(decoded.version == .v4)
        #expect(decoded.bodyLength == 1234)
        #expect(decoded.customMetadata == message.customMetadata)
    }

    @Test func recordBatchHeadersRoundTrip() throws {
        let headers = [
            RecordBatchHeader(length: 0, nodes: [], buffers: [], compression: nil, variadicBufferCounts: []),
            RecordBatchHeader(
                length: 3,
                nodes: [FieldNode(length: 3, nullCount: 1), FieldNode(length: -5, nullCount: Int64.max)],
                buffers: [BufferRange(offset: 0, length: 8), BufferRange(offset: 8, length: 0), BufferRange(offset: Int64.min, length: 64)],
                compression: .lz4Frame, variadicBufferCounts: []),
            RecordBatchHeader(
                length: Int64.max, nodes: [FieldNode(length: 1, nullCount: 0)],
                buffers: [BufferRange(offset: 16, length: 24)], compression: .zstd, variadicBufferCounts: [0, 3, 1]),
        ]
        for header in headers {
            let message = Message(version: .v5, header: .recordBatch(header), bodyLength: 64, customMetadata: [:])
            let decoded = try Fixtures.decode(message.flatbuffer())
            guard case .recordBatch(let result) = decoded.header else {
                Issue.record("expected a record batch")
                continue
            }
            #expect(result == header)
            #expect(decoded.bodyLength == 64)
            #expect(decoded.version == .v5)
        }
    }

    @Test func dictionaryBatchHeadersRoundTrip() throws {
        let data = RecordBatchHeader(
            length: 2, nodes: [FieldNode(length: 2, nullCount: 0)],
            buffers: [BufferRange(offset: 0, length: 0), BufferRange(offset: 0, length: 16)],
            compression: nil, variadicBufferCounts: [])
        for header in [
            DictionaryBatchHeader(id: 0, data: data, isDelta: false),
            DictionaryBatchHeader(id: -9, data: data, isDelta: true),
        ] {
            let message = Message(version: .v5, header: .dictionaryBatch(header), bodyLength: 16, customMetadata: [:])
            guard case .dictionaryBatch(let result) = try Fixtures.decode(message.flatbuffer()).header else {
                Issue.record("expected a dictionary batch")
                continue
            }
            #expect(result == header)
        }
    }

    @Test func footersRoundTrip() throws {
        let footer = Footer(
            version: .v5, schema: Fixtures.everyType, endianness: .big,
            dictionaries: [Block(offset: 8, metadataLength: 200, bodyLength: 64)],
            recordBatches: (0..<5).map { Block(offset: Int64($0) * 1000, metadataLength: Int32($0), bodyLength: -Int64($0)) },
            customMetadata: ["footer": "yes"])
        let bytes = footer.flatbuffer()
        #expect(bytes.count % 8 == 0)
        let decoded = try Fixtures.decodeFooter(bytes)
        #expect(decoded.version == .v5)
        #expect(decoded.schema == footer.schema)
        #expect(decoded.endianness == .big)
        #expect(decoded.dictionaries == footer.dictionaries)
        #expect(decoded.recordBatches == footer.recordBatches)
        #expect(decoded.customMetadata == footer.customMetadata)

        let empty = Footer(
            version: .v4, schema: Schema([]), endianness: .little, dictionaries: [], recordBatches: [], customMetadata: [:])
        let emptyDecoded = try Fixtures.decodeFooter(empty.flatbuffer())
        #expect(emptyDecoded.version == .v4)
        #expect(emptyDecoded.recordBatches.isEmpty && emptyDecoded.dictionaries.isEmpty)
    }

    @Test func rejectsUnsupportedVersions() throws {
        let newer = Fixtures.message(version: 5, headerType: 1) { $0.createTable([]) }
        #expect(throws: ArrowError.notSupported(
            "Message.version: metadata version V6 (value 5) is newer than this reader supports (V5)")) {
            try Fixtures.decode(newer)
        }
        for old in Int16(0)...2 {
            let bytes = Fixtures.message(version: old, headerType: 1) { $0.createTable([]) }
            #expect {
                try Fixtures.decode(bytes)
            } throws: { error in
                if case .notSupported = error as? ArrowError { return true }
                return false
            }
        }
        let negative = Fixtures.message(version: -1, headerType: 1) { $0.createTable([]) }
        #expect(throws: ArrowError.self) { try Fixtures.decode(negative) }
    }

    @Test func footerVersions() throws {
        func footer(version: Int16?) -> [UInt8] {
            var builder = FlatBufferBuilder()
            let fields = builder.createVector(of: [FlatBufferOffset]())
            let schema = builder.createTable([.offset(1, fields)])
            var entries: [FlatBufferField] = [.offset(1, schema)]
            if let version {
                entries.append(.int16(0, version))
            }
            return builder.finish(root: builder.createTable(entries))
        }
        // Arrow 0.14 left the version out of some footers; it reads as V1 and is kept.
        #expect(try Fixtures.decodeFooter(footer(version: nil)).version == .v1)
        #expect(try Fixtures.decodeFooter(footer(version: 3)).version == .v4)
        #expect(throws: ArrowError.notSupported(
            "Footer.version: metadata version V6 (value 5) is newer than this reader supports (V5)")) {
            try Fixtures.decodeFooter(footer(version: 5))
        }
        var builder = FlatBufferBuilder()
        let noSchema = builder.finish(root: builder.createTable([.int16(0, 4)]))
        #expect(throws: ArrowError.invalidData("the file footer has no schema (Footer.schema is missing)")) {
            try Fixtures.decodeFooter(noSchema)
        }
    }

    @Test func rejectsMissingAndForeignHeaders() {
        var builder = FlatBufferBuilder()
        let none = builder.finish(root: builder.createTable([.int16(0, 4)]))
        #expect(throws: ArrowError.invalidData("the message has no header (Message.header_type is NONE)")) {
            try Fixtures.decode(none)
        }
        for tag: UInt8 in [4, 5] {
            let tensor = Fixtures.message(headerType: tag) { $0.createTable([]) }
            #expect {
                try Fixtures.decode(tensor)
            } throws: { error in
                if case .notSupported = error as? ArrowError { return true }
                return false
            }
        }
        let unknown = Fixtures.message(headerType: 9) { $0.createTable([]) }
        #expect(throws: ArrowError.self) { try Fixtures.decode(unknown) }
    }

    @Test func defaultsApplyToAbsentFields() throws {
        // A union without typeIds numbers its children; a dictionary without an index type is int32.
        let union = Fixtures.schemaMessage(typeTag: 14, children: [.utf8, .utf8], dictionary: true) {
            $0.createTable([.int16(0, 1)])
        }
        guard case .schema(let schema, _) = try Fixtures.decode(union).header else {
            Issue.record("expected a schema")
            return
        }
        let field = schema.fields[0]
        #expect(field.name == "")
        #expect(!field.isNullable)
        #expect(field.dictionaryId == 3)
        #expect(field.type == .dictionary(
            index: .int32,
            value: .union(.dense, [Field("c", .utf8, nullable: false), Field("c", .utf8, nullable: false)], typeIds: [0, 1]),
            ordered: false))

        // Decimal's bitWidth defaults to 128, Time's unit to milliseconds and width to 32,
        // Date's and Duration's unit to milliseconds.
        let defaults: [(UInt8, DataType)] = [
            (7, .decimal128(precision: 10, scale: 0)), (9, .time32(.millisecond)), (8, .date64),
            (18, .duration(.millisecond)), (10, .timestamp(.second, timeZone: nil)),
        ]
        for (tag, expected) in defaults {
            let bytes = Fixtures.schemaMessage(typeTag: tag) { builder in
                builder.createTable(tag == 7 ? [.int32(0, 10)] : [])
            }
            guard case .schema(let decoded, _) = try Fixtures.decode(bytes).header else {
                Issue.record("expected a schema")
                continue
            }
            #expect(decoded.fields[0].type == expected)
        }
    }

    @Test func rejectsInvalidTypes() {
        let cases: [(String, [UInt8])] = [
            ("Int width 12", Fixtures.schemaMessage(typeTag: 2) { $0.createTable([.int32(0, 12), .bool(1, true)]) }),
            ("time32 in microseconds", Fixtures.schemaMessage(typeTag: 9) { $0.createTable([.int16(0, 2), .int32(1, 32)]) }),
            ("time64 in seconds", Fixtures.schemaMessage(typeTag: 9) { $0.createTable([.int16(0, 0), .int32(1, 64)]) }),
            ("decimal width 100", Fixtures.schemaMessage(typeTag: 7) { $0.createTable([.int32(0, 5), .int32(2, 100)]) }),
            ("decimal precision 0", Fixtures.schemaMessage(typeTag: 7) { $0.createTable([.int32(0, 0)]) }),
            ("list without child", Fixtures.schemaMessage(typeTag: 12) { $0.createTable([]) }),
            ("list with two children", Fixtures.schemaMessage(typeTag: 12, children: [.utf8, .utf8]) { $0.createTable([]) }),
            ("map of utf8", Fixtures.schemaMessage(typeTag: 17, children: [.utf8]) { $0.createTable([]) }),
            ("run ends of utf8", Fixtures.schemaMessage(typeTag: 22, children: [.utf8, .utf8]) { $0.createTable([]) }),
            ("negative byte width", Fixtures.schemaMessage(typeTag: 15) { $0.createTable([.int32(0, -1)]) }),
            ("negative list size", Fixtures.schemaMessage(typeTag: 16, children: [.utf8]) { $0.createTable([.int32(0, -4)]) }),
            ("unknown precision", Fixtures.schemaMessage(typeTag: 3) { $0.createTable([.int16(0, 3)]) }),
            ("unknown interval", Fixtures.schemaMessage(typeTag: 11) { $0.createTable([.int16(0, 3)]) }),
            ("unknown type code", Fixtures.schemaMessage(typeTag: 99) { $0.createTable([]) }),
            ("type NONE", Fixtures.schemaMessage(typeTag: 0) { $0.createTable([]) }),
            ("typeIds count", Fixtures.schemaMessage(typeTag: 14, children: [.utf8]) { builder in
                let ids = builder.createVector(of: [Int32(1), 2])
                return builder.createTable([.offset(1, ids)])
            }),
            ("typeIds range", Fixtures.schemaMessage(typeTag: 14, children: [.utf8]) { builder in
                let ids = builder.createVector(of: [Int32(128)])
                return builder.createTable([.offset(1, ids)])
            }),
            ("int with three children", Fixtures.schemaMessage(typeTag: 2, children: [.utf8, .utf8, .utf8]) {
                $0.createTable([.int32(0, 32), .bool(1, true)])
            }),
            ("null with a child", Fixtures.schemaMessage(typeTag: 1, children: [.utf8]) { $0.createTable([]) }),
            ("utf8 with a child", Fixtures.schemaMessage(typeTag: 5, children: [.utf8]) { $0.createTable([]) }),
            ("timestamp with a child", Fixtures.schemaMessage(typeTag: 10, children: [.utf8]) { $0.createTable([]) }),
            ("fixed size binary with a child", Fixtures.schemaMessage(typeTag: 15, children: [.utf8]) {
                $0.createTable([.int32(0, 4)])
            }),
            ("fixed size list without child", Fixtures.schemaMessage(typeTag: 16) { $0.createTable([.int32(0, 2)]) }),
            ("map with two children", Fixtures.schemaMessage(typeTag: 17, children: [.utf8, .utf8]) { $0.createTable([]) }),
            ("run-end encoded with one child", Fixtures.schemaMessage(typeTag: 22, children: [.utf8]) { $0.createTable([]) }),
            ("run-end encoded with three children", Fixtures.schemaMessage(typeTag: 22, children: [.utf8, .utf8, .utf8]) {
                $0.createTable([])
            }),
            ("typeIds repeated", Fixtures.schemaMessage(typeTag: 14, children: [.utf8, .utf8]) { builder in
                let ids = builder.createVector(of: [Int32(4), 4])
                return builder.createTable([.offset(1, ids)])
            }),
        ]
        for (name, bytes) in cases {
            #expect(throws: ArrowError.self, "\(name)") { try Fixtures.decode(bytes) }
        }
    }

    @Test func limitsNestingDepth() throws {
        func nested(_ depth: Int) -> Schema {
            var type = DataType.int32
            for _ in 1..<depth {
                type = .list(Field("x", type))
            }
            return Schema([Field("top", type)])
        }
        let deepest = nested(SchemaDecoder.maximumDepth)
        #expect(try Fixtures.roundTrip(deepest).0 == deepest)
        #expect {
            try Fixtures.roundTrip(nested(SchemaDecoder.maximumDepth + 1))
        } throws: { error in
            (error as? ArrowError)?.description.contains("nested more than 64 levels deep") == true
        }
    }

    @Test func rejectsSharedFieldTablesBeyondTheBudget() {
        // One child table referenced 1000 times per level would mean 1000^depth fields.
        let bytes = Fixtures.message(headerType: 1) { builder in
            let nullType = builder.createTable([])
            var child = builder.createTable([.uint8(2, 1), .offset(3, nullType)])
            for _ in 0..<6 {
                let children = builder.createVector(of: Array(repeating: child, count: 1000))
                let structType = builder.createTable([])
                child = builder.createTable([.uint8(2, 13), .offset(3, structType), .offset(5, children)])
            }
            return builder.createTable([.offset(1, builder.createVector(of: [child]))])
        }
        #expect(throws: ArrowError.self) { try Fixtures.decode(bytes) }

        // Many fields sharing one long metadata vector would mean quadratically many pairs.
        let sharedMetadata = Fixtures.message(headerType: 1) { builder in
            let key = builder.createString("k")
            let pair = builder.createTable([.offset(0, key), .offset(1, key)])
            let pairs = builder.createVector(of: Array(repeating: pair, count: 5000))
            let nullType = builder.createTable([])
            let field = builder.createTable([.uint8(2, 1), .offset(3, nullType), .offset(6, pairs)])
            return builder.createTable([.offset(1, builder.createVector(of: Array(repeating: field, count: 5000)))])
        }
        #expect(throws: ArrowError.self) { try Fixtures.decode(sharedMetadata) }
    }

    @Test func rejectsUnknownCompression() {
        let method = Fixtures.message(headerType: 3) { builder in
            let compression = builder.createTable([.uint8(0, 1), .uint8(1, 1)])
            return builder.createTable([.offset(3, compression)])
        }
        let codec = Fixtures.message(headerType: 3) { builder in
            let compression = builder.createTable([.uint8(0, 7)])
            return builder.createTable([.offset(3, compression)])
        }
        #expect(throws: ArrowError.self) { try Fixtures.decode(method) }
        #expect(throws: ArrowError.self) { try Fixtures.decode(codec) }
    }

    @Test func survivesTruncationsAndByteFlips() {
        let schemaMessage = Message(
            version: .v5, header: .schema(Fixtures.everyType, .little), bodyLength: 0, customMetadata: ["x": "y"]
        ).flatbuffer()
        let batchMessage = Message(
            version: .v5,
            header: .dictionaryBatch(DictionaryBatchHeader(
                id: 1,
                data: RecordBatchHeader(
                    length: 1, nodes: [FieldNode(length: 1, nullCount: 0)], buffers: [BufferRange(offset: 0, length: 8)],
                    compression: .zstd, variadicBufferCounts: [2]),
                isDelta: true)),
            bodyLength: 8, customMetadata: [:]
        ).flatbuffer()
        let footer = Footer(
            version: .v5, schema: Schema(Array(Fixtures.everyType.fields.prefix(8))), endianness: .little,
            dictionaries: [Block(offset: 8, metadataLength: 1, bodyLength: 2)],
            recordBatches: [Block(offset: 9, metadataLength: 3, bodyLength: 4)], customMetadata: ["k": "v"]
        ).flatbuffer()

        var generator = SystemRandomNumberGenerator()
        for (bytes, isFooter) in [(schemaMessage, false), (batchMessage, false), (footer, true)] {
            func attempt(_ data: [UInt8]) {
                if isFooter {
                    _ = try? Fixtures.decodeFooter(data)
                } else {
                    _ = try? Fixtures.decode(data)
                }
            }
            for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
                attempt(Array(bytes[..<length]))
            }
            for _ in 0..<3000 {
                var mutated = bytes
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let index = Int.random(in: mutated.indices, using: &generator)
                    mutated[index] = UInt8.random(in: 0...255, using: &generator)
                }
                attempt(mutated)
            }
            for index in bytes.indices where bytes.count < 1000 {
                for value: UInt8 in [0, 0xFF, 0x80] {
                    var mutated = bytes
                    mutated[index] = value
                    attempt(mutated)
                }
            }
        }
    }

    @Test func rejectsChildrenTheTypeDoesNotTakeNamingThePath() {
        let primitiveWithChildren = Fixtures.schemaMessage { builder in
            let children = (0..<3).map { _ in Fixtures.fieldTable("c", tag: 5, into: &builder) }
            let inner = Fixtures.fieldTable("inner", tag: 2, children: children, into: &builder) {
                $0.createTable([.int32(0, 32), .bool(1, true)])
            }
            return [Fixtures.fieldTable("outer", tag: 13, children: [inner], into: &builder)]
        }
        #expect(throws: ArrowError.invalidData("field 'outer.inner' of type Int has 3 children; it must have 0")) {
            try Fixtures.decode(primitiveWithChildren)
        }

        let runEndsAlone = Fixtures.schemaMessage { builder in
            let runEnds = Fixtures.fieldTable("run_ends", tag: 2, into: &builder) {
                $0.createTable([.int32(0, 32), .bool(1, true)])
            }
            let ree = Fixtures.fieldTable("r", tag: 22, children: [runEnds], into: &builder)
            return [Fixtures.fieldTable("s", tag: 13, children: [ree], into: &builder)]
        }
        #expect(throws: ArrowError.invalidData("field 's.r' of type RunEndEncoded has 1 child; it must have 2")) {
            try Fixtures.decode(runEndsAlone)
        }

        let repeatedTypeIds = Fixtures.schemaMessage { builder in
            let members = ["a", "b", "c"].map { Fixtures.fieldTable($0, tag: 5, into: &builder) }
            let union = Fixtures.fieldTable("u", tag: 14, children: members, into: &builder) { builder in
                let ids = builder.createVector(of: [Int32(0), 7, 0])
                return builder.createTable([.int16(0, 1), .offset(1, ids)])
            }
            return [Fixtures.fieldTable("top", tag: 13, children: [union], into: &builder)]
        }
        #expect(throws: ArrowError.invalidData("field 'top.u': Union.typeIds repeats the value 0")) {
            try Fixtures.decode(repeatedTypeIds)
        }

        // A long name is shortened in the path, so an error message stays small.
        let longName = String(repeating: "n", count: 100_000)
        let longNamed = Fixtures.schemaMessage { builder in
            let child = Fixtures.fieldTable("c", tag: 5, into: &builder)
            return [Fixtures.fieldTable(longName, tag: 6, children: [child], into: &builder)]
        }
        #expect {
            try Fixtures.decode(longNamed)
        } throws: { error in
            guard case .invalidData(let sentence) = error as? ArrowError else { return false }
            return sentence.hasPrefix("field '\(longName.prefix(64))…(100000 bytes)' of type Bool has 1 child")
                && sentence.utf8.count < 200
        }
    }

    @Test func sharedFieldDAGsAreRejectedOrSmallAndFast() throws {
        // A shared 100 KB name at every level of a binary DAG 16 deep: building the dotted path
        // of each of the 2^17 fields used to copy gigabytes.
        let clock = ContinuousClock()
        let huge = Fixtures.sharedFieldDAG(nameLength: 100_000, width: 2, depth: 16)
        let elapsed = clock.measure {
            #expect(throws: ArrowError.self) { try Fixtures.decode(huge) }
        }
        #expect(elapsed < .seconds(5), "decoding took \(elapsed)")

        // Whatever the shape, the decoded tree (fields, names) and its description stay within
        // a small multiple of the metadata size, or the metadata is rejected.
        var decodedShapes = 0
        let sweep = clock.measure {
            for nameLength in [0, 1, 100, 10_000] {
                for width in [1, 2, 7, 100] {
                    for depth in [1, 4, 16] {
                        let bytes = Fixtures.sharedFieldDAG(nameLength: nameLength, width: width, depth: depth)
                        let message: Message
                        do {
                            message = try Fixtures.decode(bytes)
                        } catch {
                            #expect(error is ArrowError)
                            continue
                        }
                        guard case .schema(let schema, _) = message.header else {
                            Issue.record("expected a schema")
                            continue
                        }
                        decodedShapes += 1
                        let size = Fixtures.treeSize(schema.fields[0])
                        let shape = "name \(nameLength), width \(width), depth \(depth)"
                        #expect(
                            size.nodes * SchemaDecoder.nodeCost + size.stringBytes <= 2 * bytes.count, "\(shape)")
                        #expect("\(schema.fields[0].type)".utf8.count <= 16 * bytes.count, "\(shape)")
                    }
                }
            }
        }
        #expect(sweep < .seconds(10), "the sweep took \(sweep)")
        // Small shapes (short names, a few levels) still decode.
        #expect(decodedShapes > 0)
        let small = try Fixtures.decode(Fixtures.sharedFieldDAG(nameLength: 1, width: 2, depth: 3))
        guard case .schema(let schema, _) = small.header else {
            Issue.record("expected a schema")
            return
        }
        #expect(Fixtures.treeSize(schema.fields[0]).nodes == 15)
    }

    @Test func chargesSharedStringsOnEveryReference() throws {
        let long = String(repeating: "v", count: 10_000)
        // One key/value pair with a long value, listed by `count` fields.
        func sharedPair(fields count: Int) -> [UInt8] {
            Fixtures.message(headerType: 1) { builder in
                let key = builder.createString("k")
                let value = builder.createString(long)
                let pair = builder.createTable([.offset(0, key), .offset(1, value)])
                let pairs = builder.createVector(of: [pair])
                let nullType = builder.createTable([])
                let field = builder.createTable([.uint8(2, 1), .offset(3, nullType), .offset(6, pairs)])
                return builder.createTable([.offset(1, builder.createVector(of: Array(repeating: field, count: count)))])
            }
        }
        // One time zone table, used by `count` fields.
        func sharedTimeZone(fields count: Int) -> [UInt8] {
            Fixtures.message(headerType: 1) { builder in
                let zone = builder.createString(long)
                let timestamp = builder.createTable([.int16(0, 3), .offset(1, zone)])
                let field = builder.createTable([.uint8(2, 10), .offset(3, timestamp)])
                return builder.createTable([.offset(1, builder.createVector(of: Array(repeating: field, count: count)))])
            }
        }
        // The schema's own metadata, one pair listed `count` times.
        func sharedSchemaPairs(_ count: Int) -> [UInt8] {
            Fixtures.message(headerType: 1) { builder in
                let key = builder.createString(long)
                let pair = builder.createTable([.offset(0, key)])
                let pairs = builder.createVector(of: Array(repeating: pair, count: count))
                return builder.createTable([.offset(2, pairs)])
            }
        }
        for build in [sharedPair, sharedTimeZone, sharedSchemaPairs] {
            guard case .schema(let schema, _) = try Fixtures.decode(build(1)).header else {
                Issue.record("expected a schema")
                continue
            }
            #expect(schema.fields.count <= 1)
            #expect(throws: ArrowError.self) { try Fixtures.decode(build(100)) }
        }
    }

    @Test(.enabled(if: Fixtures.testingData != nil, "the Arrow test data (ARROW_TESTING_DATA or ../shared/arrow-testing/data) is absent"))
    func decodesGoldenStreams() throws {
        let streams = try Fixtures.integrationFiles(".stream")
        #expect(!streams.isEmpty)
        for url in streams {
            let name = url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent
            do {
                try checkStream(url, name: name)
            } catch {
                Issue.record("\(name): \(error)")
            }
        }
    }

    private func checkStream(_ url: URL, name: String) throws {
        do {
            let bytes = try [UInt8](Data(contentsOf: url))
            let messages = try Fixtures.streamMessages(bytes)
            let first = try Fixtures.decode(try #require(messages.first))
            guard case .schema(let schema, let endianness) = first.header else {
                Issue.record("\(name): the first message is not a schema")
                return
            }
            #expect(endianness == (name.hasPrefix("1.0.0-bigendian") ? .big : .little), "\(name)")
            let json = try Fixtures.json(for: url)
            let jsonSchema = json["schema"] as? [String: Any]
            let jsonFields = jsonSchema?["fields"] as? [[String: Any]] ?? []
            #expect(schema.fields.count == jsonFields.count, "\(name)")
            for (field, fieldJSON) in zip(schema.fields, jsonFields) {
                Fixtures.check(field, against: fieldJSON, file: name)
            }
            let nodeCount = schema.fields.map(Fixtures.nodeCount).reduce(0, +)
            var batches = 0
            for metadata in messages.dropFirst() {
                let message = try Fixtures.decode(metadata)
                switch message.header {
                case .recordBatch(let batch):
                    batches += 1
                    #expect(batch.nodes.count == nodeCount, "\(name): nodes")
                    #expect((batch.compression != nil) == name.hasPrefix("2.0.0-compression"), "\(name): compression")
                case .dictionaryBatch(let batch):
                    #expect(batch.data.nodes.count >= 1, "\(name): dictionary nodes")
                case .schema:
                    Issue.record("\(name): a second schema message")
                }
            }
            #expect(batches == (json["batches"] as? [Any])?.count, "\(name): batch count")
        }
    }

    @Test(.enabled(if: Fixtures.testingData != nil, "the Arrow test data (ARROW_TESTING_DATA or ../shared/arrow-testing/data) is absent"))
    func decodesGoldenFileFooters() throws {
        let files = try Fixtures.integrationFiles(".arrow_file")
        #expect(!files.isEmpty)
        for url in files {
            let name = url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent
            do {
                try checkFile(url, name: name)
            } catch {
                Issue.record("\(name): \(error)")
            }
        }
    }

    private func checkFile(_ url: URL, name: String) throws {
        do {
            let bytes = try [UInt8](Data(contentsOf: url))
            #expect(Array(bytes.suffix(6)) == Array("ARROW1".utf8), "\(name)")
            let footerLength = bytes.withUnsafeBytes {
                Int(Int32(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 10, as: Int32.self)))
            }
            let footerStart = bytes.count - 10 - footerLength
            let footer = try Fixtures.decodeFooter(Array(bytes[footerStart..<(bytes.count - 10)]))
            let json = try Fixtures.json(for: url)
            #expect(footer.recordBatches.count == (json["batches"] as? [Any])?.count, "\(name)")
            let jsonFields = (json["schema"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []
            #expect(footer.schema.fields.map(\.name) == jsonFields.compactMap { $0["name"] as? String }, "\(name)")
            // Every block points at a message whose metadata decodes to the right kind.
            for (blocks, isDictionary) in [(footer.recordBatches, false), (footer.dictionaries, true)] {
                for block in blocks {
                    let start = Int(block.offset)
                    let prefix = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: UInt32.self) }
                    let metadataStart = start + (prefix == 0xFFFF_FFFF ? 8 : 4)
                    let metadataEnd = start + Int(block.metadataLength)
                    let message = try Fixtures.decode(Array(bytes[metadataStart..<metadataEnd]))
                    switch message.header {
                    case .recordBatch: #expect(!isDictionary, "\(name)")
                    case .dictionaryBatch: #expect(isDictionary, "\(name)")
                    case .schema: Issue.record("\(name): a block points at a schema")
                    }
                    #expect(message.bodyLength == block.bodyLength, "\(name)")
                }
            }
        }
    }

    @Test(.enabled(if: Fixtures.testingData != nil, "the Arrow test data (ARROW_TESTING_DATA or ../shared/arrow-testing/data) is absent"))
    func survivesFuzzRegressionFiles() throws {
        let root = try #require(Fixtures.testingData)
        let manager = FileManager.default
        var decoded = 0
        for folder in ["arrow-ipc-stream", "arrow-ipc-file", "arrow-ipc-tensor-stream"] {
            let directory = root.appendingPathComponent(folder)
            for name in try manager.contentsOfDirectory(atPath: directory.path).sorted()
            where name.hasPrefix("crash-") || name.hasPrefix("clusterfuzz-") {
                let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
                // Every metadata block a stream framing finds, as far as the framing holds.
                var position = 0
                while position + 8 <= bytes.count {
                    var length = bytes.withUnsafeBytes {
                        Int(Int32(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: Int32.self)))
                    }
                    position += 4
                    if length == -1 {
                        length = bytes.withUnsafeBytes {
                            Int(Int32(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: Int32.self)))
                        }
                        position += 4
                    }
                    guard length > 0, length <= bytes.count - position else { break }
                    let metadata = Array(bytes[position..<(position + length)])
                    position += length
                    guard let message = try? Fixtures.decode(metadata) else { break }
                    decoded += 1
                    guard message.bodyLength >= 0, message.bodyLength <= Int64(bytes.count - position) else { break }
                    position += Int(message.bodyLength)
                }
                // The footer of a file, when its length fits.
                if bytes.count >= 10 {
                    let length = bytes.withUnsafeBytes {
                        Int(Int32(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 10, as: Int32.self)))
                    }
                    if length > 0, length <= bytes.count - 10 {
                        _ = try? Fixtures.decodeFooter(Array(bytes[(bytes.count - 10 - length)..<(bytes.count - 10)]))
                    }
                }
            }
        }
        #expect(decoded > 0)
    }

    @Test(.enabled(if: Fixtures.testingData != nil, "the Arrow test data (ARROW_TESTING_DATA or ../shared/arrow-testing/data) is absent"))
    func rejectsTheFutureVersionSchema() throws {
        let url = try #require(Fixtures.testingData).appendingPathComponent("forward-compatibility/schema_v6.arrow")
        let bytes = try [UInt8](Data(contentsOf: url))
        let length = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
        #expect {
            try Fixtures.decode(Array(bytes[8..<(8 + length)]))
        } throws: { error in
            guard case .notSupported(let sentence) = error as? ArrowError else { return false }
            return sentence.contains("V6")
        }
    }

    @Test(.enabled(if: Fixtures.testingData != nil, "the Arrow test data (ARROW_TESTING_DATA or ../shared/arrow-testing/data) is absent"))
    func reEncodesGoldenSchemasIdentically() throws {
        for url in try Fixtures.integrationFiles(".stream") {
            let bytes = try [UInt8](Data(contentsOf: url))
            let messages = try Fixtures.streamMessages(bytes)
            let first = try Fixtures.decode(try #require(messages.first))
            guard case .schema(let schema, let endianness) = first.header else { continue }
            let (again, order) = try Fixtures.roundTrip(schema, endianness)
            #expect(again == schema, "\(url.lastPathComponent)")
            #expect(order == endianness, "\(url.lastPathComponent)")
        }
    }
}
