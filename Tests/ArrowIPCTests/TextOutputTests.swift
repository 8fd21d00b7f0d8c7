import Foundation
import Testing
@testable import ArrowIPC

// The writers read the common types straight from their buffers (ColumnText); every other type
// goes through ValueFormatter. Wrapping a column in an extension type the library does not
// know sends the same values through ValueFormatter, so the two outputs must be the same bytes.

private func validity(_ valid: [Bool]) -> ArrowBuffer? {
    guard valid.contains(false) else { return nil }
    var bytes = [UInt8](repeating: 0, count: (valid.count + 7) / 8)
    for (index, isValid) in valid.enumerated() where isValid {
        bytes[index / 8] |= 1 << UInt8(index % 8)
    }
    return ArrowBuffer(copying: bytes)
}

/// A fixed-width column of `values` (`nil` is null, stored as `filler`).
private func column<T: BitwiseCopyable>(_ type: DataType, _ values: [T?], filler: T) -> ArrayData {
    ArrayData(
        type: type, length: values.count, validity: validity(values.map { $0 != nil }),
        buffers: [ArrowBuffer(copying: values.map { $0 ?? filler })])
}

/// A utf8 or large utf8 column of raw bytes.
private func textColumn(_ type: DataType, _ values: [[UInt8]?]) -> ArrayData {
    var offsets: [Int] = [0]
    var bytes: [UInt8] = []
    for value in values {
        bytes += value ?? []
        offsets.append(bytes.count)
    }
    let offsetBuffer = type == .largeUtf8
        ? ArrowBuffer(copying: offsets.map { Int64($0) }) : ArrowBuffer(copying: offsets.map { Int32($0) })
    return ArrayData(
        type: type, length: values.count, validity: validity(values.map { $0 != nil }),
        buffers: [offsetBuffer, ArrowBuffer(copying: bytes)])
}

private let edgeDoubles: [Double?] = [
    0, -0.0, .nan, -Double.nan, Double(nan: 5, signaling: true), .infinity, -.infinity, nil,
    .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
    1e16, 1e15, 9_999_999_999_999_998, 1e17, 1e-5, 1e-4, 0.0001, 0.00001234, 1e-7, 0.1, 0.2 + 0.1, 1.0 / 3,
    123.456, -1.5, 2e22, 5e-324, 2.2250738585072014e-308, 4.9406564584124654e-324, 1e300, 1e-300,
    Double(Int64.max), 9_007_199_254_740_993,
]

private let edgeFloats: [Float?] = [
    0, -0.0, .nan, .infinity, -.infinity, nil, .leastNonzeroMagnitude, .leastNormalMagnitude,
    .greatestFiniteMagnitude, 1e16, 1e-5, 1e-4, 0.1, 16_777_216, 16_777_217, 3.4028235e38, 1.0 / 3, 1e-45,
]

private let edgeStrings: [[UInt8]?] = [
    Array("plain".utf8), [], nil, Array("with, comma".utf8), Array("say \"hi\"".utf8), Array("line\nbreak".utf8),
    Array("cr\rlf".utf8), Array("tab\there".utf8), [0x01, 0x1F, 0x7F], Array("back\\slash".utf8),
    Array("héllo wörld".utf8), Array("日本語のテキスト".utf8), Array("👍🏽 family 👨‍👩‍👧".utf8),
    [0xFF, 0x41, 0xC3], [0xED, 0xA0, 0x80], Array(String(repeating: "long text ", count: 12).utf8),
    Array("\u{1b}[31mred".utf8), Array("e\u{301}".utf8),
]

