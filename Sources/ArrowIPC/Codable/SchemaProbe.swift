/// Learns the schema of a `Decodable` type from what its `init(from:)` asks for, without
/// values: a `Decoder` that records each request in a ``SchemaShape`` and answers with a
/// placeholder (zero, `""`, an empty date), or with the first row's value where it has one.
///
/// Synthesized code asks `decodeIfPresent` for optionals (nullable), `decode` otherwise; an
/// array decodes one item; a dictionary asks for its keys and decodes one value. `Date`,
/// `UUID`, `Decimal`, `Data` and `URL` are recognized by type. `CaseIterable` types give their
/// first case, learnt by encoding it. A type that rejects every answer (an enum whose raw
/// values the probe cannot guess, an enum with associated values), or that nests itself more
/// than ``maximumDepth`` deep, makes the probe throw: the values must tell.
final class SchemaProbe {
    /// The deepest nesting probed: recursive types end here.
    static let maximumDepth = 64

    private let options: ArrowEncoder
    let userInfo: [CodingUserInfoKey: Any]
    private lazy var inference = ShapeInference(options: options)
    private var depth = 0
    private var slots = 0

    init(options: ArrowEncoder) {
        self.options = options
        userInfo = options.userInfo
    }

    /// The shape `type` reads; `sample` is what the first row encoded, if there is one.
    func shape(of type: any Decodable.Type, sample: SchemaShape?) throws -> SchemaShape {
        let root = SchemaShape()
        func probeRoot<T: Decodable>(_ type: T.Type) throws {
            _ = try probe(type, at: root, sample: sample)
        }
        try probeRoot(type)
        return root
    }

    /// Learns `type` at `shape` and returns a value of it.
    func probe<T: Decodable>(_ type: T.Type, at shape: SchemaShape, sample: SchemaShape?) throws -> T {
        if let special = CodableSpecialType(T.self) {
            try inference.learn(special, special.placeholder, at: shape)
            guard let value = special.placeholder as? T else { throw ProbeFailure.noValue(T.self) }
            return value
        }
        if let first = firstCase(of: T.self), let encodable = first as? any Encodable {
            try inference.encode(encodable, at: shape)
            return first
        }
        guard depth < Self.maximumDepth else { throw ProbeFailure.tooDeep(T.self) }
        depth += 1
        defer { depth -= 1 }
        if let dictionary = T.self as? any CodableKeyedDictionary.Type {
            _ = try shape.mapValue(key: dictionary.arrowKeyType)
        }
        shape.slot = nextSlot()
        let value = try T(from: ProbeDecoder(shape: shape, sample: sample, probe: self))
        if options.enumStrategy == .dictionary, isStringEnum(value) {
            try shape.setDictionaryEncoded(sample: nil)
        }
        return value
    }

    /// A number for the slot about to be probed (see ``SchemaShape/slot``).
    func nextSlot() -> Int {
        slots += 1
        return slots
    }

    /// The placeholder or sample value of `S` at `shape`, after learning it there.
    func scalar<S: CodableScalar>(_: S.Type, at shape: SchemaShape, sample: SchemaShape?) throws -> S {
        try shape.setLeaf(S.codableType)
        return sample?.sample.flatMap { S(codableValue: $0) } ?? S.placeholder
    }

    /// The record at `shape`, counted once for the slot being probed.
    func record(at shape: SchemaShape) throws -> ShapeRecord {
        let record = try shape.record()
        record.begin()
        return record
    }
}

/// Why a type could not be probed.
enum ProbeFailure: Error, CustomStringConvertible {
    case noValue(Any.Type)
    case tooDeep(Any.Type)

    var description: String {
        switch self {
        case .noValue(let type): "no value of \(type) could be made"
        case .tooDeep(let type): "\(type) nests more than \(SchemaProbe.maximumDepth) levels deep"
        }
    }
}

/// The `Decoder` of ``SchemaProbe``.
struct ProbeDecoder: Decoder {
    let shape: SchemaShape
    let sample: SchemaShape?
    let probe: SchemaProbe

