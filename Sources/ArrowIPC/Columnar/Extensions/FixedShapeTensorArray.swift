/// An array of `arrow.fixed_shape_tensor` values (``FixedShapeTensorType``): one tensor per
/// slot, its elements in row-major order.
///
/// A zero-copy view over the storage, read as a ``FixedSizeListArray``; element `i` is the
/// flat array of tensor `i`'s elements, to be read with ``tensorType``'s shape.
public struct FixedShapeTensorArray: ArrowArray, RandomAccessCollection, Sendable {
    /// The node this array reads, of type `extension<arrow.fixed_shape_tensor>`.
    public let data: ArrayData
    /// The tensors' element type, shape, dimension names and permutation.
    public let tensorType: FixedShapeTensorType
    /// The same slots read as their `fixed_size_list` storage.
    public let storage: FixedSizeListArray

    /// Wraps `data`, which must be of the type ``FixedShapeTensorType`` describes and pass
    /// ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        guard let tensorType = try? FixedShapeTensorType(data.type) else {
            throw ArrowError.invalidArgument("a FixedShapeTensorArray cannot read an array of type \(data.type)")
        }
        self.init(unchecked: try data.validated(for: "FixedShapeTensorArray", readable: true), tensorType: tensorType)
    }

    /// Wraps `data` of `tensorType`, whose layout is known to be right.
    init(unchecked data: ArrayData, tensorType: FixedShapeTensorType) {
        self.data = data
        self.tensorType = tensorType
        storage = FixedSizeListArray(unchecked: data.viewed(as: tensorType.storageType))
    }

    /// An array of tensors of `type`, taking consecutive runs of `type.elementCount` elements
    /// of `values` (of `type.valueType`), null where `validity` says `false`; throws when
    /// the values do not make whole tensors or have another type.
    public init(type: FixedShapeTensorType, values: any ArrowArray, validity: [Bool]? = nil) throws {
        let lists = try FixedSizeListArray(
            listSize: type.elementCount, values: values, validity: validity, item: type.storageType.children.first)
        self.init(unchecked: lists.data.viewed(as: type.dataType), tensorType: type)
    }

    /// The size of each dimension of one tensor (physical, row-major).
    public var shape: [Int] { tensorType.shape }

    /// The elements of the tensor in slot `position` in row-major order, or `nil` when the
    /// slot is null.
    public subscript(position: Int) -> (any ArrowArray)? {
        storage[position]
    }
}
