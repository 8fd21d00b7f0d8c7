/// How many buffers a type's arrays carry, per the Arrow columnar layout.
extension DataType {
    /// Whether arrays of this type have a validity bitmap slot in their layout.
    /// Null, union and run-end encoded arrays have none.
    public var hasValidityBuffer: Bool {
        switch self {
        case .null, .union, .runEndEncoded: return false
        case .extension(_, let storage, _): return storage.hasValidityBuffer
        default: return true
        }
    }

    /// The number of fixed buffers after the validity bitmap (``ArrayData/buffers``), not
    /// counting the variadic data buffers of view types.
    public var fixedBufferCount: Int {
        switch self {
        case .null, .struct, .fixedSizeList, .runEndEncoded: return 0
        case .boolean, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64,
             .float16, .float32, .float64, .decimal32, .decimal64, .decimal128, .decimal256,
             .date32, .date64, .time32, .time64, .timestamp, .duration, .interval,
             .fixedSizeBinary, .list, .largeList, .map, .dictionary:
            return 1
        case .binary, .largeBinary, .utf8, .largeUtf8, .listView, .largeListView: return 2
        case .binaryView, .utf8View: return 1
        case .union(let mode, _, _): return mode == .dense ? 2 : 1
        case .extension(_, let storage, _): return storage.fixedBufferCount
        }
    }
}
