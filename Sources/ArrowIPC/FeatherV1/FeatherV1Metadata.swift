/// The magic that opens and closes a Feather V1 file.
let featherV1Magic: [UInt8] = Array("FEA1".utf8)

/// The metadata of a Feather V1 file — the `CTable` flatbuffer of Arrow's `feather.fbs` —
/// decoded and checked: each column's Arrow field, and where its arrays lie in the file.
///
/// Types map as Arrow C++ (pyarrow) reads them: the stored types to the Arrow types of the
/// same name (`FLOAT` is float32, `UTF8` utf8, `LARGE_BINARY` large binary, …); a column
/// with `DateMetadata` is date32, with `TimeMetadata` time32 (seconds, milliseconds) or
/// time64 (microseconds, nanoseconds), with `TimestampMetadata` a timestamp with its unit and
/// time zone (none when absent or empty); a column with `CategoryMetadata` is dictionary
/// encoded: its stored values are the indices (an integer type), its levels the dictionary.
/// Every field is nullable. The texts that Arrow has no place for become metadata, when not
/// empty: the table's `description` and `metadata` the schema's (keys ``descriptionKey`` and
/// ``metadataKey``), a column's `user_metadata` its field's (key ``userMetadataKey``).
struct FeatherV1Metadata {
    /// Schema metadata key of the table's description.
    static let descriptionKey = "feather.description"
    /// Schema metadata key of the table's metadata text.
    static let metadataKey = "feather.metadata"
    /// Field metadata key of a column's user metadata text.
    static let userMetadataKey = "feather.user_metadata"

    /// One array as the file stores it (a `PrimitiveArray`): `byteCount` bytes at `offset`
    /// holding the validity bitmap when `nullCount` is positive, then the offsets of the
    /// binary and string types, then the values — each padded to 8 bytes in files of
    /// version 2 and later, as every writer since 2016 makes them.
    struct StoredArray {
        /// The type whose layout the bytes have: for a categorical column, the indices' type.
        var layout: DataType
        var offset: Int
        var byteCount: Int
        var length: Int
        var nullCount: Int
    }

    /// A column: its field, its stored values and, when categorical, its stored levels.
    struct Column {
        var field: Field
        var values: StoredArray
        var levels: StoredArray?
    }

    /// The number of rows of every column.
    let rowCount: Int
    /// The format version the writer stored (2 for every writer since Feather 0.3.0).
    let version: Int32
    let columns: [Column]
    /// The table's description and metadata texts, under ``descriptionKey`` and ``metadataKey``.
    let schemaMetadata: Metadata

    /// Decodes the flatbuffer `bytes`, checking that every stored array lies inside
    /// `dataRange`, the bytes of the file between the magic and the metadata. Errors say
    /// what is wrong in the metadata (`column 2 'x' has 5 rows, but the table has 4`),
    /// leaving it to the caller to say that it is a Feather V1 file's metadata.
    init(flatbuffer bytes: UnsafeRawBufferPointer, dataRange: Range<Int>) throws {
        let reader = FlatBufferReader(bytes)
        let table = try reader.root("CTable")
        let rowCount = try table.scalar(1, "num_rows", default: Int64(0))
        guard rowCount >= 0 else {
            throw ArrowError.invalidData("the row count \(rowCount) is negative")
        }
        self.rowCount = Int(rowCount)
        version = try table.scalar(3, "version", default: Int32(0))
        var metadata: [Metadata.Entry] = []
        if let description = try table.string(0, "description"), !description.isEmpty {
            metadata.append(Metadata.Entry(key: Self.descriptionKey, value: description))
        }
        if let text = try table.string(4, "metadata"), !text.isEmpty {
            metadata.append(Metadata.Entry(key: Self.metadataKey, value: text))
        }
        schemaMetadata = Metadata(metadata)
        var columns: [Column] = []
        if let vector = try table.vector(2, "columns", elementSize: 4) {
            columns.reserveCapacity(vector.count)
            for index in 0..<vector.count {
                let column = try vector.table(at: index, type: "Column")
                columns.append(try Self.column(column, index: index, rowCount: self.rowCount, dataRange: dataRange))
            }
        }
        self.columns = columns
    }

    /// The `metadata_type` codes of the `TypeMetadata` union.
    private enum TypeMetadata: UInt8 {
        case none = 0, category, timestamp, date, time

        /// The name of the union member's table in `feather.fbs`.
        var tableName: String {
            switch self {
            case .none: return "NONE"
            case .category: return "CategoryMetadata"
            case .timestamp: return "TimestampMetadata"
            case .date: return "DateMetadata"
            case .time: return "TimeMetadata"
            }
        }
    }

