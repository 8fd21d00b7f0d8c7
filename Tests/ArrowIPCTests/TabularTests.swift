import Foundation
import Testing
@testable import ArrowIPC

// MARK: - Building arrays by hand

/// A validity bitmap with bit i set when `valid[i]`.
private func bitmap(_ valid: [Bool]) -> ArrowBuffer {
    var bytes = [UInt8](repeating: 0, count: (valid.count + 7) / 8)
    for (index, isValid) in valid.enumerated() where isValid {
        bytes[index / 8] |= 1 << UInt8(index % 8)
    }
    return ArrowBuffer(copying: bytes)
}

/// A fixed-width array of `values`; `nil` entries are null (stored as `filler`).
private func fixed<T: BitwiseCopyable>(_ type: DataType, _ values: [T?], filler: T) -> ArrayData {
    let valid = values.map { $0 != nil }
    return ArrayData(
        type: type, length: values.count,
        validity: valid.allSatisfy { $0 } ? nil : bitmap(valid),
        buffers: [ArrowBuffer(copying: values.map { $0 ?? filler })])
}

private func int64s(_ values: [Int64?]) -> ArrayData { fixed(.int64, values, filler: 0) }

private func int32s(_ values: [Int32?]) -> ArrayData { fixed(.int32, values, filler: 0) }

/// A utf8 or binary array (32-bit offsets), or a large one (64-bit offsets).
private func binaryLike(_ type: DataType, _ values: [[UInt8]?]) -> ArrayData {
    var offsets: [Int] = [0]
    var bytes: [UInt8] = []
    for value in values {
        bytes += value ?? []
        offsets.append(bytes.count)
    }
    let large = type == .largeUtf8 || type == .largeBinary
    let offsetBuffer = large
        ? ArrowBuffer(copying: offsets.map { Int64($0) }) : ArrowBuffer(copying: offsets.map { Int32($0) })
    let valid = values.map { $0 != nil }
    return ArrayData(
        type: type, length: values.count, validity: valid.allSatisfy { $0 } ? nil : bitmap(valid),
        buffers: [offsetBuffer, ArrowBuffer(copying: bytes)])
}

private func strings(_ values: [String?], type: DataType = .utf8) -> ArrayData {
    binaryLike(type, values.map { $0.map { Array($0.utf8) } })
}

private func booleans(_ values: [Bool?]) -> ArrayData {
    let valid = values.map { $0 != nil }
    return ArrayData(
        type: .boolean, length: values.count, validity: valid.allSatisfy { $0 } ? nil : bitmap(valid),
        buffers: [bitmap(values.map { $0 ?? false })])
}

/// A list array over `child` with the given offsets and validity.
private func list(_ child: ArrayData, offsets: [Int32], valid: [Bool]? = nil, field: String = "item") -> ArrayData {
    ArrayData(
        type: .list(Field(field, child.type)), length: offsets.count - 1,
        validity: valid.map(bitmap), buffers: [ArrowBuffer(copying: offsets)], children: [child])
}

private func texts(_ data: ArrayData) throws -> [String?] {
    try (0..<data.length).map { try ValueFormatter.text(data, at: $0) }
}

private func jsons(_ data: ArrayData) throws -> [String] {
    try (0..<data.length).map { try ValueFormatter.json(data, at: $0) }
}

private func collect(_ write: (@escaping (String) throws -> Void) throws -> Void) rethrows -> String {
    final class Box: @unchecked Sendable { var text = "" }
    let box = Box()
    try write { box.text += $0 }
    return box.text
}

// MARK: - Row selection

@Test func rowSelectionMatchesPythonSlicing() throws {
    // Expected rows computed with Python's own indexing of range(n); nil means IndexError.
    let cases: [(String, Int, [Int]?)] = [
        ("5", 0, nil), ("-1", 0, nil), ("2:10", 0, []), ("::-1", 0, []), ("1,4,9", 0, nil), (":", 0, []),
        ("5", 1, nil), ("-1", 1, [0]), ("0:100:5", 1, [0]), ("10:0:-1", 1, []), ("::-1", 1, [0]),
        ("-3:-1", 1, []), ("3:-100:-1", 1, [0]), ("1:8:3,0,::-4", 1, [0, 0]), ("7::-3", 1, [0]),
        (":-2", 1, []), ("-2::", 1, [0]), ("::-100", 1, [0]), ("4:4:-1", 1, []),
        ("5", 10, [5]), ("-1", 10, [9]), ("2:10", 10, [2, 3, 4, 5, 6, 7, 8, 9]), ("0:100:5", 10, [0, 5]),
        ("-10:", 10, Array(0..<10)), (":5", 10, [0, 1, 2, 3, 4]), ("::2", 10, [0, 2, 4, 6, 8]),
        ("10:0:-1", 10, [9, 8, 7, 6, 5, 4, 3, 2, 1]), ("::-1", 10, Array((0..<10).reversed())),
        ("1,4,9", 10, [1, 4, 9]), ("9,1,4", 10, [9, 1, 4]), ("-3:-1", 10, [7, 8]), ("5:2", 10, []),
        ("5:2:-1", 10, [5, 4, 3]), ("-100:3", 10, [0, 1, 2]), ("3:-100:-1", 10, [3, 2, 1, 0]),
        ("1:8:3,0,::-4", 10, [1, 4, 7, 0, 9, 5, 1]), ("7::-3", 10, [7, 4, 1]), (":-2", 10, Array(0..<8)),
        ("-2::", 10, [8, 9]), ("0:0", 10, []), ("::100", 10, [0]), ("::-100", 10, [9]), ("4:4:-1", 10, []),
        ("0:100:5", 13, [0, 5, 10]), ("-10:", 13, Array(3..<13)), ("::2", 13, [0, 2, 4, 6, 8, 10, 12]),
        ("10:0:-1", 13, Array((1...10).reversed())), ("1:8:3,0,::-4", 13, [1, 4, 7, 0, 12, 8, 4, 0]),
        ("-3:-1", 13, [10, 11]), (" 1 , -1 ", 13, [1, 12]), ("+2", 13, [2]), ("1,1,1", 13, [1, 1, 1]),
    ]
    for (spec, rowCount, expected) in cases {
        let selection = try RowSelection(parsing: spec)
        if let expected {
            let rows = try selection.resolve(rowCount: rowCount)
            #expect(Array(rows) == expected, "\(spec) on \(rowCount) rows")
            #expect(rows.count == expected.count, "\(spec) on \(rowCount) rows")
        } else {
            #expect(throws: ArrowError.self, "\(spec) on \(rowCount) rows") { try selection.resolve(rowCount: rowCount) }
        }
    }
}

