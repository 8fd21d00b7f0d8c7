/// Bounds-checked reads of single slots, for code that walks arrays read from untrusted bytes
/// without a full validation first (formatting values for people): every read checks its range
/// and throws ``ArrowError/invalidData(_:)`` instead of touching memory outside a buffer.
extension ArrayData {
    /// The physical slot of `index` (`offset + index`), checking that `index` is in the array.
    func checkedSlot(_ index: Int) throws -> Int {
        let (slot, overflow) = offset.addingReportingOverflow(index)
        guard index >= 0, index < length, !overflow, offset >= 0 else { throw slotError(index) }
        return slot
    }

    /// Why ``checkedSlot(_:)`` refuses `index` (apart, so that the check itself stays small).
    private func slotError(_ index: Int) -> ArrowError {
        guard index >= 0, index < length else {
            return .invalidData("slot \(index) is outside a \(type) array of length \(length)")
        }
        return .invalidData("a \(type) array has the impossible offset \(offset)")
    }

    /// Whether the validity bitmap marks physical `slot` null; false when there is no bitmap.
    func checkedValidityIsNull(_ slot: Int) throws -> Bool {
        if case .null = type { return true }
        guard let validity else { return false }
        return try !Self.bit(of: validity, at: slot, what: "validity bitmap", type: type)
    }

    /// The bit at physical `slot` of buffer `buffer` (booleans).
    func checkedBit(buffer: Int, slot: Int) throws -> Bool {
        try Self.bit(of: checkedBuffer(buffer), at: slot, what: "values bitmap", type: type)
    }

    /// Element `element` of buffer `buffer` read as `T` (buffers need not be aligned).
    func checkedLoad<T: BitwiseCopyable>(_: T.Type, buffer: Int, element: Int) throws -> T {
        let (bytes, start) = try checkedElement(buffer: buffer, element: element, width: MemoryLayout<T>.size)
        return bytes.baseAddress.loadUnaligned(fromByteOffset: start, as: T.self)
    }

    /// Element `element` of buffer `buffer` read as the index or run-end type `integerType`
    /// (`int8` … `uint64`).
    func checkedInteger(_ integerType: DataType, buffer: Int, element: Int) throws -> Int {
        guard integerType.isInteger, let width = integerType.byteWidth else {
            throw ArrowError.invalidData("\(integerType) cannot be an index or run-end type")
        }
        let (bytes, _) = try checkedElement(buffer: buffer, element: element, width: width)
        guard let value = bytes.integer(integerType, at: element) else {
            throw ArrowError.invalidData("the \(integerType) value at \(element) of a \(type) array is beyond \(Int.max)")
        }
        return value
    }

    /// Element `element` of an offsets (or sizes) buffer of 32- or 64-bit integers, as `Int`.
    func checkedOffset(buffer: Int, element: Int, large: Bool) throws -> Int {
        let value = large
            ? try checkedLoad(Int64.self, buffer: buffer, element: element)
            : Int64(try checkedLoad(Int32.self, buffer: buffer, element: element))
        guard value >= 0, let result = Int(exactly: value) else {
            throw ArrowError.invalidData("a \(type) array has the negative offset or size \(value) at \(element)")
        }
        return result
    }

    /// The range `offsets[slot]..<offsets[slot + 1]` of a binary, utf8 or list array.
    func checkedRange(slot: Int, large: Bool) throws -> Range<Int> {
        let start = try checkedOffset(buffer: 0, element: slot, large: large)
        let end = try checkedOffset(buffer: 0, element: slot + 1, large: large)
        guard start <= end else {
            throw ArrowError.invalidData("a \(type) array's offsets decrease at slot \(slot) (\(start) then \(end))")
        }
        return start..<end
    }

    /// Calls `body` with the bytes `range` of buffer `buffer`, checking the range.
    func withCheckedBytes<R>(
        buffer: Int, range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> R
    ) throws -> R {
        let bytes = try checkedBuffer(buffer)
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else {
            throw ArrowError.invalidData(
                "a \(type) array refers to bytes \(range.lowerBound)..<\(range.upperBound) of buffer \(buffer), "
                    + "which holds \(bytes.count)")
        }
        return try bytes.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[range]))
        }
    }

    /// Child `index`, checking that it exists.
    func checkedChild(_ index: Int) throws -> ArrayData {
        guard index >= 0, index < children.count else {
            throw ArrowError.invalidData("a \(type) array has \(children.count) children, not \(index + 1)")
        }
        return children[index]
    }

    /// Checks that `range` lies within child `child`'s slots.
    func checkChildRange(_ range: Range<Int>, child: ArrayData) throws {
        guard range.lowerBound >= 0, range.upperBound <= child.length else {
            throw ArrowError.invalidData(
                "a \(type) array refers to child slots \(range.lowerBound)..<\(range.upperBound) "
                    + "of a child of length \(child.length)")
        }
    }

    /// The same node seen as type `type`, of the same layout (an extension type and its
    /// storage, a timestamp and int64): children and dictionary are kept as they are.
    func viewed(as type: DataType) -> ArrayData {
        ArrayData(
            type: type, length: length, offset: offset, nullCount: nullCount, validity: validity,
            buffers: buffers, children: children, dictionary: dictionary)
    }

    private func checkedBuffer(_ index: Int) throws -> ArrowBuffer {
        guard index >= 0, index < buffers.count else { throw bufferError(index) }
        return buffers[index]
    }

    /// Why ``checkedBuffer(_:)`` refuses `index` (apart, so that the check itself stays small).
    private func bufferError(_ index: Int) -> ArrowError {
        .invalidData("a \(type) array has \(buffers.count) buffers, not \(index + 1)")
    }

    /// Buffer `buffer` and the byte offset of its element `element` of `width` bytes, checking
    /// that the buffer holds the element.
    private func checkedElement(buffer: Int, element: Int, width: Int) throws -> (ArrowBuffer, start: Int) {
        let bytes = try checkedBuffer(buffer)
        let (start, overflow) = element.multipliedReportingOverflow(by: width)
        guard !overflow, element >= 0, start <= bytes.count - width else {
            throw elementError(buffer: buffer, count: bytes.count, element: element)
        }
        return (bytes, start)
    }

    /// Why ``checkedElement(buffer:element:width:)`` refuses `element` (apart, so that the
    /// check itself stays small).
    private func elementError(buffer: Int, count: Int, element: Int) -> ArrowError {
        .invalidData("buffer \(buffer) of a \(type) array holds \(count) bytes, too few for element \(element)")
    }

    private static func bit(of buffer: ArrowBuffer, at slot: Int, what: String, type: DataType) throws -> Bool {
        guard slot >= 0, slot >> 3 < buffer.count else {
            throw ArrowError.invalidData("the \(what) of a \(type) array holds \(buffer.count) bytes, too few for slot \(slot)")
        }
        return buffer.baseAddress.arrowBit(slot)
    }
}
