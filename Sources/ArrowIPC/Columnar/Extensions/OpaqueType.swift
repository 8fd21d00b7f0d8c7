/// The canonical extension `arrow.opaque`: data of a type that an external system has and
/// Arrow cannot interpret, stored as any type (`null` when there is no data), named by the
/// system.
///
/// The metadata is a JSON object with the string members `type_name` and `vendor_name`, e.g.
/// `{"type_name":"geometry","vendor_name":"PostGIS"}`; other members are allowed and ignored.
public struct OpaqueType: ArrowExtensionType {
    /// `arrow.opaque`.
    public static let extensionName = "arrow.opaque"

    /// The storage type, any type.
    public let storageType: DataType
    /// The name of the type in the external system.
    public let typeName: String
    /// The name of the external system.
    public let vendorName: String

    /// The opaque type `typeName` of `vendorName`, stored as `storage`.
    public init(storage: DataType, typeName: String, vendorName: String) {
        storageType = storage
        self.typeName = typeName
        self.vendorName = vendorName
    }

    /// Accepts any storage and a JSON object with the string members `type_name` and `vendor_name`.
    public init(storage: DataType, serializedMetadata: String) throws {
        let object = try ExtensionMetadataJSON.object(serializedMetadata)
        guard let typeName = try ExtensionMetadataJSON.string(object, "type_name") else {
            throw ArrowError.invalidData("the metadata has no \"type_name\"")
        }
        guard let vendorName = try ExtensionMetadataJSON.string(object, "vendor_name") else {
            throw ArrowError.invalidData("the metadata has no \"vendor_name\"")
        }
        self.init(storage: storage, typeName: typeName, vendorName: vendorName)
    }

    /// `{"type_name":…,"vendor_name":…}`.
    public var serializedMetadata: String {
        ExtensionMetadataJSON.write([("type_name", .string(typeName)), ("vendor_name", .string(vendorName))])
    }
}
