import Foundation
import Testing
@testable import ArrowIPC

@Suite struct TypeNameParsingTests {
    /// Types of every kind, with the default child names pyarrow gives, so that parsing their
    /// description gives them back exactly.
    static let types: [DataType] = {
        var types: [DataType] = [
            .null, .boolean, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64,
            .float16, .float32, .float64, .utf8, .largeUtf8, .utf8View, .binary, .largeBinary, .binaryView,
            .fixedSizeBinary(byteWidth: 16), .fixedSizeBinary(byteWidth: 0), .date32, .date64,
            .time32(.second), .time32(.millisecond), .time64(.microsecond), .time64(.nanosecond),
            .interval(.yearMonth), .interval(.dayTime), .interval(.monthDayNano),
            .decimal32(precision: 9, scale: 2), .decimal64(precision: 18, scale: -3),
            .decimal128(precision: 10, scale: 2), .decimal256(precision: 76, scale: 40),
            .list(Field("item", .int32)), .largeList(Field("item", .utf8, nullable: false)),
            .listView(Field("x", .float64)), .largeListView(Field("item", .boolean)),
            .fixedSizeList(Field("item", .int32), listSize: 3),
            .struct([]), .struct([Field("a", .int32), Field("b", .utf8, nullable: false), Field("", .int8)]),
            .struct([Field("int32", .int64), Field("list", .list(Field("item", .struct([Field("c", .date32)]))))]),
            .map(Field("entries", .struct([Field("key", .utf8, nullable: false), Field("value", .int64)]), nullable: false),
                 keysSorted: false),
            .map(Field("entries", .struct([Field("key", .int32, nullable: false), Field("value", .utf8, nullable: false)]),
                       nullable: false), keysSorted: true),
            .union(.sparse, [Field("a", .int32), Field("b", .utf8)], typeIds: [0, 1]),
            .union(.dense, [Field("a", .int32, nullable: false), Field("b", .list(Field("item", .int8)))], typeIds: [5, 127]),
            .dictionary(index: .int32, value: .utf8, ordered: false),
            .dictionary(index: .uint8, value: .list(Field("item", .int64)), ordered: true),
            .runEndEncoded(runEnds: Field("run_ends", .int16, nullable: false), values: Field("values", .utf8)),
            UUIDType().dataType, Bool8Type().dataType,
            .extension(name: "arrow.json", storage: .utf8, metadata: ""),
        ]
        for unit in TimeUnit.allCases {
            types += [.timestamp(unit, timeZone: nil), .timestamp(unit, timeZone: "UTC"),
                      .timestamp(unit, timeZone: "America/New_York"), .timestamp(unit, timeZone: "+05:30"),
                      .duration(unit)]
        }
        return types
    }()

    @Test(arguments: types)
    func descriptionParsesBack(_ type: DataType) throws {
        let parsed = try DataType(parsing: type.description)
        #expect(parsed == type, "\(type.description) parsed as \(parsed.description)")
    }

    @Test(arguments: [
        ("float32", DataType.float32), ("float64", .float64), ("float16", .float16), ("utf8", .utf8),
        ("large_utf8", .largeUtf8), ("date32", .date32), ("date64", .date64), ("boolean", .boolean),
        ("  int64  ", .int64), ("list<int32>", .list(Field("item", .int32))),
        ("large_list<int64 not null>", .largeList(Field("item", .int64, nullable: false))),
        ("timestamp[ms,tz=UTC]", .timestamp(.millisecond, timeZone: "UTC")),
        ("timestamp[ us , tz = Europe/Paris ]", .timestamp(.microsecond, timeZone: "Europe/Paris")),
        ("decimal128(5,-2)", .decimal128(precision: 5, scale: -2)),
        ("struct<a b: int32>", .struct([Field("a b", .int32)])),
        ("struct<a,b: int32>", .struct([Field("a,b", .int32)])),
    ])
    func aliasesAndLooseSpacing(_ text: String, _ type: DataType) throws {
        #expect(try DataType(parsing: text) == type)
    }

