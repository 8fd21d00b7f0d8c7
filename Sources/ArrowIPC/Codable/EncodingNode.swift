import Foundation

/// One column, or one child of a nested column, being built from encoded values: the builder
/// of its type, and what the containers of ``NodeEncoder`` need to append to it.
///
/// A node builds one slot at a time: ``encode(_:)`` appends a whole value, and the containers
/// append the parts of one (the fields of a record, the items of a list) and let the node end
/// the slot. Nested containers (`nestedContainer`, `superEncoder`) cannot say when they are
/// done: their node stays open until its parent ends its own slot or moves to the next item.
final class EncodingNode {
    /// What the node builds, with the builders the containers append to directly.
    enum Kind {
        /// A value of its own, appended by ``writer``.
        case scalar
        case record(RecordFields)
        case list(ListBuilder, item: EncodingNode)
        case map(ListBuilder, entries: StructBuilder, key: EncodingNode, value: EncodingNode)
    }

    let type: DataType
    let isNullable: Bool
    let builder: any ArrayBuilder
    let kind: Kind
    /// Whether ``kind`` is ``Kind/scalar``.
    private let isScalar: Bool
    /// Appends scalar values.
    let writer: SlotWriter
    /// The fields of a record node (what ``kind`` holds, without copying it on each record).
    private let fields: RecordFields?
    /// The builder whose count numbers the items of a list or the entries of a map.
    private let items: (any ArrayBuilder)?
    unowned let context: EncodingContext
    private(set) unowned var parent: EncodingNode?
    /// The coding key of this record field (its column name until a key names it).
    var key: String
    /// For lists and maps: the items (entries) before the slot being built.
    @exclusivity(unchecked) private var itemsBefore = 0
    /// Whether a nested container is filling a slot here, and the slot count when it began.
    @exclusivity(unchecked) private(set) var isOpen = false
    @exclusivity(unchecked) private var openedAt = 0
    /// For a record field: the number of the record of ``RecordFields`` it last got a value in.
    @exclusivity(unchecked) var filledIn = -1
    /// The keyed container last made for this node, a ``ReusableContainer`` of `keys`: the
    /// containers keep no state of their own (it is in the node), so one serves every value.
    @exclusivity(unchecked) var keyedContainer: (keys: any CodingKey.Type, container: AnyObject)?

    private init(key: String, field: Field, builder: any ArrayBuilder, kind: Kind, context: EncodingContext) {
        self.key = key
        type = field.type
        isNullable = field.isNullable
        self.builder = builder
        self.kind = kind
        self.context = context
        writer = SlotWriter.make(builder)
        if case .scalar = kind { isScalar = true } else { isScalar = false }
        switch kind {
        case .record(let fields): (self.fields, items) = (fields, nil)
        case .list(_, let item): (fields, items) = (nil, item.builder)
        case .map(_, let entries, _, _): (fields, items) = (nil, entries)
        case .scalar: (fields, items) = (nil, nil)
        }
    }

    /// A node that takes only nulls, for containers that cannot encode anywhere (their
    /// error is thrown after the value).
    static func scratch(_ context: EncodingContext) -> EncodingNode {
        EncodingNode(key: "", field: Field("", .null), builder: NullBuilder(), kind: .scalar, context: context)
    }

    /// The top of the tree: the record of a row, one field per column of `schema`, built by
    /// `rows` (whose own slots stay empty: ``RecordFields`` counts the rows).
    static func root(schema: Schema, rows: StructBuilder, shape: SchemaShape?, context: EncodingContext) throws -> EncodingNode {
        try make(key: "", field: Field("", .struct(schema.fields), nullable: false), builder: rows, shape: shape, context: context,
                 isRoot: true)
    }