/// A batch holding every type ColumnText reads, with nulls, edge values and a slice offset.
private func everyTypeBatch() throws -> RecordBatch {
    let count = edgeDoubles.count
    func cycle<T>(_ values: [T?]) -> [T?] { (0..<count).map { values[$0 % values.count] } }
    let columns: [(String, ArrayData)] = [
        ("i8", column(.int8, cycle([Int8.min, Int8.max, -1, 0, nil]), filler: 0)),
        ("i16", column(.int16, cycle([Int16.min, Int16.max, nil, 7]), filler: 0)),
        ("i32", column(.int32, cycle([Int32.min, Int32.max, nil, -42]), filler: 0)),
        ("i64", column(.int64, cycle([Int64.min, Int64.max, nil, 0, 1_000_000_007]), filler: 0)),
        ("u8", column(.uint8, cycle([UInt8.max, 0, nil]), filler: 0)),
        ("u16", column(.uint16, cycle([UInt16.max, nil, 10]), filler: 0)),
        ("u32", column(.uint32, cycle([UInt32.max, nil, 9]), filler: 0)),
        ("u64", column(.uint64, cycle([UInt64.max, 0, nil]), filler: 0)),
        ("f16", column(.float16, cycle([
            UInt16(0x3C00), 0x7C00, 0xFC00, 0x7E00, 0x0001, 0x8000, nil, 0x3555, 0x2000, 0x6C04, 0x7BFF, 0xFBFF, 0x0400, 0x2E66,
        ]), filler: 0)),
        ("f32", column(.float32, cycle(edgeFloats), filler: 0)),
        ("f64", column(.float64, edgeDoubles, filler: 0)),
        ("b", column(.boolean, [UInt8?](repeating: 0, count: 0), filler: 0)),
        ("s", textColumn(.utf8, cycle(edgeStrings))),
        ("ls", textColumn(.largeUtf8, cycle(edgeStrings.reversed()))),
        ("d32", column(.date32, cycle([Int32(0), -1, 19_000, -719_529, 2_932_897, nil, Int32.min]), filler: 0)),
        ("d64", column(.date64, cycle([Int64(0), -1, 86_400_000 * 365, nil, -62_167_219_200_001]), filler: 0)),
        ("t32", column(.time32(.millisecond), cycle([Int32(0), 45_296_789, -1, nil, 90_000_000]), filler: 0)),
        ("t64", column(.time64(.nanosecond), cycle([Int64(0), 45_296_789_123_456, nil, -5]), filler: 0)),
        ("ts", column(.timestamp(.microsecond, timeZone: nil), cycle([Int64(0), -1, 1_700_000_000_123_456, nil, Int64.min]), filler: 0)),
        ("tsz", column(.timestamp(.millisecond, timeZone: "America/New_York"),
                       cycle([Int64(0), 1_709_303_400_000, -2_717_650_000_000, nil, 1_720_000_000_000]), filler: 0)),
        ("tsu", column(.timestamp(.second, timeZone: "UTC"), cycle([Int64(0), 86_399, nil, -86_401]), filler: 0)),
        ("tsx", column(.timestamp(.nanosecond, timeZone: "Not/AZone"), cycle([Int64(1), nil]), filler: 0)),
        ("dur", column(.duration(.millisecond), cycle([Int64(1500), Int64.min, nil, -3]), filler: 0)),
    ].map { name, data in
        guard name == "b" else { return (name, data) }
        // Booleans: a values bitmap of its own.
        let values = (0..<count).map { $0 % 3 == 0 }
        var bits = [UInt8](repeating: 0, count: (count + 7) / 8)
        for (index, value) in values.enumerated() where value { bits[index / 8] |= 1 << UInt8(index % 8) }
        return (name, ArrayData(
            type: .boolean, length: count, validity: validity((0..<count).map { $0 % 5 != 4 }),
            buffers: [ArrowBuffer(copying: bits)]))
    }
    let views = try columns[12].1.cast(to: .utf8View)
    let all = columns + [("sv", views)]
    return try RecordBatch(schema: Schema(all.map { Field($0.0, $0.1.type) }), columns: all.map(\.1))
}

/// `batch` with every column wrapped in an extension type the library does not know, so that
/// its values are written through ``ValueFormatter``.
private func throughValueFormatter(_ batch: RecordBatch) throws -> RecordBatch {
    let columns = batch.columnData.map { data in
        data.viewed(as: .extension(name: "test.opaque", storage: data.type, metadata: ""))
    }
    return try RecordBatch(schema: Schema(zip(batch.schema.fields, columns).map { Field($0.name, $1.type) }), columns: columns)
}

