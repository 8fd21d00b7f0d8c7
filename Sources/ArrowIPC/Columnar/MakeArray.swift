/// Wraps `data` in the typed array for its type: ``Int64Array`` for `int64` and `timestamp`,
/// ``StringArray`` for `string`, ``ListArray`` for `list`, and so on.
///
/// Never traps and never throws. Types without a typed array yet, and a node whose buffers or
/// children do not fit its type's layout, come back as ``UntypedArray``. Only this node's
/// layout is checked (in constant time); element access stays within the buffers, but call
/// ``ArrayData/validate(_:)`` on data from untrusted sources for values that make sense (the
/// IPC readers do).
public func makeArray(_ data: ArrayData) -> any ArrowArray {
    guard (try? data.validateLayout()) != nil else {
        return UntypedArray(data)
    }
    switch data.type {
    case .boolean: return BooleanArray(unchecked: data)
    case .int8: return Int8Array(unchecked: data)
    case .int16: return Int16Array(unchecked: data)
    case .int32, .date32, .time32, .interval(.yearMonth): return Int32Array(unchecked: data)
    case .int64, .date64, .time64, .timestamp, .duration: return Int64Array(unchecked: data)
    case .uint8: return UInt8Array(unchecked: data)
    case .uint16: return UInt16Array(unchecked: data)
    case .uint32: return UInt32Array(unchecked: data)
    case .uint64: return UInt64Array(unchecked: data)
    #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    case .float16: return Float16Array(unchecked: data)
    #endif
    case .float32: return Float32Array(unchecked: data)
    case .float64: return Float64Array(unchecked: data)
    case .binary: return BinaryArray(unchecked: data)
    case .largeBinary: return LargeBinaryArray(unchecked: data)
    case .utf8: return StringArray(unchecked: data)
    case .largeUtf8: return LargeStringArray(unchecked: data)
    default: return UntypedArray(data)
    }
}
