/// The `Encoder` that appends values to the builders of ``EncodingNode``s: each container
/// appends straight to the node of the field, item or entry it encodes.
struct NodeEncoder: Encoder {
    let node: EncodingNode

    var codingPath: [any CodingKey] { node.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { node.context.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if let reusable = node.keyedContainer, reusable.keys == Key.self {
            // `newContainer` made it for `keys`, which are `Key`.
            return unsafeDowncast(reusable.container, to: ReusableContainer<KeyedEncodingContainer<Key>>.self).reuse()
        }
        return newContainer(keyedBy: type)
    }

    /// A keyed container for the node, kept for the node's next values where it can encode.
    private func newContainer<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let container: KeyedEncodingContainer<Key>
        switch node.kind {
        case .record(let fields):
            container = KeyedEncodingContainer(RecordEncodingContainer<Key>(node: node, fields: fields))
        case .map:
            container = KeyedEncodingContainer(MapEncodingContainer<Key>(node: node))
        case .scalar, .list:
            node.context.fail(node.mismatch("a keyed value"))
            return KeyedEncodingContainer(RecordEncodingContainer<Key>(node: node, fields: nil))
        }
        node.keyedContainer = (Key.self, ReusableContainer(container))
        return container
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        guard case .list(_, let item) = node.kind else {
            let failure = node.mismatch("an unkeyed value")
            node.context.fail(failure)
            return ListEncodingContainer(node: node, item: nil, failure: failure)
        }
        return ListEncodingContainer(node: node, item: item, failure: nil)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        NodeValueContainer(node: node)
    }
}