    /// The node of `field`, built by `builder` (a builder of the field's type), and its
    /// children; `shape`, when the schema was learnt, gives the coding keys of record fields.
    private static func make(
        key: String, field: Field, builder: any ArrayBuilder, shape: SchemaShape?, context: EncodingContext, isRoot: Bool = false
    ) throws -> EncodingNode {
        let kind: Kind
        var children: [EncodingNode] = []
        switch field.type {
        case .struct(let fields):
            guard let structBuilder = builder as? StructBuilder else {
                throw ArrowError.invalidArgument("no struct builder for \(field.type)")
            }
            let shapeRecord: ShapeRecord? = if case .record(let record) = shape?.kind { record } else { nil }
            let knownKeys = shapeRecord.map { $0.keys.count == fields.count ? $0.keys : [] } ?? []
            for (index, (field, fieldBuilder)) in zip(fields, structBuilder.fieldBuilders).enumerated() {
                children.append(try make(
                    key: knownKeys.isEmpty ? field.name : knownKeys[index], field: field, builder: fieldBuilder,
                    shape: knownKeys.isEmpty ? nil : shapeRecord?.fields[index], context: context))
            }
            kind = .record(RecordFields(
                builder: isRoot ? nil : structBuilder, names: fields.map(\.name), nodes: children,
                keys: knownKeys.isEmpty ? nil : knownKeys))
        case .map(let entries, _):
            guard let listBuilder = builder as? ListBuilder, let entryBuilder = listBuilder.values as? StructBuilder,
                  case .struct(let parts) = entries.type, parts.count == 2, entryBuilder.fieldBuilders.count == 2 else {
                throw ArrowError.invalidArgument("no map builder for \(field.type)")
            }
            let valueShape: SchemaShape? = if case .map(_, let value) = shape?.kind { value } else { nil }
            let entryBuilders = entryBuilder.fieldBuilders
            children = [
                try make(key: parts[0].name, field: parts[0], builder: entryBuilders[0], shape: nil, context: context),
                try make(key: parts[1].name, field: parts[1], builder: entryBuilders[1], shape: valueShape, context: context),
            ]
            kind = .map(listBuilder, entries: entryBuilder, key: children[0], value: children[1])
        case .list(let item), .largeList(let item), .listView(let item), .largeListView(let item), .fixedSizeList(let item, _):
            guard let listBuilder = builder as? ListBuilder else {
                throw ArrowError.invalidArgument("no list builder for \(field.type)")
            }
            let itemShape: SchemaShape? = if case .list(let known) = shape?.kind { known } else { nil }
            children = [try make(key: item.name, field: item, builder: listBuilder.values, shape: itemShape, context: context)]
            kind = .list(listBuilder, item: children[0])
        default:
            kind = .scalar
        }
        let node = EncodingNode(key: key, field: field, builder: builder, kind: kind, context: context)
        for child in children { child.parent = node }
        if case .record(let fields) = kind { fields.owner = node }
        return node
    }

    // MARK: - Values

    /// Appends `value` as one slot: the special types by type, anything else by what it encodes.
    func encode<T: Encodable>(_ value: T) throws {
        if let special = CodableSpecialType(T.self) {
            return try appendSpecial(special, value)
        }
        let start = builder.count
        if let items { itemsBefore = items.count }
        if case .map = kind, let dictionary = value as? any CodableSortedDictionary {
            try dictionary.encodeSortedEntries(to: NodeEncoder(node: self))
        } else {
            try value.encode(to: NodeEncoder(node: self))
        }
        try endSlot(from: start)
    }

    /// Appends the value at `value` as one slot, as ``encode(_:)`` does for values of a type
    /// that is no special type and no dictionary (the rows of a batch), without copying it.
    func encode<T: Encodable>(recordAt value: UnsafePointer<T>) throws {
        // `fields` is read each time rather than bound: a binding would be retained across the call.
        guard let before = fields?.record else { return try encode(value.pointee) }
        let encoder = NodeEncoder(node: self)
        try value.pointee.encode(to: encoder)
        let ended = (fields?.record ?? before) - before
        guard ended == 0 else {
            if ended > 1 { throw failure(Optional<Any>.none as Any, "\(ended) values were encoded where one belongs") }
            return
        }
        do {
            try fields?.endRecord()
        } catch let error as ArrowError {
            throw failure(Optional<Any>.none as Any, error)
        }
    }

    /// Appends a scalar value, converted to the column's type.
    @inline(__always)
    func append(_ value: ArrowValue) throws {
        guard isScalar else { throw mismatch(value) }
        do {
            try writer.append(value)
        } catch let error as ArrowError {
            throw failure(value, error)
        }
    }

