import Foundation
import Testing
@testable import ArrowIPC

/// A user extension for the tests: a label stored as a string (possibly dictionary-encoded),
/// whose metadata must be `v1`. Each test registers it under its own name in the shared
/// registry, so that tests running in parallel never see each other's registrations.
private struct Label: ArrowExtensionType {
    static var extensionName: String { "test.label" }
    let storageType: DataType
    var serializedMetadata: String { "v1" }

    init(storage: DataType, serializedMetadata: String) throws {
        guard storage.storageType == .utf8 || storage.storageType == .dictionary(index: .int8, value: .utf8, ordered: false) else {
            throw ArrowError.invalidData("a label is stored as string, not \(storage)")
        }
        guard serializedMetadata == "v1" else {
            throw ArrowError.invalidData("unknown label version '\(serializedMetadata)'")
        }
        storageType = storage
    }
}

/// The same extension under other names, one per test that registers it.
private struct LabelForDictionaries: ArrowExtensionType {
    static var extensionName: String { "test.label-dictionaries" }
    let label: Label
    init(storage: DataType, serializedMetadata: String) throws {
        label = try Label(storage: storage, serializedMetadata: serializedMetadata)
    }
    var storageType: DataType { label.storageType }
    var serializedMetadata: String { label.serializedMetadata }
}

private struct LabelForOrder: ArrowExtensionType {
    static var extensionName: String { "test.label-order" }
    let label: Label
    init(storage: DataType, serializedMetadata: String) throws {
        label = try Label(storage: storage, serializedMetadata: serializedMetadata)
    }
    var storageType: DataType { label.storageType }
    var serializedMetadata: String { label.serializedMetadata }
}

private struct LabelForJSON: ArrowExtensionType {
    static var extensionName: String { "test.label-json" }
    let label: Label
    init(storage: DataType, serializedMetadata: String) throws {
        label = try Label(storage: storage, serializedMetadata: serializedMetadata)
    }
    var storageType: DataType { label.storageType }
    var serializedMetadata: String { label.serializedMetadata }
}

/// Encodes `schema` in a schema message and decodes it back.
private func roundTrip(_ schema: Schema) throws -> Schema {
    let message = Message(version: .v5, header: .schema(schema, .little), bodyLength: 0, customMetadata: [:])
    let bytes = message.flatbuffer()
    let decoded = try bytes.withUnsafeBytes { try Message(flatbuffer: $0) }
    guard case .schema(let result, _) = decoded.header else {
        throw ArrowError.invalidData("expected a schema message")
    }
    return result
}

/// A field of `storage` whose metadata names extension `name` with `metadata`.
private func annotated(_ storage: DataType, _ name: String, _ metadata: String) -> Field {
    Field("x", storage, metadata: [ExtensionRegistry.nameKey: name, ExtensionRegistry.metadataKey: metadata])
}

private let uuid = UUIDType().dataType
private let tensorStorage = DataType.fixedSizeList(Field("item", .float32), listSize: 4)

