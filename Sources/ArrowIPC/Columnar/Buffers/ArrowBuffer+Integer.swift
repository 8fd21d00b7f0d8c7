extension ArrowBuffer {
    /// Element `index` of this buffer read as the integer type `type` (`int8` … `uint64`, as
    /// dictionary indices and run ends are stored), or `nil` when `type` is not an integer
    /// type or the value is a `uint64` beyond `Int.max`. The caller has checked that the buffer
    /// holds the element.
    func integer(_ type: DataType, at index: Int) -> Int? {
        switch type {
        case .int8: return Int(baseAddress.load(fromByteOffset: index, as: Int8.self))
        case .uint8: return Int(baseAddress.load(fromByteOffset: index, as: UInt8.self))
        case .int16: return Int(baseAddress.loadUnaligned(fromByteOffset: index * 2, as: Int16.self))
        case .uint16: return Int(baseAddress.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))
        case .int32: return Int(baseAddress.loadUnaligned(fromByteOffset: index * 4, as: Int32.self))
        case .uint32: return Int(baseAddress.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
        case .int64: return Int(baseAddress.loadUnaligned(fromByteOffset: index * 8, as: Int64.self))
        case .uint64: return Int(exactly: baseAddress.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
        default: return nil
        }
    }
}