@Test func rowSelectionErrorsSayWhatIsWrong() throws {
    #expect(throws: ArrowError.invalidArgument("row 12 is out of range for 10 rows")) {
        try RowSelection(parsing: "12").resolve(rowCount: 10)
    }
    #expect(throws: ArrowError.invalidArgument("row -11 is out of range for 10 rows")) {
        try RowSelection(parsing: "1,-11").resolve(rowCount: 10)
    }
    for bad in ["", "a", "1:2:3:4", "1,,2", "1.5", "--1", "2..5", "1:x", ","] {
        #expect(throws: ArrowError.self, "\(bad)") { try RowSelection(parsing: bad) }
    }
    #expect(throws: ArrowError.self) { try RowSelection(parsing: "::0") }
    #expect(throws: ArrowError.self) { try RowSelection([.slice(start: nil, stop: nil, step: 0)]) }
}

@Test func rowSelectionDescriptionRoundTrips() throws {
    for spec in ["5", "-1", "2:10", "0:100:5", "-10:", ":5", "::2", "10:0:-1", "1,4,9", ":"] {
        #expect(try RowSelection(parsing: spec).description == spec)
    }
    #expect(RowSelection.all.description == ":")
}

@Test func hugeRangesCostNothing() throws {
    let all = try RowSelection(parsing: "0:10000000000000").resolve(rowCount: 10)
    #expect(Array(all) == Array(0..<10))
    #expect(all.runs.count == 1)
    #expect(all.isEveryRow)
    #expect(Array(try RowSelection(parsing: "0:99999999999999999999999").resolve(rowCount: 3)) == [0, 1, 2])
    #expect(Array(try RowSelection(parsing: "-99999999999999999999:").resolve(rowCount: 3)) == [0, 1, 2])
    #expect(Array(try RowSelection(parsing: "::-99999999999999999999").resolve(rowCount: 3)) == [2])
    #expect(Array(try RowSelection(parsing: "::99999999999999999999").resolve(rowCount: 3)) == [0])
    #expect(throws: ArrowError.self) { try RowSelection(parsing: "99999999999999999999").resolve(rowCount: 3) }
    // A trillion rows resolve to one run, without a list of rows.
    let trillion = try RowSelection(parsing: "::-1").resolve(rowCount: 1_000_000_000_000)
    #expect(trillion.count == 1_000_000_000_000 && trillion.runs.count == 1)
    #expect(trillion.runs[0].first == 999_999_999_999 && trillion.runs[0].last == 0)
    let pieces = try trillion.pieces(batchRowCounts: [400_000_000_000, 600_000_000_000])
    #expect(pieces.map(\.batch) == [1, 0])
    #expect(pieces.map(\.rows.count) == [600_000_000_000, 400_000_000_000])
}

@Test func consecutiveIndicesMergeIntoRuns() throws {
    let rows = try RowSelection(parsing: "1,2,3,7,5,3,3:0:-1").resolve(rowCount: 10)
    #expect(rows.runs == [RowRun(start: 1, step: 1, count: 3), RowRun(start: 7, step: -2, count: 3),
                          RowRun(start: 3, step: -1, count: 3)])
    #expect(Array(rows) == [1, 2, 3, 7, 5, 3, 3, 2, 1])
    #expect(try !RowSelection(parsing: "1:").resolve(rowCount: 10).isEveryRow)
    #expect(try RowSelection(parsing: ":").resolve(rowCount: 0).isEveryRow)
}

@Test func piecesNameOnlyTheBatchesNeeded() throws {
    let counts = [5, 5, 0, 5]
    func pieces(_ spec: String) throws -> [BatchRows] {
        try RowSelection(parsing: spec).resolve(rowCount: 15).pieces(batchRowCounts: counts)
    }
    let listed = try pieces("9,1,4")
    #expect(listed.map(\.batch) == [1, 0])
    #expect(listed.map { Array($0.rows) } == [[4], [1, 4]])
    let reversed = try pieces("::-1")
    #expect(reversed.map(\.batch) == [3, 1, 0])
    #expect(reversed.allSatisfy { Array($0.rows) == [4, 3, 2, 1, 0] })
    let strided = try pieces("0:15:12")
    #expect(strided.map(\.batch) == [0, 3])
    #expect(strided.map { Array($0.rows) } == [[0], [2]])
    #expect(try pieces("7").map(\.batch) == [1])
    #expect(try pieces("5:2").isEmpty)
    #expect(throws: ArrowError.self) {
        try RowSelection.all.resolve(rowCount: 15).pieces(batchRowCounts: [5, 5])
    }
    #expect(throws: ArrowError.self) {
        try RowSelection.all.resolve(rowCount: 0).pieces(batchRowCounts: [5, -5])
    }
}

@Test func piecesAgreeWithTheRowsForManyLayouts() throws {
    var generator = SystemRandomNumberGenerator()
    let specs = ["::-1", "::3", "-7::-2", "1,4,9,2,2", "3:40:7,-1,0", "::-5", "10:2:-3", "-20:", "5"]
    for _ in 0..<200 {
        let counts = (0..<Int.random(in: 1...6, using: &generator)).map { _ in Int.random(in: 0...8, using: &generator) }
        let total = counts.reduce(0, +)
        var starts: [Int] = []
        var running = 0
        for count in counts {
            starts.append(running)
            running += count
        }
        for spec in specs {
            guard let rows = try? RowSelection(parsing: spec).resolve(rowCount: total) else { continue }
            let pieces = try rows.pieces(batchRowCounts: counts)
            let flattened = pieces.flatMap { piece in piece.rows.map { starts[piece.batch] + $0 } }
            #expect(flattened == Array(rows), "\(spec) over \(counts)")
            #expect(pieces.allSatisfy { piece in piece.rows.allSatisfy { (0..<counts[piece.batch]).contains($0) } })
        }
    }
}

