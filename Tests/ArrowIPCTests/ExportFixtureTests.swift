import Foundation
import Testing
@testable import ArrowIPC

/// Writes what each export entry point makes into `$ARROW_IPC_EXPORTS`, for the interop suite
/// (`Tests/interop/test_export.py`) to compare with the same data built in pyarrow.
/// `scripts/test` sets the folder; without it there is nothing to write.
@Suite(.enabled(if: ExportFixtureFolder.url != nil, "ARROW_IPC_EXPORTS is not set (scripts/test sets it for the interop suite)"))
struct ExportFixtureTests {
    static var folder: URL? { ExportFixtureFolder.url }

    static func url(_ name: String) throws -> URL {
        guard let folder else { throw ArrowError.invalidArgument("ARROW_IPC_EXPORTS is not set") }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name)
    }

    @Test func inferredColumnsRowsAndRecords() throws {
        let base = Date(timeIntervalSince1970: 1_700_000_000.123456)
        let columns = try RecordBatch(inferring: [
            "int": [1, -2, nil, Int.max] as [Int?],
            "mixed": [1, 2.5, -3, 1e300] as [any ArrowValueConvertible],
            "big": [UInt64.max, 0, 7] as [UInt64] + [UInt64(1)],
            "text": ["a", nil, "ünï", ""] as [String?],
            "flag": [true, false, nil, true] as [Bool?],
            "when": [base, base.addingTimeInterval(86_400), base.addingTimeInterval(-1e9), base],
            "bytes": [Data([0, 255]), Data(), Data("x".utf8), Data([1])],
            "price": [Decimal(string: "1.5")!, Decimal(string: "-12.25")!, Decimal(100), Decimal(string: "0.01")!],
            "lists": [[1, 2], [], [3], [4, 5, 6]] as [[Int]],
            "nested": [[[1.5]], [], [[], [2]], [[3]]] as [[[Double]]],
            "maps": [["b": 2, "a": 1], [:], ["c": 3], ["z": -1]] as [[String: Int]],
            "ids": [UUID(uuidString: "12345678-1234-5678-1234-567812345678")!, UUID(uuidString: "00000000-0000-0000-0000-000000000001")!,
                    UUID(uuidString: "ffffffff-ffff-ffff-ffff-ffffffffffff")!, UUID(uuidString: "12345678-1234-5678-1234-567812345678")!],
            "nothing": [nil, nil, nil, nil] as [Int?],
        ])
        try columns.write(to: try Self.url("inferred_columns.arrow"))
        let rows = try RecordBatch(inferringRows: [[1, "a", 0.5], [2, "b", ArrowValue.null], [3, ArrowValue.null, 2]] as [[any ArrowValueConvertible]])
        try rows.write(to: try Self.url("inferred_rows.arrows"), options: ExportOptions(streamable: true))
        let records = [
            ArrowRecord(["name": .string("Oslo"), "area": .double(454), "tags": .list([.string("north")])]),
            ArrowRecord(["name": .string("Lima"), "founded": .date32(-157_000)]),
            ArrowRecord(["area": .int(96), "place": .struct(ArrowRecord(["lat": .double(-12.0), "lon": .null]))]),
        ]
        try records.write(to: try Self.url("inferred_records.arrow"), options: ExportOptions(compression: .lz4Frame, level: 1.0))
        let unions = try RecordBatch(inferring: ["any": [1, "two", 3.5, true, ArrowValue.null] as [any ArrowValueConvertible]], unions: true)
        try unions.write(to: try Self.url("inferred_unions.arrow"), options: ExportOptions(compression: .zstd, level: 0.5))
    }

    @Test func everyBuilder() throws {
        var fields: [Field] = []
        var columns: [ArrayData] = []
        func add(_ name: String, _ type: DataType, _ values: [ArrowValue]) throws {
            let builder = try makeBuilder(type)
            try builder.append(contentsOf: values)
            fields.append(Field(name, type))
            columns.append(builder.finishData())
        }
        try add("i8", .int8, [.int(-128), .null, .int(127), .int(0)])
        try add("u32", .uint32, [.uint(4_294_967_295), .int(0), .null, .int(7)])
        try add("f16", .float16, [.double(1.5), .null, .double(-0.25), .int(2)])
        try add("f32", .float32, [.double(0.1), .int(3), .null, .float(2)])
        try add("d32", .decimal32(precision: 9, scale: 2), [.int(12), .decimal(ArrowDecimal(-1234567, precision: 9, scale: 3 - 1)), .null, .int(0)])
        try add("d256", .decimal256(precision: 76, scale: 10), [.int(-1), .null, .decimal(ArrowDecimal(5, precision: 1, scale: 0)), .int(1 << 60)])
        try add("date64", .date64, [.date32(19_000), .date64(0), .null, .date32(-1)])
        try add("time", .time64(.nanosecond), [.time(1, .second), .time(5, .microsecond), .null, .time(0, .nanosecond)])
        try add("ts", .timestamp(.second, timeZone: "America/New_York"), [.timestamp(1_700_000_000_000, .millisecond, timeZone: nil), .date32(1), .null, .int(5)])
        try add("dur", .duration(.millisecond), [.duration(3, .second), .null, .duration(7, .millisecond), .int(-1)])
        try add("mdn", .interval(.monthDayNano), [.monthDayNanoInterval(MonthDayNanoInterval(months: 1, days: 2, nanoseconds: 3)), .null, .null, .null])
        try add("large_text", .largeUtf8, [.string("x"), .null, .string(String(repeating: "long ", count: 5)), .string("")])
        try add("view", .utf8View, [.string("short"), .string("a string longer than twelve"), .null, .string("")])
        try add("bin_view", .binaryView, [.binary([1, 2]), .binary(Array(repeating: 9, count: 20)), .null, .string("s")])
        try add("fsb", .fixedSizeBinary(byteWidth: 3), [.binary([1, 2, 3]), .null, .binary([0, 0, 0]), .binary([255, 255, 255])])
        try add("large_list", .largeList(Field("item", .int16)), [.list([.int(1), .null]), .list([]), .null, .list([.int(-5)])])
        try add("list_view", .listView(Field("item", .utf8)), [.list([.string("a")]), .null, .list([]), .list([.string("b"), .string("c")])])
        try add("fixed_list", .fixedSizeList(Field("item", .float64), listSize: 2), [.list([.double(1), .double(2)]), .null, .list([.int(3), .null]), .list([.double(0), .double(0)])])
        try add("struct", .struct([Field("a", .int32), Field("b", .utf8)]),
                [.struct(ArrowRecord(["a": .int(1), "b": .string("x")])), .null, .struct(ArrowRecord(["b": .string("y")])), .struct(ArrowRecord(["a": .int(2)]))])
        try add("map", .map(Field("entries", .struct([Field("key", .utf8, nullable: false), Field("value", .int64)]), nullable: false), keysSorted: false),
                [.map([ArrowMapEntry(key: .string("k"), value: .int(1))]), .null, .map([]), .map([ArrowMapEntry(key: .string("a"), value: .null)])])
        try add("sparse", .union(.sparse, [Field("i", .int64), Field("s", .utf8)], typeIds: [0, 1]), [.int(1), .string("x"), .null, .int(2)])
        try add("dense", .union(.dense, [Field("s", .utf8), Field("d", .float64)], typeIds: [4, 9]), [.double(1), .string("x"), .null, .string("y")])
        try add("dict", .dictionary(index: .int16, value: .utf8, ordered: false), [.string("red"), .string("blue"), .null, .string("red")])
        try add("ree", .runEndEncoded(runEnds: Field("run_ends", .int32, nullable: false), values: Field("values", .float64)), [.double(1), .double(1), .null, .double(2)])
        try add("uuid", UUIDType().dataType, [.uuid(UUID(uuidString: "12345678-1234-5678-1234-567812345678")!), .null, .binary(Array(repeating: 0, count: 16)), .null])
        try add("bool8", Bool8Type().dataType, [.bool(true), .bool(false), .null, .bool(true)])
        let batch = try RecordBatch(schema: Schema(fields), columns: columns)
        try batch.write(to: try Self.url("builders.arrow"))
    }
}

