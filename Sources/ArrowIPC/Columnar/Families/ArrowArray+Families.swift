/// One API per family of types, so that a program does not depend on the width or layout a
/// writer chose: pandas writes `large_string`, polars `string_view`, others `string`; an
/// integer column may be `int8` or `int64`. Each accessor throws when the column's values are
/// not of the family, and reads dictionary-encoded and run-end encoded columns (a pandas
/// `category`) as their decoded values.
extension ArrowArray {
    /// The strings of a `string`, `large_string`, `string_view` or `arrow.json` column.
    public var strings: ColumnValues<String> {
        get throws {
            try data.familyValues("strings", where: \.isString, typed: { data in
                switch data.type {
                case .utf8: let array = StringArray(unchecked: data); return { array[$0] }
                case .largeUtf8: let array = LargeStringArray(unchecked: data); return { array[$0] }
                case .utf8View: let array = StringViewArray(unchecked: data); return { array[$0] }
                default: return nil
                }
            }, decoded: \.stringValue)
        }
    }

    /// The bytes of a `binary`, `large_binary`, `binary_view` or `fixed_size_binary` column.
    public var bytes: ColumnValues<[UInt8]> {
        get throws {
            try data.familyValues("bytes", where: \.isBinary, typed: { data in
                switch data.type {
                case .binary: let array = BinaryArray(unchecked: data); return { array[$0] }
                case .largeBinary: let array = LargeBinaryArray(unchecked: data); return { array[$0] }
                case .binaryView: let array = BinaryViewArray(unchecked: data); return { array[$0] }
                case .fixedSizeBinary: let array = FixedSizeBinaryArray(unchecked: data); return { array[$0] }
                default: return nil
                }
            }, decoded: \.bytesValue)
        }
    }

    /// The integers of an `int8` … `int64` or `uint8` … `uint32` column, widened to `Int64`
    /// (`uint64` values need not fit: read them as ``UInt64Array``).
    public var int64Values: ColumnValues<Int64> {
        get throws {
            try data.familyValues("int64 values", where: \.widensToInt64, typed: { data in
                switch data.type {
                case .int8: return Self.widened(Int8Array(unchecked: data))
                case .int16: return Self.widened(Int16Array(unchecked: data))
                case .int32: return Self.widened(Int32Array(unchecked: data))
                case .int64: let array = Int64Array(unchecked: data); return { array[$0] }
                case .uint8: return Self.widened(UInt8Array(unchecked: data))
                case .uint16: return Self.widened(UInt16Array(unchecked: data))
                case .uint32: return Self.widened(UInt32Array(unchecked: data))
                default: return nil
                }
            }, decoded: \.int64Value)
        }
    }

    /// The numbers of a `halffloat`, `float` or `double` column, or of an integer column of
    /// at most 32 bits, widened to `Double` (exactly).
    public var doubleValues: ColumnValues<Double> {
        get throws {
            try data.familyValues("double values", where: \.widensToDouble, typed: { data in
                switch data.type {
                case .float32: let array = Float32Array(unchecked: data); return { array[$0].map(Double.init) }
                case .float64: let array = Float64Array(unchecked: data); return { array[$0] }
                default: return nil
                }
            }, decoded: \.doubleValue)
        }
    }

    /// The lists of a `list`, `large_list`, `list_view`, `large_list_view` or
    /// `fixed_size_list` column: each list's items as their typed array.
    public var lists: ColumnValues<any ArrowArray> {
        get throws {
            guard data.type.storageType.isList else {
                throw ArrowError.invalidArgument("a column of type \(data.type) does not hold lists")
            }
            try data.validateLayout()
            let data = data.viewed(as: data.type.storageType)
            let child = data.children[0]
            return ColumnValues(count: data.length) { index in
                let slot = data.offset &+ index
                guard (try? data.slotValidityIsNull(slot)) == false,
                      let range = try? data.childRange(slot: slot) else { return nil }
                return makeArray(child.uncheckedSlice(range.lowerBound, range.count))
            }
        }
    }

    /// A reader of `array`'s values widened to `Int64`.
    private static func widened<T: ArrowPrimitive & BinaryInteger>(
        _ array: PrimitiveArray<T>
    ) -> @Sendable (Int) -> Int64? {
        { array[$0].map { Int64($0) } }
    }
}

extension ArrayData {
    /// The values of this column when its type (looking through extension types,
    /// dictionaries and run-end encoding) is of the family `belongs` accepts: plain columns
    /// read through the reader `typed` makes, encoded ones value by value as `decoded` converts.
    fileprivate func familyValues<Value>(
        _ family: String, where belongs: (DataType) -> Bool,
        typed: (ArrayData) -> (@Sendable (Int) -> Value?)?,
        decoded: @escaping @Sendable (ArrowValue) -> Value?
    ) throws -> ColumnValues<Value> {
        let storage = type.storageType
        guard belongs(storage.decodedType.storageType) else {
            throw ArrowError.invalidArgument("a column of type \(type) has no \(family)")
        }
        try validateLayout()
        if let read = typed(viewed(as: storage)) {
            return ColumnValues(count: length, read: read)
        }
        let data = self
        return ColumnValues(count: length) { index in (try? data.value(at: index)).flatMap(decoded) }
    }
}

extension DataType {
    /// The type of the values: the dictionary's value type of a dictionary-encoded type, the
    /// values' type of a run-end encoded one, the type itself otherwise.
    var decodedType: DataType {
        switch self {
        case .dictionary(_, let value, _): return value.decodedType
        case .runEndEncoded(_, let values): return values.type.decodedType
        default: return self
        }
    }

    /// Whether values of this type are strings.
    var isString: Bool {
        switch self {
        case .utf8, .largeUtf8, .utf8View: return true
        default: return false
        }
    }

    /// Whether values of this type are byte strings.
    var isBinary: Bool {
        switch self {
        case .binary, .largeBinary, .binaryView, .fixedSizeBinary: return true
        default: return false
        }
    }

    /// Whether values of this type are lists of any layout.
    var isList: Bool {
        switch self {
        case .list, .largeList, .listView, .largeListView, .fixedSizeList: return true
        default: return false
        }
    }

    /// Whether every value of this type is an integer that `Int64` holds.
    var widensToInt64: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32: return true
        default: return false
        }
    }

    /// Whether every value of this type is a number that `Double` holds exactly.
    var widensToDouble: Bool {
        switch self {
        case .float16, .float32, .float64, .int8, .int16, .int32, .uint8, .uint16, .uint32: return true
        default: return false
        }
    }
}