    /// Appends a value a container takes directly, converted to the column's type.
    @inline(__always)
    func append<S: CodableScalar>(_ value: S) throws {
        guard isScalar else { throw mismatch(value.codableValue) }
        do {
            try value.write(to: writer)
        } catch let error as ArrowError {
            throw failure(value.codableValue, error)
        }
    }

    /// Appends a null; an error where the column is not nullable.
    func encodeNil() throws {
        guard isNullable else {
            throw failure(Optional<Any>.none as Any, "nil, but the column is not nullable")
        }
        try builder.appendNull()
        fields?.endNullRecord()
    }

    /// Appends `value`, of the special type `special` (so `T` is that type).
    private func appendSpecial<T>(_ special: CodableSpecialType, _ value: T) throws {
        switch special {
        case .date: try append(special.cast(value, to: Date.self))
        case .uuid: try append(.uuid(special.cast(value, to: UUID.self)))
        case .decimal: try append(special.cast(value, to: Decimal.self))
        case .data: try append(special.cast(value, to: Data.self))
        case .url: try append(.string(special.cast(value, to: URL.self).absoluteString))
        }
    }

    private func append(_ date: Date) throws {
        let count: Int64?
        switch type {
        case .timestamp(let unit, _):
            guard let stored = CodableDate.count(date, unit: unit) else { throw failure(date, "\(date) is beyond \(type)") }
            count = stored
        case .date32:
            count = CodableDate.days(date).map { Int64($0) }
        case .date64:
            count = CodableDate.days(date).map { Int64($0) * 86_400_000 }
        default:
            throw failure(date, "a Date goes into a timestamp, date32 or date64 column, not \(type)")
        }
        guard let count else { throw failure(date, "\(date) is not midnight UTC, so it is no \(type) value") }
        do {
            try writer.append(count: count)
        } catch let error as ArrowError {
            throw failure(date, error)
        }
    }

    private func append(_ decimal: Decimal) throws {
        guard let value = CodableDecimal.arrowDecimal(decimal) else { throw failure(decimal, "\(decimal) is not a number") }
        guard isScalar else { throw mismatch(.decimal(value)) }
        do {
            try writer.append(decimal: value)
        } catch let error as ArrowError {
            throw failure(decimal, error)
        }
    }

    private func append(_ data: Data) throws {
        guard isScalar else { throw mismatch(.binary(Array(data))) }
        do {
            try writer.append(data: data)
        } catch let error as ArrowError {
            throw failure(data, error)
        }
    }

    /// Lets go of the keyed containers kept by this node and the nodes below it (each holds
    /// its node), once the values are encoded.
    func releaseKeyedContainers() {
        keyedContainer = nil
        switch kind {
        case .scalar: break
        case .record(let fields): for node in fields.nodes { node.releaseKeyedContainers() }
        case .list(_, let item): item.releaseKeyedContainers()
        case .map(_, _, let key, let value):
            key.releaseKeyedContainers()
            value.releaseKeyedContainers()
        }
    }

    // MARK: - Slots

    /// Ends the slot that began when the builder held `start` slots: a slot already ended
    /// (by a null, or by a value encoded into this same node) stays; a record gets nulls for
    /// the fields it lacks, a list or map ends; a scalar that got nothing is null.
    private func endSlot(from start: Int) throws {
        let added = builder.count - start
        guard added == 0 else {
            if added > 1 { throw failure(Optional<Any>.none as Any, "\(added) values were encoded where one belongs") }
            return
        }
        do {
            switch kind {
            case .scalar:
                guard isNullable else { throw failure(Optional<Any>.none as Any, "no value was encoded, and the column is not nullable") }
                try builder.appendNull()
            case .record:
                try fields?.endRecord()
            case .list(let list, let item):
                try item.closeIfOpen()
                try list.endList()
            case .map(let list, let entries, _, let value):
                try closeEntry(entries, value)
                try list.endList()
            }
        } catch let error as ArrowError {
            throw failure(Optional<Any>.none as Any, error)
        }
    }

    /// Starts a slot that a nested container fills.
    func open() {
        closeIfOpenLater()
        isOpen = true
        openedAt = builder.count
        if let items { itemsBefore = items.count }
    }

