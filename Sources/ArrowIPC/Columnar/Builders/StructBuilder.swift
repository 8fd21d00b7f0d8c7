/// Builds `struct` arrays over one builder per field (``fieldBuilders``).
///
/// Append one value to each field's builder, then ``endRecord()`` makes a valid slot; or
/// ``append(_:)`` takes a whole ``ArrowValue/struct(_:)`` record, matching its names to the
/// fields (a field the record lacks is null; a name no field has, or a null for a field that
/// is not nullable, is an error).
public final class StructBuilder: TruncatableBuilder {
    public let type: DataType
    /// The fields, in order.
    public let fields: [Field]
    private let children: [any TruncatableBuilder]
    @exclusivity(unchecked) private var validity = BitmapBuilder(capacity: 0)
    @exclusivity(unchecked) public private(set) var count = 0

    /// A builder of `type`, a struct type.
    public init(type: DataType) throws {
        guard case .struct(let fields) = type else { throw ArrowError.invalidArgument("\(type) is not a struct type") }
        self.type = type
        self.fields = fields
        children = try fields.map { try makeTruncatableBuilder($0.type) }
    }

    /// The builder of each field, in order.
    public var fieldBuilders: [any ArrayBuilder] { children }

    /// The builder of the field named `name`, or `nil` when there is none.
    public func fieldBuilder(named name: String) -> (any ArrayBuilder)? {
        fields.firstIndex { $0.name == name }.map { children[$0] }
    }

    /// Ends a valid slot; throws unless every field's builder got exactly one value for it.
    public func endRecord() throws {
        if let index = children.firstIndex(where: { $0.count != count + 1 }) {
            throw ArrowError.invalidArgument(
                "slot \(count): the field '\(fields[index].name)' has \(children[index].count - count) values for this record, not 1")
        }
        validity.append(true)
        count += 1
    }

    /// Appends a null slot: a null in every field that has no value for it yet.
    public func appendNull() throws {
        for child in children where child.count == count { try child.appendNull() }
        validity.append(false)
        count += 1
    }

    public func append(_ value: ArrowValue) throws {
        switch value {
        case .null:
            try atomically { try appendNull() }
        case .struct(let record) where record.names == fields.map(\.name):
            // By position: names may repeat.
            try appendFields(record.values)
        case .struct(let record):
            if let unknown = record.names.first(where: { name in !fields.contains { $0.name == name } }) {
                throw mismatch(value, "has a field '\(unknown)' that \(type) lacks")
            }
            try appendFields(fields.map { record[$0.name] })
        default:
            throw mismatch(value)
        }
    }

    /// Appends a valid slot of `values`, one per field in order.
    func appendFields(_ values: [ArrowValue]) throws {
        guard values.count == fields.count else {
            throw ArrowError.invalidArgument("slot \(count): \(values.count) values are not a record of \(type)")
        }
        try atomically {
            for (index, value) in values.enumerated() {
                if value.isNull && !fields[index].isNullable {
                    throw ArrowError.invalidArgument("slot \(count): the field '\(fields[index].name)' is not nullable")
                }
                do {
                    try children[index].append(value)
                } catch ArrowError.invalidArgument(let reason) {
                    throw ArrowError.invalidArgument("slot \(count), field '\(fields[index].name)': \(reason)")
                }
            }
            try endRecord()
        }
    }

    public func reserve(_ additional: Int) {
        for child in children { child.reserve(additional) }
    }

    public func finishData() -> ArrayData {
        let length = count
        count = 0
        let columns = children.map { $0.finishData() }
        let (bitmap, nullCount) = validity.takeValidity()
        return ArrayData(type: type, length: length, nullCount: nullCount, validity: bitmap, buffers: [], children: columns)
    }

    func truncate(to newCount: Int) {
        for child in children { child.truncate(to: max(newCount, 0)) }
        guard newCount < count, newCount >= 0 else { return }
        validity.truncate(to: newCount)
        count = newCount
    }
}
