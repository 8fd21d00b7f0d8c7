/// Writes dictionary indices (or run ends) of an integer type known only at run time: the
/// type is dispatched once, and the loop over the slots runs on typed loads and stores.
struct IndexRewriter {
    /// The integer type of the indices, `int8` … `uint64`.
    let type: DataType

    /// New indices for the slots of the dictionary-encoded `arrays`, one after the other:
    /// `map(part, index)` for each valid slot (`part` is the position of its array in
    /// `arrays`), zero for a null slot. Throws when a mapped index does not fit the type.
    func rewrite(
        _ arrays: [ArrayData], length: Int, _ map: (_ part: Int, _ index: Int) throws -> Int
    ) throws -> ArrowBuffer {
        switch type {
        case .int8: return try rewrite(Int8.self, arrays, length: length, map)
        case .int16: return try rewrite(Int16.self, arrays, length: length, map)
        case .int32: return try rewrite(Int32.self, arrays, length: length, map)
        case .int64: return try rewrite(Int64.self, arrays, length: length, map)
        case .uint8: return try rewrite(UInt8.self, arrays, length: length, map)
        case .uint16: return try rewrite(UInt16.self, arrays, length: length, map)
        case .uint32: return try rewrite(UInt32.self, arrays, length: length, map)
        case .uint64: return try rewrite(UInt64.self, arrays, length: length, map)
        default: throw ArrowError.invalidArgument("dictionary indices of type \(type) are not integers")
        }
    }

    private func rewrite<Index: FixedWidthInteger & BitwiseCopyable>(
        _: Index.Type, _ arrays: [ArrayData], length: Int, _ map: (Int, Int) throws -> Int
    ) throws -> ArrowBuffer {
        let width = MemoryLayout<Index>.size
        var builder = BufferBuilder(capacity: length * width)
        for (part, array) in arrays.enumerated() {
            let source = array.buffers[0].baseAddress + array.offset * width
            let validity = array.nullCount > 0 ? array.validity?.baseAddress : nil
            for slot in 0..<array.length {
                if let validity, !validity.arrowBit(array.offset + slot) {
                    builder.append(Index.zero)
                    continue
                }
                let stored = source.loadUnaligned(fromByteOffset: slot * width, as: Index.self)
                guard let index = Int(exactly: stored) else {
                    throw ArrowError.invalidArgument("dictionary index \(stored) at slot \(slot) is too large")
                }
                let mapped = try map(part, index)
                guard let value = Index(exactly: mapped) else {
                    throw ArrowError.invalidArgument(
                        "dictionary index \(mapped) does not fit the index type \(type), whose largest value is \(Index.max)")
                }
                builder.append(value)
            }
        }
        return builder.finish()
    }
}

extension DataType {
    /// The largest value of an integer type, capped at `Int.max`; 0 for other types.
    var integerMaximum: Int {
        switch self {
        case .int8: return Int(Int8.max)
        case .int16: return Int(Int16.max)
        case .int32: return Int(Int32.max)
        case .uint8: return Int(UInt8.max)
        case .uint16: return Int(UInt16.max)
        case .uint32: return Int(UInt32.max)
        case .int64, .uint64: return Int.max
        default: return 0
        }
    }
}

extension BufferBuilder {
    /// Appends `value` as the integer type `type`; throws when it does not fit.
    mutating func appendInteger(_ value: Int, as type: DataType) throws {
        switch type {
        case .int8: try append(Self.exact(value, Int8.self, type))
        case .int16: try append(Self.exact(value, Int16.self, type))
        case .int32: try append(Self.exact(value, Int32.self, type))
        case .int64: try append(Self.exact(value, Int64.self, type))
        case .uint8: try append(Self.exact(value, UInt8.self, type))
        case .uint16: try append(Self.exact(value, UInt16.self, type))
        case .uint32: try append(Self.exact(value, UInt32.self, type))
        case .uint64: try append(Self.exact(value, UInt64.self, type))
        default: throw ArrowError.invalidArgument("\(type) is not an integer type")
        }
    }

    private static func exact<T: FixedWidthInteger & BitwiseCopyable>(_ value: Int, _: T.Type, _ type: DataType) throws -> T {
        guard let exact = T(exactly: value) else {
            throw ArrowError.invalidArgument("\(value) does not fit the integer type \(type)")
        }
        return exact
    }
}