/// What `write` hands to the writer's byte closure, in one piece.
private func bytes(_ write: (@escaping (UnsafeRawBufferPointer) throws -> Void) throws -> Void) rethrows -> [UInt8] {
    final class Box: @unchecked Sendable { var bytes: [UInt8] = [] }
    let box = Box()
    try write { box.bytes += $0 }
    return box.bytes
}

enum TextForm: CaseIterable { case csv, jsonl, table }

private func render(_ batch: RecordBatch, _ form: TextForm, rows: [Int]? = nil, width: Int = 40, sample: Int = 1000) throws -> [UInt8] {
    try bytes { output in
        let writer: any RowWriter = switch form {
        case .csv: CSVWriter(schema: batch.schema, bytes: output)
        case .jsonl: JSONLinesWriter(schema: batch.schema, bytes: output)
        case .table: TableRenderer(
            schema: batch.schema, options: .init(maxColumnWidth: width, showTypes: false, sampleRows: sample), bytes: output)
        }
        if let rows { try writer.write(batch, rows: rows) } else { try writer.write(batch) }
        try writer.finish(totalRowCount: nil, totalColumnCount: nil)
    }
}

@Test(arguments: TextForm.allCases)
func typedColumnsWriteWhatValueFormatterWrites(_ form: TextForm) throws {
    let batch = try everyTypeBatch()
    let reference = try throughValueFormatter(batch)
    #expect(try render(batch, form) == render(reference, form))
    // A slice (non-zero offsets), rows out of order and repeated.
    let slice = try batch.slice(3, batch.rowCount - 5)
    let rows = [4, 0, 0, slice.rowCount - 1, 7]
    #expect(try render(slice, form, rows: rows) == render(try throughValueFormatter(slice), form, rows: rows))
    if form == .table {
        // Narrow cells are cut; rows after the sample are written as they come.
        for width in [1, 3, 8] {
            #expect(try render(batch, form, width: width, sample: 4) == render(reference, form, width: width, sample: 4))
        }
    }
}

/// Rows of numbers, booleans and temporal values alone, which CSV and JSON lines write through
/// a pointer with room made once per row, against ``ValueFormatter``'s text.
@Test(arguments: TextForm.allCases)
func scalarRowsWriteWhatValueFormatterWrites(_ form: TextForm) throws {
    let batch = try everyTypeBatch()
    let scalars = batch.schema.fields.indices.filter { ColumnText(batch.columnData[$0]).isScalar }
    #expect(scalars.count == batch.schema.fields.count - 3)
    let scalarBatch = try RecordBatch(
        schema: Schema(scalars.map { batch.schema.fields[$0] }), columns: scalars.map { batch.columnData[$0] })
    #expect(try render(scalarBatch, form) == render(try throughValueFormatter(scalarBatch), form))
    let slice = try scalarBatch.slice(3, scalarBatch.rowCount - 5)
    let rows = [4, 0, 0, slice.rowCount - 1, 7]
    #expect(try render(slice, form, rows: rows) == render(try throughValueFormatter(slice), form, rows: rows))
    if form == .table {
        // Rows after the sample, in columns wide enough for every value and too narrow for some.
        let reference = try throughValueFormatter(scalarBatch)
        for width in [3, 12, 40] {
            #expect(try render(scalarBatch, form, width: width, sample: 4) == render(reference, form, width: width, sample: 4))
        }
    }
    // No columns: an empty line (after the empty header), or an empty object, per row.
    let empty = RecordBatch(schema: Schema([]), columnData: [], rowCount: 2, metadata: [:])
    let expected = ["\n\n\n", "{}\n{}\n"]
    if let index = [TextForm.csv, .jsonl].firstIndex(of: form) {
        #expect(String(decoding: try render(empty, form), as: UTF8.self) == expected[index])
    }
}

@Test func floatsAreWrittenAsTheirSwiftDescription() throws {
    let doubles = edgeDoubles.compactMap { $0 }
    let floats = edgeFloats.compactMap { $0 }
    let batch = try RecordBatch(
        schema: Schema([Field("d", .float64)]), columns: [column(.float64, doubles, filler: 0)])
    let csv = String(decoding: try render(batch, .csv), as: UTF8.self)
    #expect(csv == "d\n" + doubles.map { "\($0.description)\n" }.joined())
    let floatBatch = try RecordBatch(
        schema: Schema([Field("f", .float32)]), columns: [column(.float32, floats, filler: 0)])
    let jsonl = String(decoding: try render(floatBatch, .jsonl), as: UTF8.self)
    #expect(jsonl == floats.map { "{\"f\":\($0.isFinite ? $0.description : "null")}\n" }.joined())
    #expect(csv.contains("\n-0.0\n") && csv.contains("\n5e-324\n") && csv.contains("\n1e+16\n") && csv.contains("\n1e-05\n"))
}

