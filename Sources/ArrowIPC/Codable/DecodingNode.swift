import Foundation

/// One column, or one child of a nested column, read into Swift values by ``NodeDecoder``.
///
/// Scalars are read as ``ArrowValue``s — straight from the typed array for the common
/// primitive and string columns, through ``ArrayData/value(at:)`` (checked, for every type)
/// for the others — and converted exactly to the Swift type asked for. Records, lists and
/// maps hand their children to nested containers. Indices are relative to the node's array.
final class DecodingNode {
    /// How the node's values are read.
    enum Kind {
        /// A value of its own, read by ``reader``.
        case scalar
        case record(RecordLookup)
        /// A list of any layout, over its item node.
        case list(item: DecodingNode)
        /// A map, over its entries and their key and value nodes.
        case map(entries: ArrayData, key: DecodingNode, value: DecodingNode)
    }

    let data: ArrayData
    let kind: Kind
    /// The fields of a record node (what ``kind`` holds, without copying it on each record).
    let lookup: RecordLookup?
    /// The keyed containers of a record node, handed out again for its next records.
    @exclusivity(unchecked) var records = ReusableRecordContainers()
    /// Reads the slots as values.
    let reader: SlotReader
    unowned let context: DecodingContext
    fileprivate(set) unowned var parent: DecodingNode?
    /// The field name in the parent record, or the item's name.
    let name: String
    /// The coding key that asked for this field, for messages.
    var key: String
    /// For lists and maps: the item or entry being read, for messages and for finding map
    /// keys in order.
    @exclusivity(unchecked) var currentItem = 0

    private init(data: ArrayData, name: String, kind: Kind, context: DecodingContext) {
        self.data = data
        reader = if case .scalar = kind { SlotReader.make(data) } else { SlotReader(data) }
        self.name = name
        key = name
        self.kind = kind
        lookup = if case .record(let lookup) = kind { lookup } else { nil }
        self.context = context
    }

    /// The node reading `data`, a column or a child called `name`, and its children.
    static func make(data: ArrayData, name: String, context: DecodingContext) throws -> DecodingNode {
        var children: [DecodingNode] = []
        let kind: Kind
        switch data.type {
        case .struct(let fields):
            kind = .record(RecordLookup(fields: fields))
        case .list, .largeList, .listView, .largeListView, .fixedSizeList:
            children = [try make(data: try data.checkedChild(0), name: data.type.children.first?.name ?? "item", context: context)]
            kind = .list(item: children[0])
        case .map:
            let entries = try data.checkedChild(0)
            children = [
                try make(data: try entries.checkedChild(0), name: "key", context: context),
                try make(data: try entries.checkedChild(1), name: "value", context: context),
            ]
            kind = .map(entries: entries, key: children[0], value: children[1])
        default:
            kind = .scalar
        }
        let node = DecodingNode(data: data, name: name, kind: kind, context: context)
        if case .record(let lookup) = kind { lookup.owner = node }
        for child in children { child.parent = node }
        return node
    }

    /// Lets go of the keyed containers kept by this node and the nodes below it (each holds
    /// its node), once the values are decoded.
    func releaseContainers() {
        records.release()
        switch kind {
        case .scalar: break
        case .record(let lookup): lookup.forEachChild { $0.releaseContainers() }
        case .list(let item): item.releaseContainers()
        case .map(_, let key, let value):
            key.releaseContainers()
            value.releaseContainers()
        }
    }

    // MARK: - Reading

    /// The value at `index` as an ``ArrowValue`` (``ArrowValue/null`` for a null).
    @inline(__always)
    func value(at index: Int) throws -> ArrowValue {
        guard index >= 0, index < data.length else {
            return try checked { try data.value(at: index) }
        }
        do {
            return try reader.value(at: index)
        } catch let error as ArrowError {
            throw DecodingError.dataCorrupted(context("the column cannot be read: \(error.reason)", underlying: error))
        }
    }

    /// Whether the value at `index` is null.
    func isNull(at index: Int) throws -> Bool {
        switch kind {
        case .scalar: try value(at: index).isNull
        case .record, .list, .map: try checked { try data.checkedValidityIsNull(try data.checkedSlot(index)) }
        }
    }

    /// The value at `index` as `S`, converted exactly.
    @inline(__always)
    func scalar<S: CodableScalar>(_: S.Type, at index: Int) throws -> S {
        let value = try value(at: index)
        guard let result = S(codableValue: value) else { throw cannotConvert(value, to: S.self) }
        return result
    }

