import Foundation

/// Learns a schema from values: encodes them into ``SchemaShape``s, building nothing.
final class ShapeInference {
    private let enumStrategy: ArrowEncoder.EnumStrategy
    let userInfo: [CodingUserInfoKey: Any]
    /// The row being encoded, for messages.
    private(set) var row = 0
    private var slots = 0
    private var stringEnums: [ObjectIdentifier: Bool] = [:]
    /// A conflict met where a container could not throw it, thrown after the value.
    private var pending: ShapeConflict?

    init(options: ArrowEncoder) {
        enumStrategy = options.enumStrategy
        userInfo = options.userInfo
    }

    /// Encodes each of `values` into `root` (a new shape unless given), which it returns.
    @discardableResult
    func infer<T: Encodable>(_ values: [T], into root: SchemaShape = SchemaShape()) throws -> SchemaShape {
        for (row, value) in values.enumerated() {
            self.row = row
            pending = nil
            do {
                try encode(value, at: root)
                if let pending { throw pending }
            } catch let conflict as ShapeConflict {
                throw EncodingError.invalidValue(value, EncodingError.Context(
                    codingPath: [ArrowCodingKey(intValue: row)] + conflict.codingPath,
                    debugDescription: "row \(row), \(conflict.reason)"))
            }
        }
        return root
    }

    /// A number for the slot about to be encoded (see ``SchemaShape/slot``).
    func nextSlot() -> Int {
        slots += 1
        return slots
    }

    /// Learns `value` at `shape`: the special types and string enums by their type, other
    /// values by what they encode.
    func encode<T: Encodable>(_ value: T, at shape: SchemaShape) throws {
        if let special = CodableSpecialType(T.self) {
            return try learn(special, value, at: shape)
        }
        if enumStrategy == .dictionary, isStringEnum(value) {
            let raw = (value as? any RawRepresentable)?.rawValue as? String
            return try shape.setDictionaryEncoded(sample: raw.map { .string($0) })
        }
        if let dictionary = T.self as? any CodableKeyedDictionary.Type {
            _ = try shape.mapValue(key: dictionary.arrowKeyType)
        }
        shape.slot = nextSlot()
        try value.encode(to: ShapeEncoder(shape: shape, inference: self))
    }

    /// Learns the special-type `value` at `shape`.
    func learn(_ special: CodableSpecialType, _ value: Any, at shape: SchemaShape) throws {
        if special == .decimal, let decimal = value as? Decimal {
            try shape.setDecimal(scale: CodableDecimal.neededScale(decimal))
        } else {
            try shape.setLeaf(special.defaultType)
        }
    }

    private func isStringEnum<T>(_ value: T) -> Bool {
        let type = ObjectIdentifier(T.self)
        if let known = stringEnums[type] { return known }
        let answer = ArrowIPC.isStringEnum(value)
        stringEnums[type] = answer
        return answer
    }

    /// The record at `shape`; on a conflict, a record nobody reads, the conflict thrown after
    /// the value (containers cannot throw).
    func record(at shape: SchemaShape) -> (SchemaShape, ShapeRecord) {
        do {
            let record = try shape.record()
            record.begin()
            return (shape, record)
        } catch {
            pending = pending ?? (error as? ShapeConflict)
            let scratch = SchemaShape()
            return (scratch, (try? scratch.record()) ?? ShapeRecord(owner: scratch))
        }
    }

    /// The item of the list at `shape`; on a conflict, an item nobody reads (see ``record(at:)``).
    func listItem(at shape: SchemaShape) -> SchemaShape {
        do {
            return try shape.listItem()
        } catch {
            pending = pending ?? (error as? ShapeConflict)
            return SchemaShape()
        }
    }
}

/// The `Encoder` of ``ShapeInference``: hands out containers that learn shapes.
struct ShapeEncoder: Encoder {
    let shape: SchemaShape
    let inference: ShapeInference

    var codingPath: [any CodingKey] { [ArrowCodingKey(intValue: inference.row)] + shape.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { inference.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .map(_, let value) = shape.kind {
            return KeyedEncodingContainer(ShapeMapContainer<Key>(value: value, inference: inference))
        }
        let (owner, record) = inference.record(at: shape)
        return KeyedEncodingContainer(ShapeRecordContainer<Key>(shape: owner, record: record, inference: inference))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        ShapeListContainer(list: shape, item: inference.listItem(at: shape), inference: inference)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        ShapeValueContainer(shape: shape, inference: inference)
    }
}

/// Learns the fields of a record.
struct ShapeRecordContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let shape: SchemaShape
    let record: ShapeRecord
    let inference: ShapeInference

    var codingPath: [any CodingKey] { [ArrowCodingKey(intValue: inference.row)] + shape.codingPath }