    private static func column(_ table: FlatBufferTable, index: Int, rowCount: Int, dataRange: Range<Int>) throws -> Column {
        let name = try table.string(0, "name") ?? ""
        let what = "column \(index) '\(name)'"
        guard let valuesTable = try table.table(1, "values", type: "PrimitiveArray") else {
            throw ArrowError.invalidData("\(what) has no values")
        }
        let values = try storedArray(valuesTable, what: what, dataRange: dataRange)
        guard values.length == rowCount else {
            throw ArrowError.invalidData("\(what) has \(values.length) rows, but the table has \(rowCount)")
        }
        let code = try table.scalar(2, "metadata_type", default: UInt8(0))
        guard let kind = TypeMetadata(rawValue: code) else {
            throw ArrowError.invalidData("\(what) has an unknown metadata type \(code)")
        }
        let metadataTable = try table.table(3, "metadata", type: kind.tableName)
        func metadata() throws -> FlatBufferTable {
            guard let metadataTable else {
                throw ArrowError.invalidData("\(what) names \(kind.tableName) as its metadata type but holds none")
            }
            return metadataTable
        }
        let type: DataType
        var levels: StoredArray?
        switch kind {
        case .none:
            type = values.layout
        case .category:
            guard values.layout.isInteger else {
                throw ArrowError.invalidData("\(what) is categorical, but its codes are \(values.layout), not integers")
            }
            guard let levelsTable = try metadata().table(0, "levels", type: "PrimitiveArray") else {
                throw ArrowError.invalidData("\(what) is categorical but has no levels")
            }
            let stored = try storedArray(levelsTable, what: "\(what) levels", dataRange: dataRange)
            levels = stored
            type = .dictionary(index: values.layout, value: stored.layout, ordered: try metadata().bool(1, "ordered", default: false))
        case .timestamp:
            let unit = try timeUnit(try metadata(), what: what)
            let zone = try metadata().string(1, "timezone")
            try expect(values, stored: .int64, for: "a timestamp", what: what)
            type = .timestamp(unit, timeZone: zone?.isEmpty == false ? zone : nil)
        case .date:
            // (The DateMetadata table is empty: a file may leave it out.)
            try expect(values, stored: .int32, for: "a date", what: what)
            type = .date32
        case .time:
            let unit = try timeUnit(try metadata(), what: what)
            if unit == .second || unit == .millisecond {
                try expect(values, stored: .int32, for: "a time in \(unit)s", what: what)
                type = .time32(unit)
            } else {
                try expect(values, stored: .int64, for: "a time in \(unit)s", what: what)
                type = .time64(unit)
            }
        }
        var fieldMetadata: Metadata = [:]
        if let text = try table.string(4, "user_metadata"), !text.isEmpty {
            fieldMetadata = [Self.userMetadataKey: text]
        }
        return Column(field: Field(name, type, metadata: fieldMetadata), values: values, levels: levels)
    }

    /// A `PrimitiveArray`, checked to lie inside `dataRange` with a sensible length and null count.
    private static func storedArray(_ table: FlatBufferTable, what: String, dataRange: Range<Int>) throws -> StoredArray {
        let code = try table.scalar(0, "type", default: Int8(0))
        let encoding = try table.scalar(1, "encoding", default: Int8(0))
        let offset = try table.scalar(2, "offset", default: Int64(0))
        let length = try table.scalar(3, "length", default: Int64(0))
        let nullCount = try table.scalar(4, "null_count", default: Int64(0))
        let byteCount = try table.scalar(5, "total_bytes", default: Int64(0))
        guard encoding == 0 else {
            throw ArrowError.notSupported("\(what) is stored with encoding \(encoding); only PLAIN (0) is read")
        }
        guard length >= 0, nullCount >= 0, nullCount <= length else {
            throw ArrowError.invalidData("\(what) has \(length) values of which \(nullCount) are null")
        }
        let start = Int64(dataRange.lowerBound), end = Int64(dataRange.upperBound)
        guard offset >= start, offset <= end, byteCount >= 0, byteCount <= end - offset else {
            throw ArrowError.invalidData(
                "\(what) claims \(byteCount) bytes at byte \(offset), outside the file's data at bytes \(start)..<\(end)")
        }
        return StoredArray(
            layout: try storedType(code, what: what), offset: Int(offset), byteCount: Int(byteCount),
            length: Int(length), nullCount: Int(nullCount))
    }

    /// The Arrow type of a stored type code (`Type` in `feather.fbs`).
    private static func storedType(_ code: Int8, what: String) throws -> DataType {
        switch code {
        case 0: return .boolean
        case 1: return .int8
        case 2: return .int16
        case 3: return .int32
        case 4: return .int64
        case 5: return .uint8
        case 6: return .uint16
        case 7: return .uint32
        case 8: return .uint64
        case 9: return .float32
        case 10: return .float64
        case 11: return .utf8
        case 12: return .binary
        case 17: return .largeUtf8
        case 18: return .largeBinary
        case 13, 14, 15, 16:
            throw ArrowError.invalidData(
                "\(what) gives the logical type code \(code) as its stored type; categorical, timestamp, date and time values are stored as integers")
        case 19, 20:
            throw ArrowError.notSupported("\(what) holds complex numbers (type code \(code)), which Arrow has no type for")
        default:
            throw ArrowError.invalidData("\(what) has an unknown type code \(code)")
        }
    }

    private static func timeUnit(_ table: FlatBufferTable, what: String) throws -> TimeUnit {
        let code = try table.scalar(0, "unit", default: Int8(0))
        switch code {
        case 0: return .second
        case 1: return .millisecond
        case 2: return .microsecond
        case 3: return .nanosecond
        default: throw ArrowError.invalidData("\(what) has an unknown time unit \(code)")
        }
    }

    private static func expect(_ values: StoredArray, stored: DataType, for kind: String, what: String) throws {
        guard values.layout == stored else {
            throw ArrowError.invalidData("\(what) stores \(kind) as \(values.layout); it must be \(stored)")
        }
    }
}