    /// Ends the slot a nested container filled, if one is open.
    func closeIfOpen() throws {
        guard isOpen else { return }
        isOpen = false
        try endSlot(from: openedAt)
    }

    /// ``closeIfOpen()`` where errors cannot be thrown: they are thrown after the row.
    func closeIfOpenLater() {
        do {
            try closeIfOpen()
        } catch {
            context.fail(error)
        }
    }

    /// Ends the open map entry whose value a nested container filled.
    func closeEntry(_ entries: StructBuilder, _ value: EncodingNode) throws {
        guard value.isOpen else { return }
        try value.closeIfOpen()
        try entries.endRecord()
    }

    // MARK: - Errors

    /// The coding path to the slot being built, the row first.
    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node = self
        while let parent = node.parent {
            switch parent.kind {
            case .list(_, let item): keys.append(ArrowCodingKey(intValue: item.builder.count - parent.itemsBefore))
            case .map(_, let entries, _, _): keys.append(ArrowCodingKey(intValue: entries.count - parent.itemsBefore))
            case .record, .scalar: keys.append(ArrowCodingKey(stringValue: node.key))
            }
            node = parent
        }
        return [ArrowCodingKey(intValue: context.row)] + keys.reversed()
    }

    /// The coding keys of the record fields from the top to this node.
    var keyPath: [String] {
        var keys: [String] = []
        var node = self
        while let parent = node.parent {
            if case .record = parent.kind { keys.append(node.key) }
            node = parent
        }
        return keys.reversed()
    }

    /// An `EncodingError` for `value` at this slot: `row 17, price: reason`.
    func failure(_ value: Any, _ reason: String) -> EncodingError {
        let path = codingPath
        return EncodingError.invalidValue(value, EncodingError.Context(
            codingPath: path, debugDescription: "\(ArrowCodingKey.describe(path)): \(reason)"))
    }

    /// ``failure(_:_:)`` for a builder's error, without the slot the builder names.
    func failure(_ value: Any, _ error: ArrowError) -> EncodingError {
        var reason = error.reason
        if reason.hasPrefix("slot "), let colon = reason.firstIndex(of: ":"),
           reason[reason.index(reason.startIndex, offsetBy: 5)..<colon].allSatisfy(\.isNumber) {
            reason = String(reason[reason.index(after: colon)...].drop { $0 == " " })
        }
        return failure(value, reason)
    }

    /// The error for a value of the wrong kind for this node.
    func mismatch(_ found: String) -> EncodingError {
        failure(Optional<Any>.none as Any, "\(found) where the column is \(type)")
    }

    func mismatch(_ value: ArrowValue) -> EncodingError {
        failure(value, "a \(value.kindName) where the column is \(type)")
    }
}

/// The fields of a record node, which coding key goes to which, and which fields the record
/// being built has values for.
final class RecordFields {
    /// The builder of the records; `nil` at the top, where records are rows.
    let builder: StructBuilder?
    let names: [String]
    let nodes: [EncodingNode]
    /// ``nodes``, not counted (``nodes`` holds them): the field lookup of every value reads
    /// them without retaining and releasing.
    private let fieldNodes: UnsafeMutableBufferPointer<Unmanaged<EncodingNode>>
    /// The record node these are the fields of, which holds them; set once it is made.
    unowned(unsafe) var owner: EncodingNode?
    /// The coding key of each field, where known.
    @exclusivity(unchecked) private var keys: [String?]
    @exclusivity(unchecked) private var positions: [String: Int] = [:]
    /// The field after the one last looked up: keys usually come in schema order.
    @exclusivity(unchecked) private var next = 0
    /// How many fields from ``next`` on a key is looked for before the dictionary of keys.
    private static let lookAhead = 8
    /// The number of the record being built (each field node keeps the number of the record it
    /// last got a value in).
    @exclusivity(unchecked) private(set) var record = 0
    @exclusivity(unchecked) private var filledCount = 0
    /// Whether a nested container may still be filling a field of this record.
    @exclusivity(unchecked) private var hasOpenField = false

