import Testing
@testable import ArrowIPC

/// A string node of `length` slots over raw offsets and bytes.
private func stringData(
    _ offsets: [Int32], _ bytes: [UInt8], length: Int? = nil, offset: Int = 0, validity: [UInt8]? = nil
) -> ArrayData {
    ArrayData(
        type: .utf8, length: length ?? max(offsets.count - 1, 0), offset: offset,
        validity: validity.map { ArrowBuffer(copying: $0) },
        buffers: [ArrowBuffer(copying: offsets), ArrowBuffer(copying: bytes)])
}

private func expectInvalid(_ data: ArrayData, _ message: String, level: ValidationLevel = .default,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: ArrowError.invalidData(message), sourceLocation: sourceLocation) { try data.validate(level) }
}

// MARK: - Good data

@Test func builtArraysPassFullValidation() throws {
    let values = Int64Array([1, 2, nil, 4])
    let arrays: [any ArrowArray] = [
        NullArray(length: 3), BooleanArray([true, nil]), Int8Array([1, nil]), UInt64Array([1]),
        Float16Array([1, nil]), Float64Array([1.5]), StringArray(["a", nil, "é"]), LargeStringArray(["x"]),
        BinaryArray([[1], nil]), LargeBinaryArray([[]]), try FixedSizeBinaryArray(byteWidth: 2, values: [[1, 2], nil]),
        try DecimalArray(unscaled: [1, nil], type: .decimal256(precision: 40, scale: 3)),
        DayTimeIntervalArray([nil]), MonthDayNanoIntervalArray([MonthDayNanoInterval(months: 1, days: 2, nanoseconds: 3)]),
        try Int64Array([1, nil], type: .timestamp(.microsecond, timeZone: "Europe/Paris")),
        try ListArray(offsets: [0, 2, 4], values: values, validity: [false, true]),
        try LargeListArray(offsets: [0, 4], values: values),
        try FixedSizeListArray(listSize: 2, values: values),
        try StructArray(fields: [Field("v", .int64)], columns: [values], validity: [true, false, true, true]),
        try MapArray(offsets: [0, 1, 3], keys: StringArray(["a", "b", "c"]), values: Int32Array([1, nil, 3])),
        StringArray([]), try ListArray(offsets: [0], values: values),
    ]
    for array in arrays {
        try array.data.validate(.full)
        if array.length > 0 {
            try array.data.slice(1, array.length - 1).validate(.full)
        }
    }
}

