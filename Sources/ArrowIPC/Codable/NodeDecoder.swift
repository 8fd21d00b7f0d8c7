/// The `Decoder` that reads Swift values from a ``DecodingNode``: slot `index` of its array.
struct NodeDecoder: Decoder {
    let node: DecodingNode
    let index: Int

    var codingPath: [any CodingKey] { node.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { node.context.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if let lookup = node.lookup {
            if try node.isNull(at: index) { throw node.missing(KeyedDecodingContainer<Key>.self) }
            return node.records.container(keyedBy: type, node: node, lookup: lookup, slot: try node.slot(index))
        }
        guard case .map(let entries, let keyNode, let valueNode) = node.kind else {
            throw node.notA("a keyed value (a struct or map column)", for: KeyedDecodingContainer<Key>.self)
        }
        if try node.isNull(at: index) { throw node.missing(KeyedDecodingContainer<Key>.self) }
        return KeyedDecodingContainer(MapDecodingContainer<Key>(
            node: node, entries: entries, keys: keyNode, values: valueNode, range: try node.listRange(at: index)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .list(let item) = node.kind else {
            throw node.notA("an unkeyed value (a list column)", for: (any UnkeyedDecodingContainer).self)
        }
        if try node.isNull(at: index) { throw node.missing((any UnkeyedDecodingContainer).self) }
        let range = try node.listRange(at: index)
        return ListDecodingContainer(list: node, item: item, range: range)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        NodeValueDecodingContainer(node: node, index: index)
    }
}

/// Reads the fields of a record from the record node's field nodes.
struct RecordDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let record: RecordSlot

    private var node: DecodingNode { record.node }
    private var lookup: RecordLookup { record.lookup }
    /// The record's slot in the field nodes.
    private var slot: Int { record.slot }

    var codingPath: [any CodingKey] { node.codingPath }

    /// The keys of the fields that are not null in this record: a null stands for a key the
    /// encoder left out (an optional that was nil, the cases an enum did not hold).
    var allKeys: [Key] {
        lookup.allKeys.enumerated().compactMap { position, key in
            guard let field = try? lookup.child(position, key: key), (try? field.isNull(at: slot)) == false else { return nil }
            return Key(stringValue: key)
        }
    }

    func contains(_ key: Key) -> Bool {
        lookup.position(of: key.stringValue) != nil
    }

    /// The node of `key`'s field; throws `keyNotFound` when there is none.
    @inline(__always)
    private func field(_ key: Key) throws -> DecodingNode {
        guard let position = lookup.position(of: key.stringValue) else { throw lookup.missing(key) }
        return try lookup.child(position, key: key.stringValue)
    }

    /// The node of `key`'s field, or `nil` when there is none.
    @inline(__always)
    private func optionalField(_ key: Key) throws -> DecodingNode? {
        guard let position = lookup.position(of: key.stringValue) else { return nil }
        return try lookup.child(position, key: key.stringValue)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let field = try optionalField(key) else { return true }
        return try field.isNull(at: slot)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try field(key).scalar(type, at: slot) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try field(key).scalar(type, at: slot) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try field(key).scalar(type, at: slot) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try field(key).scalar(type, at: slot) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try field(key).scalar(type, at: slot) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try field(key).scalar(type, at: slot) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try field(key).scalar(type, at: slot) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try field(key).scalar(type, at: slot) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try field(key).scalar(type, at: slot) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try field(key).scalar(type, at: slot) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try field(key).scalar(type, at: slot) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try field(key).scalar(type, at: slot) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try field(key).scalar(type, at: slot) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try field(key).scalar(type, at: slot) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try optionalField(key)?.optionalScalar(type, at: slot) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try optionalField(key)?.optionalScalar(type, at: slot) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optionalField(key)?.optionalScalar(type, at: slot) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try optionalField(key)?.optionalScalar(type, at: slot) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optionalField(key)?.optionalScalar(type, at: slot) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try optionalField(key)?.optionalScalar(type, at: slot) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try optionalField(key)?.optionalScalar(type, at: slot) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try optionalField(key)?.optionalScalar(type, at: slot) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try optionalField(key)?.optionalScalar(type, at: slot) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try optionalField(key)?.optionalScalar(type, at: slot) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try optionalField(key)?.optionalScalar(type, at: slot) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try optionalField(key)?.optionalScalar(type, at: slot) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try optionalField(key)?.optionalScalar(type, at: slot) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try optionalField(key)?.optionalScalar(type, at: slot) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try field(key).decode(type, at: slot)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let field = try optionalField(key), !(try field.isNull(at: slot)) else { return nil }
        return try field.decode(type, at: slot)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try NodeDecoder(node: field(key), index: slot).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try NodeDecoder(node: field(key), index: slot).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        guard let position = lookup.position(of: "super") else { throw lookup.missing(ArrowCodingKey(stringValue: "super")) }
        return NodeDecoder(node: try lookup.child(position, key: "super"), index: slot)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        NodeDecoder(node: try field(key), index: slot)
    }
}

/// Reads the entries of a map as a keyed container: its keys are the map's keys.
struct MapDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: DecodingNode
    let entries: ArrayData
    let keys: DecodingNode
    let values: DecodingNode
    /// The entries of this map.
    let range: Range<Int>

    var codingPath: [any CodingKey] { node.codingPath }

    var allKeys: [Key] {
        range.compactMap { entry in
            switch try? keys.value(at: slot(entry)) {
            case .string(let text): Key(stringValue: text)
            case .int(let number): Int(exactly: number).flatMap { Key(intValue: $0) } ?? Key(stringValue: String(number))
            case .uint(let number): Int(exactly: number).flatMap { Key(intValue: $0) } ?? Key(stringValue: String(number))
            default: nil
            }
        }
    }

    /// The slot in the key and value nodes of entry `entry`.
    private func slot(_ entry: Int) throws -> Int {
        try node.checked { try entries.checkedSlot(entry) }
    }

    /// Whether entry `entry` has `key`.
    private func entry(_ entry: Int, is key: Key) throws -> Bool {
        switch try keys.value(at: try slot(entry)) {
        case .string(let text): text == key.stringValue
        case .int(let number): key.intValue.map { Int64($0) == number } ?? (String(number) == key.stringValue)
        case .uint(let number): key.intValue.map { UInt64(exactly: $0) == number } ?? (String(number) == key.stringValue)
        default: false
        }
    }

    /// The slot of the entry of `key`: the entry after the last one found when it matches
    /// (a dictionary reads its keys in order), else the first that does.
    private func find(_ key: Key) throws -> Int? {
        let next = node.currentItem + 1
        if range.contains(next), try entry(next, is: key) {
            node.currentItem = next
            return try slot(next)
        }
        for candidate in range where try entry(candidate, is: key) {
            node.currentItem = candidate
            return try slot(candidate)
        }
        return nil
    }

    private func value(_ key: Key) throws -> Int {
        guard let slot = try find(key) else {
            throw DecodingError.keyNotFound(key, node.context("the map has no key '\(key.stringValue)'"))
        }
        return slot
    }

    func contains(_ key: Key) -> Bool {
        ((try? find(key)) ?? nil) != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let slot = try find(key) else { return true }
        return try values.isNull(at: slot)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try values.scalar(type, at: value(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try values.scalar(type, at: value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try values.scalar(type, at: value(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try values.scalar(type, at: value(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try values.scalar(type, at: value(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try values.scalar(type, at: value(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try values.scalar(type, at: value(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try values.scalar(type, at: value(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try values.scalar(type, at: value(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try values.scalar(type, at: value(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try values.scalar(type, at: value(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try values.scalar(type, at: value(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try values.scalar(type, at: value(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try values.scalar(type, at: value(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try values.decode(type, at: value(key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try NodeDecoder(node: values, index: value(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try NodeDecoder(node: values, index: value(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        throw DecodingError.typeMismatch(Decoder.self, node.context("a map has no superclass value"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        NodeDecoder(node: values, index: try value(key))
    }
}

/// Reads the items of one list.
struct ListDecodingContainer: UnkeyedDecodingContainer {
    let list: DecodingNode
    let item: DecodingNode
    /// The items of this list, as indices into the item node.
    let range: Range<Int>
    private(set) var currentIndex = 0

    init(list: DecodingNode, item: DecodingNode, range: Range<Int>) {
        self.list = list
        self.item = item
        self.range = range
    }

    var codingPath: [any CodingKey] { list.codingPath }
    var count: Int? { range.count }
    var isAtEnd: Bool { currentIndex >= range.count }

    /// The index of the next item in the item node, moving past it.
    @inline(__always)
    private mutating func next(_ type: Any.Type) throws -> Int {
        guard currentIndex < range.count else {
            throw DecodingError.valueNotFound(type, list.context("the list has only \(range.count) items"))
        }
        list.currentItem = currentIndex
        currentIndex += 1
        return range.lowerBound + currentIndex - 1
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < range.count else { return false }
        list.currentItem = currentIndex
        guard try item.isNull(at: range.lowerBound + currentIndex) else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try item.scalar(type, at: next(type)) }
    mutating func decode(_ type: String.Type) throws -> String { try item.scalar(type, at: next(type)) }
    mutating func decode(_ type: Double.Type) throws -> Double { try item.scalar(type, at: next(type)) }
    mutating func decode(_ type: Float.Type) throws -> Float { try item.scalar(type, at: next(type)) }
    mutating func decode(_ type: Int.Type) throws -> Int { try item.scalar(type, at: next(type)) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try item.scalar(type, at: next(type)) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try item.scalar(type, at: next(type)) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try item.scalar(type, at: next(type)) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try item.scalar(type, at: next(type)) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try item.scalar(type, at: next(type)) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try item.scalar(type, at: next(type)) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try item.scalar(type, at: next(type)) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try item.scalar(type, at: next(type)) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try item.scalar(type, at: next(type)) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try item.decode(type, at: next(type))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try NodeDecoder(node: item, index: next(KeyedDecodingContainer<NestedKey>.self)).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try NodeDecoder(node: item, index: next((any UnkeyedDecodingContainer).self)).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        NodeDecoder(node: item, index: try next((any Decoder).self))
    }
}

/// Reads a single value.
struct NodeValueDecodingContainer: SingleValueDecodingContainer {
    let node: DecodingNode
    let index: Int

    var codingPath: [any CodingKey] { node.codingPath }

    func decodeNil() -> Bool {
        (try? node.isNull(at: index)) ?? false
    }

    func decode(_ type: Bool.Type) throws -> Bool { try node.scalar(type, at: index) }
    func decode(_ type: String.Type) throws -> String { try node.scalar(type, at: index) }
    func decode(_ type: Double.Type) throws -> Double { try node.scalar(type, at: index) }
    func decode(_ type: Float.Type) throws -> Float { try node.scalar(type, at: index) }
    func decode(_ type: Int.Type) throws -> Int { try node.scalar(type, at: index) }
    func decode(_ type: Int8.Type) throws -> Int8 { try node.scalar(type, at: index) }
    func decode(_ type: Int16.Type) throws -> Int16 { try node.scalar(type, at: index) }
    func decode(_ type: Int32.Type) throws -> Int32 { try node.scalar(type, at: index) }
    func decode(_ type: Int64.Type) throws -> Int64 { try node.scalar(type, at: index) }
    func decode(_ type: UInt.Type) throws -> UInt { try node.scalar(type, at: index) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try node.scalar(type, at: index) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try node.scalar(type, at: index) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try node.scalar(type, at: index) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try node.scalar(type, at: index) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try node.decode(type, at: index)
    }
}

/// The record a ``RecordDecodingContainer`` reads: its node, fields and slot. The container of
/// a record node holds only this (the box a `KeyedDecodingContainer` keeps copies its container
/// for every value), and is handed out again for the node's next records, its slot moved,
/// where nothing else holds it.
final class RecordSlot {
    let node: DecodingNode
    let lookup: RecordLookup
    @exclusivity(unchecked) var slot: Int

    init(node: DecodingNode, lookup: RecordLookup, slot: Int) {
        self.node = node
        self.lookup = lookup
        self.slot = slot
    }
}

/// The keyed containers of one record node: a new one for the first record, then the same one
/// again, moved to the next record, as long as the code that decoded the record before did not
/// keep it.
struct ReusableRecordContainers {
    /// The container last made, a ``ReusableContainer`` of `KeyedDecodingContainer<keys>`,
    /// and the record it reads.
    private var last: (keys: any CodingKey.Type, container: AnyObject, record: RecordSlot)?

    /// A container of the record at `slot` of `node`.
    mutating func container<Key: CodingKey>(
        keyedBy _: Key.Type, node: DecodingNode, lookup: RecordLookup, slot: Int
    ) -> KeyedDecodingContainer<Key> {
        if let last, last.keys == Key.self {
            // `last.container` was made below for `Key`.
            let reusable = unsafeDowncast(last.container, to: ReusableContainer<KeyedDecodingContainer<Key>>.self)
            if reusable.isOnlyHolder() {
                last.record.slot = slot
                return reusable.reuse()
            }
        }
        let record = RecordSlot(node: node, lookup: lookup, slot: slot)
        let container = KeyedDecodingContainer(RecordDecodingContainer<Key>(record: record))
        last = (Key.self, ReusableContainer(container), record)
        return container
    }

    /// Lets go of the container (which holds its node).
    mutating func release() {
        last = nil
    }
}
