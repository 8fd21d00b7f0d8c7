/// The location of an object written by a ``FlatBufferBuilder``, counted from the buffer's end.
struct FlatBufferOffset: Sendable, Equatable {
    fileprivate let distanceFromEnd: Int
}

/// One field of a table being written by ``FlatBufferBuilder/createTable(_:)``.
struct FlatBufferField: Sendable {
    fileprivate enum Value: Sendable {
        case scalar(bits: UInt64, size: Int)
        case offset(FlatBufferOffset)
    }

    fileprivate let slot: Int
    fileprivate let value: Value
    /// Whether the value equals the schema default, so that it is left out as flatc does.
    fileprivate let isDefault: Bool

    private init(slot: Int, value: Value, isDefault: Bool) {
        self.slot = slot
        self.value = value
        self.isDefault = isDefault
    }

    /// A 64-bit integer, omitted when it equals `defaultValue`.
    static func int64(_ slot: Int, _ value: Int64, default defaultValue: Int64? = nil) -> FlatBufferField {
        FlatBufferField(
            slot: slot, value: .scalar(bits: UInt64(bitPattern: value), size: 8),
            isDefault: value == defaultValue)
    }

    /// A 32-bit integer, omitted when it equals `defaultValue`.
    static func int32(_ slot: Int, _ value: Int32, default defaultValue: Int32? = nil) -> FlatBufferField {
        FlatBufferField(
            slot: slot, value: .scalar(bits: UInt64(UInt32(bitPattern: value)), size: 4),
            isDefault: value == defaultValue)
    }

    /// A 16-bit integer (the enums of the Arrow schema), omitted when it equals `defaultValue`.
    static func int16(_ slot: Int, _ value: Int16, default defaultValue: Int16? = nil) -> FlatBufferField {
        FlatBufferField(
            slot: slot, value: .scalar(bits: UInt64(UInt16(bitPattern: value)), size: 2),
            isDefault: value == defaultValue)
    }

    /// An unsigned byte (union type tags and byte enums), omitted when it equals `defaultValue`.
    static func uint8(_ slot: Int, _ value: UInt8, default defaultValue: UInt8? = nil) -> FlatBufferField {
        FlatBufferField(slot: slot, value: .scalar(bits: UInt64(value), size: 1), isDefault: value == defaultValue)
    }

    /// A boolean, omitted when it equals `defaultValue`.
    static func bool(_ slot: Int, _ value: Bool, default defaultValue: Bool? = nil) -> FlatBufferField {
        FlatBufferField(slot: slot, value: .scalar(bits: value ? 1 : 0, size: 1), isDefault: value == defaultValue)
    }

    /// A reference to a string, vector or table written earlier.
    static func offset(_ slot: Int, _ target: FlatBufferOffset) -> FlatBufferField {
        FlatBufferField(slot: slot, value: .offset(target), isDefault: false)
    }
}

/// Writes a FlatBuffers buffer back to front, as the reference implementation does.
///
/// Children (strings, vectors, sub-tables) are written before the tables that refer to them, so
/// every reference is a forward unsigned offset. Scalars are aligned to their size, vectors of
/// structs to the struct's alignment, identical vtables are shared, and the finished buffer's
/// length is a multiple of its largest alignment so alignment holds from its start.
struct FlatBufferBuilder {
    /// The bytes written so far occupy `storage[head...]`.
    private var storage: [UInt8]
    private var head: Int
    private var largestAlignment = 1
    /// Written vtables by content, to share identical ones.
    private var vtables: [[UInt16]: Int] = [:]

    init(capacity: Int = 1024) {
        storage = [UInt8](repeating: 0, count: max(capacity, 16))
        head = storage.count
    }

    /// The number of bytes written so far.
    private var size: Int { storage.count - head }

    /// Makes room for `count` more bytes in front of the written ones.
    private mutating func reserve(_ count: Int) {
        guard head < count else { return }
        var capacity = storage.count
        while capacity - size < count { capacity *= 2 }
        let used = size
        var grown = [UInt8](repeating: 0, count: capacity - used)
        grown.append(contentsOf: storage[head...])
        storage = grown
        head = capacity - used
    }

    /// Pads so that, once `additional` bytes are written, the next write is `alignment`-aligned.
    private mutating func prepare(alignment: Int, additional: Int) {
        largestAlignment = max(largestAlignment, alignment)
        let padding = (alignment - (size + additional) % alignment) % alignment
        reserve(padding + additional)
        for _ in 0..<padding {
            head -= 1
            storage[head] = 0
        }
    }

    private mutating func push<T: FixedWidthInteger>(_ value: T) {
        let width = MemoryLayout<T>.size
        reserve(width)
        head -= width
        store(value, at: head)
    }

    /// Stores a little-endian integer at an index of `storage` inside the written bytes.
    private mutating func store<T: FixedWidthInteger>(_ value: T, at index: Int) {
        storage.withUnsafeMutableBytes { $0.storeBytes(of: value.littleEndian, toByteOffset: index, as: T.self) }
    }

    /// Pushes the unsigned offset from the next 4-byte slot to `target`.
    private mutating func pushOffset(to target: FlatBufferOffset) {
        prepare(alignment: 4, additional: 0)
        push(UInt32(size + 4 - target.distanceFromEnd))
    }