@Test func emptyArraysMayHaveEmptyOffsetsBuffers() throws {
    let empty = ArrayData(type: .utf8, length: 0, validity: nil, buffers: [.empty, .empty])
    try empty.validate(.full)
    let array = try StringArray(empty)
    #expect(array.isEmpty)
    array.withUnsafeOffsets { #expect($0.isEmpty) }
    let list = ArrayData(type: .list(Field("item", .int32)), length: 0, validity: nil, buffers: [.empty],
                         children: [Int32Array([Int32]()).data])
    try list.validate(.full)
    #expect(try ListArray(list).isEmpty)
}

@Test func levelNoneChecksNothing() throws {
    let garbage = ArrayData(type: .int64, length: -5, offset: -1, nullCount: 99, validity: nil, buffers: [])
    try garbage.validate(.none)
    #expect(throws: ArrowError.self) { try garbage.validate() }
}

// MARK: - Node checks

@Test func lengthsOffsetsAndNullCounts() throws {
    let buffer = ArrowBuffer(copying: [Int64](repeating: 0, count: 4))
    expectInvalid(ArrayData(type: .int64, length: -1, nullCount: 0, validity: nil, buffers: [buffer]),
                  "length -1 is negative")
    expectInvalid(ArrayData(type: .int64, length: 1, offset: -2, nullCount: 0, validity: nil, buffers: [buffer]),
                  "offset -2 is negative")
    expectInvalid(ArrayData(type: .int64, length: 1, offset: Int.max, nullCount: 0, validity: nil, buffers: [buffer]),
                  "offset \(Int.max) plus length 1 overflows")
    expectInvalid(ArrayData(type: .int64, length: 2, nullCount: 3, validity: nil, buffers: [buffer]),
                  "null count 3 is outside 0...2")
    expectInvalid(ArrayData(type: .int64, length: 2, nullCount: 1, validity: nil, buffers: [buffer]),
                  "null count is 1 but there is no validity bitmap")
    // A huge offset must not overflow the buffer size computation.
    expectInvalid(ArrayData(type: .int64, length: 1, offset: Int.max / 2, nullCount: 0, validity: nil, buffers: [buffer]),
                  "values buffer has 32 bytes, needs more than \(Int.max) for 1 slots at offset \(Int.max / 2)")
}

@Test func shortBuffersAreReported() throws {
    let values = ArrowBuffer(copying: [Int64(1), 2])
    expectInvalid(ArrayData(type: .int64, length: 3, validity: nil, buffers: [values]),
                  "values buffer has 16 bytes, needs 24 for 3 slots at offset 0")
    expectInvalid(ArrayData(type: .int64, length: 2, offset: 1, validity: nil, buffers: [values]),
                  "values buffer has 16 bytes, needs 24 for 2 slots at offset 1")
    try ArrayData(type: .int64, length: 1, offset: 1, validity: nil, buffers: [values]).validate()
    let bits = ArrowBuffer(copying: [UInt8(0xFF)])
    expectInvalid(ArrayData(type: .int8, length: 10, nullCount: 0, validity: bits,
                            buffers: [ArrowBuffer(copying: [Int8](repeating: 1, count: 10))]),
                  "validity bitmap has 1 bytes, needs 2 for 10 slots at offset 0")
    expectInvalid(ArrayData(type: .boolean, length: 9, validity: nil, buffers: [bits]),
                  "values buffer has 1 bytes, needs 2 for 9 slots at offset 0")
    expectInvalid(ArrayData(type: .fixedSizeBinary(byteWidth: 4), length: 2, validity: nil,
                            buffers: [ArrowBuffer(copying: [UInt8](repeating: 0, count: 7))]),
                  "values buffer has 7 bytes, needs 8 for 2 slots at offset 0")
    expectInvalid(ArrayData(type: .decimal128(precision: 5, scale: 0), length: 2, validity: nil, buffers: [values]),
                  "values buffer has 16 bytes, needs 32 for 2 slots at offset 0")
    expectInvalid(ArrayData(type: .fixedSizeBinary(byteWidth: -3), length: 1, validity: nil, buffers: [values]),
                  "byte width -3 is negative")
}

@Test func bitmapSizesNeverOverflow() throws {
    #expect(Bitmap.byteCount(0) == 0)
    #expect(Bitmap.byteCount(-3) == 0)
    #expect(Bitmap.byteCount(1) == 1)
    #expect(Bitmap.byteCount(8) == 1)
    #expect(Bitmap.byteCount(9) == 2)
    #expect(Bitmap.byteCount(Int.max) == Int.max / 8 + 1)
    // A length near Int.max (as a file's field node may claim) is reported, not trapped on.
    let bits = ArrowBuffer(copying: [UInt8(0xFF)])
    expectInvalid(ArrayData(type: .int8, length: Int.max, nullCount: 0, validity: bits, buffers: [bits]),
                  "validity bitmap has 1 bytes, needs \(Int.max / 8 + 1) for \(Int.max) slots at offset 0")
    expectInvalid(ArrayData(type: .boolean, length: Int.max - 1, offset: 1, nullCount: 0, validity: nil, buffers: [bits]),
                  "values buffer has 1 bytes, needs \(Int.max / 8 + 1) for \(Int.max - 1) slots at offset 1")
}

@Test func bufferAndChildCounts() throws {
    expectInvalid(ArrayData(type: .int64, length: 0, validity: nil, buffers: []),
                  "type int64 needs 1 buffer after the validity bitmap, not 0")
    expectInvalid(ArrayData(type: .utf8, length: 0, validity: nil, buffers: [.empty]),
                  "type string needs 2 buffers after the validity bitmap, not 1")
    expectInvalid(ArrayData(type: .struct([Field("a", .int32)]), length: 0, validity: nil, buffers: []),
                  "type struct<a: int32> needs 1 child, not 0")
    expectInvalid(ArrayData(type: .null, length: 1, validity: ArrowBuffer(copying: [UInt8(0)]), buffers: []),
                  "type null has no validity bitmap, but one is present")
    let child = Int32Array([1]).data
    expectInvalid(ArrayData(type: .list(Field("item", .int64)), length: 1, validity: nil,
                            buffers: [ArrowBuffer(copying: [Int32(0), 1])], children: [child]),
                  "child 'item' has type int32, but the type says int64")
}

// MARK: - Offsets

@Test func shortOffsetsBuffer() throws {
    expectInvalid(stringData([0, 1, 2], [1, 2, 3], length: 3),
                  "offsets buffer has 12 bytes, needs 16 for 3 slots at offset 0")
    expectInvalid(stringData([0, 1, 2, 3], [1, 2, 3], length: 2, offset: 2),
                  "offsets buffer has 16 bytes, needs 20 for 2 slots at offset 2")
}

@Test func badOffsetsAreReported() throws {
    // Offsets out of order are a full check; the default one looks at the first and last only.
    try stringData([0, 2, 1, 3], [97, 98, 99]).validate(.default)
    expectInvalid(stringData([0, 2, 1, 3], [97, 98, 99]), "offsets decrease from 2 to 1 at slot 1", level: .full)
    expectInvalid(stringData([0, 1, 10], [97, 98, 99]), "the last offset, 10, is past the end of the data buffer (3 bytes)")
    expectInvalid(stringData([-1, 1], [97, 98, 99]), "the offset of slot 0 is -1, which is negative")
    // Only the offsets this slice uses are checked.
    try stringData([5, 0, 1, 2, -7], [97, 98, 99], length: 2, offset: 1).validate(.full)
    expectInvalid(stringData([5, 0, 1, 2, -7], [97, 98, 99], length: 3, offset: 1), "the last offset, -7, is smaller than the first, 0")
    expectInvalid(stringData([5, 0, 2, 1, 3], [97, 98, 99], length: 3, offset: 1), "offsets decrease from 2 to 1 at slot 1", level: .full)

    let large = ArrayData(type: .largeBinary, length: 2, validity: nil,
                          buffers: [ArrowBuffer(copying: [Int64(0), 3, 2]), ArrowBuffer(copying: [UInt8(1), 2, 3])])
    expectInvalid(large, "offsets decrease from 3 to 2 at slot 1", level: .full)
    let list = ArrayData(type: .list(Field("item", .int64)), length: 2, validity: nil,
                         buffers: [ArrowBuffer(copying: [Int32(0), 2, 6])], children: [Int64Array([1, 2, 3, 4, 5]).data])
    expectInvalid(list, "the last offset, 6, is past the end of the child (5 slots)")
    let largeList = ArrayData(type: .largeList(Field("item", .int64)), length: 1, validity: nil,
                              buffers: [ArrowBuffer(copying: [Int64(0)])], children: [Int64Array([1]).data])
    expectInvalid(largeList, "offsets buffer has 8 bytes, needs 16 for 1 slots at offset 0")
}

@Test func badOffsetsNeverReadOutsideTheBuffers() throws {
    // Typed access clamps ranges that unvalidated offsets would put out of bounds.
    let strings = try #require(makeArray(stringData([0, 50, 2, -9, 3], [97, 98, 99])) as? StringArray)
    #expect(Array(strings) == ["", "", "", ""])
    let list = ArrayData(type: .list(Field("item", .int64)), length: 2, validity: nil,
                         buffers: [ArrowBuffer(copying: [Int32(0), 9, 1])], children: [Int64Array([1, 2]).data])
    let lists = try #require(makeArray(list) as? ListArray)
    #expect(lists.map { $0?.length } == [0, 0])
}

// MARK: - Nested nodes and paths

@Test func errorsNameThePathToTheBadNode() throws {
    let badStrings = stringData([0, 1, 2], [97, 98, 99], length: 3)
    let listType = DataType.list(Field("item", .utf8))
    let list = ArrayData(type: listType, length: 1, validity: nil,
                         buffers: [ArrowBuffer(copying: [Int32(0), 3])], children: [badStrings])
    expectInvalid(list, "field 'item': offsets buffer has 12 bytes, needs 16 for 3 slots at offset 0")
    let batch = try RecordBatch(schema: Schema([Field("a", listType)]), columns: [list])
    #expect(throws: ArrowError.invalidData("field 'a.item': offsets buffer has 12 bytes, needs 16 for 3 slots at offset 0")) {
        try batch.validate()
    }
    let outer = ArrayData(type: .struct([Field("s", listType)]), length: 1, validity: nil, buffers: [], children: [list])
    expectInvalid(outer, "field 's.item': offsets buffer has 12 bytes, needs 16 for 3 slots at offset 0")
    let dictionary = ArrayData(type: .dictionary(index: .int32, value: .utf8, ordered: false), length: 1, validity: nil,
                               buffers: [ArrowBuffer(copying: [Int32(0)])], dictionary: badStrings)
    expectInvalid(dictionary, "field '[dictionary]': offsets buffer has 12 bytes, needs 16 for 3 slots at offset 0")
    try RecordBatch(names: ["x"], columns: [Int64Array([1])]).validate(.full)
    // Steps into valid siblings are gone from the path by the time a later one fails.
    let good = try ListArray(offsets: [0, 1], values: StringArray(["x"])).data
    let siblings = ArrayData(type: .struct([Field("ok", listType), Field("bad", listType)]), length: 1, validity: nil,
                             buffers: [], children: [good, list])
    expectInvalid(siblings, "field 'bad.item': offsets buffer has 12 bytes, needs 16 for 3 slots at offset 0")
    let twoColumns = try RecordBatch(schema: Schema([Field("a", listType), Field("b", listType)]), columns: [good, list])
    #expect(throws: ArrowError.invalidData("field 'b.item': offsets buffer has 12 bytes, needs 16 for 3 slots at offset 0")) {
        try twoColumns.validate()
    }
}

