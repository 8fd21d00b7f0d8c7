/// Builds sparse and dense `union` arrays over one builder per member.
///
/// ``append(_:member:)`` puts a value in a given member; ``append(_:)`` puts it in the first
/// member whose type takes it (so `.int(1)` goes to an `int64` member before a `double` one).
/// A union has no validity bitmap: a null is a null in the first member.
public final class UnionBuilder: TruncatableBuilder {
    public let type: DataType
    private let mode: UnionMode
    private let fields: [Field]
    private let typeIds: [Int8]
    private let members: [any TruncatableBuilder]
    @exclusivity(unchecked) private var typeCodes = BufferBuilder(capacity: 0)
    @exclusivity(unchecked) private var offsets = BufferBuilder(capacity: 0)
    /// The member of each slot, for truncation.
    @exclusivity(unchecked) private var memberOfSlot: [Int] = []
    @exclusivity(unchecked) public private(set) var count = 0

    /// A builder of `type`, a union type with at least one member.
    public init(type: DataType) throws {
        guard case .union(let mode, let fields, let typeIds) = type, fields.count == typeIds.count, !fields.isEmpty else {
            throw ArrowError.invalidArgument("\(type) is not a union type with members a builder can build")
        }
        let codes = typeIds.compactMap { Int8(exactly: $0) }
        guard codes.count == typeIds.count else {
            throw ArrowError.invalidArgument("\(type) has type ids outside the 8-bit range")
        }
        self.type = type
        self.mode = mode
        self.fields = fields
        self.typeIds = codes
        members = try fields.map { try makeTruncatableBuilder($0.type) }
    }

    /// The type of each member, in order (``append(_:member:)`` counts them from 0).
    public var memberTypes: [DataType] { fields.map(\.type) }

    /// Appends `value` into member `member` (a position in the union's fields).
    public func append(_ value: ArrowValue, member: Int) throws {
        guard members.indices.contains(member) else {
            throw ArrowError.invalidArgument("slot \(count): \(type) has no member \(member)")
        }
        try atomically {
            let offset = members[member].count
            try members[member].append(value)
            if mode == .sparse {
                for (index, other) in members.enumerated() where index != member { try other.appendNull() }
            } else {
                offsets.append(Int32(truncatingIfNeeded: offset))
            }
            typeCodes.append(typeIds[member])
            memberOfSlot.append(member)
            count += 1
        }
    }

    public func appendNull() throws {
        try append(.null, member: 0)
    }

    public func append(_ value: ArrowValue) throws {
        for member in members.indices {
            if (try? append(value, member: member)) != nil { return }
        }
        throw mismatch(value, "fits no member of \(type)")
    }

    public func reserve(_ additional: Int) {
        typeCodes.reserve(max(additional, 0))
    }

    public func finishData() -> ArrayData {
        let length = count
        count = 0
        memberOfSlot = []
        let children = members.map { $0.finishData() }
        let buffers = mode == .sparse ? [typeCodes.take()] : [typeCodes.take(), offsets.take()]
        return ArrayData(type: type, length: length, nullCount: 0, validity: nil, buffers: buffers, children: children)
    }

    func truncate(to newCount: Int) {
        guard newCount >= 0, newCount <= count else { return }
        // Members may hold a value of a slot that failed part way (newCount == count).
        if mode == .sparse {
            for member in members { member.truncate(to: newCount) }
        } else {
            var kept = [Int](repeating: 0, count: members.count)
            for member in memberOfSlot[..<newCount] { kept[member] += 1 }
            for (index, member) in members.enumerated() { member.truncate(to: kept[index]) }
            offsets.truncate(to: newCount * 4)
        }
        typeCodes.truncate(to: newCount)
        memberOfSlot.removeLast(count - newCount)
        count = newCount
    }
}
