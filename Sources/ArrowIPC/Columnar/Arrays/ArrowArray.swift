/// A typed view over an ``ArrayData`` node.
///
/// Every concrete array (``Int64Array``, ``StringArray``, ``ListArray``, …) conforms; a
/// record batch hands its columns out as `any ArrowArray`, to be cast to the concrete type.
/// Every array prints as pyarrow prints arrays: its type and counts, then its values.
public protocol ArrowArray: Sendable, CustomStringConvertible {
    /// The untyped node this array reads.
    var data: ArrayData { get }
    /// Wraps `data`; throws when its type is not one this array reads.
    init(_ data: ArrayData) throws
}

extension ArrowArray {
    /// The data type of the values.
    public var type: DataType { data.type }
    /// The number of slots, null or not.
    public var length: Int { data.length }
    /// The number of null slots.
    public var nullCount: Int { data.nullCount }
    /// Whether slot `index` is null.
    public func isNull(_ index: Int) -> Bool { data.isNull(index) }
}