@Suite struct ExtensionRegistryTests {
    @Test func canonicalTypesAreRegistered() {
        let registry = ExtensionRegistry()
        #expect(registry.names == [
            "arrow.bool8", "arrow.fixed_shape_tensor", "arrow.json", "arrow.opaque", "arrow.uuid",
        ])
        #expect(registry.type(named: "arrow.uuid") == UUIDType.self)
        #expect(ExtensionRegistry.shared.type(named: "arrow.json") == JSONType.self)
    }

    @Test func registerUnregisterAndRejectDuplicates() throws {
        let registry = ExtensionRegistry()
        try registry.register(Label.self)
        #expect(registry.type(named: "test.label") == Label.self)
        #expect(throws: ArrowError.self) { try registry.register(Label.self) }
        #expect(registry.unregister("test.label"))
        #expect(!registry.unregister("test.label"))
        #expect(registry.type(named: "test.label") == nil)
    }

    @Test func resolvingRemovesOnlyTheExtensionEntries() throws {
        let registry = ExtensionRegistry()
        var metadata: Metadata = [
            "a": "1", ExtensionRegistry.nameKey: "arrow.uuid", "b": "2", ExtensionRegistry.metadataKey: "", "c": "3",
        ]
        let type = try registry.resolve(UUIDType.storage, metadata: &metadata, field: "u")
        #expect(type == uuid)
        #expect(metadata == ["a": "1", "b": "2", "c": "3"])

        // Absent metadata reads as empty.
        var nameOnly: Metadata = [ExtensionRegistry.nameKey: "arrow.bool8"]
        #expect(try registry.resolve(.int8, metadata: &nameOnly, field: "b") == Bool8Type().dataType)
        #expect(nameOnly.isEmpty)

        // Unknown names leave everything as it is.
        var unknown: Metadata = [ExtensionRegistry.nameKey: "x.unknown", ExtensionRegistry.metadataKey: "zz"]
        #expect(try registry.resolve(.binary, metadata: &unknown, field: "x") == .binary)
        #expect(unknown.count == 2)
    }

    @Test func invalidStorageOrMetadataOfARegisteredTypeIsAnError() {
        let registry = ExtensionRegistry()
        let cases: [(DataType, String, String)] = [
            (.int32, "arrow.uuid", ""),
            (UUIDType.storage, "arrow.uuid", "x"),
            (.int16, "arrow.bool8", ""),
            (.int8, "arrow.bool8", "x"),
            (.binary, "arrow.json", ""),
            (.utf8, "arrow.json", "[]"),
            (.utf8, "arrow.json", "garbage"),
            (.list(Field("item", .float32)), "arrow.fixed_shape_tensor", "{\"shape\":[4]}"),
            (tensorStorage, "arrow.fixed_shape_tensor", "{\"shape\":[3]}"),
            (tensorStorage, "arrow.fixed_shape_tensor", "{\"shape\":[2,-2]}"),
            (tensorStorage, "arrow.fixed_shape_tensor", "{\"shape\":[2.0,2]}"),
            (tensorStorage, "arrow.fixed_shape_tensor", "{\"shape\":[2,2],\"dim_names\":[\"a\"]}"),
            (tensorStorage, "arrow.fixed_shape_tensor", "{\"shape\":[2,2],\"permutation\":[0,0]}"),
            (tensorStorage, "arrow.fixed_shape_tensor", "{}"),
            (tensorStorage, "arrow.fixed_shape_tensor", "garbage"),
            (.null, "arrow.opaque", "{\"type_name\":\"a\"}"),
            (.null, "arrow.opaque", "{\"type_name\":1,\"vendor_name\":\"b\"}"),
            (.null, "arrow.opaque", "[]"),
        ]
        for (storage, name, serialized) in cases {
            var metadata: Metadata = [ExtensionRegistry.nameKey: name, ExtensionRegistry.metadataKey: serialized]
            #expect(throws: ArrowError.self, "\(name) on \(storage) with '\(serialized)'") {
                try registry.resolve(storage, metadata: &metadata, field: "column")
            }
        }
        var metadata: Metadata = [ExtensionRegistry.nameKey: "arrow.uuid"]
        do {
            _ = try registry.resolve(.int32, metadata: &metadata, field: "column")
            Issue.record("no error")
        } catch {
            #expect("\(error)".contains("field 'column' of extension type arrow.uuid"))
            #expect("\(error)".contains("int32"))
        }
    }

    @Test func validParametersAreAccepted() throws {
        let registry = ExtensionRegistry()
        let cases: [(DataType, String, String)] = [
            (.utf8, "arrow.json", ""), (.largeUtf8, "arrow.json", "{}"), (.utf8View, "arrow.json", "{\"later\":1}"),
            (tensorStorage, "arrow.fixed_shape_tensor", "{\"shape\":[2,2],\"permutation\":[1,0],\"dim_names\":[\"x\",\"y\"],\"extra\":1}"),
            (tensorStorage, "arrow.fixed_shape_tensor", "{\"shape\":[4]}"),
            (.fixedSizeList(Field("item", .int8), listSize: 0), "arrow.fixed_shape_tensor", "{\"shape\":[0,3]}"),
            (.fixedSizeList(Field("item", .int8), listSize: 1), "arrow.fixed_shape_tensor", "{\"shape\":[]}"),
            (.null, "arrow.opaque", "{\"type_name\":\"\",\"vendor_name\":\"\"}"),
            (.struct([Field("a", .int8)]), "arrow.opaque", "{\"type_name\":\"t\",\"vendor_name\":\"v\",\"more\":[1]}"),
        ]
        for (storage, name, serialized) in cases {
            var metadata: Metadata = [ExtensionRegistry.nameKey: name, ExtensionRegistry.metadataKey: serialized]
            let type = try registry.resolve(storage, metadata: &metadata, field: "x")
            #expect(type == .extension(name: name, storage: storage, metadata: serialized))
        }
    }
}