    init(builder: StructBuilder?, names: [String], nodes: [EncodingNode], keys: [String]?) {
        self.builder = builder
        self.names = names
        self.nodes = nodes
        fieldNodes = .allocate(capacity: nodes.count)
        _ = fieldNodes.initialize(from: nodes.map { Unmanaged.passUnretained($0) })
        self.keys = keys ?? Array(repeating: nil, count: names.count)
        if let keys {
            for (position, key) in keys.enumerated() where positions[key] == nil { positions[key] = position }
        }
    }

    deinit {
        fieldNodes.deallocate()
    }

    /// The field node of the key `name` in the record being built, counted as filled; throws
    /// when the schema has no column for it or the record already has its value.
    @inline(__always)
    func node(for name: String) throws -> Unmanaged<EncodingNode> {
        if next == keys.count { next = 0 }
        let position = keys[next] == name ? next : try lookUp(name)
        next = position + 1
        let node = fieldNodes[position]
        let filledIn = node._withUnsafeGuaranteedRef { node in
            defer { node.filledIn = record }
            return node.filledIn
        }
        guard filledIn != record else { throw twice(name) }
        filledCount += 1
        return node
    }

    /// The error for a key encoded twice in one record.
    private func twice(_ name: String) -> any Error {
        guard let owner else { return ArrowError.invalidArgument("the key '\(name)' is encoded twice") }
        return owner.failure(Optional<Any>.none as Any, "the key '\(name)' is encoded twice")
    }

    /// ``node(for:)`` for a nested container, which fills the field later.
    func openNode(for name: String) throws -> EncodingNode {
        let node = try node(for: name).takeUnretainedValue()
        node.open()
        hasOpenField = true
        return node
    }

    /// The position of the key `key`, which is not the expected one: first among the few fields
    /// after it (keys left out because their values are nil, as `encodeIfPresent` does, put the
    /// next key there), then by the dictionary of keys, then by column name.
    private func lookUp(_ key: String) throws -> Int {
        if let position = keys[(next + 1)..<min(keys.count, next + Self.lookAhead)].firstIndex(of: key) { return position }
        if let position = positions[key] { return position }
        guard let owner else { throw ArrowError.invalidArgument("no column for the key '\(key)'") }
        let name = owner.context.columnName(owner.keyPath + [key])
        guard let position = names.firstIndex(of: name), keys[position] == nil else {
            throw owner.mismatch("the key '\(key)', which has no column in \(names.map { "'\($0)'" }.joined(separator: ", ")),")
        }
        keys[position] = key
        positions[key] = position
        nodes[position].key = key
        return position
    }

    /// Ends the record `owner` is building: closes fields that nested containers filled,
    /// puts nulls in the nullable fields without a value, and throws for the others.
    func endRecord() throws {
        if filledCount != fieldNodes.count || hasOpenField {
            for field in fieldNodes {
                try field._withUnsafeGuaranteedRef { node in
                    try node.closeIfOpen()
                    guard node.filledIn != record else { return }
                    guard node.isNullable else {
                        throw node.failure(Optional<Any>.none as Any, "no value was encoded, and the column is not nullable")
                    }
                    try node.encodeNil()
                }
            }
        }
        try builder?.endRecord()
        endNullRecord()
    }

    /// Starts the next record, the one before having ended (or been made null).
    func endNullRecord() {
        record += 1
        filledCount = 0
        hasOpenField = false
    }
}

/// What every node of one encoding shares: options, the row, errors met where containers
/// could not throw them.
final class EncodingContext {
    let options: ArrowEncoder
    let userInfo: [CodingUserInfoKey: Any]
    /// The row being encoded.
    @exclusivity(unchecked) var row = 0
    /// Where containers that cannot encode anywhere write (see ``EncodingNode/scratch(_:)``).
    private(set) lazy var scratch = EncodingNode.scratch(self)
    /// The first error met where it could not be thrown (nested containers), thrown after the row.
    @exclusivity(unchecked) private(set) var pending: (any Error)?

    init(options: ArrowEncoder) {
        self.options = options
        userInfo = options.userInfo
    }

    func fail(_ error: any Error) {
        if pending == nil { pending = error }
    }

    /// The column name of the key at the end of `keys`.
    func columnName(_ keys: [String]) -> String {
        options.columnName(keys)
    }
}
