/// The unit of a time, timestamp or duration value.
public enum TimeUnit: String, Sendable, Hashable, CaseIterable {
    /// Seconds.
    case second
    /// Thousandths of a second.
    case millisecond
    /// Millionths of a second.
    case microsecond
    /// Billionths of a second.
    case nanosecond
}

extension TimeUnit {
    /// How many of this unit make a second.
    var perSecond: Int64 {
        switch self {
        case .second: return 1
        case .millisecond: return 1_000
        case .microsecond: return 1_000_000
        case .nanosecond: return 1_000_000_000
        }
    }
}

/// The layout of an interval value.
public enum IntervalUnit: String, Sendable, Hashable, CaseIterable {
    /// A 32-bit count of months.
    case yearMonth
    /// Two 32-bit integers: days and milliseconds.
    case dayTime
    /// 32-bit months, 32-bit days and 64-bit nanoseconds.
    case monthDayNano
}

/// Whether a union stores every child at full length (sparse) or packs them with offsets (dense).
public enum UnionMode: String, Sendable, Hashable {
    /// Every child has the union's length; slot `i` is read from child `typeId[i]` at `i`.
    case sparse
    /// Children hold only their own values; slot `i` is read at `offsets[i]`.
    case dense
}

/// The logical type of an Arrow array: the whole Arrow type system of `Schema.fbs`.
///
/// Nested types carry their children as ``Field``s, so names, nullability and metadata of
/// children are part of the type, exactly as in an Arrow schema.
public indirect enum DataType: Sendable, Hashable {
    /// No values: every slot is null.
    case null
    /// Booleans, bit-packed.
    case boolean
    /// Signed integers of 8, 16, 32 and 64 bits.
    case int8, int16, int32, int64
    /// Unsigned integers of 8, 16, 32 and 64 bits.
    case uint8, uint16, uint32, uint64
    /// IEEE 754 floating point of 16, 32 and 64 bits.
    case float16, float32, float64
    /// A decimal stored in 32 bits, with `precision` significant digits, `scale` after the point.
    case decimal32(precision: Int, scale: Int)
    /// A decimal stored in 64 bits.
    case decimal64(precision: Int, scale: Int)
    /// A decimal stored in 128 bits.
    case decimal128(precision: Int, scale: Int)
    /// A decimal stored in 256 bits.
    case decimal256(precision: Int, scale: Int)
    /// Days since the UNIX epoch, 32 bits.
    case date32
    /// Milliseconds since the UNIX epoch, 64 bits.
    case date64
    /// Time of day in seconds or milliseconds, 32 bits.
    case time32(TimeUnit)
    /// Time of day in microseconds or nanoseconds, 64 bits.
    case time64(TimeUnit)
    /// An instant since the UNIX epoch; with a time zone name or offset when zone-aware.
    case timestamp(TimeUnit, timeZone: String?)
    /// A length of time, 64 bits.
    case duration(TimeUnit)
    /// A calendar interval.
    case interval(IntervalUnit)
    /// Byte strings with 32-bit offsets, 64-bit offsets, or 16-byte views.
    case binary, largeBinary, binaryView
    /// UTF-8 strings with 32-bit offsets, 64-bit offsets, or 16-byte views.
    case utf8, largeUtf8, utf8View
    /// Byte strings of one fixed width.
    case fixedSizeBinary(byteWidth: Int)
    /// Lists of the field's type with 32-bit offsets.
    case list(Field)
    /// Lists with 64-bit offsets.
    case largeList(Field)
    /// Lists given by 32-bit offsets and sizes.
    case listView(Field)
    /// Lists given by 64-bit offsets and sizes.
    case largeListView(Field)
    /// Lists of exactly `listSize` values each.
    case fixedSizeList(Field, listSize: Int)
    /// Rows of named child values.
    case `struct`([Field])
    /// A list of key/value entries; the field is a non-null struct of two children, key and value.
    case map(Field, keysSorted: Bool)
    /// A union of the children; `typeIds[i]` is the type code stored for child `i`.
    case union(UnionMode, [Field], typeIds: [Int32])
    /// Dictionary-encoded values: integer indices into a dictionary of `value` type.
    case dictionary(index: DataType, value: DataType, ordered: Bool)
    /// Values stored once per run, with the run ends (int16, int32 or int64) beside them.
    case runEndEncoded(runEnds: Field, values: Field)
    /// A user type stored as `storage`, named and described in field metadata.
    case `extension`(name: String, storage: DataType, metadata: String)
}

extension DataType {
    /// The width in bytes of one value of a fixed-width primitive type, or `nil` for other types.
    public var byteWidth: Int? {
        switch self {
        case .int8, .uint8: return 1
        case .int16, .uint16, .float16: return 2
        case .int32, .uint32, .float32, .date32, .time32, .decimal32: return 4
        case .int64, .uint64, .float64, .date64, .time64, .timestamp, .duration, .decimal64: return 8
        case .decimal128: return 16
        case .decimal256: return 32
        case .interval(let unit):
            switch unit {
            case .yearMonth: return 4
            case .dayTime: return 8
            case .monthDayNano: return 16
            }
        case .fixedSizeBinary(let width): return width
        default: return nil
        }
    }

    /// The child fields of a nested type, in order; empty for other types.
    public var children: [Field] {
        switch self {
        case .list(let f), .largeList(let f), .listView(let f), .largeListView(let f),
             .fixedSizeList(let f, _), .map(let f, _):
            return [f]
        case .struct(let fields), .union(_, let fields, _):
            return fields
        case .runEndEncoded(let runEnds, let values):
            return [runEnds, values]
        default:
            return []
        }
    }

    /// Whether this is one of the integer types.
    public var isInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: return true
        default: return false
        }
    }
}