    /// The value at `index` as `S`, or `nil` when it is null.
    @inline(__always)
    func optionalScalar<S: CodableScalar>(_: S.Type, at index: Int) throws -> S? {
        let value = try value(at: index)
        if value.isNull { return nil }
        guard let result = S(codableValue: value) else { throw cannotConvert(value, to: S.self) }
        return result
    }

    /// The value at `index` as `T`: the special types read here, others by their `init(from:)`.
    func decode<T: Decodable>(_: T.Type, at index: Int) throws -> T {
        guard let special = CodableSpecialType(T.self) else {
            return try T(from: NodeDecoder(node: self, index: index))
        }
        let value = try value(at: index)
        switch special {
        case .date:
            if let date = CodableDate.date(value) { return special.cast(date, to: T.self) }
        case .uuid:
            if let id = CodableSpecialType.uuid(value) { return special.cast(id, to: T.self) }
        case .decimal:
            if let decimal = value.decimalValue { return special.cast(decimal, to: T.self) }
        case .data:
            if let bytes = value.bytesValue { return special.cast(Data(bytes), to: T.self) }
        case .url:
            if let url = value.stringValue.flatMap({ URL(string: $0) }) { return special.cast(url, to: T.self) }
        }
        throw cannotConvert(value, to: T.self)
    }

    /// The physical slot of `index`, as children of records and lists are indexed.
    func slot(_ index: Int) throws -> Int {
        try checked { try data.checkedSlot(index) }
    }

    /// The items of the list at `index` (indices into the item node); throws for a null.
    func listRange(at index: Int) throws -> Range<Int> {
        try checked {
            let slot = try data.checkedSlot(index)
            return try data.childRange(slot: slot)
        }
    }

    /// Runs `body`, turning a damaged array's `ArrowError` into a `DecodingError` here.
    @inline(__always)
    func checked<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as ArrowError {
            throw DecodingError.dataCorrupted(context("the column cannot be read: \(error.reason)", underlying: error))
        }
    }

    // MARK: - Errors

    /// The coding path to this node: the row, then record keys and list positions.
    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node = self
        while let parent = node.parent {
            switch parent.kind {
            case .list: keys.append(ArrowCodingKey(intValue: parent.currentItem))
            case .record: keys.append(ArrowCodingKey(stringValue: node.key))
            case .map: keys.append(ArrowCodingKey(stringValue: node.name))
            case .scalar: break
            }
            node = parent
        }
        return [ArrowCodingKey(intValue: context.row)] + keys.reversed()
    }

    /// The coding keys of the record fields from the top to here (for key strategies).
    var keyPath: [any CodingKey] {
        Array(codingPath.dropFirst().filter { $0.intValue == nil })
    }

    /// A context for errors here: `row 17, price: reason`.
    func context(_ reason: String, underlying: (any Error)? = nil) -> DecodingError.Context {
        let path = codingPath
        return DecodingError.Context(
            codingPath: path, debugDescription: "\(ArrowCodingKey.describe(path)): \(reason)", underlyingError: underlying)
    }

    /// The error for a null where `type` is not optional.
    func missing(_ type: Any.Type) -> DecodingError {
        DecodingError.valueNotFound(type, context("null, but \(type) is not optional (column type \(data.type))"))
    }

    /// The error for `value`, which does not convert to `type`.
    func cannotConvert(_ value: ArrowValue, to type: Any.Type) -> DecodingError {
        if value.isNull { return missing(type) }
        let text = value.description
        let short = text.count > 60 ? String(text.prefix(60)) + "…" : text
        let shown = if case .string = value { "\"\(short)\"" } else { short }
        let isNumber = switch value {
        case .int, .uint, .float, .float16, .double: true
        default: false
        }
        if isNumber, type is any Numeric.Type {
            return DecodingError.dataCorrupted(context("\(shown) does not fit in \(type)"))
        }
        return DecodingError.typeMismatch(type, context("the \(value.kindName) \(shown) is not a \(type) (column type \(data.type))"))
    }

    /// The error for a container of `kind` asked of this node.
    func notA(_ kind: String, for type: Any.Type) -> DecodingError {
        DecodingError.typeMismatch(type, context("\(type) reads \(kind), but the column type is \(data.type)"))
    }
}

extension CodableDate {
    /// The instant of a timestamp of any unit, or of a date (midnight UTC); `nil` for other values.
    static func date(_ value: ArrowValue) -> Date? {
        switch value {
        case .timestamp(let count, let unit, _): date(count, unit: unit)
        case .date32(let days): date(Int64(days) * 86_400, unit: .second)
        case .date64(let milliseconds): date(milliseconds, unit: .millisecond)
        default: nil
        }
    }
}