@Suite struct CanonicalExtensionTypeTests {
    @Test func serializationMatchesPyarrow() throws {
        #expect(UUIDType().dataType == .extension(name: "arrow.uuid", storage: .fixedSizeBinary(byteWidth: 16), metadata: ""))
        #expect(Bool8Type().dataType == .extension(name: "arrow.bool8", storage: .int8, metadata: ""))
        #expect(try JSONType().dataType == .extension(name: "arrow.json", storage: .utf8, metadata: ""))
        #expect(throws: ArrowError.self) { try JSONType(storage: .binary) }

        let tensor = try FixedShapeTensorType(valueType: .float32, shape: [2, 2])
        #expect(tensor.serializedMetadata == "{\"shape\":[2,2]}")
        #expect(tensor.storageType == tensorStorage)
        let named = try FixedShapeTensorType(valueType: .float32, shape: [2, 2], dimensionNames: ["a", "b"], permutation: [1, 0])
        #expect(named.serializedMetadata == "{\"shape\":[2,2],\"permutation\":[1,0],\"dim_names\":[\"a\",\"b\"]}")
        #expect(try FixedShapeTensorType(named.dataType) == named)
        #expect(named.valueType == .float32 && named.elementCount == 4)
        #expect(throws: ArrowError.self) { try FixedShapeTensorType(valueType: .int8, shape: [2, -1]) }
        #expect(throws: ArrowError.self) { try FixedShapeTensorType(valueType: .int8, shape: [Int.max, 2]) }
        #expect(throws: ArrowError.self) { try FixedShapeTensorType(valueType: .int8, shape: [2], permutation: [1]) }

        let opaque = OpaqueType(storage: .binary, typeName: "geo\"metry", vendorName: "PostGIS")
        #expect(opaque.serializedMetadata == "{\"type_name\":\"geo\\\"metry\",\"vendor_name\":\"PostGIS\"}")
        #expect(try OpaqueType(opaque.dataType) == opaque)
    }

    @Test func readingAnotherTypeIsAnArgumentError() {
        #expect(throws: ArrowError.self) { try UUIDType(.fixedSizeBinary(byteWidth: 16)) }
        #expect(throws: ArrowError.self) { try Bool8Type(uuid) }
    }
}

@Suite struct ExtensionSchemaTests {
    @Test func canonicalTypesRoundTripThroughSchemaMessages() throws {
        let types: [DataType] = [
            uuid, Bool8Type().dataType, try JSONType(storage: .largeUtf8).dataType,
            try FixedShapeTensorType(valueType: .float64, shape: [3, 1], dimensionNames: ["r", "c"]).dataType,
            OpaqueType(storage: .null, typeName: "varray", vendorName: "Oracle").dataType,
            .list(Field("ids", uuid)),
            .struct([Field("flag", Bool8Type().dataType, nullable: false, metadata: ["k": "v"])]),
        ]
        let schema = Schema(types.enumerated().map { Field("f\($0)", $1, metadata: ["position": "\($0)"]) })
        let decoded = try roundTrip(schema)
        #expect(decoded == schema)
    }