@Test func streamingSelectorWalksForwards() throws {
    var head = try #require(StreamingRowSelector(try RowSelection(parsing: ":5")))
    #expect(try head.rows(inNextBatchOf: 3).flatMap { Array($0) } == [0, 1, 2])
    #expect(!head.isFinished)
    #expect(try head.rows(inNextBatchOf: 3).flatMap { Array($0) } == [0, 1])
    #expect(head.isFinished)
    try head.finish()

    var listed = try #require(StreamingRowSelector(try RowSelection(parsing: "1,4,9,20:30:4")))
    #expect(try listed.rows(inNextBatchOf: 5).flatMap { Array($0) } == [1, 4])
    #expect(try listed.rows(inNextBatchOf: 0).isEmpty)
    #expect(try listed.rows(inNextBatchOf: 5).flatMap { Array($0) } == [4])
    #expect(try listed.rows(inNextBatchOf: 13).flatMap { Array($0) } == [10])
    #expect(!listed.isFinished)
    try listed.finish()

    var beyond = try #require(StreamingRowSelector(try RowSelection(parsing: "3,12")))
    _ = try beyond.rows(inNextBatchOf: 10)
    #expect(throws: ArrowError.invalidArgument("row 12 is out of range for 10 rows")) { try beyond.finish() }

    var open = try #require(StreamingRowSelector(try RowSelection(parsing: "2:")))
    #expect(try open.rows(inNextBatchOf: 3).flatMap { Array($0) } == [2])
    #expect(try open.rows(inNextBatchOf: 2).flatMap { Array($0) } == [0, 1])

    for backwards in ["-1", "::-1", "9,1", "5:,7", "-5:", "3:-1", "0:10:5,5"] {
        #expect(StreamingRowSelector(try RowSelection(parsing: backwards)) == nil, "\(backwards)")
    }
    #expect(StreamingRowSelector(try RowSelection(parsing: "0:10:5,7")) != nil)
}

// MARK: - Column selection

@Test func columnSelectionByNameAndPosition() throws {
    let schema = Schema([Field("a", .int64), Field("b", .utf8), Field("3", .boolean), Field("a", .float64)])
    func resolve(_ spec: String) throws -> [Int] { try ColumnSelection(parsing: spec).resolve(schema: schema) }
    #expect(try resolve("a") == [0])
    #expect(try resolve("b,a") == [1, 0])
    #expect(try resolve("1,-1") == [1, 3])
    #expect(try resolve("3") == [2], "a column named 3 wins over position 3")
    #expect(try resolve("-4") == [0])
    #expect(try resolve("a, b") == [0, 1])
    #expect(try resolve("b,b,0") == [1, 1, 0])
    #expect(try resolve("1:3") == [1, 2])
    #expect(try resolve("::-1") == [3, 2, 1, 0])
    #expect(throws: ArrowError.invalidArgument("there is no column named 'zz'; the columns are 'a', 'b', '3', 'a'")) {
        try resolve("zz")
    }
    #expect(throws: ArrowError.invalidArgument("column 4 is out of range for 4 columns")) { try resolve("4") }
    #expect(throws: ArrowError.self) { try resolve("-5") }
    #expect(throws: ArrowError.self) { try ColumnSelection(parsing: "a,,b") }
    #expect(throws: ArrowError.self) { try ColumnSelection(parsing: "") }
}

// MARK: - Value formatting

@Test func formatsBooleansIntegersAndNulls() throws {
    #expect(try texts(booleans([true, nil, false])) == ["true", nil, "false"])
    #expect(try jsons(booleans([true, nil, false])) == ["true", "null", "false"])
    let nulls = ArrayData(type: .null, length: 2, validity: nil, buffers: [])
    #expect(try texts(nulls) == [nil, nil])
    #expect(try jsons(nulls) == ["null", "null"])
    #expect(try texts(int64s([Int64.min, nil, Int64.max])) == ["-9223372036854775808", nil, "9223372036854775807"])
    #expect(try texts(fixed(.int8, [Int8.min, -1], filler: 0)) == ["-128", "-1"])
    #expect(try texts(fixed(.int16, [Int16.min], filler: 0)) == ["-32768"])
    #expect(try texts(int32s([Int32.max])) == ["2147483647"])
    #expect(try texts(fixed(.uint8, [UInt8.max], filler: 0)) == ["255"])
    #expect(try texts(fixed(.uint16, [UInt16.max], filler: 0)) == ["65535"])
    #expect(try texts(fixed(.uint32, [UInt32.max], filler: 0)) == ["4294967295"])
    #expect(try texts(fixed(.uint64, [UInt64.max], filler: 0)) == ["18446744073709551615"])
    #expect(try jsons(fixed(.uint64, [UInt64.max], filler: 0)) == ["18446744073709551615"])
    // A slice reads from its offset, validity included.
    #expect(try texts(try int64s([1, nil, 3, 4]).slice(1, 2)) == [nil, "3"])
}

@Test func formatsFloatsInShortestForm() throws {
    let doubles = fixed(.float64, [1.0, 0.1, -0.0, .nan, .infinity, -.infinity, 1e20, .leastNonzeroMagnitude, nil], filler: 0)
    #expect(try texts(doubles) == ["1.0", "0.1", "-0.0", "nan", "inf", "-inf", "1e+20", "5e-324", nil])
    #expect(try jsons(doubles) == ["1.0", "0.1", "-0.0", "null", "null", "null", "1e+20", "5e-324", "null"])
    #expect(try texts(fixed(.float32, [Float(0.1), 3.5, .nan], filler: 0)) == ["0.1", "3.5", "nan"])
    // float16 bit patterns: 1.0, 0.1 (nearest half), -2.0, NaN, +inf, smallest subnormal.
    let halves = fixed(.float16, [UInt16(0x3C00), 0x2E66, 0xC000, 0x7E00, 0x7C00, 0x0001], filler: 0)
    #expect(try texts(halves) == ["1.0", "0.1", "-2.0", "nan", "inf", "6e-08"])
    #expect(try jsons(halves)[3] == "null")
}

