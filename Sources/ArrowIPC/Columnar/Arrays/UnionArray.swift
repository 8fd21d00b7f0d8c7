/// An array of values each of which comes from one of several child arrays (`sparse_union`
/// or `dense_union`).
///
/// Slot `i` stores a type code, one of the union's ``typeIds``, that selects child
/// ``childIndex(at:)``; the value is that child's slot ``valueOffset(at:)`` — the same
/// position in a sparse union, the slot its offset gives in a dense one. A union has no
/// nulls of its own: a slot is null when the value it selects is. Each element is that value
/// as a one-slot array of the child's type. `Array(array)` gives `[(any ArrowArray)?]`.
public struct UnionArray: ArrowArray, RandomAccessCollection, @unchecked Sendable {
    // The pointers point into buffers that `data` keeps alive and nobody writes.
    /// The node this array reads.
    public let data: ArrayData
    /// The type code of slot 0, this node's offset applied.
    private let typeCodes: UnsafeRawPointer
    /// The dense offset of slot 0, this node's offset applied; `nil` for a sparse union.
    private let offsets: UnsafeRawPointer?
    /// The child of each type code `0...127`, -1 for codes that are not type ids.
    private let childOfTypeCode: [Int]

    /// Wraps `data`, which must be of a union type and pass ``ArrayData/validate(_:)`` at the
    /// default level.
    public init(_ data: ArrayData) throws {
        let readable = if case .union = data.type { true } else { false }
        self.init(unchecked: try data.validated(for: "UnionArray", readable: readable))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
        typeCodes = data.buffers[0].baseAddress + data.offset
        var childOfTypeCode = [Int](repeating: -1, count: 128)
        if case .union(let mode, _, let typeIds) = data.type {
            for (child, typeId) in typeIds.enumerated() where (0...127).contains(typeId) {
                childOfTypeCode[Int(typeId)] = child
            }
            offsets = mode == .dense ? data.buffers[1].baseAddress + data.offset &* 4 : nil
        } else {
            offsets = nil
        }
        self.childOfTypeCode = childOfTypeCode
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
        return typeCodes.load(fromByteOffset: index, as: Int8.self)
    }

    /// The child that slot `index` selects, or `nil` when its type code is not one of the
    /// type ids (which `ArrayData.validate(.full)` reports).
    public func childIndex(at index: Int) -> Int? {
        let code = Int(typeCode(at: index))
        guard code >= 0 else { return nil }
        let child = childOfTypeCode[code]
        return child >= 0 ? child : nil
    }

    /// The slot of the selected child that holds slot `index`'s value: the union's offset
    /// plus `index` in a sparse union, the stored offset in a dense one.
    public func valueOffset(at index: Int) -> Int {
        precondition(index >= 0 && index < data.length, "index \(index) is outside 0..<\(data.length)")
        guard let offsets else { return data.offset &+ index }
        return Int(offsets.loadUnaligned(fromByteOffset: index &* 4, as: Int32.self))
    }

    /// The value in slot `position` as a one-slot array of its child's type (whose slot may
    /// be null), or `nil` when the type code is not a type id or a dense offset is outside its
    /// child (which `ArrayData.validate(.full)` reports).
    public subscript(position: Int) -> (any ArrowArray)? {
        guard let child = childIndex(at: position) else { return nil }
        let slot = valueOffset(at: position)
        let values = data.children[child]
        guard slot >= 0, slot < values.length else { return nil }
        return makeArray(values.uncheckedSlice(slot, 1))
    }
}