    @Test func theEncoderWritesMetadataThenNameAfterTheOtherEntriesAsArrowCpp() throws {
        try ExtensionRegistry.shared.register(LabelForOrder.self)
        defer { ExtensionRegistry.shared.unregister(LabelForOrder.extensionName) }
        let type = DataType.extension(name: LabelForOrder.extensionName, storage: .utf8, metadata: "v1")
        let field = Field(
            "l", type,
            metadata: ["a": "1", ExtensionRegistry.metadataKey: "stale", "b": "2", ExtensionRegistry.nameKey: "stale"])
        let registered = try roundTrip(Schema([field]))
        #expect(registered.fields[0].type == type)
        #expect(registered.fields[0].metadata == ["a": "1", "b": "2"])

        // Without the registration, the field reads as its storage, the entries at the end.
        ExtensionRegistry.shared.unregister(LabelForOrder.extensionName)
        let plain = try roundTrip(Schema([field]))
        #expect(plain.fields[0].type == .utf8)
        #expect(plain.fields[0].metadata == [
            "a": "1", "b": "2", ExtensionRegistry.metadataKey: "v1", ExtensionRegistry.nameKey: LabelForOrder.extensionName,
        ])
    }

    @Test func unknownExtensionsRoundTripUntouched() throws {
        let field = Field(
            "u", .binary,
            metadata: ["z": "first", ExtensionRegistry.nameKey: "x.unknown", "m": "mid", ExtensionRegistry.metadataKey: "\u{0}raw"])
        let once = try roundTrip(Schema([field]))
        #expect(once.fields[0] == field)
        #expect(try roundTrip(once) == once)
    }

    @Test func registeredDictionaryExtensionsWrapTheDictionaryType() throws {
        try ExtensionRegistry.shared.register(LabelForDictionaries.self)
        defer { ExtensionRegistry.shared.unregister(LabelForDictionaries.extensionName) }
        let dictionary = DataType.dictionary(index: .int8, value: .utf8, ordered: false)
        let type = DataType.extension(name: LabelForDictionaries.extensionName, storage: dictionary, metadata: "v1")
        let field = Field("labels", type, metadata: ["k": "v"], dictionaryId: 3)
        let decoded = try roundTrip(Schema([field]))
        #expect(decoded.fields[0] == field)

        // A dictionary of extension values comes back as an extension of the dictionary, as in Arrow C++.
        let inner = DataType.extension(name: LabelForDictionaries.extensionName, storage: .utf8, metadata: "v1")
        let valueExtension = Field("values", .dictionary(index: .int8, value: inner, ordered: false), dictionaryId: 4)
        let normalized = try roundTrip(Schema([valueExtension]))
        #expect(normalized.fields[0].type == .extension(
            name: LabelForDictionaries.extensionName, storage: dictionary, metadata: "v1"))
        #expect(normalized.fields[0].dictionaryId == 4)
    }

    @Test func invalidMetadataOfARegisteredTypeFailsTheSchema() throws {
        let field = Field("t", tensorStorage, metadata: [
            ExtensionRegistry.nameKey: "arrow.fixed_shape_tensor", ExtensionRegistry.metadataKey: "{\"shape\":[5]}",
        ])
        #expect(throws: ArrowError.self) { try roundTrip(Schema([Field("outer", .struct([field]))])) }
        do {
            _ = try roundTrip(Schema([Field("outer", .struct([field]))]))
        } catch {
            #expect("\(error)".contains("field 'outer.t'"))
        }
    }

    @Test func integrationJSONResolvesExtensionsLikeIPC() throws {
        try ExtensionRegistry.shared.register(LabelForJSON.self)
        defer { ExtensionRegistry.shared.unregister(LabelForJSON.extensionName) }
        let document = """
            {"schema": {"fields": [
              {"name": "u", "nullable": true, "type": {"name": "fixedsizebinary", "byteWidth": 16}, "children": [],
               "metadata": [{"key": "ARROW:extension:name", "value": "arrow.uuid"}, {"key": "ARROW:extension:metadata", "value": ""}]},
              {"name": "l", "nullable": true, "type": {"name": "utf8"}, "children": [],
               "dictionary": {"id": 0, "indexType": {"name": "int", "isSigned": true, "bitWidth": 8}, "isOrdered": false},
               "metadata": [{"key": "ARROW:extension:name", "value": "test.label-json"}, {"key": "ARROW:extension:metadata", "value": "v1"}]}
            ]},
            "dictionaries": [{"id": 0, "data": {"count": 2, "columns": [
              {"name": "DICT0", "count": 2, "VALIDITY": [1, 1], "OFFSET": [0, 1, 3], "DATA": ["a", "bc"]}]}}],
            "batches": [{"count": 2, "columns": [
              {"name": "u", "count": 2, "VALIDITY": [1, 0],
               "DATA": ["0123456789ABCDEF0123456789ABCDEF", "00000000000000000000000000000000"]},
              {"name": "l", "count": 2, "VALIDITY": [1, 1], "DATA": [1, 0]}]}]}
            """
        let file = try IntegrationFile(json: Data(document.utf8))
        let labelType = DataType.extension(
            name: LabelForJSON.extensionName, storage: .dictionary(index: .int8, value: .utf8, ordered: false), metadata: "v1")
        #expect(file.schema.fields.map(\.type) == [uuid, labelType])
        #expect(file.schema.fields.allSatisfy { $0.metadata.isEmpty })
        let columns = file.batches[0].columnData
        #expect(columns[0].type == uuid && columns[1].type == labelType)
        try columns[0].validate(.full)
        try columns[1].validate(.full)
        #expect(try ValueFormatter.text(columns[0], at: 0) == "01234567-89ab-cdef-0123-456789abcdef")
        #expect(try ValueFormatter.text(columns[0], at: 1) == nil)
        #expect(try ValueFormatter.text(columns[1], at: 0) == "bc")
    }
}