@Test func nestedLengthsAreChecked() throws {
    let fixed = ArrayData(type: .fixedSizeList(Field("item", .int32), listSize: 2), length: 2, validity: nil,
                          buffers: [], children: [Int32Array([1, 2, 3]).data])
    expectInvalid(fixed, "child 'item' has 3 slots, needs 4 for 2 lists of 2 at offset 0")
    expectInvalid(ArrayData(type: .fixedSizeList(Field("item", .int32), listSize: -1), length: 0, validity: nil,
                            buffers: [], children: [Int32Array([1]).data]),
                  "list size -1 is negative")
    let fields = [Field("a", .int32), Field("b", .int32)]
    let structure = ArrayData(type: .struct(fields), length: 3, validity: nil, buffers: [],
                              children: [Int32Array([1, 2, 3]).data, Int32Array([1, 2]).data])
    expectInvalid(structure, "child 'b' has 2 slots, needs 3 for 3 slots at offset 0")
    try structure.slice(0, 2).validate(.full)
    expectInvalid(try structure.slice(1, 2), "child 'b' has 2 slots, needs 3 for 2 slots at offset 1")
    let notEntries = ArrayData(type: .map(Field("entries", .int32), keysSorted: false), length: 0, validity: nil,
                               buffers: [.empty], children: [Int32Array([Int32]()).data])
    expectInvalid(notEntries, "the entries of a map must be a struct of two fields (key, value), not int32")
}

