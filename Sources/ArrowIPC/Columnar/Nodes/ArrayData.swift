/// The untyped node of an Arrow array, laid out exactly as the Arrow columnar format says.
///
/// `buffers` holds the type's buffers after the validity bitmap, in the order of the Arrow
/// layout: values for fixed-width types and booleans; offsets then data for binary and utf8;
/// offsets for lists; offsets then sizes for list views; type ids (then offsets) for unions;
/// views then variadic data buffers for view types; nothing for null, struct, fixed-size list
/// and run-end encoded. `offset` is in slots and applies to this node's buffers and, for
/// struct, sparse union and fixed-size list, to the child positions.
public struct ArrayData: Sendable {
    /// The logical type of the slots.
    public let type: DataType
    /// The number of slots.
    public let length: Int
    /// The slot of this array's first element within its buffers.
    public let offset: Int
    /// The number of null slots.
    public let nullCount: Int
    /// The validity bitmap (bit set = valid); `nil` when every slot is valid.
    public let validity: ArrowBuffer?
    /// The layout's buffers after the validity bitmap (see the type's documentation above).
    public let buffers: [ArrowBuffer]
    /// The child arrays of nested types, one per child field.
    public let children: [ArrayData]
    /// The dictionary of a dictionary-encoded array.
    public var dictionary: ArrayData? { dictionaryStorage.first }
    // An array rather than an optional because a struct cannot contain itself directly.
    private let dictionaryStorage: [ArrayData]

    /// Makes a node from its parts. Call ``validate()`` before trusting parts from elsewhere.
    public init(
        type: DataType, length: Int, offset: Int = 0, nullCount: Int? = nil,
        validity: ArrowBuffer?, buffers: [ArrowBuffer], children: [ArrayData] = [],
        dictionary: ArrayData? = nil
    ) {
        self.type = type
        self.length = length
        self.offset = offset
        self.validity = validity
        self.buffers = buffers
        self.children = children
        self.dictionaryStorage = dictionary.map { [$0] } ?? []
        if let nullCount {
            self.nullCount = nullCount
        } else if case .null = type {
            self.nullCount = length
        } else if let validity, offset >= 0, length >= 0, offset <= Int.max - 7 - length,
                  validity.count >= Bitmap.byteCount(offset + length) {
            // (The range checks keep untrusted offsets and lengths from overflowing or reading
            // outside the bitmap; ``validate(_:)`` reports them.)
            self.nullCount = length - Bitmap.countSetBits(validity.baseAddress, offset: offset, length: length)
        } else {
            self.nullCount = 0
        }
    }

    /// Whether slot `index` (0-based, relative to this array) is null. Like an array
    /// subscript, an index outside `0..<length` is a programming error and stops the program.
    @inlinable
    public func isNull(_ index: Int) -> Bool {
        precondition(index >= 0 && index < length, "slot \(index) is outside an array of length \(length)")
        if case .null = type { return true }
        guard let validity else { return false }
        let bit = offset + index
        return (validity.baseAddress.load(fromByteOffset: bit >> 3, as: UInt8.self) >> UInt8(bit & 7)) & 1 == 0
    }

    /// The slots `start..<start+count`, sharing all memory.
    public func slice(_ start: Int, _ count: Int) throws -> ArrayData {
        let (newOffset, overflow) = offset.addingReportingOverflow(start)
        guard start >= 0, count >= 0, start <= length, count <= length - start, !overflow else {
            throw ArrowError.invalidArgument("a slice of \(count) slots from slot \(start) is outside an array of length \(length)")
        }
        return ArrayData(
            type: type, length: count, offset: newOffset,
            nullCount: start == 0 && count == length ? nullCount : nil,
            validity: validity, buffers: buffers, children: children, dictionary: dictionary)
    }
}