@Test func formatsDecimalsOfEveryWidth() throws {
    let small = fixed(.decimal32(precision: 9, scale: 2), [Int32(12345), -5, 0, nil], filler: 0)
    #expect(try texts(small) == ["123.45", "-0.05", "0.00", nil])
    #expect(try jsons(small) == ["\"123.45\"", "\"-0.05\"", "\"0.00\"", "null"])
    #expect(try texts(fixed(.decimal64(precision: 18, scale: 3), [Int64(-5), 1_000], filler: 0)) == ["-0.005", "1.000"])
    #expect(try texts(fixed(.decimal64(precision: 18, scale: 0), [Int64.min], filler: 0)) == ["-9223372036854775808"])
    #expect(try texts(fixed(.decimal64(precision: 18, scale: -2), [Int64(123), 0], filler: 0)) == ["12300", "0"])
    // -123456789012345678901234567890 as two little-endian words.
    let wide = ArrayData(
        type: .decimal128(precision: 38, scale: 5), length: 2, validity: nil,
        buffers: [ArrowBuffer(copying: [UInt64(0x3c8c_1f11_b1c0_f52e), 0xffff_fffe_7116_f009, 42, 0])])
    #expect(try texts(wide) == ["-1234567890123456789012345.67890", "0.00042"])
    let widest = ArrayData(
        type: .decimal256(precision: 76, scale: 0), length: 3, validity: nil,
        buffers: [ArrowBuffer(copying: [
            UInt64.max, .max, .max, 0x7fff_ffff_ffff_ffff,
            0, 0, 0, 0x8000_0000_0000_0000,
            .max, .max, .max, .max,
        ])])
    #expect(try texts(widest) == [
        "57896044618658097711785492504343953926634992332820282019728792003956564819967",
        "-57896044618658097711785492504343953926634992332820282019728792003956564819968",
        "-1",
    ])
    let scaled = ArrayData(
        type: .decimal256(precision: 76, scale: 10), length: 1, validity: nil,
        buffers: [ArrowBuffer(copying: [UInt64.max - 4, .max, .max, .max])])
    #expect(try texts(scaled) == ["-0.0000000005"])
    // Scales no precision allows do not make huge strings.
    #expect(try texts(fixed(.decimal32(precision: 9, scale: -1_000_000), [Int32(7)], filler: 0)) == ["7E+1000000"])
}

@Test func formatsDatesAndTimesBeforeAndAfterTheEpoch() throws {
    let days = int32s([0, 18292, -1, -25509, -135081, -719162, -719163, -719528, -719529, 2932896, nil])
    let dates = ArrayData(type: .date32, length: days.length, validity: days.validity, buffers: days.buffers)
    #expect(try texts(dates) == [
        "1970-01-01", "2020-01-31", "1969-12-31", "1900-02-28", "1600-02-29", "0001-01-01", "0000-12-31",
        "0000-01-01", "-0001-12-31", "9999-12-31", nil,
    ])
    #expect(try jsons(dates)[1] == "\"2020-01-31\"")
    let milliseconds = fixed(.date64, [Int64(18292) * 86_400_000, -1], filler: 0)
    #expect(try texts(milliseconds) == ["2020-01-31", "1969-12-31"])
    #expect(try texts(fixed(.time32(.second), [Int32(45296), 0], filler: 0)) == ["12:34:56", "00:00:00"])
    #expect(try texts(fixed(.time32(.millisecond), [Int32(45_296_123)], filler: 0)) == ["12:34:56.123"])
    #expect(try texts(fixed(.time64(.microsecond), [Int64(45_296_000_001)], filler: 0)) == ["12:34:56.000001"])
    #expect(try texts(fixed(.time64(.nanosecond), [Int64(86_399_999_999_999), -1], filler: 0))
            == ["23:59:59.999999999", "-00:00:00.000000001"])
}

@Test func formatsTimestampsInTheirZone() throws {
    let micros = fixed(.timestamp(.microsecond, timeZone: nil), [Int64(1_577_836_800_123_456), -1, -1_234_567_890_123_456], filler: 0)
    #expect(try texts(micros) == ["2020-01-01 00:00:00.123456", "1969-12-31 23:59:59.999999", "1930-11-18 00:28:29.876544"])
    let nanos = fixed(.timestamp(.nanosecond, timeZone: "America/New_York"), [Int64.min, Int64.max], filler: 0)
    // New York kept local mean time (-4:56:02) until 1883, and summer time in April.
    #expect(try texts(nanos) == ["1677-09-20 19:16:41.145224192-04:56:02", "2262-04-11 19:47:16.854775807-04:00"])
    #expect(try jsons(nanos)[0] == "\"1677-09-20 19:16:41.145224192-04:56:02\"")
    let offsets = fixed(.timestamp(.second, timeZone: "+05:30"), [Int64(0)], filler: 0)
    #expect(try texts(offsets) == ["1970-01-01 05:30:00+05:30"])
    let unknown = fixed(.timestamp(.second, timeZone: "Mars/Olympus_Mons"), [Int64(0)], filler: 0)
    #expect(try texts(unknown) == ["1970-01-01 00:00:00Z"], "a zone the system does not know prints the UTC instant")
    let seconds = fixed(.timestamp(.second, timeZone: ""), [Int64(0), Int64.min], filler: 0)
    #expect(try texts(seconds)[0] == "1970-01-01 00:00:00")
    #expect(try texts(seconds)[1] != nil, "the earliest second-unit timestamp formats without trapping")
    let millis = fixed(.timestamp(.millisecond, timeZone: "UTC"), [Int64(1_577_836_800_123)], filler: 0)
    #expect(try texts(millis) == ["2020-01-01 00:00:00.123Z"])
}

@Test func formatsDurationsAndIntervals() throws {
    #expect(try texts(fixed(.duration(.millisecond), [Int64(1500), -3], filler: 0)) == ["1500 ms", "-3 ms"])
    #expect(try jsons(fixed(.duration(.second), [Int64(15)], filler: 0)) == ["\"15 s\""])
    #expect(try texts(fixed(.interval(.yearMonth), [Int32(14), -1], filler: 0)) == ["14M", "-1M"])
    let dayTime = ArrayData(type: .interval(.dayTime), length: 1, validity: nil, buffers: [ArrowBuffer(copying: [Int32(2), 3000])])
    #expect(try texts(dayTime) == ["2d3000ms"])
    let monthDayNano = ArrayData(
        type: .interval(.monthDayNano), length: 2, validity: nil,
        buffers: [ArrowBuffer(count: 32) { bytes in
            bytes.storeBytes(of: Int32(1), toByteOffset: 0, as: Int32.self)
            bytes.storeBytes(of: Int32(2), toByteOffset: 4, as: Int32.self)
            bytes.storeBytes(of: Int64(3_000_000), toByteOffset: 8, as: Int64.self)
            bytes.storeBytes(of: Int32(-1), toByteOffset: 16, as: Int32.self)
            bytes.storeBytes(of: Int32(0), toByteOffset: 20, as: Int32.self)
            bytes.storeBytes(of: Int64(-5), toByteOffset: 24, as: Int64.self)
        }])
    #expect(try texts(monthDayNano) == ["1M2d3000000ns", "-1M0d-5ns"])
}