@Test func deepNestingIsReportedNotFollowed() throws {
    var data = Int32Array([1]).data
    for _ in 0..<70 {
        data = ArrayData(type: .struct([Field("s", data.type)]), length: 1, validity: nil, buffers: [], children: [data])
    }
    #expect(throws: ArrowError.self) { try data.validate() }
    var shallow = Int32Array([1]).data
    for _ in 0..<10 {
        shallow = ArrayData(type: .struct([Field("s", shallow.type)]), length: 1, validity: nil, buffers: [], children: [shallow])
    }
    try shallow.validate(.full)
}

// MARK: - Full checks

@Test func invalidUTF8IsReportedAtFullLevel() throws {
    let data = stringData([0, 1, 3, 4], [97, 0xC3, 0x28, 98])
    try data.validate(.default)
    expectInvalid(data, "the string in slot 1 is not valid UTF-8 (at its byte 0)", level: .full)
    // A null slot's bytes are not checked.
    try stringData([0, 1, 3, 4], [97, 0xC3, 0x28, 98], validity: [0b101]).validate(.full)
    let large = ArrayData(type: .largeUtf8, length: 1, validity: nil,
                          buffers: [ArrowBuffer(copying: [Int64(0), 2]), ArrowBuffer(copying: [UInt8(0xED), 0xA0])])
    expectInvalid(large, "the string in slot 0 is not valid UTF-8 (at its byte 0)", level: .full)
    // Binary data is not text.
    let binary = ArrayData(type: .binary, length: 1, validity: nil,
                           buffers: [ArrowBuffer(copying: [Int32(0), 1]), ArrowBuffer(copying: [UInt8(0xFF)])])
    try binary.validate(.full)
}

@Test func nullCountIsCheckedAtFullLevel() throws {
    let data = ArrayData(type: .int8, length: 4, nullCount: 1, validity: ArrowBuffer(copying: [UInt8(0b0101)]),
                         buffers: [ArrowBuffer(copying: [Int8](repeating: 0, count: 4))])
    try data.validate(.default)
    expectInvalid(data, "the null count is 1 but the validity bitmap has 2 nulls", level: .full)
}

