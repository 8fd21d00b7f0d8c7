/// An array of values each of which comes from one of several child arrays (`sparse_union`
/// or `dense_union`).
///
/// Slot `i` stores a type code, one of the union's ``typeIds``, that selects child
/// ``childIndex(at:)``; the value is that child's slot ``valueOffset(at:)`` — the same
/// position in a sparse union, the slot its offset gives in a dense one. A union has no
/// nulls of its own: a slot is null when the value it selects is. Each element is that value
/// as a one-slot array of the child's type. `Array(array)` gives `[(any ArrowArray)?]`.
public struct UnionArray: ArrowArray, RandomAccessCollection, Sendable {
    /// The node this array reads.
    public let data: ArrayData

    /// Wraps `data`, which must be of a union type and pass ``ArrayData/validate(_:)`` at the
    /// default level.
    public init(_ data: ArrayData) throws {
        let readable = if case .union = data.type { true } else { false }
        self.init(unchecked: try data.validated(for: "UnionArray", readable: readable))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
    }

    /// A sparse union of `children`, all of `typeCodes.count` slots: slot `i` is slot `i` of
    /// the child whose type id is `typeCodes[i]`.
    ///
    /// `typeIds` gives each child's type id, by default its index; `fields` the child fields,
    /// by default nullable fields named by the index of the children's types. Throws when the
    /// counts of children, fields and type ids differ, a field has another type than its
    /// child, the type ids repeat or leave `0...127`, a type code is not a type id, or a
    /// child is shorter than the type codes.
    public init(typeCodes: [Int8], children: [any ArrowArray], typeIds: [Int32]? = nil, fields: [Field]? = nil) throws {
        try self.init(mode: .sparse, typeCodes: typeCodes, offsets: nil, children: children, typeIds: typeIds, fields: fields)
    }

    /// A dense union of `children`: slot `i` is slot `offsets[i]` of the child whose type id
    /// is `typeCodes[i]`.
    ///
    /// `typeIds` and `fields` default as for a sparse union. Throws as a sparse union does,
    /// when `offsets` has another count than `typeCodes`, or an offset is outside its child.
    public init(
        typeCodes: [Int8], offsets: [Int32], children: [any ArrowArray], typeIds: [Int32]? = nil, fields: [Field]? = nil
    ) throws {
        guard offsets.count == typeCodes.count else {
            throw ArrowError.invalidArgument("\(offsets.count) offsets were given for \(typeCodes.count) type codes")
        }
        try self.init(mode: .dense, typeCodes: typeCodes, offsets: offsets, children: children, typeIds: typeIds, fields: fields)
    }

    private init(
        mode: UnionMode, typeCodes: [Int8], offsets: [Int32]?, children: [any ArrowArray], typeIds: [Int32]?,
        fields: [Field]?
    ) throws {
        let fields = fields ?? children.enumerated().map { Field(String($0.offset), $0.element.type) }
        guard fields.count == children.count else {
            throw ArrowError.invalidArgument("\(fields.count) fields were given for \(children.count) children")
        }
        var buffers = [ArrowBuffer(copying: typeCodes)]
        if let offsets {
            buffers.append(ArrowBuffer(copying: offsets))
        }
        let data = ArrayData(
            type: .union(mode, fields, typeIds: typeIds ?? children.indices.map { Int32($0) }),
            length: typeCodes.count, nullCount: 0, validity: nil, buffers: buffers, children: children.map(\.data))
        self.init(unchecked: try data.validatedAsBuilt())
    }

    /// Whether the union is sparse or dense.
    public var mode: UnionMode {
        if case .union(let mode, _, _) = data.type { return mode }
        return .sparse
    }

    /// The child fields.
    public var fields: [Field] {
        data.type.children
    }

    /// The type id of each child, in the order of ``fields``.
    public var typeIds: [Int32] {
        if case .union(_, _, let typeIds) = data.type { return typeIds }
        return []
    }

    /// Child `index`, whole: in a sparse union its slots line up with the union's (from the
    /// union's offset), in a dense one the offsets index it.
    public func child(_ index: Int) -> any ArrowArray {
        makeArray(data.children[index])
    }

    /// The type code stored in slot `index`.
    public func typeCode(at index: Int) -> Int8 {
        precondition(index >= 0 && index < data.length, "index \(index) is outside 0..<\(data.length)")
        // The layout check made the type codes cover every slot.
        return (try? data.unionTypeCode(slot: data.offset &+ index)) ?? -1
    }

    /// The child that slot `index` selects, or `nil` when its type code is not one of the
    /// type ids (which `ArrayData.validate(.full)` reports).
    public func childIndex(at index: Int) -> Int? {
        precondition(index >= 0 && index < data.length, "index \(index) is outside 0..<\(data.length)")
        return try? data.unionMember(slot: data.offset &+ index).child
    }

    /// The slot of the selected child that holds slot `index`'s value: the union's offset
    /// plus `index` in a sparse union, the stored offset in a dense one (`-1` when that
    /// offset is negative, which `ArrayData.validate(.full)` reports).
    public func valueOffset(at index: Int) -> Int {
        precondition(index >= 0 && index < data.length, "index \(index) is outside 0..<\(data.length)")
        return (try? data.unionValueIndex(slot: data.offset &+ index, mode: mode)) ?? -1
    }

    /// The value in slot `position` as a one-slot array of its child's type (whose slot may
    /// be null), or `nil` when the type code is not a type id or a dense offset is outside its
    /// child (which `ArrayData.validate(.full)` reports).
    public subscript(position: Int) -> (any ArrowArray)? {
        precondition(position >= 0 && position < data.length, "index \(position) is outside 0..<\(data.length)")
        guard let (child, slot, _) = try? data.unionMember(slot: data.offset &+ position),
              slot < child.length else { return nil }
        return makeArray(child.uncheckedSlice(slot, 1))
    }
}