@Test func formatsStringsAndBinary() throws {
    let binary = binaryLike(.binary, [[0x00, 0xff, 0x10], nil, []])
    #expect(try texts(binary) == ["00ff10", nil, ""])
    #expect(try jsons(binary) == ["\"00ff10\"", "null", "\"\""])
    #expect(try texts(binaryLike(.largeBinary, [[0xAB]])) == ["ab"])
    let fixedBinary = ArrayData(
        type: .fixedSizeBinary(byteWidth: 2), length: 2, validity: nil, buffers: [ArrowBuffer(copying: [UInt8(1), 2, 0xfe, 0xff])])
    #expect(try texts(try fixedBinary.slice(1, 1)) == ["feff"])
    let text = strings(["plain", "a\"b\\c\nd\u{01}é\t", nil, "", "日本"])
    #expect(try texts(text) == ["plain", "a\"b\\c\nd\u{01}é\t", nil, "", "日本"])
    #expect(try jsons(text) == ["\"plain\"", "\"a\\\"b\\\\c\\nd\\u0001é\\t\"", "null", "\"\"", "\"日本\""])
    #expect(try texts(strings(["large"], type: .largeUtf8)) == ["large"])
    // Invalid UTF-8 is repaired, not trusted.
    #expect(try texts(binaryLike(.utf8, [[0x61, 0xff, 0x62]])) == ["a\u{FFFD}b"])
    // Every escaped control character parses back as the same string.
    let controls = String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) })
    let json = try ValueFormatter.json(strings([controls]), at: 0)
    let parsed = try JSONSerialization.jsonObject(with: Data("[\(json)]".utf8)) as? [String]
    #expect(parsed == [controls])
}

@Test func formatsNestedValues() throws {
    let items = int64s([1, 2, nil, 4, 5])
    let lists = list(items, offsets: [0, 3, 3, 3, 5], valid: [true, false, true, true])
    #expect(try texts(lists) == ["[1, 2, null]", nil, "[]", "[4, 5]"])
    #expect(try jsons(lists) == ["[1,2,null]", "null", "[]", "[4,5]"])
    #expect(try texts(try lists.slice(2, 2)) == ["[]", "[4, 5]"])
    let large = ArrayData(
        type: .largeList(Field("item", .utf8)), length: 1, validity: nil,
        buffers: [ArrowBuffer(copying: [Int64(0), 2])], children: [strings(["x", nil])])
    #expect(try texts(large) == ["[\"x\", null]"])
    #expect(try jsons(large) == ["[\"x\",null]"])
    let fixedLists = ArrayData(
        type: .fixedSizeList(Field("item", .int64), listSize: 2), length: 2, validity: nil, buffers: [],
        children: [int64s([1, 2, 3, 4])])
    #expect(try texts(try fixedLists.slice(1, 1)) == ["[3, 4]"])
    let structs = ArrayData(
        type: .struct([Field("a", .int64), Field("b \"q\"", .utf8)]), length: 3,
        validity: bitmap([true, true, false]), buffers: [],
        children: [int64s([1, 2, 3]), strings(["x", nil, "z"])])
    #expect(try texts(structs) == ["{a: 1, b \"q\": \"x\"}", "{a: 2, b \"q\": null}", nil])
    #expect(try jsons(structs) == ["{\"a\":1,\"b \\\"q\\\"\":\"x\"}", "{\"a\":2,\"b \\\"q\\\"\":null}", "null"])
    #expect(try texts(try structs.slice(1, 1)) == ["{a: 2, b \"q\": null}"])
    let entries = ArrayData(
        type: .struct([Field("key", .utf8, nullable: false), Field("value", .int32)]), length: 3, validity: nil,
        buffers: [], children: [strings(["k1", "k2", "k3"]), int32s([1, nil, 3])])
    let maps = ArrayData(
        type: .map(Field("entries", entries.type, nullable: false), keysSorted: false), length: 2, validity: nil,
        buffers: [ArrowBuffer(copying: [Int32(0), 2, 3])], children: [entries])
    #expect(try texts(maps) == ["{\"k1\": 1, \"k2\": null}", "{\"k3\": 3}"])
    #expect(try jsons(maps) == ["[{\"key\":\"k1\",\"value\":1},{\"key\":\"k2\",\"value\":null}]", "[{\"key\":\"k3\",\"value\":3}]"])
    let nested = list(lists, offsets: [0, 2, 4])
    #expect(try texts(nested) == ["[[1, 2, null], null]", "[[], [4, 5]]"])
}

