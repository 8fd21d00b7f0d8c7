/// Builds lists of any layout — `list`, `large_list`, `list_view`, `large_list_view`,
/// `fixed_size_list` — and `map`s, over a builder of their items (``values``).
///
/// Append items to ``values``, then ``endList()`` makes one slot of the items appended since
/// the slot before; ``appendNull()`` makes a null slot. ``append(_:)`` takes a whole
/// ``ArrowValue/list(_:)`` (or ``ArrowValue/map(_:)`` for a map).
///
/// ```swift
/// let lists = try ListBuilder(type: .list(Field("item", .int64)))
/// try lists.values.append(.int(1))
/// try lists.values.append(.int(2))
/// try lists.endList()                          // [1, 2]
/// try lists.append(.list([.int(3)]))           // [3]
/// lists.appendNull()                           // null
/// ```
public final class ListBuilder: TruncatableBuilder {
    public let type: DataType
    private enum Layout { case offsets32, offsets64, views32, views64, fixed(Int) }
    private let layout: Layout
    private let items: any TruncatableBuilder
    /// Starts (and ends, for the offset layouts) of the slots.
    @exclusivity(unchecked) private var offsets = BufferBuilder(capacity: 0)
    /// Sizes of the slots of the view layouts.
    @exclusivity(unchecked) private var sizes = BufferBuilder(capacity: 0)
    @exclusivity(unchecked) private var validity = BitmapBuilder(capacity: 0)
    /// The item count at the end of the last slot.
    @exclusivity(unchecked) private var itemsBefore = 0
    @exclusivity(unchecked) public private(set) var count = 0

    /// A builder of `type`: a list type of any layout, or a map.
    public init(type: DataType) throws {
        switch type {
        case .list(let item), .map(let item, _): layout = .offsets32; items = try makeTruncatableBuilder(item.type)
        case .largeList(let item): layout = .offsets64; items = try makeTruncatableBuilder(item.type)
        case .listView(let item): layout = .views32; items = try makeTruncatableBuilder(item.type)
        case .largeListView(let item): layout = .views64; items = try makeTruncatableBuilder(item.type)
        case .fixedSizeList(let item, let size) where size >= 0: layout = .fixed(size); items = try makeTruncatableBuilder(item.type)
        default: throw ArrowError.invalidArgument("\(type) is not a list or map type a builder can build")
        }
        self.type = type
        appendStart()
    }

    /// The builder of the items.
    public var values: any ArrayBuilder { items }

    /// Ends a valid slot holding the items appended to ``values`` since the slot before.
    /// Throws when a fixed-size list gets another number of items, or the items pass what
    /// 32-bit offsets address.
    public func endList() throws {
        try close(valid: true)
    }

    public func appendNull() {
        // A null fixed-size list still spans its items: nulls fill it.
        if case .fixed(let size) = layout {
            items.truncate(to: itemsBefore + size)
            while items.count < itemsBefore + size { try? items.appendNull() }
        }
        try? close(valid: false)
    }

    private func close(valid: Bool) throws {
        let end = items.count
        switch layout {
        case .offsets32, .views32:
            guard end <= Int(Int32.max) else {
                throw ArrowError.invalidArgument("slot \(count): \(type) offsets address at most \(Int32.max) items; use the large type")
            }
        case .fixed(let size):
            guard end - itemsBefore == size else {
                throw ArrowError.invalidArgument("slot \(count): \(end - itemsBefore) items are not a value of \(type)")
            }
        case .offsets64, .views64: break
        }
        switch layout {
        case .offsets32: offsets.append(Int32(truncatingIfNeeded: end))
        case .offsets64: offsets.append(Int64(end))
        case .views32:
            offsets.append(Int32(truncatingIfNeeded: itemsBefore))
            sizes.append(Int32(truncatingIfNeeded: end - itemsBefore))
        case .views64:
            offsets.append(Int64(itemsBefore))
            sizes.append(Int64(end - itemsBefore))
        case .fixed: break
        }
        validity.append(valid)
        itemsBefore = end
        count += 1
    }

    public func append(_ value: ArrowValue) throws {
        switch value {
        case .null: appendNull()
        case .list(let elements) where !isMap:
            try atomically {
                for (position, element) in elements.enumerated() {
                    do {
                        try items.append(element)
                    } catch ArrowError.invalidArgument(let reason) {
                        throw ArrowError.invalidArgument("slot \(count), item \(position): \(reason)")
                    }
                }
                try endList()
            }
        case .map(let entries) where isMap:
            guard let entryBuilder = items as? StructBuilder else { throw mismatch(value) }
            try atomically {
                for entry in entries {
                    guard !entry.key.isNull else { throw mismatch(value, "has a null key, which a map cannot hold") }
                    try entryBuilder.appendFields([entry.key, entry.value])
                }
                try endList()
            }
        default:
            throw mismatch(value)
        }
    }

    private var isMap: Bool {
        if case .map = type { return true }
        return false
    }

    public func reserve(_ additional: Int) {
        offsets.reserve(max(additional, 0) &* 8)
    }

    public func finishData() -> ArrayData {
        let length = count
        count = 0
        itemsBefore = 0
        let child = items.finishData()
        let (bitmap, nullCount) = validity.takeValidity()
        let buffers: [ArrowBuffer] = switch layout {
        case .offsets32, .offsets64: [offsets.take()]
        case .views32, .views64: [offsets.take(), sizes.take()]
        case .fixed: []
        }
        appendStart()
        return ArrayData(type: type, length: length, nullCount: nullCount, validity: bitmap, buffers: buffers, children: [child])
    }

    /// Writes the first offset of the offset layouts.
    private func appendStart() {
        switch layout {
        case .offsets32: offsets.append(Int32(0))
        case .offsets64: offsets.append(Int64(0))
        case .views32, .views64, .fixed: break
        }
    }

    func truncate(to newCount: Int) {
        guard newCount >= 0, newCount <= count else { return }
        guard newCount < count else {
            // Items appended for a slot that was never ended.
            items.truncate(to: itemsBefore)
            return
        }
        let itemCount: Int
        switch layout {
        case .offsets32:
            itemCount = Int(offsets.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: newCount * 4, as: Int32.self) })
            offsets.truncate(to: (newCount + 1) * 4)
        case .offsets64:
            itemCount = Int(offsets.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: newCount * 8, as: Int64.self) })
            offsets.truncate(to: (newCount + 1) * 8)
        case .views32:
            itemCount = Int(offsets.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: newCount * 4, as: Int32.self) })
            offsets.truncate(to: newCount * 4)
            sizes.truncate(to: newCount * 4)
        case .views64:
            itemCount = Int(offsets.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: newCount * 8, as: Int64.self) })
            offsets.truncate(to: newCount * 8)
            sizes.truncate(to: newCount * 8)
        case .fixed(let size):
            itemCount = newCount * size
        }
        items.truncate(to: itemCount)
        validity.truncate(to: newCount)
        itemsBefore = itemCount
        count = newCount
    }
}
