/// Type names as pyarrow spells them: `int64`, `string`, `timestamp[ms, tz=UTC]`,
/// `list<item: int64>`, `struct<a: int32, b: string>`, `map<string, int64>`, …
extension DataType: CustomStringConvertible {
    /// The type in pyarrow's spelling.
    public var description: String {
        switch self {
        case .null: return "null"
        case .boolean: return "bool"
        case .int8: return "int8"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .uint8: return "uint8"
        case .uint16: return "uint16"
        case .uint32: return "uint32"
        case .uint64: return "uint64"
        case .float16: return "halffloat"
        case .float32: return "float"
        case .float64: return "double"
        case .decimal32(let precision, let scale): return "decimal32(\(precision), \(scale))"
        case .decimal64(let precision, let scale): return "decimal64(\(precision), \(scale))"
        case .decimal128(let precision, let scale): return "decimal128(\(precision), \(scale))"
        case .decimal256(let precision, let scale): return "decimal256(\(precision), \(scale))"
        case .date32: return "date32[day]"
        case .date64: return "date64[ms]"
        case .time32(let unit): return "time32[\(unit.abbreviation)]"
        case .time64(let unit): return "time64[\(unit.abbreviation)]"
        case .timestamp(let unit, let timeZone):
            guard let timeZone else { return "timestamp[\(unit.abbreviation)]" }
            return "timestamp[\(unit.abbreviation), tz=\(timeZone)]"
        case .duration(let unit): return "duration[\(unit.abbreviation)]"
        case .interval(.yearMonth): return "month_interval"
        case .interval(.dayTime): return "day_time_interval"
        case .interval(.monthDayNano): return "month_day_nano_interval"
        case .binary: return "binary"
        case .largeBinary: return "large_binary"
        case .binaryView: return "binary_view"
        case .utf8: return "string"
        case .largeUtf8: return "large_string"
        case .utf8View: return "string_view"
        case .fixedSizeBinary(let byteWidth): return "fixed_size_binary[\(byteWidth)]"
        case .list(let item): return "list<\(item.typeDescription)>"
        case .largeList(let item): return "large_list<\(item.typeDescription)>"
        case .listView(let item): return "list_view<\(item.typeDescription)>"
        case .largeListView(let item): return "large_list_view<\(item.typeDescription)>"
        case .fixedSizeList(let item, let listSize): return "fixed_size_list<\(item.typeDescription)>[\(listSize)]"
        case .struct(let fields):
            return "struct<\(fields.map(\.typeDescription).joined(separator: ", "))>"
        case .map(let entries, let keysSorted):
            let sorted = keysSorted ? ", keys_sorted" : ""
            guard case .struct(let parts) = entries.type, parts.count == 2 else {
                return "map<\(entries.typeDescription)\(sorted)>"
            }
            let value = parts[1].type.description + (parts[1].isNullable ? "" : " not null")
            return "map<\(parts[0].type), \(value)\(sorted)>"
        case .union(let mode, let fields, let typeIds):
            let members = fields.enumerated().map { index, field in
                let code = index < typeIds.count ? String(typeIds[index]) : "?"
                return "\(field.typeDescription)=\(code)"
            }
            return "\(mode.rawValue)_union<\(members.joined(separator: ", "))>"
        case .dictionary(let index, let value, let ordered):
            return "dictionary<values=\(value), indices=\(index), ordered=\(ordered ? 1 : 0)>"
        case .runEndEncoded(let runEnds, let values):
            return "run_end_encoded<run_ends: \(runEnds.type), values: \(values.type)>"
        case .extension(let name, _, _):
            return "extension<\(name)>"
        }
    }
}

extension TimeUnit {
    /// `s`, `ms`, `us` or `ns`.
    var abbreviation: String {
        switch self {
        case .second: return "s"
        case .millisecond: return "ms"
        case .microsecond: return "us"
        case .nanosecond: return "ns"
        }
    }
}

extension Field {
    /// `name: type`, with ` not null` when the field is not nullable, as in pyarrow's type names.
    var typeDescription: String {
        "\(name): \(type)" + (isNullable ? "" : " not null")
    }
}