@Test func formatsDictionariesUnionsViewsAndRuns() throws {
    let dictionary = ArrayData(
        type: .dictionary(index: .int8, value: .utf8, ordered: false), length: 4,
        validity: bitmap([true, true, false, true]), buffers: [ArrowBuffer(copying: [Int8(1), 0, 0, 2])],
        dictionary: strings(["a", "b", nil]))
    #expect(try texts(dictionary) == ["b", "a", nil, nil])
    #expect(try jsons(dictionary) == ["\"b\"", "\"a\"", "null", "null"])

    let unionType = DataType.union(.sparse, [Field("i", .int64), Field("s", .utf8)], typeIds: [5, 7])
    let sparse = ArrayData(
        type: unionType, length: 3, validity: nil, buffers: [ArrowBuffer(copying: [Int8(5), 7, 7])],
        children: [int64s([1, 2, 3]), strings(["x", "y", nil])])
    #expect(try texts(sparse) == ["1", "y", nil])
    let dense = ArrayData(
        type: .union(.dense, [Field("i", .int64), Field("s", .utf8)], typeIds: [0, 1]), length: 3, validity: nil,
        buffers: [ArrowBuffer(copying: [Int8(1), 0, 1]), ArrowBuffer(copying: [Int32(1), 0, 0])],
        children: [int64s([9]), strings(["x", "y"])])
    #expect(try texts(dense) == ["y", "9", "x"])
    #expect(try jsons(dense) == ["\"y\"", "9", "\"x\""])

    let runs = ArrayData(
        type: .runEndEncoded(runEnds: Field("run_ends", .int32, nullable: false), values: Field("values", .utf8)),
        length: 6, validity: nil, buffers: [], children: [int32s([2, 5, 6]), strings(["a", "b", nil])])
    #expect(try texts(runs) == ["a", "a", "b", "b", "b", nil])
    #expect(try texts(try runs.slice(1, 3)) == ["a", "b", "b"])

    var views = [UInt8](repeating: 0, count: 32)
    func put(_ value: Int32, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { views.replaceSubrange(offset..<(offset + 4), with: $0) }
    }
    put(3, at: 0)
    views.replaceSubrange(4..<7, with: Array("abc".utf8))
    let long = "a string longer than twelve bytes"
    put(Int32(long.utf8.count), at: 16)
    views.replaceSubrange(20..<24, with: Array(long.utf8.prefix(4)))
    put(0, at: 24)
    put(2, at: 28)
    let stringViews = ArrayData(
        type: .utf8View, length: 2, validity: nil,
        buffers: [ArrowBuffer(copying: views), ArrowBuffer(copying: Array(("..\(long)").utf8))])
    #expect(try texts(stringViews) == ["abc", long])
    let binaryViews = ArrayData(type: .binaryView, length: 1, validity: nil, buffers: [ArrowBuffer(copying: views)])
    #expect(try texts(binaryViews) == ["616263"])

    let listViews = ArrayData(
        type: .listView(Field("item", .int64)), length: 2, validity: nil,
        buffers: [ArrowBuffer(copying: [Int32(2), 0]), ArrowBuffer(copying: [Int32(2), 1])],
        children: [int64s([1, 2, 3, 4])])
    #expect(try texts(listViews) == ["[3, 4]", "[1]"])
    let largeListViews = ArrayData(
        type: .largeListView(Field("item", .utf8)), length: 1, validity: nil,
        buffers: [ArrowBuffer(copying: [Int64(1)]), ArrowBuffer(copying: [Int64(1)])],
        children: [strings(["a", "b"])])
    #expect(try jsons(largeListViews) == ["[\"b\"]"])

    let ext = ArrayData(
        type: .extension(name: "my.uuid", storage: .fixedSizeBinary(byteWidth: 2), metadata: ""), length: 1,
        validity: nil, buffers: [ArrowBuffer(copying: [UInt8(0xbe), 0xef])])
    #expect(try texts(ext) == ["beef"])
}

@Test func malformedArraysThrowInsteadOfReadingOutOfBounds() throws {
    let pastData = ArrayData(
        type: .utf8, length: 1, validity: nil,
        buffers: [ArrowBuffer(copying: [Int32(0), 100]), ArrowBuffer(copying: [UInt8(0x61)])])
    #expect(throws: ArrowError.self) { try ValueFormatter.text(pastData, at: 0) }
    let decreasing = ArrayData(
        type: .binary, length: 1, validity: nil,
        buffers: [ArrowBuffer(copying: [Int32(1), 0]), ArrowBuffer(copying: [UInt8(0x61)])])
    #expect(throws: ArrowError.self) { try ValueFormatter.text(decreasing, at: 0) }
    let shortValues = ArrayData(type: .int64, length: 3, validity: nil, buffers: [ArrowBuffer(copying: [Int64(1)])])
    #expect(try ValueFormatter.text(shortValues, at: 0) == "1")
    #expect(throws: ArrowError.self) { try ValueFormatter.text(shortValues, at: 2) }
    #expect(throws: ArrowError.self) { try ValueFormatter.text(shortValues, at: 3) }
    let shortValidity = ArrayData(
        type: .int64, length: 20, nullCount: 1, validity: ArrowBuffer(copying: [UInt8(0xfe)]),
        buffers: [ArrowBuffer(copying: [Int64](repeating: 0, count: 20))])
    #expect(throws: ArrowError.self) { try ValueFormatter.text(shortValidity, at: 12) }
    let badIndex = ArrayData(
        type: .dictionary(index: .int32, value: .utf8, ordered: false), length: 1, validity: nil,
        buffers: [ArrowBuffer(copying: [Int32(3)])], dictionary: strings(["a"]))
    #expect(throws: ArrowError.self) { try ValueFormatter.text(badIndex, at: 0) }
    let noDictionary = ArrayData(
        type: .dictionary(index: .int32, value: .utf8, ordered: false), length: 1, validity: nil,
        buffers: [ArrowBuffer(copying: [Int32(0)])])
    #expect(throws: ArrowError.self) { try ValueFormatter.text(noDictionary, at: 0) }
    let hugeIndex = ArrayData(
        type: .dictionary(index: .uint64, value: .utf8, ordered: false), length: 2, validity: nil,
        buffers: [ArrowBuffer(copying: [UInt64(0), .max])], dictionary: strings(["a"]))
    #expect(try ValueFormatter.text(hugeIndex, at: 0) == "a")
    #expect(throws: ArrowError.invalidData("the uint64 value at 1 of a \(hugeIndex.type) array is beyond \(Int.max)")) {
        try ValueFormatter.text(hugeIndex, at: 1)
    }
    let floatIndex = ArrayData(
        type: .dictionary(index: .float32, value: .utf8, ordered: false), length: 1, validity: nil,
        buffers: [ArrowBuffer(copying: [Float(0)])], dictionary: strings(["a"]))
    #expect(throws: ArrowError.invalidData("float cannot be an index or run-end type")) {
        try ValueFormatter.text(floatIndex, at: 0)
    }
    let pastChild = list(int64s([1]), offsets: [0, 2])
    #expect(throws: ArrowError.self) { try ValueFormatter.text(pastChild, at: 0) }
    let unknownType = ArrayData(
        type: .union(.sparse, [Field("i", .int64)], typeIds: [0]), length: 1, validity: nil,
        buffers: [ArrowBuffer(copying: [Int8(3)])], children: [int64s([1])])
    #expect(throws: ArrowError.self) { try ValueFormatter.text(unknownType, at: 0) }
    let pastRuns = ArrayData(
        type: .runEndEncoded(runEnds: Field("run_ends", .int32, nullable: false), values: Field("values", .utf8)),
        length: 4, validity: nil, buffers: [], children: [int32s([2]), strings(["a"])])
    #expect(throws: ArrowError.self) { try ValueFormatter.text(pastRuns, at: 3) }
    var view = [UInt8](repeating: 0, count: 16)
    view[0] = 40
    view[8] = 5
    let badView = ArrayData(type: .utf8View, length: 1, validity: nil, buffers: [ArrowBuffer(copying: view)])
    #expect(throws: ArrowError.self) { try ValueFormatter.text(badView, at: 0) }
}

