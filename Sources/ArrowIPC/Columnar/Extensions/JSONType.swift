/// The canonical extension `arrow.json`: JSON texts (RFC 8259, UTF-8) stored as `string`,
/// `large_string` or `string_view`.
///
/// The type has no parameters; its metadata is empty or a JSON object (`{}` today; the
/// specification lets later versions add members, which readers may ignore).
public struct JSONType: ArrowExtensionType {
    /// `arrow.json`.
    public static let extensionName = "arrow.json"

    /// The storage: `string`, `large_string` or `string_view`.
    public let storageType: DataType

    /// The JSON type stored as `storage`; throws ``ArrowError/invalidArgument(_:)`` unless it
    /// is `string`, `large_string` or `string_view`.
    public init(storage: DataType = .utf8) throws {
        guard Self.isStorage(storage) else {
            throw ArrowError.invalidArgument("arrow.json is stored as string, large_string or string_view, not \(storage)")
        }
        storageType = storage
    }

    /// Accepts string storage and metadata that is empty or a JSON object.
    public init(storage: DataType, serializedMetadata: String) throws {
        guard Self.isStorage(storage) else {
            throw ArrowError.invalidData("the storage type is \(storage), not string, large_string or string_view")
        }
        if !serializedMetadata.isEmpty {
            _ = try ExtensionMetadataJSON.object(serializedMetadata)
        }
        storageType = storage
    }

    /// Empty.
    public var serializedMetadata: String { "" }

    private static func isStorage(_ type: DataType) -> Bool {
        type == .utf8 || type == .largeUtf8 || type == .utf8View
    }
}