@Suite(.enabled(if: GoldenData.root != nil, "the Arrow golden files (../shared/arrow-testing/data or ARROW_TESTING_DATA) are absent"))
struct ExtensionGoldenTests {
    static func url(_ suffix: String) throws -> URL {
        try #require(GoldenData.root).appendingPathComponent(
            "arrow-ipc-stream/integration/cpp-21.0.0/generated_extension.\(suffix)")
    }

    /// The fields the golden file has: arrow.uuid (registered) and dict-extension (not).
    static func checkFields(_ fields: [Field]) {
        #expect(fields[0].type == uuid)
        #expect(fields[0].metadata.isEmpty)
        #expect(fields[1].type == .dictionary(index: .int8, value: .utf8, ordered: false))
        #expect(fields[1].dictionaryId == 0)
        // (The JSON lists the name first, Arrow C++ writes the metadata first in IPC.)
        #expect(fields[1].metadata.count == 2)
        #expect(fields[1].metadata[ExtensionRegistry.nameKey] == "dict-extension")
        #expect(fields[1].metadata[ExtensionRegistry.metadataKey] == "dict-extension-serialized")
    }

    @Test func jsonSchemaAndColumns() throws {
        let file = try IntegrationFile(contentsOf: try Self.url("json.gz"))
        Self.checkFields(file.schema.fields)
        let uuids = file.batches[1].columnData[0]
        #expect(uuids.type == uuid)
        let array = try UUIDArray(uuids)
        #expect(array[0] == UUID(uuidString: "16F75BB9-8E26-F400-69D8-E4EEA676391A"))
        #expect(array[1] == nil)
    }

    @Test func streamSchemaMessage() throws {
        // The schema is the stream's first message: continuation marker, length, flatbuffer.
        let bytes = try Data(contentsOf: try Self.url("stream"))
        let length = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
        let message = try bytes.subdata(in: 8..<(8 + length)).withUnsafeBytes { try Message(flatbuffer: $0) }
        guard case .schema(let schema, _) = message.header else {
            Issue.record("the first message is not a schema")
            return
        }
        Self.checkFields(schema.fields)
    }
}

