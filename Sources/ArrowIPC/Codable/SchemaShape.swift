/// What the encoder has learnt of one position of a schema: from the Swift type (the schema
/// probe, ``SchemaProbe``) or from the values (``ShapeEncoder``), merged position by position.
///
/// Values of different kinds at one position (a string where other rows have an integer) are
/// a ``ShapeConflict``. Once learnt, a shape is turned into Arrow fields by ``dataType(_:)``.
final class SchemaShape {
    enum Kind {
        /// Nothing known: no value met, or only nulls. Becomes the `null` type.
        case unknown
        /// A type of its own: numbers, strings, dates, dictionary-encoded enums, ….
        case leaf(DataType)
        /// `Decimal`s: `decimal128(38, scale)` with the largest scale the values need.
        case decimal(scale: Int)
        /// A keyed value (struct or class): a `struct` column.
        case record(ShapeRecord)
        /// An unkeyed value (array, set): a `list` of the item.
        case list(item: SchemaShape)
        /// A dictionary: a `map` from `key` (`string` or `int64`) to the value.
        case map(key: DataType, value: SchemaShape)
    }

    private(set) var kind = Kind.unknown
    /// Whether a null may stand here: an optional, a nil met, or a key some records lack.
    var nullable = false
    /// The first value met at a leaf, which the probe hands out where a type accepts only
    /// some values (an enum's raw value).
    var sample: ArrowValue?
    /// The record field's coding key, or the position in a list, for messages.
    let key: String?
    private(set) weak var parent: SchemaShape?

    /// For the fields of records: how many records held the field, and the record that last did.
    private(set) var presentCount = 0
    private var presentIn = -1
    /// The slot being encoded here, which distinguishes a new record from another container
    /// asked of the same value (a subclass and its superclass share one record).
    var slot = 0
    /// The number of items before the current one, in the list being encoded, for messages.
    var currentIndex = 0

    init(key: String? = nil, parent: SchemaShape? = nil) {
        self.key = key
        self.parent = parent
    }

    /// Records a value of `type` here.
    func setLeaf(_ type: DataType, sample value: ArrowValue? = nil) throws {
        switch kind {
        case .unknown:
            kind = .leaf(type)
        case .leaf(let known) where known == type:
            break
        case .leaf(.dictionary(_, let values, _)) where values == type:
            break // a dictionary-encoded enum's raw value
        default:
            throw conflict(type.description)
        }
        if sample == nil { sample = value }
    }

    /// Records `value`, one of the types containers take directly.
    func learn<S: CodableScalar>(_ value: S) throws {
        try setLeaf(S.codableType, sample: value.codableValue)
    }

    /// Makes a string leaf dictionary-encoded (an enum whose raw values are strings).
    func setDictionaryEncoded(sample value: ArrowValue?) throws {
        let encoded = DataType.dictionary(index: .int32, value: .utf8, ordered: false)
        if case .leaf(.utf8) = kind { kind = .unknown }
        try setLeaf(encoded, sample: value)
    }

    /// Records a `Decimal` that needs `scale` digits after the point.
    func setDecimal(scale: Int) throws {
        switch kind {
        case .unknown: kind = .decimal(scale: scale)
        case .decimal(let known): kind = .decimal(scale: max(known, scale))
        default: throw conflict("a Decimal")
        }
    }

    /// The record here, made on first use.
    func record() throws -> ShapeRecord {
        switch kind {
        case .unknown:
            let record = ShapeRecord(owner: self)
            kind = .record(record)
            return record
        case .record(let record):
            return record
        default:
            throw conflict("a keyed value")
        }
    }

    /// The shape of the items of the list here, made on first use.
    func listItem() throws -> SchemaShape {
        switch kind {
        case .unknown:
            let item = SchemaShape(key: nil, parent: self)
            kind = .list(item: item)
            return item
        case .list(let item):
            return item
        default:
            throw conflict("an unkeyed value")
        }
    }

    /// The shape of the values of the map here, with keys of `keyType`, made on first use; a
    /// record without fields (a dictionary seen empty) becomes the map.
    func mapValue(key keyType: DataType) throws -> SchemaShape {
        switch kind {
        case .map(keyType, let value):
            return value
        case .unknown:
            break
        case .record(let record) where record.fields.isEmpty:
            break
        default:
            throw conflict("a dictionary")
        }
        let value = SchemaShape(key: nil, parent: self)
        kind = .map(key: keyType, value: value)
        return value
    }

    /// Counts this field as present in the record `record` is encoding.
    func markPresent(in record: ShapeRecord) {
        guard presentIn != record.currentSlot else { return }
        presentIn = record.currentSlot
        presentCount += 1
    }

    /// Whether something is left for the values to tell: a position never met, or decimals
    /// whose scale only the values know.
    var needsValues: Bool {
        switch kind {
        case .unknown, .decimal: true
        case .leaf: false
        case .record(let record): record.fields.contains { $0.needsValues }
        case .list(let item): item.needsValues
        case .map(_, let value): value.needsValues
        }
    }