@Test func integersAtTheirLimits() throws {
    let batch = try RecordBatch(
        schema: Schema([Field("a", .int64), Field("b", .uint64), Field("c", .int8)]),
        columns: [column(.int64, [Int64.min, Int64.max, -1, 0], filler: 0),
                  column(.uint64, [UInt64.max, 0, 1, 10], filler: 0),
                  column(.int8, [Int8.min, Int8.max, nil, 0], filler: 0)])
    #expect(String(decoding: try render(batch, .csv), as: UTF8.self) == """
        a,b,c
        -9223372036854775808,18446744073709551615,-128
        9223372036854775807,0,127
        -1,1,
        0,10,0

        """)
}

@Test func stringsAreQuotedAndEscapedOnBytes() throws {
    let values: [[UInt8]?] = [
        [], nil, Array("a,b".utf8), Array("\"q\"".utf8), Array("x\ny".utf8), Array("x\ry".utf8),
        [0x01, 0x08, 0x0C, 0x09, 0x5C, 0x7F], [0xFF], Array("ünï".utf8),
    ]
    let batch = try RecordBatch(schema: Schema([Field("s", .utf8)]), columns: [textColumn(.utf8, values)])
    #expect(String(decoding: try render(batch, .csv), as: UTF8.self)
        == "s\n\"\"\n\n\"a,b\"\n\"\"\"q\"\"\"\n\"x\ny\"\n\"x\ry\"\n\u{01}\u{08}\u{0C}\t\\\u{7F}\n\u{FFFD}\nünï\n")
    #expect(String(decoding: try render(batch, .jsonl), as: UTF8.self) == #"""
        {"s":""}
        {"s":null}
        {"s":"a,b"}
        {"s":"\"q\""}
        {"s":"x\ny"}
        {"s":"x\ry"}
        {"s":"\u0001\b\f\t\\\#u{7F}"}
        {"s":"\#u{FFFD}"}
        {"s":"ünï"}

        """#)
}

@Test func stringOffsetsOutsideTheDataAreAnError() throws {
    // Offsets past the data: the checked reader's error, not a read outside the buffer.
    let broken = ArrayData(
        type: .utf8, length: 2, validity: nil,
        buffers: [ArrowBuffer(copying: [Int32(0), 2, 900]), ArrowBuffer(copying: Array("abc".utf8))])
    let batch = try RecordBatch(schema: Schema([Field("s", .utf8)]), columns: [broken])
    for form in TextForm.allCases {
        #expect(throws: ArrowError.self) { try render(batch, form) }
    }
    // Values buffers too short for the slots.
    let short = ArrayData(type: .int64, length: 3, validity: nil, buffers: [ArrowBuffer(copying: [Int64(1)])])
    let shortBatch = try RecordBatch(schema: Schema([Field("i", .int64)]), columns: [short])
    for form in TextForm.allCases {
        #expect(throws: ArrowError.self) { try render(shortBatch, form) }
    }
}

@Test func outputComesInWholeLinesOfAboutAChunk() throws {
    let count = 50_000
    let batch = try RecordBatch(
        schema: Schema([Field("s", .utf8)]),
        columns: [textColumn(.utf8, (0..<count).map { Array("value ünï \($0)".utf8) })])
    final class Box: @unchecked Sendable { var chunks: [[UInt8]] = [] }
    let box = Box()
    let writer = CSVWriter(schema: batch.schema, bytes: { box.chunks.append(Array($0)) })
    try writer.write(batch)
    try writer.finish()
    #expect(box.chunks.count > 5)
    for chunk in box.chunks {
        #expect(chunk.last == 0x0A)
        #expect(chunk.count < 2 * OutputBytes.chunkSize)
    }
    // The String closure receives the same text.
    let text = try bytes { output in
        let writer = CSVWriter(schema: batch.schema, output: { text in
            var text = text
            try text.withUTF8 { try output(UnsafeRawBufferPointer($0)) }
        })
        try writer.write(batch)
        try writer.finish()
    }
    #expect(text == box.chunks.flatMap { $0 })
}

/// What a writer of `form` hands on for `batch`'s rows forwards (as a range) then
/// `backwards`, or both as arrays (written on one thread, row by row) when `asArrays`;
/// `handedOn` sees the size of each piece handed on.
private func text(
    _ form: TextForm, _ batch: RecordBatch, backwards: RowRun, asArrays: Bool, handedOn: @escaping (Int) -> Void = { _ in }
) throws -> [UInt8] {
    try bytes { output in
        let writer = writer(form, batch.schema) { handedOn($0.count); try output($0) }
        if asArrays {
            try writer.write(batch, rows: Array(0..<batch.rowCount))
            try writer.write(batch, rows: Array(backwards))
        } else {
            try writer.write(batch, rows: 0..<batch.rowCount)
            try writer.write(batch, rows: backwards)
        }
        try writer.finish(totalRowCount: nil, totalColumnCount: nil)
    }
}

/// Long runs of rows are formatted on all cores, a slice of rows on each: the bytes are those
/// of one thread (rows given as an array are written on one). The table's rows are, once the
/// column widths are known (from the first 100 rows here; narrow, so that cells are cut).
@Test(arguments: TextForm.allCases)
func rowsFormattedOnAllCoresAreTheRowsOfOneThread(_ form: TextForm) throws {
    let one = try everyTypeBatch()
    // Enough rows for several rounds of slices, and a slice offset.
    let batch = try RecordBatch.concatenate([RecordBatch](repeating: one, count: 12_010 / one.rowCount + 1)).slice(3, 12_000)
    let backwards = RowRun(start: batch.rowCount - 1, step: -1, count: batch.rowCount - 1)
    let parallel = try text(form, batch, backwards: backwards, asArrays: false)
    #expect(parallel == (try text(form, batch, backwards: backwards, asArrays: true)))
    #expect(parallel.count > 500_000)
    #expect(backwards.count >= ParallelRows.parallelThreshold * ParallelRows.sliceCells / batch.columnCount)
}

/// A run of rows too short to share out is written on one thread a piece at a time, and
/// handed on in chunks of about ``OutputBytes/chunkSize``, never whole: the bytes of the rows
/// written one by one (given as an array), in either direction.
@Test(arguments: TextForm.allCases)
func shortRunsAreHandedOnInChunks(_ form: TextForm) throws {
    let one = try everyTypeBatch()
    // One row short of being shared out, from a row offset.
    let sliceRows = max(64, ParallelRows.sliceCells / one.columnCount)
    let rowCount = ParallelRows.parallelThreshold * sliceRows - 1
    let batch = try RecordBatch.concatenate([RecordBatch](repeating: one, count: rowCount / one.rowCount + 2)).slice(5, rowCount)
    let backwards = RowRun(start: batch.rowCount - 1, step: -1, count: batch.rowCount)
    final class Sizes: @unchecked Sendable { var counts: [Int] = [] }
    let sizes = Sizes()
    let pieces = try text(form, batch, backwards: backwards, asArrays: false) { sizes.counts.append($0) }
    #expect(pieces == (try text(form, batch, backwards: backwards, asArrays: true)))
    #expect(pieces.count > 8 * OutputBytes.chunkSize)
    #expect(sizes.counts.count > 8)
    #expect(sizes.counts.allSatisfy { $0 <= 2 * OutputBytes.chunkSize })
}

private func writer(_ form: TextForm, _ schema: Schema, _ output: @escaping (UnsafeRawBufferPointer) throws -> Void) -> any RowWriter {
    switch form {
    case .csv: CSVWriter(schema: schema, bytes: output)
    case .jsonl: JSONLinesWriter(schema: schema, bytes: output)
    case .table: TableRenderer(schema: schema, options: .init(maxColumnWidth: 12, showTypes: true, sampleRows: 100), bytes: output)
    }
}

