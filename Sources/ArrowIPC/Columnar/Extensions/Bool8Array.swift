/// An array of `arrow.bool8` values (``Bool8Type``): booleans stored one per byte as `int8`,
/// 0 meaning false and anything else true.
///
/// A zero-copy view over the storage, read as an ``Int8Array``; `Array(array)` gives `[Bool?]`.
public struct Bool8Array: ArrowArray, RandomAccessCollection, Sendable {
    /// The node this array reads, of type `extension<arrow.bool8>`.
    public let data: ArrayData
    /// The same slots read as their `int8` storage.
    public let storage: Int8Array

    /// Wraps `data`, which must be of the type ``Bool8Type`` describes and pass
    /// ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        let readable = (try? Bool8Type(data.type)) != nil
        self.init(unchecked: try data.validated(for: "Bool8Array", readable: readable))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
        storage = Int8Array(unchecked: data.viewed(as: .int8))
    }

    /// An array holding `values` (as 1 and 0), `nil` meaning null.
    public init(_ values: [Bool?]) {
        let bytes = Int8Array(values.map { $0.map { $0 ? 1 : 0 } }).data
        self.init(unchecked: bytes.viewed(as: Bool8Type().dataType))
    }

    /// The value in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> Bool? {
        storage[position].map { $0 != 0 }
    }
}
