extension ArrayData {
    /// An array of `length` null slots of `type`, in the type's layout: a cleared validity
    /// bitmap and zeroed buffers; empty children for lists and maps; children of `length`
    /// nulls for structs and sparse unions (whose slots are nulls of their first child); an
    /// empty dictionary; one run of a null value. What a cast from `null` gives.
    ///
    /// Throws ``ArrowError/invalidArgument(_:)`` when the buffers would exceed the machine's
    /// memory (a length from a file, with nothing behind it, can be anything), and
    /// ``ArrowError/notSupported(_:)`` for a union without children, which cannot hold a null.
    static func nulls(of type: DataType, length: Int) throws -> ArrayData {
        let bitmap = try zeroedBuffer(Bitmap.byteCount(length), for: type)
        let validity = type.hasValidityBuffer && length > 0 ? bitmap : nil
        func make(_ buffers: [ArrowBuffer], _ children: [ArrayData] = [], dictionary: ArrayData? = nil) -> ArrayData {
            ArrayData(type: type, length: length, nullCount: type.hasValidityBuffer ? length : 0, validity: validity,
                      buffers: buffers, children: children, dictionary: dictionary)
        }
        switch type {
        case .null:
            return ArrayData(type: .null, length: length, nullCount: length, validity: nil, buffers: [])
        case .boolean:
            return make([bitmap])
        case .binary, .utf8:
            return make([try zeroedBuffer(length, times: 4, plus: 4, for: type), .empty])
        case .largeBinary, .largeUtf8:
            return make([try zeroedBuffer(length, times: 8, plus: 8, for: type), .empty])
        case .binaryView, .utf8View:
            return make([try zeroedBuffer(length, times: 16, for: type)])
        case .list(let item), .map(let item, _):
            return make([try zeroedBuffer(length, times: 4, plus: 4, for: type)], [try nulls(of: item.type, length: 0)])
        case .largeList(let item):
            return make([try zeroedBuffer(length, times: 8, plus: 8, for: type)], [try nulls(of: item.type, length: 0)])
        case .listView(let item):
            let zeros = try zeroedBuffer(length, times: 4, for: type)
            return make([zeros, zeros], [try nulls(of: item.type, length: 0)])
        case .largeListView(let item):
            let zeros = try zeroedBuffer(length, times: 8, for: type)
            return make([zeros, zeros], [try nulls(of: item.type, length: 0)])
        case .fixedSizeList(let item, let size):
            let (items, overflow) = length.multipliedReportingOverflow(by: size)
            guard !overflow else { throw tooLarge(type, length) }
            return make([], [try nulls(of: item.type, length: items)])
        case .struct(let fields):
            return make([], try fields.map { try nulls(of: $0.type, length: length) })
        case .union(let mode, let fields, let typeIds):
            guard !fields.isEmpty, let code = typeIds.first else {
                throw ArrowError.notSupported("a union without children cannot hold nulls")
            }
            let codes = try zeroedBuffer(length, times: 1, for: type) { bytes in
                bytes.initializeMemory(as: Int8.self, repeating: Int8(truncatingIfNeeded: code), count: length)
            }
            let children = try fields.enumerated().map { index, field in
                try nulls(of: field.type, length: index == 0 || mode == .sparse ? length : 0)
            }
            guard mode == .dense else { return make([codes], children) }
            // Slot i of a dense union is slot i of its first child.
            guard length <= Int32.max else { throw tooLarge(type, length) }
            let offsets = try zeroedBuffer(length, times: 4, for: type) { bytes in
                for slot in 0..<length { bytes.storeBytes(of: Int32(slot), toByteOffset: slot * 4, as: Int32.self) }
            }
            return make([codes, offsets], children)
        case .dictionary(let index, let value, _):
            guard let width = index.byteWidth else { throw ArrowError.invalidArgument("\(type) has no integer indices") }
            return make([try zeroedBuffer(length, times: width, for: type)], dictionary: try nulls(of: value, length: 0))
        case .runEndEncoded(let runEnds, let values):
            // One run of one null value, or none.
            guard let endWidth = runEnds.type.byteWidth, length <= runEnds.type.integerMaximum else {
                throw ArrowError.invalidArgument("\(length) slots do not fit the run ends of \(type)")
            }
            let ends = try zeroedBuffer(length > 0 ? 1 : 0, times: endWidth, for: type) { end in
                guard length > 0 else { return }
                switch endWidth {
                case 2: end.storeBytes(of: Int16(length), as: Int16.self)
                case 4: end.storeBytes(of: Int32(length), as: Int32.self)
                default: end.storeBytes(of: Int64(length), as: Int64.self)
                }
            }
            let endsNode = ArrayData(type: runEnds.type, length: length > 0 ? 1 : 0, nullCount: 0, validity: nil, buffers: [ends])
            return make([], [endsNode, try nulls(of: values.type, length: length > 0 ? 1 : 0)])
        case .extension(_, let storage, _):
            return try nulls(of: storage, length: length).viewed(as: type)
        default:
            guard let width = type.byteWidth else { throw ArrowError.notSupported("nulls of type \(type) are not supported") }
            return make([try zeroedBuffer(length, times: width, for: type)])
        }
    }

    /// `count × width + extra` zero bytes, which `fill` may then write.
    private static func zeroedBuffer(
        _ count: Int, times width: Int, plus extra: Int = 0, for type: DataType,
        fill: (UnsafeMutableRawPointer) -> Void = { _ in }
    ) throws -> ArrowBuffer {
        let (product, overflow) = count.multipliedReportingOverflow(by: width)
        let (total, overflow2) = product.addingReportingOverflow(extra)
        guard !overflow, !overflow2 else { throw tooLarge(type, count) }
        return try zeroedBuffer(total, for: type, fill: fill)
    }

    private static func zeroedBuffer(
        _ byteCount: Int, for type: DataType, fill: (UnsafeMutableRawPointer) -> Void = { _ in }
    ) throws -> ArrowBuffer {
        let allocation = try HeapAllocation(inputSized: byteCount, purpose: "nulls of type \(type)")
        allocation.pointer.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        fill(allocation.pointer)
        return ArrowBuffer(owner: allocation, baseAddress: UnsafeRawPointer(allocation.pointer), count: byteCount)
    }

    private static func tooLarge(_ type: DataType, _ length: Int) -> ArrowError {
        ArrowError.invalidArgument("\(length) nulls of type \(type) need more memory than there is")
    }
}