extension CodableSpecialType {
    /// The UUID of an `arrow.uuid` value, of 16 bytes, or of UUID text; `nil` for other values.
    static func uuid(_ value: ArrowValue) -> UUID? {
        switch value {
        case .uuid(let id): id
        case .binary(let bytes) where bytes.count == 16: bytes.withUnsafeBytes { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
        case .string(let text): UUID(uuidString: text)
        default: nil
        }
    }
}

/// The fields of a record node, found by coding key: column names converted by the key
/// strategy, then the names themselves.
final class RecordLookup {
    let fields: [Field]
    /// The record node, set as soon as it is made.
    unowned var owner: DecodingNode?
    @exclusivity(unchecked) private var children: [DecodingNode?]
    /// The coding key each field answers to, made on first use.
    @exclusivity(unchecked) private var keys: [String] = []
    @exclusivity(unchecked) private var positions: [String: Int] = [:]
    @exclusivity(unchecked) private var names: [String: Int] = [:]
    /// The field after the one last found: keys usually come in column order.
    @exclusivity(unchecked) private var next = 0

    init(fields: [Field]) {
        self.fields = fields
        children = Array(repeating: nil, count: fields.count)
    }

    private func prepare() {
        guard keys.isEmpty, !fields.isEmpty else { return }
        guard let owner else { return }
        let strategy = owner.context.options.keyDecodingStrategy
        let path = owner.keyPath
        keys = fields.map { field in
            switch strategy {
            case .useDefaultKeys: field.name
            case .convertFromSnakeCase: SnakeCase.toCamelCase(field.name)
            case .custom(let convert): convert(path + [ArrowCodingKey(stringValue: field.name)]).stringValue
            }
        }
        for (position, key) in keys.enumerated().reversed() { positions[key] = position }
        for (position, field) in fields.enumerated().reversed() { names[field.name] = position }
    }

    /// The position of the field `key` answers to, or `nil`.
    @inline(__always)
    func position(of key: String) -> Int? {
        prepare()
        if next >= keys.count { next = 0 }
        let position: Int
        if keys.indices.contains(next), keys[next] == key {
            position = next
        } else if next > 0, keys[next - 1] == key {
            position = next - 1
        } else if let found = positions[key] ?? names[key] ?? snakeCasePosition(of: key) {
            position = found
        } else {
            return nil
        }
        next = position + 1
        return position
    }

    /// Under `.convertFromSnakeCase`, the field named as `.convertToSnakeCase` writes `key`
    /// (`accountID` is in `account_id`, which converts to `accountId`).
    private func snakeCasePosition(of key: String) -> Int? {
        guard case .convertFromSnakeCase = owner?.context.options.keyDecodingStrategy,
              let position = names[SnakeCase.fromCamelCase(key)] else { return nil }
        positions[key] = position
        return position
    }

    /// The node of the field at `position`, made on first use.
    func child(_ position: Int, key: String) throws -> DecodingNode {
        if let child = children[position] { return child }
        guard let owner else { throw ArrowError.invalidArgument("a record lookup outlived its node") }
        let node = try owner.checked {
            try DecodingNode.make(data: try owner.data.checkedChild(position), name: fields[position].name, context: owner.context)
        }
        node.parent = owner
        node.key = key
        children[position] = node
        return node
    }

    /// Calls `body` with each field node made so far.
    func forEachChild(_ body: (DecodingNode) -> Void) {
        for case let child? in children { body(child) }
    }

    /// The coding keys of all fields.
    var allKeys: [String] {
        prepare()
        return keys
    }

    /// The error for a non-optional `key` without a column.
    func missing(_ key: some CodingKey) -> DecodingError {
        let columns = fields.map(\.name).joined(separator: ", ")
        let top = owner?.parent == nil
        let reason = "no \(top ? "column" : "field in the struct column") for the key '\(key.stringValue)'; "
            + "the \(top ? "columns" : "fields") are: \(columns)"
        return DecodingError.keyNotFound(key, owner?.context(reason) ?? DecodingError.Context(codingPath: [key], debugDescription: reason))
    }
}

/// What every node of one decoding shares.
final class DecodingContext {
    let options: ArrowDecoder
    let userInfo: [CodingUserInfoKey: Any]
    /// The row being decoded (counted across a table's batches).
    @exclusivity(unchecked) var row = 0

    init(options: ArrowDecoder) {
        self.options = options
        userInfo = options.userInfo
    }
}