    /// Writes a NUL-terminated string.
    mutating func createString(_ string: String) -> FlatBufferOffset {
        var string = string
        return string.withUTF8 { utf8 in
            prepare(alignment: 4, additional: utf8.count + 1)
            push(UInt8(0))
            reserve(utf8.count)
            head -= utf8.count
            let start = head
            storage.replaceSubrange(start..<(start + utf8.count), with: utf8)
            push(UInt32(utf8.count))
            return FlatBufferOffset(distanceFromEnd: size)
        }
    }

    /// Writes a vector of references to strings, vectors or tables.
    mutating func createVector(of offsets: [FlatBufferOffset]) -> FlatBufferOffset {
        prepare(alignment: 4, additional: 4 * offsets.count)
        for target in offsets.reversed() {
            pushOffset(to: target)
        }
        push(UInt32(offsets.count))
        return FlatBufferOffset(distanceFromEnd: size)
    }

    /// Writes a vector of integers.
    mutating func createVector<T: FixedWidthInteger>(of values: [T]) -> FlatBufferOffset {
        let width = MemoryLayout<T>.size
        prepare(alignment: 4, additional: width * values.count)
        prepare(alignment: width, additional: width * values.count)
        for value in values.reversed() {
            push(value)
        }
        push(UInt32(values.count))
        return FlatBufferOffset(distanceFromEnd: size)
    }

    /// Writes a vector of `count` structs of `elementSize` bytes aligned to `alignment`;
    /// `write(i, bytes)` fills element `i` (zeroed beforehand) in little-endian order.
    mutating func createStructVector(
        count: Int, elementSize: Int, alignment: Int,
        _ write: (Int, UnsafeMutableRawBufferPointer) -> Void
    ) -> FlatBufferOffset {
        let byteCount = count * elementSize
        prepare(alignment: 4, additional: byteCount)
        prepare(alignment: alignment, additional: byteCount)
        reserve(byteCount)
        head -= byteCount
        let start = head
        storage.withUnsafeMutableBytes { all in
            let region = UnsafeMutableRawBufferPointer(rebasing: all[start..<(start + byteCount)])
            region.initializeMemory(as: UInt8.self, repeating: 0)
            for index in 0..<count {
                let offset = index * elementSize
                write(index, UnsafeMutableRawBufferPointer(rebasing: region[offset..<(offset + elementSize)]))
            }
        }
        push(UInt32(count))
        return FlatBufferOffset(distanceFromEnd: size)
    }

    /// Writes a table with `fields` (those equal to their default are left out) and its vtable.
    mutating func createTable(_ fields: [FlatBufferField]) -> FlatBufferOffset {
        var locations: [(slot: Int, distance: Int, width: Int)] = []
        let present = fields.filter { !$0.isDefault }
        // Largest scalars first, as flatc lays them out, to keep padding small.
        let ordered = present.sorted { lhs, rhs in lhs.value.alignment > rhs.value.alignment }
        for field in ordered {
            switch field.value {
            case .scalar(let bits, let width):
                prepare(alignment: width, additional: 0)
                switch width {
                case 8: push(bits)
                case 4: push(UInt32(truncatingIfNeeded: bits))
                case 2: push(UInt16(truncatingIfNeeded: bits))
                default: push(UInt8(truncatingIfNeeded: bits))
                }
            case .offset(let target):
                pushOffset(to: target)
            }
            locations.append((field.slot, size, field.value.alignment))
        }
        // The table begins with a signed offset to its vtable, patched below.
        prepare(alignment: 4, additional: 0)
        push(Int32(0))
        let tableEnd = size
        let slotCount = (locations.map(\.slot).max() ?? -1) + 1
        var vtable = [UInt16](repeating: 0, count: slotCount + 2)
        vtable[0] = UInt16(4 + 2 * slotCount)
        // The inline size covers the fields but not alignment padding, so that tables of the same
        // shape share a vtable wherever they fall.
        var inlineSize = 4
        for location in locations {
            let relative = tableEnd - location.distance
            vtable[2 + location.slot] = UInt16(relative)
            inlineSize = max(inlineSize, relative + location.width)
        }
        vtable[1] = UInt16(inlineSize)
        let vtableDistance: Int
        if let existing = vtables[vtable] {
            vtableDistance = existing
        } else {
            for entry in vtable.reversed() {
                push(entry)
            }
            vtableDistance = size
            vtables[vtable] = vtableDistance
        }
        // vtable position = table position - stored value; positions grow as distances shrink.
        store(Int32(vtableDistance - tableEnd), at: storage.count - tableEnd)
        return FlatBufferOffset(distanceFromEnd: tableEnd)
    }

    /// Finishes the buffer with `root` as its root table and returns its bytes.
    mutating func finish(root: FlatBufferOffset) -> [UInt8] {
        prepare(alignment: largestAlignment, additional: 4)
        pushOffset(to: root)
        return Array(storage[head...])
    }
}

extension FlatBufferField.Value {
    /// The alignment the value needs inside its table.
    fileprivate var alignment: Int {
        switch self {
        case .scalar(_, let size): return size
        case .offset: return 4
        }
    }
}