// MARK: - Writers

private func sampleBatch() throws -> RecordBatch {
    try RecordBatch(
        schema: Schema([Field("id", .int64), Field("name", .utf8), Field("ok", .boolean), Field("score", .float64)]),
        columns: [
            int64s([1, 2, nil, 40]),
            strings(["plain", "with, comma", "say \"hi\"\nbye", ""]),
            booleans([true, nil, false, true]),
            fixed(.float64, [1.5, nil, .nan, 1e20], filler: 0),
        ])
}

@Test func csvQuotesOnlyWhatItMust() throws {
    let batch = try sampleBatch()
    let csv = try collect { output in
        let writer = CSVWriter(schema: batch.schema, output: output)
        try writer.write(batch)
        try writer.write(batch, rows: [3, 0])
        try writer.finish()
    }
    #expect(csv == """
        id,name,ok,score
        1,plain,true,1.5
        2,"with, comma",,
        ,"say ""hi""
        bye",false,nan
        40,"",true,1e+20
        40,"",true,1e+20
        1,plain,true,1.5

        """)
    let headerOnly = try collect { output in
        let writer = CSVWriter(schema: Schema([Field("a,b", .int64), Field("c", .utf8)]), output: output)
        try writer.finish()
    }
    #expect(headerOnly == "\"a,b\",c\n")
    #expect(throws: ArrowError.self) {
        try collect { output in
            try CSVWriter(schema: Schema([Field("a", .utf8)]), output: output).write(batch)
        }
    }
}

@Test func jsonLinesWritesOneObjectPerRow() throws {
    let batch = try sampleBatch()
    let jsonl = try collect { output in
        let writer = JSONLinesWriter(schema: batch.schema, output: output)
        try writer.write(batch, rows: [0, 2])
        try writer.finish()
    }
    #expect(jsonl == """
        {"id":1,"name":"plain","ok":true,"score":1.5}
        {"id":null,"name":"say \\"hi\\"\\nbye","ok":false,"score":null}

        """)
    for line in jsonl.split(separator: "\n") {
        #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
    }
    let duplicates = try RecordBatch(
        schema: Schema([Field("a", .int64), Field("a", .int64)]), columns: [int64s([1]), int64s([2])])
    let twice = try collect { output in
        let writer = JSONLinesWriter(schema: duplicates.schema, output: output)
        try writer.write(duplicates)
        try writer.finish()
    }
    #expect(twice == "{\"a\":1,\"a\":2}\n")
    // Keys around the length copied in one short move (32 bytes with the quotes and colon).
    let names = [String(repeating: "k", count: 28), String(repeating: "l", count: 29), String(repeating: "m", count: 40)]
    let long = try RecordBatch(
        schema: Schema(names.map { Field($0, .int64) }), columns: [int64s([1]), int64s([2]), int64s([3])])
    let longKeys = try collect { output in
        let writer = JSONLinesWriter(schema: long.schema, output: output)
        try writer.write(long)
        try writer.finish()
    }
    #expect(longKeys == "{\"\(names[0])\":1,\"\(names[1])\":2,\"\(names[2])\":3}\n")
}

@Test func tableAlignsNumbersRightAndTextLeft() throws {
    let batch = try sampleBatch()
    let table = try collect { output in
        let renderer = TableRenderer(schema: batch.schema, output: output)
        try renderer.write(batch)
        try renderer.finish(totalRowCount: 10, totalColumnCount: 4)
    }
    let types = batch.schema.fields.map { "\($0.type)" }
    let cells = [
        ["id", "name", "ok", "score"], types, ["1", "plain", "true", "1.5"], ["2", "with, comma", "null", "null"],
        ["null", "say \"hi\"\\nbye", "false", "nan"], ["40", "", "true", "1e+20"],
    ]
    let widths = (0..<4).map { column in cells.map { $0[column].count }.max() ?? 0 }
    func left(_ text: String, _ column: Int) -> String { text.padding(toLength: widths[column], withPad: " ", startingAt: 0) }
    func right(_ text: String, _ column: Int) -> String {
        String(repeating: " ", count: widths[column] - text.count) + text
    }
    func row(_ cells: [String]) -> String {
        [right(cells[0], 0), left(cells[1], 1), left(cells[2], 2), right(cells[3], 3)].joined(separator: "  ") + "\n"
    }
    let expected = row(cells[0]) + row(cells[1])
        + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        + cells[2...].map(row).joined() + "4 of 10 rows × 4 columns\n"
    #expect(table == expected)
}

@Test func tableCutsLongCellsAndCountsWideCharacters() throws {
    let batch = try RecordBatch(
        schema: Schema([Field("text", .utf8)]), columns: [strings(["abcdefghij", "日本語テキスト", "ok"])])
    let table = try collect { output in
        let renderer = TableRenderer(schema: batch.schema, options: .init(maxColumnWidth: 6, showTypes: false), output: output)
        try renderer.write(batch)
        try renderer.finish()
    }
    #expect(table == "text\n------\nabcde…\n日本…\nok\n3 rows × 1 column\n")
}

@Test func tableStreamsAfterTheSampleRows() throws {
    let batch = try RecordBatch(schema: Schema([Field("s", .utf8), Field("n", .int64)]),
                                columns: [strings(["a", "longer"]), int64s([1, 22])])
    let table = try collect { output in
        let renderer = TableRenderer(schema: batch.schema, options: .init(showTypes: false, sampleRows: 1), output: output)
        try renderer.write(batch)
        try renderer.finish(totalRowCount: 2)
    }
    #expect(table == "s  n\n-  -\na  1\nlonger  22\n2 rows × 2 columns\n")
    let empty = try collect { output in
        let renderer = TableRenderer(schema: batch.schema, output: output)
        try renderer.finish()
    }
    #expect(empty.hasSuffix("0 rows × 2 columns\n"))
    #expect(TableRenderer.footer(rows: 1, totalRows: nil, columns: 1, totalColumns: 3) == "1 row × 1 of 3 columns\n")
}

// MARK: - Summary

@Test func summaryRendersValidJSONAndText() throws {
    let schema = Schema(
        [Field("id", .int64, nullable: false), Field("na\"me", .utf8, metadata: ["unit": "none"])],
        metadata: Metadata([.init(key: "origin", value: "test"), .init(key: "origin", value: "again")]))
    let summary = FileSummary(
        format: .file, schema: schema,
        batches: [FileSummary.Batch(rowCount: 4), FileSummary.Batch(rowCount: 3, metadata: ["part": "2"])],
        fileSize: 1234, footerMetadata: ["writer": "swift"])
    #expect(summary.rowCount == 7 && summary.columnCount == 2 && summary.batchCount == 2)
    let json = summary.json
    #expect(json.hasSuffix("}") && !json.contains("\n"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    for key in ["format", "fileSize", "rowCount", "columnCount", "batchCount", "columns", "metadata", "footerMetadata", "batches"] {
        #expect(object[key] != nil, "\(key)")
    }
    #expect(object["format"] as? String == "file")
    #expect(object["rowCount"] as? Int == 7)
    #expect(object["fileSize"] as? Int == 1234)
    let columns = try #require(object["columns"] as? [[String: Any]])
    #expect(columns.map { $0["name"] as? String } == ["id", "na\"me"])
    #expect(columns.map { $0["type"] as? String } == ["\(DataType.int64)", "\(DataType.utf8)"])
    #expect(columns.map { $0["nullable"] as? Bool } == [false, true])
    #expect((columns[1]["metadata"] as? [String: String]) == ["unit": "none"])
    #expect((object["footerMetadata"] as? [String: String]) == ["writer": "swift"])
    let batches = try #require(object["batches"] as? [[String: Any]])
    #expect(batches.map { $0["rows"] as? Int } == [4, 3])

    let text = summary.description + "\n"  // (the last line ends without one)
    #expect(text.contains("format:   file\n"))
    #expect(text.contains("rows:     7\n"))
    #expect(text.contains("batches:  2 (rows: 4, 3)\n"))
    #expect(text.contains("unit: none"))
    #expect(text.contains("schema metadata:\n  origin: test\n  origin: again\n"))
    #expect(text.contains("footer metadata:\n  writer: swift\n"))
    #expect(text.contains("batch 1 metadata:\n  part: 2\n"))
    #expect(text.contains("not null"))

    let stream = FileSummary(format: .stream, schema: Schema([]), batches: [])
    let streamObject = try #require(
        try JSONSerialization.jsonObject(with: Data(stream.json.utf8)) as? [String: Any])
    #expect(streamObject["fileSize"] is NSNull)
    #expect(streamObject["batchCount"] as? Int == 0)
}

@Test func summaryReportsCompressionAndBodySizes() throws {
    let schema = Schema([Field("v", .int64)])
    let plain = FileSummary(format: .file, schema: schema, batches: [FileSummary.Batch(rowCount: 2, bodyLength: 64)])
    #expect(plain.description.contains("compression: none\n"))
    #expect(plain.json.contains("\"compression\":null,\"bodyBytes\":64,\"uncompressedBodyBytes\":64"))

    let batches = [
        FileSummary.Batch(rowCount: 1000, bodyLength: 300, uncompressedBodyLength: 8000),
        FileSummary.Batch(rowCount: 10, bodyLength: 96, uncompressedBodyLength: 80),
    ]
    let compressed = FileSummary(format: .stream, schema: schema, batches: batches, compression: .zstd)
    #expect(compressed.bodyLength == 396 && compressed.uncompressedBodyLength == 8080)
    #expect(compressed.description.contains("compression: zstd (bodies 396 bytes, 8080 uncompressed)\n"))
    let object = try #require(
        try JSONSerialization.jsonObject(with: Data(compressed.json.utf8)) as? [String: Any])
    #expect(object["compression"] as? String == "zstd")
    #expect(object["bodyBytes"] as? Int == 396 && object["uncompressedBodyBytes"] as? Int == 8080)

    // From a real file: what the message headers and length prefixes say.
    let batch = try RecordBatch(names: ["v"], columns: [Int64Array([Int64](repeating: 7, count: 1000))])
    let writer = try ArrowFileWriter(schema: batch.schema, options: ArrowWriteOptions(alignment: 8).compression(.lz4Frame))
    try writer.write(batch)
    let reader = try ArrowFileReader(data: try writer.finish())
    let info = try reader.recordBatchInfo(at: 0)
    #expect(info.compression == .lz4Frame && info.uncompressedBodyLength == 8000 && info.bodyLength < 200)
    #expect(FileSummary.Batch(info).uncompressedBodyLength == 8000)
}

// MARK: - Values too long to write out

/// A list of 2^31 nulls takes a few bytes of a file; writing it out is refused or cut short.
@Test func hugeListValuesAreRefusedOrCut() throws {
    let count = 1 << 31
    let nulls = ArrayData(type: .null, length: count, validity: nil, buffers: [])
    let list = ArrayData(
        type: .list(Field("item", .null)), length: 1, validity: nil,
        buffers: [ArrowBuffer(copying: [Int32(0), Int32(truncatingIfNeeded: count - 1)])], children: [nulls])
    let cut = try #require(try ValueFormatter.text(list, at: 0, truncatingAt: 40))
    #expect(cut.hasPrefix("[null, null") && cut.hasSuffix("…") && cut.utf8.count <= 44)
    #expect(throws: ArrowError.self) { try ValueFormatter.json(list, at: 0) }
}

@Test func tablePrintsBool8AsTextNotAsANumber() throws {
    let batch = try RecordBatch(names: ["flag", "n"], columns: [Bool8Array([true, nil, false]), Int64Array([1, 22, 333])])
    let table = try collect { output in
        let renderer = TableRenderer(schema: batch.schema, options: .init(showTypes: false), output: output)
        try renderer.write(batch)
        try renderer.finish()
    }
    #expect(table == "flag     n\n-----  ---\ntrue     1\nnull    22\nfalse  333\n3 rows × 2 columns\n")
}