    var codingPath: [any CodingKey] { shape.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { probe.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if case .map(let keyType, let value) = shape.kind {
            let sampleValue: SchemaShape? = if case .map(_, let known) = sample?.kind { known } else { nil }
            return KeyedDecodingContainer(ProbeMapContainer<Key>(
                value: value, keyType: keyType, sample: sampleValue, probe: probe))
        }
        let sampleRecord: ShapeRecord? = if case .record(let known) = sample?.kind { known } else { nil }
        return KeyedDecodingContainer(ProbeRecordContainer<Key>(
            shape: shape, record: try probe.record(at: shape), sample: sampleRecord, probe: probe))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let sampleItem: SchemaShape? = if case .list(let known) = sample?.kind { known } else { nil }
        return ProbeListContainer(list: shape, item: try shape.listItem(), sample: sampleItem, probe: probe)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        ProbeValueContainer(shape: shape, sample: sample, probe: probe)
    }
}

/// Learns the fields of a record: each key asked for is a field.
struct ProbeRecordContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let shape: SchemaShape
    let record: ShapeRecord
    let sample: ShapeRecord?
    let probe: SchemaProbe

    var codingPath: [any CodingKey] { shape.codingPath }

    /// The keys the first row had (an enum with associated values asks which case it holds).
    var allKeys: [Key] {
        (sample?.keys ?? []).compactMap { Key(stringValue: $0) }
    }

    func contains(_ key: Key) -> Bool { true }

