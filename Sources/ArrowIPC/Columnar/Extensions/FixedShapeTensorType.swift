/// The canonical extension `arrow.fixed_shape_tensor`: one tensor of a fixed shape per slot,
/// its elements stored in row-major order as a `fixed_size_list` whose size is the product of
/// the shape.
///
/// The metadata is a JSON object with `shape` (non-negative integers), and optionally
/// `dim_names` (one name per dimension) and `permutation` (the physical dimension of each
/// logical one, a permutation of `0..<shape.count`), e.g.
/// `{"shape":[2,3],"dim_names":["rows","columns"]}`. Other members are ignored.
public struct FixedShapeTensorType: ArrowExtensionType {
    /// `arrow.fixed_shape_tensor`.
    public static let extensionName = "arrow.fixed_shape_tensor"

    /// The storage: a `fixed_size_list` of the elements, `shape`'s product long.
    public let storageType: DataType
    /// The size of each dimension of the physical (row-major) layout.
    public let shape: [Int]
    /// The names of the dimensions, one per dimension, when given.
    public let dimensionNames: [String]?
    /// For each logical dimension, the physical dimension it is, when given.
    public let permutation: [Int]?

    /// Tensors of `shape` with elements of `valueType` (stored as a nullable child `item`);
    /// throws ``ArrowError/invalidArgument(_:)`` when a size is negative, the product
    /// overflows, or the names or permutation do not fit the shape.
    public init(valueType: DataType, shape: [Int], dimensionNames: [String]? = nil, permutation: [Int]? = nil) throws {
        do {
            let size = try Self.check(shape: shape, dimensionNames: dimensionNames, permutation: permutation)
            self.init(
                storage: .fixedSizeList(Field("item", valueType), listSize: size),
                shape: shape, dimensionNames: dimensionNames, permutation: permutation)
        } catch ArrowError.invalidData(let reason) {
            throw ArrowError.invalidArgument(reason)
        }
    }

    /// Accepts `fixed_size_list` storage and metadata as the type's documentation describes,
    /// whose shape's product is the list size.
    public init(storage: DataType, serializedMetadata: String) throws {
        guard case .fixedSizeList(_, let listSize) = storage else {
            throw ArrowError.invalidData("the storage type is \(storage), not a fixed_size_list")
        }
        let object = try ExtensionMetadataJSON.object(serializedMetadata)
        guard let shape = try ExtensionMetadataJSON.integers(object, "shape") else {
            throw ArrowError.invalidData("the metadata has no \"shape\"")
        }
        let names = try ExtensionMetadataJSON.strings(object, "dim_names")
        let permutation = try ExtensionMetadataJSON.integers(object, "permutation")
        let size = try Self.check(shape: shape, dimensionNames: names, permutation: permutation)
        guard size == listSize else {
            throw ArrowError.invalidData("the shape \(shape) holds \(size) elements, but the lists hold \(listSize)")
        }
        self.init(storage: storage, shape: shape, dimensionNames: names, permutation: permutation)
    }

    private init(storage: DataType, shape: [Int], dimensionNames: [String]?, permutation: [Int]?) {
        storageType = storage
        self.shape = shape
        self.dimensionNames = dimensionNames
        self.permutation = permutation
    }

    /// The element type.
    public var valueType: DataType {
        storageType.children.first?.type ?? .null
    }

    /// The number of elements of one tensor: the product of the shape.
    public var elementCount: Int {
        if case .fixedSizeList(_, let size) = storageType { return size }
        return 0
    }

    /// `{"shape":[…]}`, then `permutation` and `dim_names` when given.
    public var serializedMetadata: String {
        var members: [(key: String, value: ExtensionMetadataJSON.Member)] = [("shape", .integers(shape))]
        if let permutation {
            members.append(("permutation", .integers(permutation)))
        }
        if let dimensionNames {
            members.append(("dim_names", .strings(dimensionNames)))
        }
        return ExtensionMetadataJSON.write(members)
    }

    /// The number of elements of a tensor of `shape`, after checking the shape, names and
    /// permutation; throws ``ArrowError/invalidData(_:)``.
    private static func check(shape: [Int], dimensionNames: [String]?, permutation: [Int]?) throws -> Int {
        var size = 1
        for dimension in shape {
            guard dimension >= 0 else {
                throw ArrowError.invalidData("the shape \(shape) has a negative size")
            }
            let (product, overflow) = size.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= Int(Int32.max) else {
                throw ArrowError.invalidData("the shape \(shape) holds more elements than a fixed_size_list can")
            }
            size = product
        }
        if let dimensionNames, dimensionNames.count != shape.count {
            throw ArrowError.invalidData("there are \(dimensionNames.count) dimension names for \(shape.count) dimensions")
        }
        if let permutation, permutation.sorted() != Array(0..<shape.count) {
            throw ArrowError.invalidData("the permutation \(permutation) is not a permutation of 0..<\(shape.count)")
        }
        return size
    }
}
