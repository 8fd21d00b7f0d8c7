/// The extension types a reader recognizes, by name; safe to use from any thread.
///
/// Schema decoding (IPC messages and integration JSON) asks ``shared`` about every field whose
/// metadata names an extension under ``nameKey``:
/// - a registered name whose storage type and metadata the extension accepts makes the field's
///   type `.extension(name:storage:metadata:)`, and the two `ARROW:extension:*` entries leave
///   the field metadata (the schema encoder writes them back after the other entries,
///   metadata then name, as Arrow C++ does);
/// - a registered name whose extension rejects the storage type or metadata makes the schema
///   invalid (``ArrowError/invalidData(_:)``), as in Arrow C++ and pyarrow;
/// - an unknown name leaves the field as its storage type with all its metadata, so it is
///   written back untouched.
///
/// A dictionary-encoded extension field decodes as `.extension` whose storage is the
/// `.dictionary` type. The canonical extensions ``UUIDType``, ``JSONType``, ``Bool8Type``,
/// ``FixedShapeTensorType`` and ``OpaqueType`` are registered from the start.
public final class ExtensionRegistry: Sendable {
    /// The field metadata key holding an extension's name.
    public static let nameKey = "ARROW:extension:name"
    /// The field metadata key holding an extension's serialized parameters.
    public static let metadataKey = "ARROW:extension:metadata"

    /// The registry the schema decoders use, with the canonical extensions registered.
    public static let shared = ExtensionRegistry()

    /// The canonical extension types of the Arrow specification.
    public static let canonicalTypes: [any ArrowExtensionType.Type] = [
        UUIDType.self, JSONType.self, Bool8Type.self, FixedShapeTensorType.self, OpaqueType.self,
    ]

    private let types: Locked<[String: any ArrowExtensionType.Type]>

    /// A registry holding the canonical extension types.
    public init() {
        var types: [String: any ArrowExtensionType.Type] = [:]
        for type in Self.canonicalTypes {
            types[type.extensionName] = type
        }
        self.types = Locked(types)
    }

    /// Registers `type` under its ``ArrowExtensionType/extensionName``; throws
    /// ``ArrowError/invalidArgument(_:)`` when that name is registered already.
    public func register(_ type: any ArrowExtensionType.Type) throws {
        let name = type.extensionName
        let added = types.withLock { types in
            guard types[name] == nil else { return false }
            types[name] = type
            return true
        }
        guard added else {
            throw ArrowError.invalidArgument("an extension type named '\(name)' is registered already")
        }
    }

    /// Removes the extension type registered as `name`; returns whether there was one.
    @discardableResult
    public func unregister(_ name: String) -> Bool {
        types.withLock { $0.removeValue(forKey: name) != nil }
    }

    /// The extension type registered as `name`, or `nil`.
    public func type(named name: String) -> (any ArrowExtensionType.Type)? {
        types.withLock { $0[name] }
    }

    /// The registered names, sorted.
    public var names: [String] {
        types.withLock { $0.keys.sorted() }
    }

    /// The type of a field stored as `storage` with `metadata`, which loses its two
    /// `ARROW:extension:*` entries when they name a registered extension (see the type's
    /// documentation). `field` names the field in error messages.
    func resolve(_ storage: DataType, metadata: inout Metadata, field: String) throws -> DataType {
        guard let nameIndex = metadata.entries.firstIndex(where: { $0.key == Self.nameKey }) else {
            return storage
        }
        let name = metadata.entries[nameIndex].value
        guard let type = type(named: name) else { return storage }
        let metadataIndex = metadata.entries.firstIndex(where: { $0.key == Self.metadataKey })
        let serialized = metadataIndex.map { metadata.entries[$0].value } ?? ""
        do {
            _ = try type.init(storage: storage, serializedMetadata: serialized)
        } catch {
            let reason = (error as? ArrowError)?.reason ?? "\(error)"
            throw ArrowError.invalidData("field '\(field)' of extension type \(name): \(reason)")
        }
        for index in [nameIndex, metadataIndex].compactMap({ $0 }).sorted(by: >) {
            metadata.entries.remove(at: index)
        }
        return .extension(name: name, storage: storage, metadata: serialized)
    }
}