    func decodeNil(forKey key: Key) throws -> Bool {
        record.field(key.stringValue).nullable = true
        return false
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try probe.scalar(type, at: field(key), sample: sampleField(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try probe.scalar(type, at: field(key), sample: sampleField(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try probe.scalar(type, at: field(key), sample: sampleField(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try probe.scalar(type, at: field(key), sample: sampleField(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try probe.scalar(type, at: field(key), sample: sampleField(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try probe.scalar(type, at: field(key), sample: sampleField(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try probe.scalar(type, at: field(key), sample: sampleField(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try probe.scalar(type, at: field(key), sample: sampleField(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try probe.scalar(type, at: field(key), sample: sampleField(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try probe.scalar(type, at: field(key), sample: sampleField(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try probe.scalar(type, at: field(key), sample: sampleField(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try probe.scalar(type, at: field(key), sample: sampleField(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try probe.scalar(type, at: field(key), sample: sampleField(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try probe.scalar(type, at: field(key), sample: sampleField(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try probe.probe(type, at: field(key), sample: sampleField(key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try nested(key.stringValue).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try nested(key.stringValue).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { nested("super") }

    func superDecoder(forKey key: Key) throws -> any Decoder { nested(key.stringValue) }

    private func field(_ key: Key) -> SchemaShape {
        record.field(key.stringValue)
    }

    private func sampleField(_ key: Key) -> SchemaShape? {
        sample?.existingField(key.stringValue)
    }

    private func nested(_ key: String) -> ProbeDecoder {
        let field = record.field(key)
        field.slot = probe.nextSlot()
        return ProbeDecoder(shape: field, sample: sample?.existingField(key), probe: probe)
    }
}

/// Learns the values of a dictionary, from one entry.
struct ProbeMapContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let value: SchemaShape
    let keyType: DataType
    let sample: SchemaShape?
    let probe: SchemaProbe

    var codingPath: [any CodingKey] { value.codingPath }

    /// One key: `0` for integer keys, `""` for strings.
    var allKeys: [Key] {
        let key = keyType == .int64 ? Key(intValue: 0) ?? Key(stringValue: "0") : Key(stringValue: "")
        return key.map { [$0] } ?? []
    }

    func contains(_ key: Key) -> Bool { true }

    func decodeNil(forKey key: Key) throws -> Bool {
        value.nullable = true
        return false
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try probe.scalar(type, at: value, sample: sample) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try probe.scalar(type, at: value, sample: sample) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try probe.scalar(type, at: value, sample: sample) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try probe.scalar(type, at: value, sample: sample) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try probe.scalar(type, at: value, sample: sample) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try probe.scalar(type, at: value, sample: sample) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try probe.scalar(type, at: value, sample: sample) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try probe.scalar(type, at: value, sample: sample) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try probe.scalar(type, at: value, sample: sample) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try probe.scalar(type, at: value, sample: sample) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try probe.scalar(type, at: value, sample: sample) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try probe.scalar(type, at: value, sample: sample) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try probe.scalar(type, at: value, sample: sample) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try probe.scalar(type, at: value, sample: sample) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try probe.probe(type, at: value, sample: sample)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try nested().container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try nested().unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { nested() }

    func superDecoder(forKey key: Key) throws -> any Decoder { nested() }

    private func nested() -> ProbeDecoder {
        value.slot = probe.nextSlot()
        return ProbeDecoder(shape: value, sample: sample, probe: probe)
    }
}

/// Learns the item of a list, from one item (or as many as the type asks for).
struct ProbeListContainer: UnkeyedDecodingContainer {
    let list: SchemaShape
    let item: SchemaShape
    let sample: SchemaShape?
    let probe: SchemaProbe
    private(set) var currentIndex = 0

    init(list: SchemaShape, item: SchemaShape, sample: SchemaShape?, probe: SchemaProbe) {
        self.list = list
        self.item = item
        self.sample = sample
        self.probe = probe
    }

    var codingPath: [any CodingKey] { list.codingPath }
    var count: Int? { 1 }
    var isAtEnd: Bool { currentIndex >= 1 }

    mutating func decodeNil() throws -> Bool {
        item.nullable = true
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try probe.scalar(type, at: next(), sample: sample) }
    mutating func decode(_ type: String.Type) throws -> String { try probe.scalar(type, at: next(), sample: sample) }
    mutating func decode(_ type: Double.Type) throws -> Double { try probe.scalar(type, at: next(), sample: sample) }
    mutating func decode(_ type: Float.Type) throws -> Float { try probe.scalar(type, at: next(), sample: sample) }
    mutating func decode(_ type: Int.Type) throws -> Int { try probe.scalar(type, at: next(), sample: sample) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try probe.scalar(type, at: next(), sample: sample) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try probe.scalar(type, at: next(), sample: sample) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try probe.scalar(type, at: next(), sample: sample) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try probe.scalar(type, at: next(), sample: sample) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try probe.scalar(type, at: next(), sample: sample) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try probe.scalar(type, at: next(), sample: sample) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try probe.scalar(type, at: next(), sample: sample) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try probe.scalar(type, at: next(), sample: sample) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try probe.scalar(type, at: next(), sample: sample) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try probe.probe(type, at: next(), sample: sample)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try nested().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try nested().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { nested() }

    private mutating func next() -> SchemaShape {
        list.currentIndex = currentIndex
        currentIndex += 1
        return item
    }

    private mutating func nested() -> ProbeDecoder {
        let shape = next()
        shape.slot = probe.nextSlot()
        return ProbeDecoder(shape: shape, sample: sample, probe: probe)
    }
}

/// Learns a single value.
struct ProbeValueContainer: SingleValueDecodingContainer {
    let shape: SchemaShape
    let sample: SchemaShape?
    let probe: SchemaProbe

    var codingPath: [any CodingKey] { shape.codingPath }

    func decodeNil() -> Bool {
        shape.nullable = true
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool { try probe.scalar(type, at: shape, sample: sample) }
    func decode(_ type: String.Type) throws -> String { try probe.scalar(type, at: shape, sample: sample) }
    func decode(_ type: Double.Type) throws -> Double { try probe.scalar(type, at: shape, sample: sample) }
    func decode(_ type: Float.Type) throws -> Float { try probe.scalar(type, at: shape, sample: sample) }
    func decode(_ type: Int.Type) throws -> Int { try probe.scalar(type, at: shape, sample: sample) }
    func decode(_ type: Int8.Type) throws -> Int8 { try probe.scalar(type, at: shape, sample: sample) }
    func decode(_ type: Int16.Type) throws -> Int16 { try probe.scalar(type, at: shape, sample: sample) }
    func decode(_ type: Int32.Type) throws -> Int32 { try probe.scalar(type, at: shape, sample: sample) }
    func decode(_ type: Int64.Type) throws -> Int64 { try probe.scalar(type, at: shape, sample: sample) }
    func decode(_ type: UInt.Type) throws -> UInt { try probe.scalar(type, at: shape, sample: sample) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try probe.scalar(type, at: shape, sample: sample) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try probe.scalar(type, at: shape, sample: sample) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try probe.scalar(type, at: shape, sample: sample) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try probe.scalar(type, at: shape, sample: sample) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try probe.probe(type, at: shape, sample: sample)
    }
}