    /// The Arrow type of the values learnt here; `naming` gives each record field's column
    /// name from the coding keys on the way to it.
    func dataType(_ naming: ([String]) -> String) throws -> DataType {
        switch kind {
        case .unknown:
            return .null
        case .leaf(let type):
            return type
        case .decimal(let scale):
            return .decimal128(precision: 38, scale: scale)
        case .record(let record):
            return .struct(try record.arrowFields(naming))
        case .list(let item):
            return .list(Field("item", try item.dataType(naming), nullable: item.isNullable))
        case .map(let keyType, let value):
            return codableMapType(key: keyType, value: Field("value", try value.dataType(naming), nullable: value.isNullable))
        }
    }

    /// Whether the field here is nullable: a null met, or nothing ever (the `null` type).
    var isNullable: Bool {
        if case .unknown = kind { return true }
        return nullable
    }

    /// The coding keys from the top of the schema to here, list positions included.
    var codingPath: [ArrowCodingKey] {
        var keys: [ArrowCodingKey] = []
        var shape = self
        while let parent = shape.parent {
            if case .list = parent.kind {
                keys.append(ArrowCodingKey(intValue: parent.currentIndex))
            } else if let key = shape.key {
                keys.append(ArrowCodingKey(stringValue: key))
            }
            shape = parent
        }
        return keys.reversed()
    }

    /// The coding keys of the record fields from the top to here, without list positions.
    var keyPath: [String] {
        var keys: [String] = []
        var shape = self
        while let parent = shape.parent {
            if let key = shape.key { keys.append(key) }
            shape = parent
        }
        return keys.reversed()
    }

    private func conflict(_ found: String) -> ShapeConflict {
        let path = codingPath
        let place = ArrowCodingKey.describeKeys(path)
        return ShapeConflict(
            codingPath: path, reason: "\(place.isEmpty ? "the top level" : place): \(found) where \(kindDescription) was met before")
    }

    /// What was learnt here, for messages.
    var kindDescription: String {
        switch kind {
        case .unknown: "nothing"
        case .leaf(let type): type.description
        case .decimal: "Decimal"
        case .record: "a keyed value"
        case .list: "an unkeyed value"
        case .map: "a dictionary"
        }
    }
}

/// The fields of a record shape, by coding key in the order first met.
final class ShapeRecord {
    /// The coding keys, in order.
    private(set) var keys: [String] = []
    /// The shape of each field, in the order of ``keys``.
    private(set) var fields: [SchemaShape] = []
    private var positions: [String: Int] = [:]
    /// The number of records seen here.
    private(set) var count = 0
    /// The slot of the record being encoded.
    private(set) var currentSlot = -1
    private unowned let owner: SchemaShape

    init(owner: SchemaShape) {
        self.owner = owner
    }

    /// Counts a record, once for the slot being encoded at its shape.
    func begin() {
        guard currentSlot != owner.slot else { return }
        currentSlot = owner.slot
        count += 1
        lastPosition = -1
    }

    /// The position of the field the record being encoded met last: a key met for the first
    /// time goes after it, so that keys some records leave out keep their place (a key met
    /// first in its record goes last: the cases of an enum come in the order they appear).
    private var lastPosition = -1

    /// The field of `key`, made on first use, counted as present in this record unless not
    /// `present` (an optional that was nil).
    func field(_ key: String, present: Bool = true) -> SchemaShape {
        let shape: SchemaShape
        if let position = positions[key] {
            shape = fields[position]
            lastPosition = position
        } else {
            shape = SchemaShape(key: key, parent: owner)
            let position = lastPosition < 0 ? keys.count : lastPosition + 1
            keys.insert(key, at: position)
            fields.insert(shape, at: position)
            if position == keys.count - 1 {
                positions[key] = position
            } else {
                for (index, key) in keys.enumerated() { positions[key] = index }
            }
            lastPosition = position
        }
        if present { shape.markPresent(in: self) }
        return shape
    }

    /// The field of `key`, if one was met.
    func existingField(_ key: String) -> SchemaShape? {
        positions[key].map { fields[$0] }
    }

    /// The Arrow fields: named by `naming`, nullable where a null was met or some record
    /// lacked the field. Two keys that name one column are an error.
    func arrowFields(_ naming: ([String]) -> String) throws -> [Field] {
        var seen: [String: String] = [:]
        return try zip(keys, fields).map { key, shape in
            let name = naming(shape.keyPath)
            if let other = seen[name] {
                throw ArrowError.invalidArgument("the keys '\(other)' and '\(key)' both make the column '\(name)'")
            }
            seen[name] = key
            return Field(name, try shape.dataType(naming), nullable: shape.isNullable || shape.presentCount < count)
        }
    }
}

/// Values of different kinds met at one position of the schema.
struct ShapeConflict: Error {
    /// The coding path of the position, without the row.
    let codingPath: [ArrowCodingKey]
    /// `price: string where int64 was met before`.
    let reason: String
}