    mutating func encodeNil(forKey key: Key) throws {
        record.field(key.stringValue).nullable = true
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try scalar(value, key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try inference.encode(value, at: record.field(key.stringValue))
    }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try optional(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try optional(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try optional(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try optional(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try optional(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try optional(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try optional(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try optional(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try optional(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try optional(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try optional(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try optional(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try optional(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try optional(value, key) }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        let field = record.field(key.stringValue, present: value != nil)
        field.nullable = true
        if let value { try inference.encode(value, at: field) }
    }

    private func scalar<S: CodableScalar>(_ value: S, _ key: Key) throws {
        try record.field(key.stringValue).learn(value)
    }

    private func optional<S: CodableScalar>(_ value: S?, _ key: Key) throws {
        let field = record.field(key.stringValue, present: value != nil)
        field.nullable = true
        if let value { try field.learn(value) }
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

    private func nested(_ key: String) -> ShapeEncoder {
        let field = record.field(key)
        field.slot = inference.nextSlot()
        return ShapeEncoder(shape: field, inference: inference)
    }
}

/// Learns the values of a dictionary.
struct ShapeMapContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let value: SchemaShape
    let inference: ShapeInference

    var codingPath: [any CodingKey] { [ArrowCodingKey(intValue: inference.row)] + value.codingPath }

    mutating func encodeNil(forKey key: Key) throws {
        value.nullable = true
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws { try self.value.learn(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { try self.value.learn(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try self.value.learn(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try self.value.learn(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try self.value.learn(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try self.value.learn(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try self.value.learn(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try self.value.learn(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try self.value.learn(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try self.value.learn(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try self.value.learn(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try self.value.learn(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try self.value.learn(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try self.value.learn(value) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try inference.encode(value, at: self.value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        nested().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        nested().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { nested() }

    mutating func superEncoder(forKey key: Key) -> any Encoder { nested() }

    private func nested() -> ShapeEncoder {
        value.slot = inference.nextSlot()
        return ShapeEncoder(shape: value, inference: inference)
    }
}

/// Learns the items of a list.
struct ShapeListContainer: UnkeyedEncodingContainer {
    let list: SchemaShape
    let item: SchemaShape
    let inference: ShapeInference
    private(set) var count = 0

    init(list: SchemaShape, item: SchemaShape, inference: ShapeInference) {
        self.list = list
        self.item = item
        self.inference = inference
    }

    var codingPath: [any CodingKey] { [ArrowCodingKey(intValue: inference.row)] + list.codingPath }

    mutating func encodeNil() throws {
        next().nullable = true
    }

    mutating func encode(_ value: Bool) throws { try next().learn(value) }
    mutating func encode(_ value: String) throws { try next().learn(value) }
    mutating func encode(_ value: Double) throws { try next().learn(value) }
    mutating func encode(_ value: Float) throws { try next().learn(value) }
    mutating func encode(_ value: Int) throws { try next().learn(value) }
    mutating func encode(_ value: Int8) throws { try next().learn(value) }
    mutating func encode(_ value: Int16) throws { try next().learn(value) }
    mutating func encode(_ value: Int32) throws { try next().learn(value) }
    mutating func encode(_ value: Int64) throws { try next().learn(value) }
    mutating func encode(_ value: UInt) throws { try next().learn(value) }
    mutating func encode(_ value: UInt8) throws { try next().learn(value) }
    mutating func encode(_ value: UInt16) throws { try next().learn(value) }
    mutating func encode(_ value: UInt32) throws { try next().learn(value) }
    mutating func encode(_ value: UInt64) throws { try next().learn(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try inference.encode(value, at: next())
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        nested().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        nested().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { nested() }

    /// The item shape, for the next item.
    private mutating func next() -> SchemaShape {
        list.currentIndex = count
        count += 1
        return item
    }

    private mutating func nested() -> ShapeEncoder {
        let shape = next()
        shape.slot = inference.nextSlot()
        return ShapeEncoder(shape: shape, inference: inference)
    }
}

/// Learns a single value.
struct ShapeValueContainer: SingleValueEncodingContainer {
    let shape: SchemaShape
    let inference: ShapeInference

    var codingPath: [any CodingKey] { [ArrowCodingKey(intValue: inference.row)] + shape.codingPath }

    mutating func encodeNil() throws {
        shape.nullable = true
    }

    mutating func encode(_ value: Bool) throws { try shape.learn(value) }
    mutating func encode(_ value: String) throws { try shape.learn(value) }
    mutating func encode(_ value: Double) throws { try shape.learn(value) }
    mutating func encode(_ value: Float) throws { try shape.learn(value) }
    mutating func encode(_ value: Int) throws { try shape.learn(value) }
    mutating func encode(_ value: Int8) throws { try shape.learn(value) }
    mutating func encode(_ value: Int16) throws { try shape.learn(value) }
    mutating func encode(_ value: Int32) throws { try shape.learn(value) }
    mutating func encode(_ value: Int64) throws { try shape.learn(value) }
    mutating func encode(_ value: UInt) throws { try shape.learn(value) }
    mutating func encode(_ value: UInt8) throws { try shape.learn(value) }
    mutating func encode(_ value: UInt16) throws { try shape.learn(value) }
    mutating func encode(_ value: UInt32) throws { try shape.learn(value) }
    mutating func encode(_ value: UInt64) throws { try shape.learn(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try inference.encode(value, at: shape)
    }
}
