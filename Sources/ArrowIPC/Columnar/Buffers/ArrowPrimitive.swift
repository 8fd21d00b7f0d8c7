/// A Swift value type whose memory is the slot of a fixed-width Arrow type, one value per slot:
/// the integers, `Float16`, `Float`, `Double`, ``DayTimeInterval`` and ``MonthDayNanoInterval``.
///
/// ``PrimitiveArray`` is generic over it. Several Arrow types share one storage type:
/// `Int32` also stores `date32`, `time32` and year-month intervals; `Int64` also stores
/// `date64`, `time64`, `timestamp` and `duration`.
public protocol ArrowPrimitive: BitwiseCopyable, Sendable, Hashable {
    /// The Arrow type this Swift type maps to when no other type is given.
    static var arrowType: DataType { get }
}

extension Int8: ArrowPrimitive {
    /// `.int8`.
    public static var arrowType: DataType { .int8 }
}

extension Int16: ArrowPrimitive {
    /// `.int16`.
    public static var arrowType: DataType { .int16 }
}

extension Int32: ArrowPrimitive {
    /// `.int32`.
    public static var arrowType: DataType { .int32 }
}

extension Int64: ArrowPrimitive {
    /// `.int64`.
    public static var arrowType: DataType { .int64 }
}

extension UInt8: ArrowPrimitive {
    /// `.uint8`.
    public static var arrowType: DataType { .uint8 }
}

extension UInt16: ArrowPrimitive {
    /// `.uint16`.
    public static var arrowType: DataType { .uint16 }
}

extension UInt32: ArrowPrimitive {
    /// `.uint32`.
    public static var arrowType: DataType { .uint32 }
}

extension UInt64: ArrowPrimitive {
    /// `.uint64`.
    public static var arrowType: DataType { .uint64 }
}

#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
extension Float16: ArrowPrimitive {
    /// `.float16`.
    public static var arrowType: DataType { .float16 }
}
#endif

extension Float: ArrowPrimitive {
    /// `.float32`.
    public static var arrowType: DataType { .float32 }
}

extension Double: ArrowPrimitive {
    /// `.float64`.
    public static var arrowType: DataType { .float64 }
}

/// How a fixed-width Arrow type stores one value: the kind of number and its width in bytes,
/// or one of the interval structs.
enum PrimitiveStorage: Equatable {
    case signed(Int)
    case unsigned(Int)
    case float(Int)
    case dayTimeInterval
    case monthDayNanoInterval
}

extension DataType {
    /// The storage of a type that ``PrimitiveArray`` reads, or `nil` for other types.
    /// Decimals have an array of their own.
    var primitiveStorage: PrimitiveStorage? {
        switch self {
        case .int8: return .signed(1)
        case .int16: return .signed(2)
        case .int32, .date32, .time32, .interval(.yearMonth): return .signed(4)
        case .int64, .date64, .time64, .timestamp, .duration: return .signed(8)
        case .uint8: return .unsigned(1)
        case .uint16: return .unsigned(2)
        case .uint32: return .unsigned(4)
        case .uint64: return .unsigned(8)
        case .float16: return .float(2)
        case .float32: return .float(4)
        case .float64: return .float(8)
        case .interval(.dayTime): return .dayTimeInterval
        case .interval(.monthDayNano): return .monthDayNanoInterval
        default: return nil
        }
    }
}
