/// Wraps `data` in the typed array for its type.
///
/// | Type | Array |
/// |---|---|
/// | `null` | ``NullArray`` |
/// | `bool` | ``BooleanArray`` |
/// | `int8` … `uint64`, `halffloat`, `float`, `double` | ``Int8Array`` … ``UInt64Array``, ``Float16Array``, ``Float32Array``, ``Float64Array`` |
/// | `date32`, `time32`, `month_interval` | ``Int32Array`` |
/// | `date64`, `time64`, `timestamp`, `duration` | ``Int64Array`` |
/// | `day_time_interval`, `month_day_nano_interval` | ``DayTimeIntervalArray``, ``MonthDayNanoIntervalArray`` |
/// | `decimal32` … `decimal256` | ``DecimalArray`` |
/// | `binary`, `large_binary`, `string`, `large_string` | ``BinaryArray``, ``LargeBinaryArray``, ``StringArray``, ``LargeStringArray`` |
/// | `fixed_size_binary` | ``FixedSizeBinaryArray`` |
/// | `list`, `large_list`, `fixed_size_list` | ``ListArray``, ``LargeListArray``, ``FixedSizeListArray`` |
/// | `binary_view`, `string_view` | ``BinaryViewArray``, ``StringViewArray`` |
/// | `list_view`, `large_list_view` | ``ListViewArray``, ``LargeListViewArray`` |
/// | `struct`, `map` | ``StructArray``, ``MapArray`` |
/// | `sparse_union`, `dense_union` | ``UnionArray`` |
/// | `run_end_encoded` | ``RunEndEncodedArray`` |
/// | `extension<arrow.uuid>`, `extension<arrow.bool8>` | ``UUIDArray``, ``Bool8Array`` |
/// | `extension<arrow.json>` stored as `string` or `large_string` | ``JSONArray`` |
/// | `extension<arrow.fixed_shape_tensor>` | ``FixedShapeTensorArray`` |
/// | `dictionary` | ``DictionaryArray`` |
/// | anything else | ``UntypedArray`` |
///
/// Never traps and never throws. A node whose buffers or children do not fit its type's
/// layout also comes back as an ``UntypedArray``. Only this node's layout is checked, in
/// constant time, so element access stays inside the buffers; call
/// ``ArrayData/validate(_:)`` on data from untrusted sources for offsets and values that make
/// sense (the IPC readers do).
public func makeArray(_ data: ArrayData) -> any ArrowArray {
    guard (try? data.validateLayout()) != nil else {
        return UntypedArray(data)
    }
    switch data.type {
    case .null: return NullArray(unchecked: data)
    case .boolean: return BooleanArray(unchecked: data)
    case .int8: return Int8Array(unchecked: data)
    case .int16: return Int16Array(unchecked: data)
    case .int32, .date32, .time32, .interval(.yearMonth): return Int32Array(unchecked: data)
    case .int64, .date64, .time64, .timestamp, .duration: return Int64Array(unchecked: data)
    case .uint8: return UInt8Array(unchecked: data)
    case .uint16: return UInt16Array(unchecked: data)
    case .uint32: return UInt32Array(unchecked: data)
    case .uint64: return UInt64Array(unchecked: data)
    case .float16:
        #if (os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64)
        return UntypedArray(data)  // Float16 is unavailable on Intel Macs.
        #else
        return Float16Array(unchecked: data)
        #endif
    case .float32: return Float32Array(unchecked: data)
    case .float64: return Float64Array(unchecked: data)
    case .interval(.dayTime): return DayTimeIntervalArray(unchecked: data)
    case .interval(.monthDayNano): return MonthDayNanoIntervalArray(unchecked: data)
    case .decimal32, .decimal64, .decimal128, .decimal256: return DecimalArray(unchecked: data)
    case .binary: return BinaryArray(unchecked: data)
    case .largeBinary: return LargeBinaryArray(unchecked: data)
    case .utf8: return StringArray(unchecked: data)
    case .largeUtf8: return LargeStringArray(unchecked: data)
    case .fixedSizeBinary: return FixedSizeBinaryArray(unchecked: data)
    case .list: return ListArray(unchecked: data)
    case .largeList: return LargeListArray(unchecked: data)
    case .fixedSizeList: return FixedSizeListArray(unchecked: data)
    case .binaryView: return BinaryViewArray(unchecked: data)
    case .utf8View: return StringViewArray(unchecked: data)
    case .listView: return ListViewArray(unchecked: data)
    case .largeListView: return LargeListViewArray(unchecked: data)
    case .struct: return StructArray(unchecked: data)
    case .union: return UnionArray(unchecked: data)
    case .runEndEncoded: return RunEndEncodedArray(unchecked: data)
    case .map:
        // Map elements read the entries' two children directly, so the entries node must be sound too.
        guard (try? data.children[0].validateLayout()) != nil else {
            return UntypedArray(data)
        }
        return MapArray(unchecked: data)
    case .extension: return makeExtensionArray(data) ?? UntypedArray(data)
    case .dictionary: return DictionaryArray(unchecked: data)
    }
}

/// The typed array of a canonical extension type's node whose layout is checked, or `nil`.
private func makeExtensionArray(_ data: ArrayData) -> (any ArrowArray)? {
    if (try? UUIDType(data.type)) != nil { return UUIDArray(unchecked: data) }
    if (try? Bool8Type(data.type)) != nil { return Bool8Array(unchecked: data) }
    if let json = try? JSONType(data.type), json.storageType != .utf8View { return JSONArray(unchecked: data) }
    if let tensor = try? FixedShapeTensorType(data.type) {
        return FixedShapeTensorArray(unchecked: data, tensorType: tensor)
    }
    return nil
}
