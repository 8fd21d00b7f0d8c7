/// An array of maps: each slot is a list of key/value entries (`map<K, V>`).
///
/// The entries of all slots are a struct array of two children, keys and values; each element
/// is the slot's keys and values as their typed arrays (`nil` for a null map).
/// `Array(array)` gives `[(keys: any ArrowArray, values: any ArrowArray)?]`.
public struct MapArray: ArrowArray, RandomAccessCollection, Sendable {
    /// The same node read as a list: a map array is a list array of key/value entries.
    let list: ListArray

    /// Wraps `data`, which must be of a `map` type and pass ``ArrayData/validate(_:)`` at the
    /// default level.
    public init(_ data: ArrayData) throws {
        self.init(unchecked: try data.validated(for: "MapArray", readable: data.type.isMap))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        list = ListArray(unchecked: data)
    }

    /// An array of `offsets.count - 1` maps, map `i` holding the entries
    /// `offsets[i]..<offsets[i+1]` of `keys` and `values`, null where `validity` says `false`.
    ///
    /// The entries are a non-null struct field `entries` of a non-null `key` and a nullable
    /// `value`, as pyarrow makes them. Throws when keys and values differ in length, a key is
    /// null, there are no offsets, they decrease or leave `0...keys.length`, or `validity`
    /// has another count.
    public init(
        offsets: [Int32], keys: any ArrowArray, values: any ArrowArray, validity: [Bool]? = nil,
        keysSorted: Bool = false
    ) throws {
        guard keys.length == values.length else {
            throw ArrowError.invalidArgument("there are \(keys.length) keys but \(values.length) values")
        }
        guard keys.nullCount == 0 else {
            throw ArrowError.invalidArgument("map keys cannot be null; \(keys.nullCount) are")
        }
        let length = try checkBuilderOffsets(offsets, limit: keys.length)
        let (bitmap, nullCount) = try BitmapBuilder.validity(from: validity, length: length)
        let entryFields = [Field("key", keys.type, nullable: false), Field("value", values.type)]
        let entries = ArrayData(
            type: .struct(entryFields), length: keys.length, nullCount: 0, validity: nil, buffers: [],
            children: [keys.data, values.data])
        self.init(unchecked: ArrayData(
            type: .map(Field("entries", .struct(entryFields), nullable: false), keysSorted: keysSorted),
            length: length, nullCount: nullCount, validity: bitmap, buffers: [ArrowBuffer(copying: offsets)],
            children: [entries]))
    }

    /// The node this array reads.
    public var data: ArrayData { list.data }

    /// Whether the keys of each map are sorted.
    public var keysSorted: Bool {
        if case .map(_, let keysSorted) = data.type {
            return keysSorted
        }
        return false
    }

    /// The entries of all maps, whole: a struct array of keys and values that the offsets
    /// index into.
    public var entries: any ArrowArray {
        list.values
    }

    /// The slots of ``entries`` that map `index` holds.
    public func entryRange(at index: Int) -> Range<Int> {
        list.valueRange(at: index)
    }

    /// Calls `body` with the `length + 1` offsets into ``entries``, this array's offset applied
    /// (none for an empty array with an empty offsets buffer).
    public func withUnsafeOffsets<R>(_ body: (UnsafeBufferPointer<Int32>) throws -> R) rethrows -> R {
        try list.withUnsafeOffsets(body)
    }

    /// The keys and values of the map in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> (keys: any ArrowArray, values: any ArrowArray)? {
        let range = entryRange(at: position)
        if list.slots.isNull(position) {
            return nil
        }
        let entries = data.children[0]
        let start = entries.offset &+ range.lowerBound
        return (makeArray(entries.children[0].uncheckedSlice(start, range.count)),
                makeArray(entries.children[1].uncheckedSlice(start, range.count)))
    }
}
