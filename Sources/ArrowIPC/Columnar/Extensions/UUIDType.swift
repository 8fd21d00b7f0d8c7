/// The canonical extension `arrow.uuid`: UUIDs stored as `fixed_size_binary[16]`, the bytes
/// in big-endian (RFC 9562) order, without parameters (the metadata is empty).
public struct UUIDType: ArrowExtensionType {
    /// `arrow.uuid`.
    public static let extensionName = "arrow.uuid"
    /// `fixed_size_binary[16]`.
    public static let storage = DataType.fixedSizeBinary(byteWidth: 16)

    /// The UUID type.
    public init() {}

    /// Accepts only `fixed_size_binary[16]` storage and empty metadata.
    public init(storage: DataType, serializedMetadata: String) throws {
        guard storage == Self.storage else {
            throw ArrowError.invalidData("the storage type is \(storage), not \(Self.storage)")
        }
        guard serializedMetadata.isEmpty else {
            throw ArrowError.invalidData("the metadata must be empty")
        }
    }

    /// `fixed_size_binary[16]`.
    public var storageType: DataType { Self.storage }

    /// Empty.
    public var serializedMetadata: String { "" }
}