@Test func utf8Validation() {
    func firstInvalid(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { UTF8Validation.firstInvalidByte($0) }
    }
    #expect(firstInvalid([]) == nil)
    #expect(firstInvalid(Array("plain ascii that is longer than eight bytes".utf8)) == nil)
    #expect(firstInvalid(Array("héllo wörld 日本語 😀 \u{10FFFF}".utf8)) == nil)
    #expect(firstInvalid([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0xFF]) == 9)
    #expect(firstInvalid([0xC0, 0x80]) == 0)             // overlong NUL
    #expect(firstInvalid([0xE0, 0x80, 0x80]) == 0)       // overlong
    #expect(firstInvalid([0xED, 0xA0, 0x80]) == 0)       // surrogate
    #expect(firstInvalid([0xF4, 0x90, 0x80, 0x80]) == 0) // above U+10FFFF
    #expect(firstInvalid([0x61, 0xE2, 0x82]) == 1)       // truncated
    #expect(firstInvalid([0xE2, 0x28, 0xA1]) == 0)       // bad continuation
    #expect(firstInvalid([0x80]) == 0)                   // lone continuation
    #expect(firstInvalid([0xF0, 0x9F, 0x98, 0x41]) == 0)
}

// MARK: - Types completed later

@Test func laterTypesAreCheckedForBufferCountsAndChildren() throws {
    expectInvalid(ArrayData(type: .utf8View, length: 0, validity: nil, buffers: []),
                  "type string_view needs a views buffer, but there are no buffers")
    try ArrayData(type: .binaryView, length: 0, validity: nil, buffers: [.empty, .empty, .empty]).validate(.full)
    let union = DataType.union(.dense, [Field("a", .int32)], typeIds: [0])
    expectInvalid(ArrayData(type: union, length: 0, validity: nil, buffers: [.empty], children: [Int32Array([1]).data]),
                  "type dense_union<a: int32=0> needs 2 buffers after the validity bitmap, not 1")
    let ree = DataType.runEndEncoded(runEnds: Field("run_ends", .int32, nullable: false), values: Field("values", .utf8))
    expectInvalid(ArrayData(type: ree, length: 1, validity: nil, buffers: [], children: [Int32Array([1]).data]),
                  "type run_end_encoded<run_ends: int32, values: string> needs 2 children, not 1")
    let uuid = DataType.extension(name: "arrow.uuid", storage: .fixedSizeBinary(byteWidth: 16), metadata: "")
    expectInvalid(ArrayData(type: uuid, length: 1, validity: nil, buffers: [ArrowBuffer(copying: [UInt8](repeating: 0, count: 8))]),
                  "values buffer has 8 bytes, needs 16 for 1 slots at offset 0")
}

// MARK: - Robustness

/// A node of `type` with random sizes, offsets and bytes, mostly near the right shape.
private func randomData(_ type: DataType, depth: Int, using random: inout SeededRandom) -> ArrayData {
    func bytes(_ count: Int) -> ArrowBuffer {
        // Mostly small values, which make plausible offsets.
        ArrowBuffer(copying: (0..<count).map { _ in
            Bool.random(using: &random) ? UInt8.random(in: 0...4, using: &random) : UInt8.random(in: 0...255, using: &random)
        })
    }
    let length = Int.random(in: -1...12, using: &random)
    let offset: Int
    switch Int.random(in: 0...9, using: &random) {
    case 0: offset = Int.max - 3
    case 1...3: offset = Int.random(in: -2...8, using: &random)
    default: offset = 0
    }
    var bufferCount = type.fixedBufferCount
    switch Int.random(in: 0...19, using: &random) {
    case 0: bufferCount += 1
    case 1: bufferCount = max(0, bufferCount - 1)
    default: break
    }
    let buffers = (0..<bufferCount).map { _ in bytes(Int.random(in: 0...120, using: &random)) }
    let validity = Bool.random(using: &random) ? nil : bytes(Int.random(in: 0...3, using: &random))
    let children = depth > 3 ? [] : type.children.map { randomData($0.type, depth: depth + 1, using: &random) }
    let nullCount: Int? = Bool.random(using: &random) ? nil : Int.random(in: -1...5, using: &random)
    return ArrayData(type: type, length: length, offset: offset, nullCount: nullCount, validity: validity,
                     buffers: buffers, children: children)
}

