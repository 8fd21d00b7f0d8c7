/// An array of variable-length lists with `Offset`-wide offsets: ``ListArray`` (`list`,
/// 32-bit offsets) or ``LargeListArray`` (`large_list`, 64-bit offsets).
///
/// Each element is the slice of the child array ``values`` that the list holds, as its typed
/// array (`nil` for a null list). `Array(array)` gives `[(any ArrowArray)?]`.
public struct GenericListArray<Offset: ArrowOffset>: ArrowArray, RandomAccessCollection, @unchecked Sendable {
    // The pointers point into buffers that `data` keeps alive and nobody writes.
    /// The node this array reads.
    public let data: ArrayData
    let slots: OffsetSlots<Offset>

    /// Wraps `data`, which must be of type `list` (32-bit offsets) or `large_list` (64-bit)
    /// and pass ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        let readable = switch data.type {
        case .list: !Offset.isLarge
        case .largeList: Offset.isLarge
        default: false
        }
        self.init(unchecked: try data.validated(for: "\(Offset.isLarge ? "large_list" : "list") array", readable: readable))
    }

    /// Wraps `data` whose layout is known to be right: a `list` or `large_list` node of this
    /// offset width, or a map node read as a list of its entries.
    init(unchecked data: ArrayData) {
        self.data = data
        slots = OffsetSlots(list: data)
    }

    /// An array of `offsets.count - 1` lists, list `i` holding `values[offsets[i]..<offsets[i+1]]`,
    /// null where `validity` says `false`.
    ///
    /// `item` is the child field, by default a nullable field called `item` of the values'
    /// type. Throws when there are no offsets, they decrease or leave `0...values.length`,
    /// `validity` has another count, or `item` has another type than the values.
    public init(offsets: [Offset], values: any ArrowArray, validity: [Bool]? = nil, item: Field? = nil) throws {
        let item = item ?? Field("item", values.type)
        guard item.type == values.type else {
            throw ArrowError.invalidArgument("the item field has type \(item.type) but the values have type \(values.type)")
        }
        let length = try checkBuilderOffsets(offsets, limit: values.length)
        let (bitmap, nullCount) = try BitmapBuilder.validity(from: validity, length: length)
        self.init(unchecked: ArrayData(
            type: Offset.isLarge ? .largeList(item) : .list(item), length: length, nullCount: nullCount,
            validity: bitmap, buffers: [ArrowBuffer(copying: offsets)], children: [values.data]))
    }

    /// The child field.
    public var item: Field {
        data.type.children[0]
    }

    /// The child array the offsets index into, whole: list `i` is its slots
    /// ``valueRange(at:)``.
    public var values: any ArrowArray {
        makeArray(data.children[0])
    }

    /// The slots of ``values`` that list `index` holds (empty for a null list, usually).
    public func valueRange(at index: Int) -> Range<Int> {
        precondition(index >= 0 && index < data.length, "index \(index) is outside 0..<\(data.length)")
        return slots.range(index)
    }

    /// Calls `body` with the `length + 1` offsets into ``values``, this array's offset applied
    /// (none for an empty array with an empty offsets buffer).
    public func withUnsafeOffsets<R>(_ body: (UnsafeBufferPointer<Offset>) throws -> R) rethrows -> R {
        try withExtendedLifetime(data) { try slots.offsets.withUnsafeOffsets(body) }
    }

    /// The values of the list in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> (any ArrowArray)? {
        let range = valueRange(at: position)
        if slots.isNull(position) {
            return nil
        }
        return makeArray(data.children[0].uncheckedSlice(range.lowerBound, range.count))
    }
}

/// An array of `list` values (32-bit offsets).
public typealias ListArray = GenericListArray<Int32>
/// An array of `large_list` values (64-bit offsets).
public typealias LargeListArray = GenericListArray<Int64>

/// An array of lists that all have `listSize` items (`fixed_size_list<item: T>[n]`).
///
/// Each element is the slice of the child array that the list holds, as its typed array
/// (`nil` for a null list). `Array(array)` gives `[(any ArrowArray)?]`.
public struct FixedSizeListArray: ArrowArray, RandomAccessCollection, Sendable {
    /// The node this array reads.
    public let data: ArrayData
    /// The number of items in every list.
    public let listSize: Int

    /// Wraps `data`, which must be of a `fixed_size_list` type and pass
    /// ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        let readable = if case .fixedSizeList = data.type { true } else { false }
        self.init(unchecked: try data.validated(for: "FixedSizeListArray", readable: readable))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
        if case .fixedSizeList(_, let listSize) = data.type {
            self.listSize = listSize
        } else {
            self.listSize = 0
        }
    }

    /// An array of lists of `listSize` consecutive items of `values`, null where `validity`
    /// says `false`; there are `values.length / listSize` lists (`validity.count` when
    /// `listSize` is 0).
    ///
    /// `item` is the child field, by default a nullable field called `item` of the values'
    /// type. Throws when `listSize` is negative or does not divide `values.length`,
    /// `validity` has another count, or `item` has another type than the values.
    public init(listSize: Int, values: any ArrowArray, validity: [Bool]? = nil, item: Field? = nil) throws {
        let item = item ?? Field("item", values.type)
        guard item.type == values.type else {
            throw ArrowError.invalidArgument("the item field has type \(item.type) but the values have type \(values.type)")
        }
        guard listSize >= 0 else {
            throw ArrowError.invalidArgument("the list size \(listSize) is negative")
        }
        let length: Int
        if listSize == 0 {
            length = validity?.count ?? 0
        } else {
            guard values.length % listSize == 0 else {
                throw ArrowError.invalidArgument("\(values.length) values do not make whole lists of \(listSize)")
            }
            length = values.length / listSize
        }
        let (bitmap, nullCount) = try BitmapBuilder.validity(from: validity, length: length)
        self.init(unchecked: ArrayData(
            type: .fixedSizeList(item, listSize: listSize), length: length, nullCount: nullCount,
            validity: bitmap, buffers: [], children: [values.data]))
    }

    /// The child field.
    public var item: Field {
        data.type.children[0]
    }

    /// The child slots this array covers, `length × listSize` of them: list `i` is
    /// `i × listSize ..< (i + 1) × listSize`.
    public var values: any ArrowArray {
        makeArray(data.children[0].uncheckedSlice(data.offset &* listSize, data.length &* listSize))
    }

    /// The values of the list in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> (any ArrowArray)? {
        if data.isNull(position) {
            return nil
        }
        return makeArray(data.children[0].uncheckedSlice((data.offset &+ position) &* listSize, listSize))
    }
}

/// Checks offsets given to a list or map builder — at least one, the first non-negative,
/// none decreasing, the last at most `limit` — and returns the number of slots they make.
func checkBuilderOffsets<Offset: ArrowOffset>(_ offsets: [Offset], limit: Int) throws -> Int {
    guard let first = offsets.first, let last = offsets.last else {
        throw ArrowError.invalidArgument("offsets need at least one entry (the start of the first slot)")
    }
    guard first >= 0 else {
        throw ArrowError.invalidArgument("the first offset, \(first), is negative")
    }
    for index in offsets.indices.dropFirst() where offsets[index] < offsets[index - 1] {
        throw ArrowError.invalidArgument("offsets decrease from \(offsets[index - 1]) to \(offsets[index]) at slot \(index - 1)")
    }
    guard last <= limit else {
        throw ArrowError.invalidArgument("the last offset, \(last), is past the \(limit) values")
    }
    return offsets.count - 1
}
