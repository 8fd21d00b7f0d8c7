/// The tags of the `Type` union in Schema.fbs, which say which type table a `Field` carries.
enum TypeTag: UInt8, Sendable {
    case null = 1
    case int = 2
    case floatingPoint = 3
    case binary = 4
    case utf8 = 5
    case bool = 6
    case decimal = 7
    case date = 8
    case time = 9
    case timestamp = 10
    case interval = 11
    case list = 12
    case structType = 13
    case union = 14
    case fixedSizeBinary = 15
    case fixedSizeList = 16
    case map = 17
    case duration = 18
    case largeBinary = 19
    case largeUtf8 = 20
    case largeList = 21
    case runEndEncoded = 22
    case binaryView = 23
    case utf8View = 24
    case listView = 25
    case largeListView = 26

    /// The table name in Schema.fbs, for error messages.
    var tableName: String {
        switch self {
        case .null: return "Null"
        case .int: return "Int"
        case .floatingPoint: return "FloatingPoint"
        case .binary: return "Binary"
        case .utf8: return "Utf8"
        case .bool: return "Bool"
        case .decimal: return "Decimal"
        case .date: return "Date"
        case .time: return "Time"
        case .timestamp: return "Timestamp"
        case .interval: return "Interval"
        case .list: return "List"
        case .structType: return "Struct_"
        case .union: return "Union"
        case .fixedSizeBinary: return "FixedSizeBinary"
        case .fixedSizeList: return "FixedSizeList"
        case .map: return "Map"
        case .duration: return "Duration"
        case .largeBinary: return "LargeBinary"
        case .largeUtf8: return "LargeUtf8"
        case .largeList: return "LargeList"
        case .runEndEncoded: return "RunEndEncoded"
        case .binaryView: return "BinaryView"
        case .utf8View: return "Utf8View"
        case .listView: return "ListView"
        case .largeListView: return "LargeListView"
        }
    }

    /// How many children a field of this type must have, or `nil` when any number will do
    /// (struct and union).
    var requiredChildCount: Int? {
        switch self {
        case .structType, .union:
            return nil
        case .list, .largeList, .listView, .largeListView, .fixedSizeList, .map:
            return 1
        case .runEndEncoded:
            return 2
        case .null, .int, .floatingPoint, .binary, .utf8, .bool, .decimal, .date, .time, .timestamp,
            .interval, .fixedSizeBinary, .duration, .largeBinary, .largeUtf8, .binaryView, .utf8View:
            return 0
        }
    }
}
