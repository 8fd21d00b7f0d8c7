/// Take, filter and slice on typed arrays: the result has the array's own type, so an
/// `Int64Array` gives an `Int64Array`, and an `any ArrowArray` an `any ArrowArray`.
extension ArrowArray {
    /// The slots at `indices` (an integer array of any width; a null index gives a null
    /// slot), in that order, in new buffers. See ``ArrayData/take(_:)-(ArrayData)``.
    public func take(_ indices: some ArrowArray) throws -> Self {
        try Self(data.take(indices.data))
    }

    /// The slots at `indices`, in that order, in new buffers.
    public func take(_ indices: [Int]) throws -> Self {
        try Self(data.take(indices))
    }

    /// The slots where `mask` is true, in order, in new buffers; a null in the mask drops the
    /// slot or, with ``NullSelectionBehavior/emitNull``, gives a null slot.
    public func filter(_ mask: BooleanArray, nullSelection: NullSelectionBehavior = .drop) throws -> Self {
        try Self(data.filter(mask.data, nullSelection: nullSelection))
    }

    /// The slots where `mask` is true, in order, in new buffers.
    public func filter(_ mask: [Bool]) throws -> Self {
        try Self(data.filter(mask))
    }

    /// The slots `start..<start+count`, sharing memory with this array; throws
    /// ``ArrowError/invalidArgument(_:)`` when they are not all inside it.
    public func slice(_ start: Int, _ count: Int) throws -> Self {
        try Self(data.slice(start, count))
    }
}
