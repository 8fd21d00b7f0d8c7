/// Builds one Arrow array slot by slot, for any type: append values and nulls, then
/// ``finishData()`` hands out the array and leaves the builder empty for the next one.
///
/// Every builder takes ``ArrowValue``s (``append(_:)``), converting them to its type where
/// that is exact: an integer into any integer or floating-point type it fits, a decimal into
/// another scale when no digit is lost, a date into a timestamp, a string into a
/// dictionary of strings. A value of another kind, or one that does not fit, throws
/// ``ArrowError/invalidArgument(_:)`` naming the slot, and leaves the builder as it was.
/// The typed builders (``PrimitiveBuilder``, ``StringBuilder``, …) also take Swift values
/// without an `ArrowValue` in between; `makeBuilder(_:)` makes the builder of any type.
///
/// Appending is amortized O(1): buffers grow by doubling, and fixed-width values are written
/// in place without allocating.
// The builders' stored properties are `@exclusivity(unchecked)`: no builder method reaches a
// property while another access to it is under way, and the run-time checks Swift would
// otherwise make on each access of a class's stored property cost about a fifth of an append.
public protocol ArrayBuilder: AnyObject {
    /// The type of the array being built.
    var type: DataType { get }
    /// The number of slots appended since the builder was made or last finished.
    var count: Int { get }
    /// Appends a null slot; throws only where the type cannot hold another slot (the run
    /// ends of a run-end encoded array, a union without members).
    func appendNull() throws
    /// Appends `value`, converted to ``type``; throws, changing nothing, when it does not convert.
    func append(_ value: ArrowValue) throws
    /// Makes room for `additional` more slots before the buffers next grow.
    func reserve(_ additional: Int)
    /// The array of the slots appended; the builder is then empty.
    func finishData() -> ArrayData
}

extension ArrayBuilder {
    /// Appends each of `values` in order; throws at the first that does not convert, with
    /// the values before it appended.
    public func append(contentsOf values: some Sequence<ArrowValue>) throws {
        for value in values { try append(value) }
    }

    /// Appends `count` null slots.
    public func appendNulls(_ count: Int) throws {
        for _ in 0..<max(count, 0) { try appendNull() }
    }

    /// The array of the slots appended, typed (see `makeArray(_:)`); the builder is then empty.
    public func finishArray() -> any ArrowArray {
        makeArray(finishData())
    }
}

/// What the builders inside the library also do: forget the slots from a count on, so that
/// a nested value that fails part way leaves its builder as it was.
protocol TruncatableBuilder: ArrayBuilder {
    /// Forgets the slots from `count` on (no more than ``count``), children included.
    func truncate(to count: Int)
}

extension TruncatableBuilder {
    /// Runs `append`, which appends one slot; when it throws, the slots it appended are
    /// forgotten and the error is rethrown.
    func atomically(_ append: () throws -> Void) throws {
        let before = count
        do {
            try append()
        } catch {
            truncate(to: before)
            throw error
        }
    }

    /// The error for a `value` that does not convert to this builder's type, in slot ``count``.
    func mismatch(_ value: ArrowValue, _ reason: String? = nil) -> ArrowError {
        let text = value.description
        let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
        return ArrowError.invalidArgument(
            "slot \(count): \(value.kindName) \(shown) \(reason ?? "is not a value of type \(type)")")
    }
}

/// The builder of an array of `type`: a typed builder for each type (a list builder builds
/// its items with the builder of their type, and so on down). Throws for a type whose
/// parameters cannot make an array (a negative fixed size, a dictionary with a non-integer
/// index).
public func makeBuilder(_ type: DataType) throws -> any ArrayBuilder {
    try makeTruncatableBuilder(type)
}

/// ``makeBuilder(_:)``, for the builders of children.
func makeTruncatableBuilder(_ type: DataType) throws -> any TruncatableBuilder {
    switch type {
    case .null: return NullBuilder()
    case .boolean: return BooleanBuilder()
    case .int8: return PrimitiveBuilder<Int8>(unchecked: type)
    case .int16: return PrimitiveBuilder<Int16>(unchecked: type)
    case .int32, .date32, .time32, .interval(.yearMonth): return PrimitiveBuilder<Int32>(unchecked: type)
    case .int64, .date64, .time64, .timestamp, .duration: return PrimitiveBuilder<Int64>(unchecked: type)
    case .uint8: return PrimitiveBuilder<UInt8>(unchecked: type)
    case .uint16: return PrimitiveBuilder<UInt16>(unchecked: type)
    case .uint32: return PrimitiveBuilder<UInt32>(unchecked: type)
    case .uint64: return PrimitiveBuilder<UInt64>(unchecked: type)
    case .float16:
        #if (os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64)
        throw ArrowError.notSupported("building float16 arrays where Swift has no Float16")
        #else
        return PrimitiveBuilder<Float16>(unchecked: type)
        #endif
    case .float32: return PrimitiveBuilder<Float>(unchecked: type)
    case .float64: return PrimitiveBuilder<Double>(unchecked: type)
    case .interval(.dayTime): return PrimitiveBuilder<DayTimeInterval>(unchecked: type)
    case .interval(.monthDayNano): return PrimitiveBuilder<MonthDayNanoInterval>(unchecked: type)
    case .decimal32, .decimal64, .decimal128, .decimal256: return try DecimalBuilder(type: type)
    case .utf8: return StringBuilder()
    case .largeUtf8: return LargeStringBuilder()
    case .binary: return VariableWidthBuilder<Int32>(binary: true)
    case .largeBinary: return VariableWidthBuilder<Int64>(binary: true)
    case .utf8View, .binaryView: return ViewBuilder(unchecked: type)
    case .fixedSizeBinary: return try FixedSizeBinaryBuilder(type: type)
    case .list, .largeList, .listView, .largeListView, .fixedSizeList, .map: return try ListBuilder(type: type)
    case .struct: return try StructBuilder(type: type)
    case .union: return try UnionBuilder(type: type)
    case .dictionary: return try DictionaryBuilder(type: type)
    case .runEndEncoded: return try RunEndEncodedBuilder(type: type)
    case .extension(_, let storage, _): return ExtensionBuilder(type: type, storage: try makeTruncatableBuilder(storage))
    }
}

extension ArrowValue {
    /// The kind of value, for messages: `int`, `string`, `list`, …
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int, .uint: "integer"
        case .float16, .float, .double: "floating-point number"
        case .decimal: "decimal"
        case .string: "string"
        case .binary: "binary"
        case .date32, .date64: "date"
        case .time: "time"
        case .timestamp: "timestamp"
        case .duration: "duration"
        case .yearMonthInterval, .dayTimeInterval, .monthDayNanoInterval: "interval"
        case .list: "list"
        case .struct: "record"
        case .map: "map"
        case .uuid: "uuid"
        }
    }
}