/// Reads every element of `array`, recursing into nested elements; returns how many it read.
private func readAll(_ array: any ArrowArray) -> Int {
    func count<C: Collection>(_ collection: C) -> Int { collection.reduce(0) { total, _ in total + 1 } }
    switch array {
    case let a as NullArray: return count(a)
    case let a as BooleanArray: return count(a)
    case let a as Int8Array: return count(a)
    case let a as Int16Array: return count(a)
    case let a as Int32Array: return count(a)
    case let a as Int64Array: return count(a) + a.withUnsafeValues { $0.reduce(0) { $0 &+ Int($1 & 1) } }
    case let a as Float64Array: return count(a)
    case let a as StringArray: return count(a)
    case let a as LargeStringArray: return count(a)
    case let a as BinaryArray: return count(a)
    case let a as FixedSizeBinaryArray: return count(a)
    case let a as DecimalArray: return a.reduce(0) { $0 + ($1?.description.count ?? 0) }
    case let a as DayTimeIntervalArray: return count(a)
    case let a as MonthDayNanoIntervalArray: return count(a)
    case let a as ListArray: return a.reduce(0) { $0 + ($1.map(readAll) ?? 0) } + readAll(a.values)
    case let a as LargeListArray: return a.reduce(0) { $0 + ($1.map(readAll) ?? 0) }
    case let a as FixedSizeListArray: return a.reduce(0) { $0 + ($1.map(readAll) ?? 0) } + readAll(a.values)
    case let a as StructArray:
        let rows = a.reduce(0) { total, row in
            total + (row.map { row in (0..<row.fields.count).reduce(0) { $0 + readAll(row[$1]) } } ?? 0)
        }
        return rows + a.columns.reduce(0) { $0 + readAll($1) }
    case let a as MapArray:
        return a.reduce(0) { $0 + ($1.map { readAll($0.keys) + readAll($0.values) } ?? 0) } + readAll(a.entries)
    default: return 0
    }
}

@Test func randomNodesNeverTrap() throws {
    let entries = DataType.struct([Field("key", .utf8, nullable: false), Field("value", .int32)])
    let types: [DataType] = [
        .null, .boolean, .int8, .int32, .int64, .float64, .utf8, .largeUtf8, .binary,
        .fixedSizeBinary(byteWidth: 3), .decimal32(precision: 5, scale: 2), .decimal256(precision: 50, scale: 3),
        .interval(.dayTime), .interval(.monthDayNano), .timestamp(.second, timeZone: nil),
        .list(Field("item", .int16)), .largeList(Field("item", .utf8)), .fixedSizeList(Field("item", .int8), listSize: 2),
        .struct([Field("a", .int64), Field("b", .utf8)]), .map(Field("entries", entries, nullable: false), keysSorted: false),
        .list(Field("item", .struct([Field("x", .boolean)]))), .utf8View,
        .union(.sparse, [Field("a", .int32)], typeIds: [0]),
        .runEndEncoded(runEnds: Field("r", .int32), values: Field("v", .utf8)),
        .extension(name: "e", storage: .int32, metadata: ""),
    ]
    var random = SeededRandom(seed: 2024)
    var validCount = 0
    for round in 0..<6000 {
        let type = types[round % types.count]
        let data = randomData(type, depth: 0, using: &random)
        let valid = (try? data.validate(.default)) != nil
        _ = try? data.validate(.full)
        // Element access after makeArray stays in bounds whether or not the node validates.
        _ = readAll(makeArray(data))
        if valid {
            validCount += 1
            // The throwing initializers accept what validates.
            switch type {
            case .utf8: _ = try StringArray(data)
            case .int64: _ = try Int64Array(data)
            case .list(let item) where item.type == .int16: _ = try ListArray(data)
            case .struct: _ = try StructArray(data)
            case .map: _ = try MapArray(data)
            default: break
            }
        }
    }
    // The generator must make enough valid nodes for the comparison to mean anything.
    #expect(validCount > 100)
}

@Test func utf8IsCheckedPerStringNotJustAsAWhole() throws {
    // "é" is C3 A9: split over two strings, the whole is valid but neither string is.
    #expect(throws: ArrowError.self) { try stringData([0, 1, 2], [0xC3, 0xA9]).validate(.full) }
    try stringData([0, 2, 3], [0xC3, 0xA9, 0x61]).validate(.full)
    // Invalid bytes under a null string do not count.
    try stringData([0, 1, 2], [0xFF, 0x61], validity: [0b10]).validate(.full)
    #expect(throws: ArrowError.self) { try stringData([0, 1, 2], [0x61, 0xFF], validity: [0b11]).validate(.full) }
}
