/// Take and filter on untyped nodes: the core the typed arrays, record batches and tables
/// call.
extension ArrayData {
    /// The slots at `indices`, in that order, in new compact buffers (pyarrow's `take`).
    ///
    /// `indices` is an array of any integer type, signed or unsigned; a null index gives a
    /// null slot. Every type is taken: nested types take their children's slots,
    /// dictionary-encoded arrays take their indices and keep the dictionary, run-end encoded
    /// arrays give a run-end encoded result (neighbouring slots of one run share a run),
    /// views share the data buffers, and extension arrays take their storage.
    ///
    /// Throws ``ArrowError/invalidArgument(_:)`` when an index is negative or not below
    /// ``length`` (naming it and its position), when this array or `indices` does not pass
    /// ``validate(_:checkingDecimalPrecision:)`` at the default level or reads outside its
    /// buffers where that level does not look (offsets in the middle of a buffer, union type
    /// ids), and when the result does not fit its offsets (a `binary` result of more than
    /// 2^31 - 1 bytes), its run ends, or memory.
    public func take(_ indices: ArrayData) throws -> ArrayData {
        try validateAsKernelInput()
        return try Gather(sources: [self], selection: Selection(indices: indices, length: length)).result(type)
    }

    /// The slots at `indices`, in that order (see `take(_:)` with an integer array).
    public func take(_ indices: [Int]) throws -> ArrayData {
        try validateAsKernelInput()
        return try Gather(sources: [self], selection: Selection(indices: indices, length: length)).result(type)
    }

    /// The slots where `mask` is true, in order, in new compact buffers (pyarrow's `filter`).
    ///
    /// `mask` is a `bool` array as long as this one. Where it is null, the slot is dropped, or
    /// becomes a null slot with ``NullSelectionBehavior/emitNull``. Throws
    /// ``ArrowError/invalidArgument(_:)`` when the mask has another length or type, and for the
    /// reasons `take(_:)` gives.
    public func filter(_ mask: ArrayData, nullSelection: NullSelectionBehavior = .drop) throws -> ArrayData {
        try validateAsKernelInput()
        return try filter(FilterMask(mask, nullSelection: nullSelection))
    }

    /// The slots where `mask` is true, in order (see ``filter(_:nullSelection:)``).
    public func filter(_ mask: [Bool]) throws -> ArrayData {
        try validateAsKernelInput()
        return try filter(FilterMask(mask))
    }

    /// The slots `mask` keeps, this array being valid.
    func filter(_ mask: FilterMask) throws -> ArrayData {
        try mask.check(length: length)
        return try Filter(array: self, mask: mask).result()
    }

    /// Throws ``ArrowError/invalidArgument(_:)`` unless this array passes validation at the
    /// default level: the kernels read what that level checks without checking it again.
    func validateAsKernelInput() throws {
        do {
            try validate(.default)
        } catch let error as ArrowError {
            throw ArrowError.invalidArgument("the array is not valid: \(error.reason)")
        }
    }
}