/// Appends the fields of a record to the record node's field nodes.
struct RecordEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    /// The record node, which holds ``fields``.
    let node: EncodingNode
    /// The node's fields, or `nil` where the node is no record: every call then throws (the
    /// error thrown after the value is the one met when the container was asked for). Not
    /// counted (``node`` holds them): the `mutating` methods would otherwise retain and release
    /// them for every value.
    private let fields: Unmanaged<RecordFields>?

    init(node: EncodingNode, fields: RecordFields?) {
        self.node = node
        self.fields = fields.map { Unmanaged.passUnretained($0) }
    }

    var codingPath: [any CodingKey] { node.codingPath }

    /// The field node of `key`, counted as filled.
    @inline(__always)
    private func field(_ key: Key) throws -> Unmanaged<EncodingNode> {
        guard let fields else { throw node.mismatch("a keyed value") }
        return try fields._withUnsafeGuaranteedRef { try $0.node(for: key.stringValue) }
    }

    /// Appends a value the container takes directly to the field of `key`.
    @inline(__always)
    private func append<S: CodableScalar>(_ value: S, forKey key: Key) throws {
        try field(key)._withUnsafeGuaranteedRef { try $0.append(value) }
    }

    mutating func encodeNil(forKey key: Key) throws {
        try field(key)._withUnsafeGuaranteedRef { try $0.encodeNil() }
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws { try append(value, forKey: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try append(value, forKey: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try append(value, forKey: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try append(value, forKey: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try append(value, forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try append(value, forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try append(value, forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try append(value, forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try append(value, forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try append(value, forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try append(value, forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try append(value, forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try append(value, forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try append(value, forKey: key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try field(key)._withUnsafeGuaranteedRef { try $0.encode(value) }
    }

    // `encodeIfPresent` as the protocol's defaults behave (nothing for nil: a key left out is
    // null at the record's end), without their generic dispatch on every value.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        nested(key.stringValue).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        nested(key.stringValue).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        nested("super")
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        nested(key.stringValue)
    }

    /// The encoder of the field of `key`, opened for a nested container; where there is no
    /// such field, the error is thrown after the value and the encoder writes nowhere.
    private func nested(_ key: String) -> NodeEncoder {
        do {
            guard let fields else { throw node.mismatch("a keyed value") }
            return NodeEncoder(node: try fields.takeUnretainedValue().openNode(for: key))
        } catch {
            node.context.fail(error)
            return NodeEncoder(node: node.context.scratch)
        }
    }
}

/// Appends the entries of a dictionary to a map node.
struct MapEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode

    var codingPath: [any CodingKey] { node.codingPath }

    /// Appends the entry of `key` after the last, `body` appending its value.
    private func entry(_ key: Key, _ body: (EncodingNode) throws -> Void) throws {
        guard case .map(_, let entries, let keyNode, let valueNode) = node.kind else { throw node.mismatch("a dictionary") }
        try node.closeEntry(entries, valueNode)
        if keyNode.type.isInteger {
            guard let number = key.intValue ?? Int(key.stringValue) else {
                throw node.failure(key.stringValue, "the key '\(key.stringValue)' is not an integer, as the map's keys are")
            }
            try keyNode.append(.int(Int64(number)))
        } else {
            try keyNode.append(.string(key.stringValue))
        }
        try body(valueNode)
        if !valueNode.isOpen {
            do {
                try entries.endRecord()
            } catch let error as ArrowError {
                throw node.failure(key.stringValue, error)
            }
        }
    }

    mutating func encodeNil(forKey key: Key) throws {
        try entry(key) { try $0.encodeNil() }
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws { try entry(key) { try $0.append(value) } }
    mutating func encode(_ value: String, forKey key: Key) throws { try entry(key) { try $0.append(value) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { try entry(key) { try $0.append(value) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { try entry(key) { try $0.append(value) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { try entry(key) { try $0.append(value) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try entry(key) { try $0.append(value) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try entry(key) { try $0.append(value) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try entry(key) { try $0.append(value) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try entry(key) { try $0.append(value) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try entry(key) { try $0.append(value) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try entry(key) { try $0.append(value) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try entry(key) { try $0.append(value) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try entry(key) { try $0.append(value) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try entry(key) { try $0.append(value) } }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try entry(key) { try $0.encode(value) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        nested(key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        nested(key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        node.context.fail(node.mismatch("a superclass value"))
        return NodeEncoder(node: node.context.scratch)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        nested(key)
    }

    /// The encoder of the value of the entry of `key`, left open for a nested container.
    private func nested(_ key: Key) -> NodeEncoder {
        var opened = node.context.scratch
        do {
            try entry(key) { value in
                value.open()
                opened = value
            }
        } catch {
            node.context.fail(error)
        }
        return NodeEncoder(node: opened)
    }
}

/// Appends the items of a list to the list node's item node.
struct ListEncodingContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let item: EncodingNode?
    /// Why this container cannot encode (the node is not a list), thrown by every call.
    let failure: EncodingError?
    private(set) var count = 0

    init(node: EncodingNode, item: EncodingNode?, failure: EncodingError?) {
        self.node = node
        self.item = item
        self.failure = failure
    }

    var codingPath: [any CodingKey] { node.codingPath }

    /// The item node, for the next item (the item before it ended, if a nested container
    /// filled it).
    @inline(__always)
    private mutating func next() throws -> EncodingNode {
        guard let item else { throw failure ?? node.mismatch("an unkeyed value") }
        try item.closeIfOpen()
        count += 1
        return item
    }

    mutating func encodeNil() throws {
        try next().encodeNil()
    }

    mutating func encode(_ value: Bool) throws { try next().append(value) }
    mutating func encode(_ value: String) throws { try next().append(value) }
    mutating func encode(_ value: Double) throws { try next().append(value) }
    mutating func encode(_ value: Float) throws { try next().append(value) }
    mutating func encode(_ value: Int) throws { try next().append(value) }
    mutating func encode(_ value: Int8) throws { try next().append(value) }
    mutating func encode(_ value: Int16) throws { try next().append(value) }
    mutating func encode(_ value: Int32) throws { try next().append(value) }
    mutating func encode(_ value: Int64) throws { try next().append(value) }
    mutating func encode(_ value: UInt) throws { try next().append(value) }
    mutating func encode(_ value: UInt8) throws { try next().append(value) }
    mutating func encode(_ value: UInt16) throws { try next().append(value) }
    mutating func encode(_ value: UInt32) throws { try next().append(value) }
    mutating func encode(_ value: UInt64) throws { try next().append(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try next().encode(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        nested().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        nested().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        nested()
    }

    private mutating func nested() -> NodeEncoder {
        do {
            let item = try next()
            item.open()
            return NodeEncoder(node: item)
        } catch {
            node.context.fail(error)
            return NodeEncoder(node: node.context.scratch)
        }
    }
}

/// Appends a single value to a node.
struct NodeValueContainer: SingleValueEncodingContainer {
    let node: EncodingNode

    var codingPath: [any CodingKey] { node.codingPath }

    mutating func encodeNil() throws {
        try node.encodeNil()
    }

    mutating func encode(_ value: Bool) throws { try node.append(value) }
    mutating func encode(_ value: String) throws { try node.append(value) }
    mutating func encode(_ value: Double) throws { try node.append(value) }
    mutating func encode(_ value: Float) throws { try node.append(value) }
    mutating func encode(_ value: Int) throws { try node.append(value) }
    mutating func encode(_ value: Int8) throws { try node.append(value) }
    mutating func encode(_ value: Int16) throws { try node.append(value) }
    mutating func encode(_ value: Int32) throws { try node.append(value) }
    mutating func encode(_ value: Int64) throws { try node.append(value) }
    mutating func encode(_ value: UInt) throws { try node.append(value) }
    mutating func encode(_ value: UInt8) throws { try node.append(value) }
    mutating func encode(_ value: UInt16) throws { try node.append(value) }
    mutating func encode(_ value: UInt32) throws { try node.append(value) }
    mutating func encode(_ value: UInt64) throws { try node.append(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try node.encode(value)
    }
}