    @Test(arguments: [
        ("", "expected a type name, found the end at offset 0"),
        ("int", "'int' is not a type name at offset 0"),
        ("list<int32", "expected '>', found the end at offset 10"),
        ("list<int32]", "expected '>', found ']' at offset 10"),
        ("int32 x", "expected the end of the type, found 'x' at offset 6"),
        ("timestamp[m]", "expected a time unit: s, ms, us or ns, found 'm' at offset 10"),
        ("time32[us]", "time32 takes the units s or ms, not us at offset 0"),
        ("decimal128(39, 2)", "the precision of decimal128 is 1 to 38, not 39 at offset 11"),
        ("decimal128(10)", "expected ',', found ')' at offset 13"),
        ("fixed_size_binary[-1]", "expected a byte width, found '-' at offset 18"),
        ("dictionary<values=string, indices=double, ordered=0>",
         "dictionary indices must be an integer type, not double at offset 34"),
        ("dictionary<values=string, indices=int8, ordered=2>", "expected 0 or 1, found '2' at offset 48"),
        ("struct<int32>", "expected a field 'NAME: TYPE', found 'i' at offset 7"),
        ("timestamp[s, tz=]", "expected a time zone after 'tz=' at offset 16"),
        ("extension<example.point>",
         "extension<example.point> does not say how its values are stored; name its storage type instead at offset 10"),
        ("sparse_union<a: int8=128>", "a union type code is 0 to 127, not 128 at offset 21"),
    ])
    func badSpellingsSayWhereAndWhat(_ text: String, _ message: String) {
        #expect(throws: ArrowError.invalidArgument("\(message) in the type name '\(text)'")) {
            try DataType(parsing: text)
        }
    }

    /// Every type of every golden schema, nested ones too, prints the same after a round trip
    /// through its name, and is the same type but for what names do not carry (field
    /// metadata, dictionary ids, the names of map fields, extension storage).
    @Test(.enabled(if: GoldenData.root != nil, "the Arrow golden files are absent"))
    func goldenSchemaTypesRoundTrip() throws {
        var checked = 0
        for id in GoldenCases.ids {
            let reader = try ArrowFileReader(url: GoldenCases.url(id, "arrow_file"))
            for field in reader.schema.fields {
                for type in Self.allTypes(in: field.type) {
                    let parsed = try DataType(parsing: type.description)
                    #expect(parsed.description == type.description, "\(id): \(type.description)")
                    if !Self.hasExtension(type) {
                        #expect(parsed.comparableForm == Self.withoutFieldMetadata(type).comparableForm,
                                "\(id): \(type.description)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 500)
    }

    private static func allTypes(in type: DataType) -> [DataType] {
        var types = [type]
        for child in type.children { types += allTypes(in: child.type) }
        if case .dictionary(_, let value, _) = type { types += allTypes(in: value) }
        return types
    }

    private static func hasExtension(_ type: DataType) -> Bool {
        if case .extension = type { return true }
        if case .dictionary(_, let value, _) = type { return hasExtension(value) }
        return type.children.contains { hasExtension($0.type) }
    }

    private static func withoutFieldMetadata(_ type: DataType) -> DataType {
        func strip(_ field: Field) -> Field {
            Field(field.name, withoutFieldMetadata(field.type), nullable: field.isNullable)
        }
        switch type {
        case .list(let item): return .list(strip(item))
        case .largeList(let item): return .largeList(strip(item))
        case .listView(let item): return .listView(strip(item))
        case .largeListView(let item): return .largeListView(strip(item))
        case .fixedSizeList(let item, let size): return .fixedSizeList(strip(item), listSize: size)
        case .struct(let fields): return .struct(fields.map(strip))
        case .map(let entries, let sorted):
            // pyarrow's names print no key nullability: the key is not null, as maps require.
            guard case .struct(let parts) = entries.type, parts.count == 2 else { return .map(strip(entries), keysSorted: sorted) }
            var key = strip(parts[0])
            key.isNullable = false
            return .map(Field(entries.name, .struct([key, strip(parts[1])]), nullable: false), keysSorted: sorted)
        case .union(let mode, let fields, let codes): return .union(mode, fields.map(strip), typeIds: codes)
        case .dictionary(let index, let value, let ordered):
            return .dictionary(index: index, value: withoutFieldMetadata(value), ordered: ordered)
        case .runEndEncoded(let ends, let values):
            return .runEndEncoded(runEnds: Field("run_ends", ends.type, nullable: false), values: Field("values", withoutFieldMetadata(values.type)))
        default: return type
        }
    }
}
