/// Casts arrays to other types: picks the kernel for a pair of types and runs it.
///
/// Kernels read the input's buffers in place (the input passed ``ArrayData/validate(_:)`` at
/// the default level, and they read through the clamping accessors) and write new buffers
/// from offset 0. A value that does not convert is rejected through ``CastValidity``: nulled
/// in a lenient cast, thrown as a ``SlotFailure`` in a strict one. Null slots are never
/// rejected, whatever bytes they hold.
struct Caster {
    let options: CastOptions

    var lenient: Bool { options.mode == .lenient }

    func cast(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        let source = data.type
        if source == target { return data }
        switch (source, target) {
        case (.extension(_, let storage, _), _):
            return try cast(data.viewed(as: storage), to: target)
        case (_, .extension(_, let storage, _)):
            return try cast(data, to: storage).viewed(as: target)
        case (.null, _):
            return try ArrayData.nulls(of: target, length: data.length)
        case (_, .null):
            return try castToNull(data)
        case (.dictionary, .dictionary):
            return try recodeDictionary(data, to: target)
        case (.dictionary, _):
            return try decodeDictionary(data, to: target)
        case (_, .dictionary):
            return try encodeDictionary(data, to: target)
        default:
            break
        }
        switch (CastFamily(source), CastFamily(target)) {
        case (.number, .number):
            return try castNumbers(data, to: target)
        case (.number, .text):
            return try formatNumbers(data, to: target)
        case (.text, .number), (.binary, .number):
            return try parseNumbers(data, to: target)
        case (.decimal, .decimal), (.decimal, .number), (.number, .decimal):
            return try castDecimals(data, to: target)
        case (.decimal, .text):
            return try formatDecimals(data, to: target)
        case (.text, .decimal), (.binary, .decimal):
            return try parseDecimals(data, to: target)
        case (.temporal, .temporal), (.temporal, .number), (.number, .temporal):
            return try castTemporal(data, to: target)
        case (.temporal, .text):
            return try formatTemporal(data, to: target)
        case (.text, .temporal), (.binary, .temporal):
            return try parseTemporal(data, to: target)
        case (.text, .text), (.text, .binary), (.binary, .text), (.binary, .binary):
            return try castBytes(data, to: target)
        case (.list, .list):
            return try castList(data, to: target)
        case (.structure, .structure):
            return try castStruct(data, to: target)
        default:
            throw unsupported(source, target)
        }
    }

    /// The error for a pair of types no kernel casts.
    func unsupported(_ source: DataType, _ target: DataType) -> ArrowError {
        .notSupported("casting \(source) to \(target) is not supported")
    }

    /// All-null data of type null: the input when every slot is null, otherwise (strict) an
    /// error at the first value.
    private func castToNull(_ data: ArrayData) throws -> ArrayData {
        if !lenient, data.nullCount < data.length {
            var validity = CastValidity(data, to: .null, lenient: false)
            for slot in 0..<data.length where validity.isValid(slot) {
                try validity.reject(slot, value: data.valueDescription(at: slot), reason: "null holds no values")
            }
        }
        return ArrayData(type: .null, length: data.length, nullCount: data.length, validity: nil, buffers: [])
    }
}

/// The groups of types the kernels cast between.
enum CastFamily {
    /// Booleans, integers and floating-point numbers.
    case number
    case decimal
    /// Dates, times, timestamps and durations.
    case temporal
    /// `string`, `large_string`, `string_view`.
    case text
    /// `binary`, `large_binary`, `binary_view`, `fixed_size_binary`.
    case binary
    /// The list types, fixed-size lists and maps.
    case list
    case structure
    /// Nothing casts to or from these but themselves (and null).
    case other

    init(_ type: DataType) {
        switch type {
        case .boolean, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float16, .float32, .float64:
            self = .number
        case .decimal32, .decimal64, .decimal128, .decimal256: self = .decimal
        case .date32, .date64, .time32, .time64, .timestamp, .duration: self = .temporal
        case .utf8, .largeUtf8, .utf8View: self = .text
        case .binary, .largeBinary, .binaryView, .fixedSizeBinary: self = .binary
        case .list, .largeList, .listView, .largeListView, .fixedSizeList, .map: self = .list
        case .struct: self = .structure
        default: self = .other
        }
    }
}