@Suite struct ExtensionArrayTests {
    @Test func uuidArrays() throws {
        let first = try #require(UUID(uuidString: "01234567-89AB-CDEF-0123-456789ABCDEF"))
        let array = UUIDArray([first, nil, UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1))])
        #expect(array.type == uuid && array.length == 3 && array.nullCount == 1)
        #expect(Array(array) == [first, nil, UUID(uuidString: "00000000-0000-0000-0000-000000000001")])
        #expect(array.storage[0] == [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef])
        #expect(makeArray(array.data) is UUIDArray)
        #expect(try UUIDArray(try array.data.slice(2, 1))[0] == UUID(uuidString: "00000000-0000-0000-0000-000000000001"))
        #expect(throws: ArrowError.self) { try UUIDArray(FixedSizeBinaryArray(byteWidth: 16, values: []).data) }
        #expect(try ValueFormatter.text(array.data, at: 0) == "01234567-89ab-cdef-0123-456789abcdef")
        #expect(try ValueFormatter.json(array.data, at: 0) == "\"01234567-89ab-cdef-0123-456789abcdef\"")
        #expect(try ValueFormatter.json(array.data, at: 1) == "null")
    }

    @Test func bool8Arrays() throws {
        let array = Bool8Array([true, nil, false])
        #expect(Array(array) == [true, nil, false])
        let stored = try Bool8Array(Int8Array([0, -3, 1]).data.viewed(as: Bool8Type().dataType))
        #expect(Array(stored) == [false, true, true])
        #expect(makeArray(stored.data) is Bool8Array)
        #expect(try ValueFormatter.text(stored.data, at: 1) == "true")
        #expect(try ValueFormatter.json(stored.data, at: 0) == "false")
        let list = try ListArray(offsets: [0, 2], values: stored)
        #expect(try ValueFormatter.text(list.data, at: 0) == "[false, true]")
    }

    @Test func jsonArrays() throws {
        let array = try JSONArray(["{\"a\": [1, 2]}", nil, "3"])
        #expect(Array(array) == ["{\"a\": [1, 2]}", nil, "3"])
        #expect(makeArray(array.data) is JSONArray)
        #expect(throws: ArrowError.self) { try JSONArray(["{"]) }
        let large = try JSONArray(LargeStringArray(["[]"]).data.viewed(as: JSONType(storage: .largeUtf8).dataType))
        #expect(large[0] == "[]")
        #expect(try ValueFormatter.text(array.data, at: 0) == "{\"a\": [1, 2]}")
        let view = ArrayData(type: try JSONType(storage: .utf8View).dataType, length: 0, validity: nil, buffers: [.empty])
        #expect(makeArray(view) is UntypedArray)
    }

    @Test func fixedShapeTensorArrays() throws {
        let type = try FixedShapeTensorType(valueType: .float32, shape: [2, 2])
        let array = try FixedShapeTensorArray(
            type: type, values: Float32Array([1, 2, 3, 4, 5, 6, 7, 8]), validity: [true, false])
        #expect(array.shape == [2, 2] && array.length == 2 && array.type == type.dataType)
        let first = try #require(array[0] as? Float32Array)
        #expect(Array(first) == [1, 2, 3, 4])
        #expect(array[1] == nil)
        #expect(makeArray(array.data) is FixedShapeTensorArray)
        #expect(throws: ArrowError.self) { try FixedShapeTensorArray(type: type, values: Float32Array([1, 2, 3])) }
        #expect(throws: ArrowError.self) { try FixedShapeTensorArray(type: type, values: Int8Array([1, 2, 3, 4])) }
        #expect(throws: ArrowError.self) { try FixedShapeTensorArray(UUIDArray([]).data) }
        #expect(try ValueFormatter.text(array.data, at: 0) == "[1.0, 2.0, 3.0, 4.0]")
    }

    @Test func unknownExtensionsFormatAsTheirStorage() throws {
        let data = Int8Array([5]).data.viewed(as: .extension(name: "x.other", storage: .int8, metadata: ""))
        #expect(makeArray(data) is UntypedArray)
        #expect(try ValueFormatter.text(data, at: 0) == "5")
    }

    /// Needs the IPC decoder and encoder to handle extension columns (the layouts work).
    @Test func extensionColumnsRoundTripThroughAFile() throws {
        let tensor = try FixedShapeTensorType(valueType: .float32, shape: [2, 2])
        let columns: [any ArrowArray] = [
            UUIDArray([UUID(), nil]), Bool8Array([true, nil]), try JSONArray(["{}", nil]),
            try FixedShapeTensorArray(type: tensor, values: Float32Array([1, 2, 3, 4, 5, 6, 7, 8])),
        ]
        let batch = try RecordBatch(names: ["u", "b", "j", "t"], columns: columns)
        let writer = try ArrowFileWriter(schema: batch.schema)
        try writer.write(batch)
        let reader = try ArrowFileReader(data: try writer.finish(), options: ArrowReadOptions(validation: .full))
        #expect(reader.schema == batch.schema)
        let read = try reader.recordBatch(at: 0)
        #expect(read.isEqual(to: batch))
    }
}

