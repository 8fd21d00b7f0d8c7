/// An array of lists given by an offset and a size each, `Offset`-wide: ``ListViewArray``
/// (`list_view`, 32-bit) or ``LargeListViewArray`` (`large_list_view`, 64-bit).
///
/// Unlike a list array's, the offsets may come in any order and the lists may overlap. Each
/// element is the slice of the child array ``values`` that the list holds, as its typed
/// array (`nil` for a null list). `Array(array)` gives `[(any ArrowArray)?]`.
public struct GenericListViewArray<Offset: ArrowOffset>: ArrowArray, RandomAccessCollection, Sendable {
    /// The node this array reads.
    public let data: ArrayData

    /// Wraps `data`, which must be of type `list_view` (32-bit offsets and sizes) or
    /// `large_list_view` (64-bit) and pass ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        let readable = switch data.type {
        case .listView: !Offset.isLarge
        case .largeListView: Offset.isLarge
        default: false
        }
        let name = Offset.isLarge ? "large_list_view" : "list_view"
        self.init(unchecked: try data.validated(for: "\(name) array", readable: readable))
    }

    /// Wraps `data` whose layout is known to be right: a `list_view` or `large_list_view`
    /// node of this offset width.
    init(unchecked data: ArrayData) {
        self.data = data
    }

    /// An array of `offsets.count` lists, list `i` holding
    /// `values[offsets[i]..<offsets[i] + sizes[i]]`, null where `validity` says `false`.
    ///
    /// `item` is the child field, by default a nullable field called `item` of the values'
    /// type. Throws when `offsets` and `sizes` (or `validity`) have different counts, a
    /// non-null list leaves `0...values.length`, or `item` has another type than the values.
    public init(
        offsets: [Offset], sizes: [Offset], values: any ArrowArray, validity: [Bool]? = nil, item: Field? = nil
    ) throws {
        let item = item ?? Field("item", values.type)
        guard offsets.count == sizes.count else {
            throw ArrowError.invalidArgument("\(offsets.count) offsets were given with \(sizes.count) sizes")
        }
        let (bitmap, nullCount) = try BitmapBuilder.validity(from: validity, length: offsets.count)
        let data = ArrayData(
            type: Offset.isLarge ? .largeListView(item) : .listView(item), length: offsets.count,
            nullCount: nullCount, validity: bitmap,
            buffers: [ArrowBuffer(copying: offsets), ArrowBuffer(copying: sizes)], children: [values.data])
        self.init(unchecked: try data.validatedAsBuilt())
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

    /// The slots of ``values`` that list `index` holds; empty when its offset and size leave
    /// the child (which `ArrayData.validate(.full)` reports for non-null lists).
    public func valueRange(at index: Int) -> Range<Int> {
        precondition(index >= 0 && index < data.length, "index \(index) is outside 0..<\(data.length)")
        return (try? data.childRange(slot: data.offset &+ index)) ?? 0..<0
    }

    /// The values of the list in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> (any ArrowArray)? {
        let range = valueRange(at: position)
        if data.isNull(position) {
            return nil
        }
        return makeArray(data.children[0].uncheckedSlice(range.lowerBound, range.count))
    }
}

/// An array of `list_view` values (32-bit offsets and sizes).
public typealias ListViewArray = GenericListViewArray<Int32>
/// An array of `large_list_view` values (64-bit offsets and sizes).
public typealias LargeListViewArray = GenericListViewArray<Int64>