/// `$ARROW_IPC_EXPORTS`, the folder the export fixtures go to.
enum ExportFixtureFolder {
    static var url: URL? {
        ProcessInfo.processInfo.environment["ARROW_IPC_EXPORTS"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }
    }
}

/// What ``ArrowEncoder`` makes of Codable values, for `test_export.py` to compare with
/// `Table.from_pylist` of the same records.
extension ExportFixtureTests {
    enum Side: String, Codable { case buy, sell }

    struct Fill: Codable {
        var qty: Int32
        var price: Double?
    }

    struct Trade: Codable {
        var tradeTime: Date
        var symbol: String
        var price: Double
        var qty: Int32
        var side: Side
        var venue: String?
        var fee: Decimal?
        var orderId: UUID
        var fills: [Fill]
        var limits: [String: Int]
        var payload: Data?
    }

    @Test func codableRecords() throws {
        let trades = [
            Trade(tradeTime: Date(timeIntervalSince1970: 1_709_285_400.123456), symbol: "AAPL", price: 189.5, qty: 100, side: .buy,
                  venue: "XNAS", fee: Decimal(string: "0.25"), orderId: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)),
                  fills: [Fill(qty: 60, price: 189.5), Fill(qty: 40, price: nil)], limits: ["min": 1, "max": 1000], payload: Data([0, 255])),
            Trade(tradeTime: Date(timeIntervalSince1970: -0.5), symbol: "ÜNÏ", price: -0.5, qty: -5, side: .sell,
                  venue: nil, fee: Decimal(string: "-1.5"), orderId: UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
                  fills: [], limits: [:], payload: nil),
        ]
        let batch = try ArrowEncoder(keyEncodingStrategy: .convertToSnakeCase).encode(trades)
        try batch.write(to: try Self.url("codable.arrow"))
    }
}