@Suite struct ExtensionSummaryTests {
    static func summary() throws -> FileSummary {
        let schema = Schema([
            Field("id", uuid),
            Field("tag", .dictionary(index: .int8, value: .utf8, ordered: true), dictionaryId: 2),
            Field("raw", .binary, metadata: [ExtensionRegistry.nameKey: "x.unknown", ExtensionRegistry.metadataKey: "p"]),
            Field("t", try FixedShapeTensorType(valueType: .float32, shape: [2, 2]).dataType),
            Field("long", OpaqueType(storage: .null, typeName: String(repeating: "n", count: 80), vendorName: "v").dataType),
        ])
        return FileSummary(format: .file, schema: schema, batches: [])
    }

    @Test func textShowsDictionariesAndExtensions() throws {
        let text = try Self.summary().description + "\n"  // (the last line ends without one)
        #expect(text.contains("extension: arrow.uuid, storage fixed_size_binary[16]\n"))
        #expect(text.contains("dictionary: id 2, indices int8, ordered\n"))
        #expect(text.contains("extension: x.unknown (not registered), storage binary, metadata p\n"))
        #expect(text.contains("extension: arrow.fixed_shape_tensor, storage fixed_size_list<item: float>[4], metadata {\"shape\":[2,2]}\n"))
        let opaqueMetadata = "{\"type_name\":\"\(String(repeating: "n", count: 80))\",\"vendor_name\":\"v\"}"
        #expect(text.contains("extension: arrow.opaque, storage null, metadata of \(opaqueMetadata.utf8.count) bytes\n"))
    }

    @Test func jsonShowsDictionariesAndExtensions() throws {
        let json = try Self.summary().json
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let columns = try #require(object["columns"] as? [[String: Any]])
        let uuidExtension = try #require(columns[0]["extension"] as? [String: Any])
        #expect(uuidExtension["name"] as? String == "arrow.uuid")
        #expect(uuidExtension["storage"] as? String == "fixed_size_binary[16]")
        #expect(uuidExtension["registered"] as? Bool == true)
        #expect(columns[0]["dictionary"] is NSNull)
        let dictionary = try #require(columns[1]["dictionary"] as? [String: Any])
        #expect(dictionary["id"] as? Int == 2)
        #expect(dictionary["indexType"] as? String == "int8")
        #expect(dictionary["ordered"] as? Bool == true)
        #expect(columns[1]["extension"] is NSNull)
        let unknown = try #require(columns[2]["extension"] as? [String: Any])
        #expect(unknown["name"] as? String == "x.unknown" && unknown["metadata"] as? String == "p")
        #expect(unknown["registered"] as? Bool == false)
    }
}
