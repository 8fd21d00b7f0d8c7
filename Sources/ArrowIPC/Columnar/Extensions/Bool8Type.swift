/// The canonical extension `arrow.bool8`: booleans stored one per byte as `int8`, 0 meaning
/// false and any other value true; without parameters (the metadata is empty).
public struct Bool8Type: ArrowExtensionType {
    /// `arrow.bool8`.
    public static let extensionName = "arrow.bool8"

    /// The bool8 type.
    public init() {}

    /// Accepts only `int8` storage and empty metadata.
    public init(storage: DataType, serializedMetadata: String) throws {
        guard storage == .int8 else {
            throw ArrowError.invalidData("the storage type is \(storage), not int8")
        }
        guard serializedMetadata.isEmpty else {
            throw ArrowError.invalidData("the metadata must be empty")
        }
    }

    /// `int8`.
    public var storageType: DataType { .int8 }

    /// Empty.
    public var serializedMetadata: String { "" }
}
