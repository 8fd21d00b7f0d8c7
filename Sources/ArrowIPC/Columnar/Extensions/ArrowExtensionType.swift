/// An extension type: a named logical type stored as an ordinary Arrow type, its parameters
/// serialized to a string.
///
/// In a schema an extension field is written as its storage type, with its name under
/// ``ExtensionRegistry/nameKey`` and its serialized parameters under
/// ``ExtensionRegistry/metadataKey`` in the field metadata. Readers that know the name (it is
/// registered in ``ExtensionRegistry/shared``) give the field the type
/// `.extension(name:storage:metadata:)`; others see the storage type and the metadata.
///
/// Conform a type describing one extension's parameters, then register it:
///
/// ```swift
/// struct Point: ArrowExtensionType {
///     static let extensionName = "example.point"
///     let storageType: DataType
///     var serializedMetadata: String { "" }
///     init(storage: DataType, serializedMetadata: String) throws {
///         guard case .fixedSizeList(_, listSize: 2) = storage else {
///             throw ArrowError.invalidData("a point is stored as a fixed-size list of 2, not \(storage)")
///         }
///         storageType = storage
///     }
/// }
/// try ExtensionRegistry.shared.register(Point.self)
/// ```
public protocol ArrowExtensionType: Sendable, Hashable {
    /// The name stored under `ARROW:extension:name`, e.g. `arrow.uuid`.
    static var extensionName: String { get }

    /// The type stored as `storage` with the parameters serialized as `serializedMetadata`;
    /// throws ``ArrowError/invalidData(_:)`` saying why when the storage type or the metadata
    /// does not suit this extension.
    init(storage: DataType, serializedMetadata: String) throws

    /// The type the values are stored as.
    var storageType: DataType { get }

    /// The parameters as stored under `ARROW:extension:metadata`.
    var serializedMetadata: String { get }
}

extension ArrowExtensionType {
    /// This extension as a ``DataType``: `.extension(name:storage:metadata:)`.
    public var dataType: DataType {
        .extension(name: Self.extensionName, storage: storageType, metadata: serializedMetadata)
    }

    /// Reads the parameters of `type`, which must be `.extension` with this extension's name;
    /// throws ``ArrowError/invalidArgument(_:)`` for another type, and
    /// ``ArrowError/invalidData(_:)`` when the storage type or metadata is not valid.
    public init(_ type: DataType) throws {
        guard case .extension(let name, let storage, let metadata) = type, name == Self.extensionName else {
            throw ArrowError.invalidArgument("type \(type) is not the extension type \(Self.extensionName)")
        }
        try self.init(storage: storage, serializedMetadata: metadata)
    }
}
