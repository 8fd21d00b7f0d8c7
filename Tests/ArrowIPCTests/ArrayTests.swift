import Testing
@testable import ArrowIPC

// MARK: - Primitive arrays

@Test func primitiveArraysBuildAndRead() throws {
    #expect(Array(Int8Array([1, nil, -3])) == [1, nil, -3])
    #expect(Array(Int16Array([1, nil, -300])) == [1, nil, -300])
    #expect(Array(Int32Array([1, 2, 3])) == [1, 2, 3])
    #expect(Array(Int64Array([1, 2, nil])) == [1, 2, nil])
    #expect(Array(UInt8Array([255, nil])) == [255, nil])
    #expect(Array(UInt16Array([65535])) == [65535])
    #expect(Array(UInt32Array([nil, 7])) == [nil, 7])
    #expect(Array(UInt64Array([UInt64.max])) == [UInt64.max])
    #expect(Array(Float16Array([1.5, nil])) == [1.5, nil])
    #expect(Array(Float32Array([0.25, nil])) == [0.25, nil])
    #expect(Array(Float64Array([1.5, nil])) == [1.5, nil])
    #expect(Float16Array([1]).type == .float16)
    #expect(UInt8Array([1]).type == .uint8)
}

@Test func primitiveArrayNullsAndValidity() throws {
    let array = Int64Array([1, 2, nil])
    #expect(array.length == 3)
    #expect(array.nullCount == 1)
    #expect(array.isNull(2) && !array.isNull(0))
    #expect(array.type == .int64)
    let noNulls = Int32Array([1, 2, 3])
    #expect(noNulls.data.validity == nil)
    #expect(noNulls.nullCount == 0)
    let optionalsWithoutNulls = Int32Array([1, 2, Optional(3)])
    #expect(optionalsWithoutNulls.data.validity == nil)
    // Builders write 64-byte-aligned buffers.
    #expect(Int(bitPattern: array.data.buffers[0].baseAddress) % 64 == 0)
    #expect(array.data.buffers[0].count == 24)
}

@Test func primitiveArraySlicesHonorOffset() throws {
    let values: [Int64?] = (0..<100).map { $0 % 7 == 3 ? nil : Int64($0) * 10 }
    let array = Int64Array(values)
    let slice = try Int64Array(try array.data.slice(13, 50))
    #expect(slice.data.offset == 13)
    #expect(Array(slice) == Array(values[13..<63]))
    #expect(slice.nullCount == values[13..<63].filter { $0 == nil }.count)
    slice.withUnsafeValues { buffer in
        #expect(buffer.count == 50)
        #expect(buffer[0] == 130)
        #expect(buffer[49] == 620)
    }
}

@Test func primitiveArrayTemporalTypes() throws {
    let timestamps = try PrimitiveArray<Int64>([1_700_000_000_000, nil], type: .timestamp(.millisecond, timeZone: "UTC"))
    #expect(timestamps.type == .timestamp(.millisecond, timeZone: "UTC"))
    #expect(Array(timestamps) == [1_700_000_000_000, nil])
    let dates = try Int32Array([19000], type: .date32)
    #expect(makeArray(dates.data) is Int32Array)
    #expect(try Int64Array([1], type: .duration(.second)).type == .duration(.second))
    #expect(try Int32Array([12], type: .interval(.yearMonth)).type == .interval(.yearMonth))
    #expect(throws: ArrowError.self) { try Int64Array([1], type: .int32) }
    #expect(throws: ArrowError.self) { try Int32Array([1], type: .float32) }
    #expect(throws: ArrowError.self) { try UInt32Array([1], type: .int32) }
    #expect(throws: ArrowError.self) { try Float64Array([1], type: .timestamp(.second, timeZone: nil)) }
}

@Test func typedInitializersRejectOtherTypes() throws {
    #expect(throws: ArrowError.self) { try Int64Array(StringArray(["a"]).data) }
    #expect(throws: ArrowError.self) { try Int32Array(Int64Array([1]).data) }
    #expect(throws: ArrowError.self) { try StringArray(LargeStringArray(["a"]).data) }
    #expect(throws: ArrowError.self) { try BinaryArray(StringArray(["a"]).data) }
    #expect(throws: ArrowError.self) { try BooleanArray(NullArray(length: 1).data) }
    #expect(throws: ArrowError.self) { try ListArray(LargeListArray(offsets: [0], values: Int64Array([])).data) }
    #expect(throws: ArrowError.self) { try StructArray(Int64Array([1]).data) }
    let int64 = Int64Array([1]).data
    #expect(throws: ArrowError.invalidArgument("a large_string array cannot read an array of type string")) {
        try LargeStringArray(StringArray(["a"]).data)
    }
    #expect(throws: ArrowError.invalidArgument("a binary array cannot read an array of type int64")) { try BinaryArray(int64) }
    #expect(throws: ArrowError.invalidArgument("a large_list array cannot read an array of type int64")) { try LargeListArray(int64) }
    #expect(throws: ArrowError.invalidArgument("a MapArray cannot read an array of type int64")) { try MapArray(int64) }
    #expect(throws: ArrowError.invalidArgument("a FixedSizeListArray cannot read an array of type int64")) { try FixedSizeListArray(int64) }
    #expect(throws: ArrowError.invalidArgument("a DecimalArray cannot read an array of type int64")) { try DecimalArray(int64) }
    #expect(throws: ArrowError.invalidArgument("a DayTimeIntervalArray cannot read an array of type int64")) { try DayTimeIntervalArray(int64) }
    #expect(throws: ArrowError.invalidArgument("a BooleanArray cannot read an array of type int64")) { try BooleanArray(int64) }
    #expect(throws: ArrowError.invalidArgument("a NullArray cannot read an array of type int64")) { try NullArray(int64) }
    #expect(throws: ArrowError.invalidArgument("a StructArray cannot read an array of type int64")) { try StructArray(int64) }
    #expect(throws: ArrowError.invalidArgument("a FixedSizeBinaryArray cannot read an array of type int64")) { try FixedSizeBinaryArray(int64) }
    #expect(throws: ArrowError.invalidArgument("a PrimitiveArray<Int32> cannot read an array of type int64")) { try Int32Array(int64) }
    // The throwing initializers also validate.
    let short = ArrayData(type: .int64, length: 3, validity: nil, buffers: [ArrowBuffer(copying: [Int64(1)])])
    #expect(throws: ArrowError.self) { try Int64Array(short) }
    #expect(try Int64Array(Int64Array([4]).data).first == 4)
}

// MARK: - Booleans and nulls

@Test func booleanArrayRoundTrip() throws {
    let values: [Bool?] = (0..<20).map { $0 % 3 == 0 ? nil : $0 % 2 == 0 }
    let array = BooleanArray(values)
    #expect(Array(array) == values)
    #expect(array.nullCount == 7)
    let sliced = try BooleanArray(try array.data.slice(5, 11))
    #expect(Array(sliced) == Array(values[5..<16]))
    let plain = BooleanArray([true, false, true])
    #expect(plain.data.validity == nil)
    #expect(Array(plain) == [true, false, true])
    #expect(Array(BooleanArray([true, nil, false])) == [true, nil, false])
}

@Test func nullArrayIsAllNulls() throws {
    let array = NullArray(length: 4)
    #expect(array.length == 4)
    #expect(array.nullCount == 4)
    #expect(array.data.buffers.isEmpty && array.data.validity == nil)
    #expect(Array(array).allSatisfy { $0 == nil })
    #expect(array.isNull(3))
    #expect(makeArray(array.data) is NullArray)
    #expect(try NullArray(array.data.slice(1, 2)).count == 2)
}

// MARK: - Binary and strings

@Test func stringArraysRoundTrip() throws {
    let values: [String?] = ["a", nil, "héllo", "", "日本語"]
    let array = StringArray(values)
    #expect(Array(array) == values)
    #expect(array.nullCount == 1)
    #expect(array.type == .utf8)
    let sliced = try StringArray(try array.data.slice(2, 3))
    #expect(Array(sliced) == ["héllo", "", "日本語"])
    sliced.withUnsafeOffsets { offsets in
        #expect(offsets.count == 4)
        #expect(offsets[0] == 1 && offsets[3] == 1 + 6 + 9)
    }
    let large = LargeStringArray(values)
    #expect(large.type == .largeUtf8)
    #expect(Array(large) == values)
    #expect(Array(try LargeStringArray(try large.data.slice(1, 2))) == [nil, "héllo"])
    #expect(large.withUnsafeBytes(at: 2) { $0.map { Array($0) } } == Array("héllo".utf8))
}

@Test func stringArrayRepairsInvalidUTF8() throws {
    let data = ArrayData(
        type: .utf8, length: 2, validity: nil,
        buffers: [ArrowBuffer(copying: [Int32(0), 2, 3]), ArrowBuffer(copying: [UInt8(0x61), 0xFF, 0x62])])
    let array = StringArray(unchecked: data)
    #expect(Array(array) == ["a\u{FFFD}", "b"])
}

@Test func binaryArraysRoundTrip() throws {
    let values: [[UInt8]?] = [[1, 2], nil, [], [255, 0, 7]]
    let array = BinaryArray(values)
    #expect(array.type == .binary)
    #expect(Array(array) == values)
    #expect(Array(try BinaryArray(try array.data.slice(2, 2))) == [[], [255, 0, 7]])
    let large = LargeBinaryArray(values)
    #expect(large.type == .largeBinary)
    #expect(Array(large) == values)
    #expect(Array(try LargeBinaryArray(try large.data.slice(1, 3))) == Array(values[1...]))
    #expect(array.withUnsafeBytes(at: 1) { $0 == nil })
}

@Test func fixedSizeBinaryArrayRoundTrip() throws {
    let values: [[UInt8]?] = [[1, 2, 3], nil, [4, 5, 6], [7, 8, 9]]
    let array = try FixedSizeBinaryArray(byteWidth: 3, values: values)
    #expect(array.type == .fixedSizeBinary(byteWidth: 3))
    #expect(array.byteWidth == 3)
    #expect(Array(array) == values)
    #expect(Array(try FixedSizeBinaryArray(try array.data.slice(2, 2))) == [[4, 5, 6], [7, 8, 9]])
    #expect(throws: ArrowError.self) { try FixedSizeBinaryArray(byteWidth: 2, values: [[1, 2, 3]]) }
    #expect(throws: ArrowError.self) { try FixedSizeBinaryArray(byteWidth: -1, values: []) }
    let empty = try FixedSizeBinaryArray(byteWidth: 0, values: [[], nil])
    #expect(Array(empty) == [[], nil])
}

// MARK: - Decimals and intervals

@Test func decimalDescriptions() throws {
    #expect(ArrowDecimal(-946, precision: 10, scale: 2).description == "-9.46")
    #expect(ArrowDecimal(5, precision: 10, scale: 2).description == "0.05")
    #expect(ArrowDecimal(-5, precision: 10, scale: 3).description == "-0.005")
    #expect(ArrowDecimal(0, precision: 10, scale: 2).description == "0.00")
    #expect(ArrowDecimal(12345, precision: 10, scale: 0).description == "12345")
    #expect(ArrowDecimal(12, precision: 10, scale: -3).description == "12000")
    #expect(ArrowDecimal(Int128.max, precision: 38, scale: 0).description == "170141183460469231731687303715884105727")
    #expect(ArrowDecimal(Int128.min, precision: 38, scale: 1).description == "-17014118346046923173168730371588410572.8")
    let max256 = try #require(ArrowDecimal(words: [.max, .max, .max, .max >> 1], precision: 76, scale: 0))
    #expect(max256.description == "57896044618658097711785492504343953926634992332820282019728792003956564819967")
    let min256 = try #require(ArrowDecimal(words: [0, 0, 0, 1 << 63], precision: 76, scale: 0))
    #expect(min256.description == "-57896044618658097711785492504343953926634992332820282019728792003956564819968")
    #expect(min256.int128Value == nil)
    #expect(ArrowDecimal(-7, precision: 5, scale: 0).int128Value == -7)
    #expect(ArrowDecimal(words: [UInt64(bitPattern: -2)], precision: 5, scale: 0)?.int128Value == -2)
    #expect(ArrowDecimal(words: [1, 0, 0, 0, 1], precision: 5, scale: 0) == nil)
    #expect(ArrowDecimal(words: [1, 0, 0, 0, 0], precision: 5, scale: 0)?.int128Value == 1)
}

@Test func buffersReadAsIntegerTypes() {
    let bytes = ArrowBuffer(copying: [UInt64.max, 0x8000_0000_0000_0000, 5])
    #expect(bytes.integer(.int8, at: 1) == -1 && bytes.integer(.uint8, at: 1) == 255)
    #expect(bytes.integer(.int16, at: 0) == -1 && bytes.integer(.uint16, at: 0) == 65535)
    #expect(bytes.integer(.int32, at: 1) == -1 && bytes.integer(.uint32, at: 1) == Int(UInt32.max))
    #expect(bytes.integer(.int64, at: 1) == Int(Int64.min) && bytes.integer(.int64, at: 2) == 5)
    #expect(bytes.integer(.uint64, at: 0) == nil && bytes.integer(.uint64, at: 2) == 5)
    #expect(bytes.integer(.float64, at: 2) == nil)
}

@Test func decimalTextFollowsOneRuleForEveryScale() throws {
    func text(_ unscaled: Int128, _ scale: Int) -> String { ArrowDecimal(unscaled, precision: 76, scale: scale).description }
    // Up to ±100 the digits are written out; beyond, an exponent keeps the text short.
    #expect(text(7, 100) == "0." + String(repeating: "0", count: 99) + "7")
    #expect(text(-7, 101) == "-7E-101")
    #expect(text(7, -100) == "7" + String(repeating: "0", count: 100))
    #expect(text(-7, -101) == "-7E+101")
    #expect(text(0, -5) == "0")
    #expect(text(0, -101) == "0")
    #expect(text(0, 101) == "0E-101")
    #expect(text(123, 3) == "0.123")
    #expect(text(-1234, 3) == "-1.234")
    #expect(text(12, Int.max) == "12E-\(Int.max)")
    #expect(text(-12, Int.min) == "-12E+\(Int.min.magnitude)")
    let min256 = try #require(ArrowDecimal(words: [0, 0, 0, 1 << 63], precision: 76, scale: -100))
    let longest = min256.description
    #expect(longest.count == 178)
    for scale in [Int.min, -1_000_000, -101, -100, -1, 0, 1, 76, 100, 101, Int.max] {
        let value = try #require(ArrowDecimal(words: [0, 0, 0, 1 << 63], precision: 76, scale: scale))
        #expect(value.description.count <= 178)
    }
}

@Test func decimalArraysOfEveryWidth() throws {
    let unscaled: [Int128?] = [-946, nil, 0, 12345]
    for type in [DataType.decimal32(precision: 9, scale: 2), .decimal64(precision: 18, scale: 2),
                 .decimal128(precision: 38, scale: 2), .decimal256(precision: 76, scale: 2)] {
        let array = try DecimalArray(unscaled: unscaled, type: type)
        #expect(array.type == type)
        #expect(array.map { $0?.description } == ["-9.46", nil, "0.00", "123.45"])
        #expect(array.map { $0?.int128Value } == unscaled)
        let sliced = try DecimalArray(try array.data.slice(3, 1))
        #expect(sliced.first??.description == "123.45")
        #expect(makeArray(array.data) is DecimalArray)
        #expect(array.scale == 2)
    }
    let big = Int128(1) << 100
    #expect(throws: ArrowError.self) { try DecimalArray(unscaled: [Int128(Int32.max) + 1], type: .decimal32(precision: 9, scale: 0)) }
    #expect(throws: ArrowError.self) { try DecimalArray(unscaled: [big], type: .decimal64(precision: 18, scale: 0)) }
    #expect(try DecimalArray(unscaled: [Int128(Int32.min)], type: .decimal32(precision: 9, scale: 0)).first??.int128Value == Int128(Int32.min))
    #expect(try DecimalArray(unscaled: [-big], type: .decimal128(precision: 38, scale: 0)).first??.int128Value == -big)
    #expect(throws: ArrowError.self) { try DecimalArray(unscaled: [1], type: .int32) }
    let values = [ArrowDecimal(-946, precision: 10, scale: 2), nil]
    let array = try DecimalArray(values, type: .decimal128(precision: 10, scale: 2))
    #expect(Array(array) == values)
    #expect(throws: ArrowError.self) { try DecimalArray(values, type: .decimal128(precision: 10, scale: 3)) }
}

@Test func intervalArraysRoundTrip() throws {
    let dayTime: [DayTimeInterval?] = [DayTimeInterval(days: 1, milliseconds: -5), nil, DayTimeInterval(days: -2, milliseconds: 86_399_999)]
    let dayTimeArray = DayTimeIntervalArray(dayTime)
    #expect(dayTimeArray.type == .interval(.dayTime))
    #expect(Array(dayTimeArray) == dayTime)
    #expect(Array(try DayTimeIntervalArray(try dayTimeArray.data.slice(2, 1))) == [dayTime[2]])
    let monthDayNano: [MonthDayNanoInterval?] = [MonthDayNanoInterval(months: 14, days: -3, nanoseconds: 1_000_000_000_123), nil]
    let monthDayNanoArray = MonthDayNanoIntervalArray(monthDayNano)
    #expect(Array(monthDayNanoArray) == monthDayNano)
    #expect(Array(try MonthDayNanoIntervalArray(try monthDayNanoArray.data.slice(1, 1))) == [nil])
    #expect(makeArray(dayTimeArray.data) is DayTimeIntervalArray)
    #expect(makeArray(monthDayNanoArray.data) is MonthDayNanoIntervalArray)
    #expect(throws: ArrowError.invalidArgument("a MonthDayNanoIntervalArray cannot read an array of type day_time_interval")) {
        try MonthDayNanoIntervalArray(dayTimeArray.data)
    }
    #expect(throws: ArrowError.self) { try Int64Array(dayTimeArray.data) }
    #expect(throws: ArrowError.self) { try DayTimeIntervalArray([nil], type: .interval(.yearMonth)) }
}

@Test func intervalSlotsHaveArrowsLayout() throws {
    // Days then milliseconds; months, days, then nanoseconds (here 2 + 1 << 32), little-endian.
    let dayTime = ArrayData(type: .interval(.dayTime), length: 1, validity: nil, buffers: [ArrowBuffer(copying: [Int32(7), -9])])
    #expect(Array(try DayTimeIntervalArray(dayTime)) == [DayTimeInterval(days: 7, milliseconds: -9)])
    let monthDayNano = ArrayData(
        type: .interval(.monthDayNano), length: 1, validity: nil, buffers: [ArrowBuffer(copying: [Int32(5), -6, 2, 1])])
    #expect(Array(try MonthDayNanoIntervalArray(monthDayNano)) == [MonthDayNanoInterval(months: 5, days: -6, nanoseconds: 2 + 1 << 32)])
    #expect(MemoryLayout<DayTimeInterval>.stride == 8 && MemoryLayout<MonthDayNanoInterval>.stride == 16)
}

// MARK: - Nested arrays

/// The elements of a list-like element as `[Int64?]`.
private func int64s(_ element: (any ArrowArray)?) -> [Int64?]? {
    (element as? Int64Array).map(Array.init)
}

@Test func listArraysRoundTrip() throws {
    let values = Int64Array([1, 2, 3, nil, 5])
    let list = try ListArray(offsets: [0, 2, 2, 5], values: values, validity: [true, false, true])
    #expect(list.type == .list(Field("item", .int64)))
    #expect(list.type.description == "list<item: int64>")
    #expect(list.nullCount == 1)
    #expect(list.map(int64s) == [[1, 2], nil, [3, nil, 5]])
    #expect(list.valueRange(at: 2) == 2..<5)
    #expect((list.values as? Int64Array)?.count == 5)
    let sliced = try ListArray(try list.data.slice(1, 2))
    #expect(sliced.map(int64s) == [nil, [3, nil, 5]])
    sliced.withUnsafeOffsets { #expect(Array($0) == [2, 2, 5]) }

    let large = try LargeListArray(offsets: [0, 3, 5], values: values)
    #expect(large.type.description == "large_list<item: int64>")
    #expect(large.map(int64s) == [[1, 2, 3], [nil, 5]])
    #expect(try LargeListArray(try large.data.slice(1, 1)).map(int64s) == [[nil, 5]])

    let named = try ListArray(offsets: [0, 1], values: values,
                              item: Field("element", .int64, nullable: false))
    #expect(named.item.name == "element")
    #expect(throws: ArrowError.self) { try ListArray(offsets: [], values: values) }
    #expect(throws: ArrowError.self) { try ListArray(offsets: [0, 3, 2], values: values) }
    #expect(throws: ArrowError.self) { try ListArray(offsets: [-1, 2], values: values) }
    #expect(throws: ArrowError.self) { try ListArray(offsets: [0, 6], values: values) }
    #expect(throws: ArrowError.self) { try ListArray(offsets: [0, 1], values: values, validity: [true, true]) }
    #expect(throws: ArrowError.self) { try ListArray(offsets: [0, 1], values: values, item: Field("item", .int32)) }
}

@Test func listOfStringsSlicesTheChildWithItsOffset() throws {
    let strings = StringArray(["x", "a", "b", nil, "c"])
    let child = try strings.data.slice(1, 4)  // a, b, nil, c
    let list = ListArray(unchecked: ArrayData(
        type: .list(Field("item", .utf8)), length: 2, validity: nil,
        buffers: [ArrowBuffer(copying: [Int32(0), 1, 4])], children: [child]))
    try list.data.validate(.full)
    #expect(list.map { ($0 as? StringArray).map(Array.init) } == [["a"], ["b", nil, "c"]])
}

@Test func fixedSizeListArrayRoundTrip() throws {
    let values = Int32Array([1, 2, 3, 4, 5, 6, 7, 8])
    let list = try FixedSizeListArray(listSize: 2, values: values, validity: [true, true, false, true])
    #expect(list.type.description == "fixed_size_list<item: int32>[2]")
    #expect(list.count == 4)
    #expect(list.map { ($0 as? Int32Array).map(Array.init) } == [[1, 2], [3, 4], nil, [7, 8]])
    let sliced = try FixedSizeListArray(try list.data.slice(1, 2))
    #expect(sliced.map { ($0 as? Int32Array).map(Array.init) } == [[3, 4], nil])
    #expect((sliced.values as? Int32Array).map(Array.init) == [3, 4, 5, 6])
    #expect(throws: ArrowError.self) { try FixedSizeListArray(listSize: 3, values: values) }
    #expect(throws: ArrowError.self) { try FixedSizeListArray(listSize: -1, values: values) }
    let zero = try FixedSizeListArray(listSize: 0, values: Int32Array([Int32]()), validity: [true, false])
    #expect(zero.count == 2)
    #expect(zero.map { $0?.length } == [0, nil])
}

@Test func structArrayRoundTrip() throws {
    let fields = [Field("a", .int32), Field("b", .utf8)]
    let array = try StructArray(
        fields: fields, columns: [Int32Array([1, 2, nil, 4]), StringArray(["w", nil, "y", "z"])],
        validity: [true, true, false, true])
    #expect(array.type.description == "struct<a: int32, b: string>")
    #expect(array.fields == fields)
    #expect(array.columnCount == 2)
    #expect(array.nullCount == 1)
    #expect((array.column(0) as? Int32Array).map(Array.init) == [1, 2, nil, 4])
    #expect((array.column("b") as? StringArray).map(Array.init) == ["w", nil, "y", "z"])
    #expect(array.column("nope") == nil)
    #expect(array[2] == nil)
    let row = try #require(array[1])
    #expect(row.index == 1)
    #expect((row[0] as? Int32Array)?[0] == 2)
    #expect((row["b"] as? StringArray)?[0] == .some(nil))
    #expect(row["nope"] == nil)

    let sliced = try StructArray(try array.data.slice(1, 3))
    #expect((sliced.column(0) as? Int32Array).map(Array.init) == [2, nil, 4])
    #expect((sliced.columns[1] as? StringArray).map(Array.init) == [nil, "y", "z"])
    #expect(sliced.map { $0 == nil } == [false, true, false])
    #expect((sliced[2]?["a"] as? Int32Array)?[0] == 4)

    #expect(throws: ArrowError.self) { try StructArray(fields: fields, columns: [Int32Array([1])]) }
    #expect(throws: ArrowError.self) { try StructArray(fields: fields, columns: [Int32Array([1]), StringArray(["a", "b"])]) }
    #expect(throws: ArrowError.self) { try StructArray(fields: fields, columns: [Int64Array([1]), StringArray(["a"])]) }
    let empty = try StructArray(fields: [], columns: [], validity: [true, false])
    #expect(empty.count == 2 && empty.nullCount == 1)
}

@Test func mapArrayRoundTrip() throws {
    let keys = StringArray(["a", "b", "c", "d"])
    let values = Int64Array([1, nil, 3, 4])
    let map = try MapArray(offsets: [0, 2, 2, 4], keys: keys, values: values, validity: [true, false, true])
    #expect(map.type.description == "map<string, int64>")
    #expect(!map.keysSorted)
    let entries = map.map { $0.map { (($0.keys as? StringArray).map(Array.init), int64s($0.values)) } }
    #expect(entries.count == 3)
    #expect(entries[0]?.0 == ["a", "b"] && entries[0]?.1 == [1, nil])
    #expect(entries[1] == nil)
    #expect(entries[2]?.0 == ["c", "d"] && entries[2]?.1 == [3, 4])
    #expect(map.entryRange(at: 2) == 2..<4)
    #expect(map.entries is StructArray)
    let sliced = try MapArray(try map.data.slice(2, 1))
    #expect((sliced[0]?.keys as? StringArray).map(Array.init) == ["c", "d"])
    // Entries that are themselves a slice of a larger struct.
    let entriesData = try map.data.children[0].slice(1, 3)
    let shifted = MapArray(unchecked: ArrayData(
        type: map.type, length: 1, validity: nil, buffers: [ArrowBuffer(copying: [Int32(1), 3])],
        children: [entriesData]))
    try shifted.data.validate(.full)
    #expect((shifted[0]?.keys as? StringArray).map(Array.init) == ["c", "d"])
    #expect(int64s(shifted[0]?.values) == [3, 4])

    #expect(try MapArray(offsets: [0], keys: StringArray([]), values: Int64Array([]), keysSorted: true)
        .type.description == "map<string, int64, keys_sorted>")
    #expect(throws: ArrowError.self) { try MapArray(offsets: [0, 1], keys: keys, values: Int64Array([1])) }
    #expect(throws: ArrowError.self) { try MapArray(offsets: [0, 1], keys: StringArray([nil]), values: Int64Array([1])) }
}

@Test func nestedListOfStructs() throws {
    let inner = try StructArray(fields: [Field("x", .float64)], columns: [Float64Array([0.5, 1.5, nil])])
    let list = try ListArray(offsets: [0, 1, 3], values: inner)
    #expect(list.type.description == "list<item: struct<x: double>>")
    let second = try #require(list[1] as? StructArray)
    #expect((second.column(0) as? Float64Array).map(Array.init) == [1.5, nil])
}

// MARK: - makeArray

@Test func makeArrayDispatchesEveryType() throws {
    #expect(makeArray(NullArray(length: 1).data) is NullArray)
    #expect(makeArray(Int64Array([1]).data) is Int64Array)
    #expect(makeArray(Int8Array([1]).data) is Int8Array)
    #expect(makeArray(UInt16Array([1]).data) is UInt16Array)
    #expect(makeArray(Float16Array([1]).data) is Float16Array)
    #expect(makeArray(Float32Array([1]).data) is Float32Array)
    #expect(makeArray(Float64Array([1]).data) is Float64Array)
    #expect(makeArray(StringArray(["x"]).data) is StringArray)
    #expect(makeArray(LargeStringArray(["x"]).data) is LargeStringArray)
    #expect(makeArray(BinaryArray([[1]]).data) is BinaryArray)
    #expect(makeArray(LargeBinaryArray([[1]]).data) is LargeBinaryArray)
    #expect(makeArray(BooleanArray([true]).data) is BooleanArray)
    #expect(makeArray(try FixedSizeBinaryArray(byteWidth: 1, values: [[1]]).data) is FixedSizeBinaryArray)
    #expect(makeArray(try Int64Array([1], type: .timestamp(.nanosecond, timeZone: nil)).data) is Int64Array)
    #expect(makeArray(try Int64Array([1], type: .time64(.microsecond)).data) is Int64Array)
    #expect(makeArray(try Int32Array([1], type: .time32(.second)).data) is Int32Array)
    let values = Int64Array([1, 2])
    #expect(makeArray(try ListArray(offsets: [0, 2], values: values).data) is ListArray)
    #expect(makeArray(try LargeListArray(offsets: [0, 2], values: values).data) is LargeListArray)
    #expect(makeArray(try FixedSizeListArray(listSize: 2, values: values).data) is FixedSizeListArray)
    #expect(makeArray(try StructArray(fields: [Field("a", .int64)], columns: [values]).data) is StructArray)
    #expect(makeArray(try MapArray(offsets: [0, 2], keys: values, values: values).data) is MapArray)
}

@Test func makeArrayFallsBackToUntypedArray() throws {
    // A views buffer too short for its two slots.
    let view = ArrayData(type: .utf8View, length: 2, validity: nil, buffers: [ArrowBuffer(copying: [UInt8](repeating: 0, count: 16))])
    let untyped = try #require(makeArray(view) as? UntypedArray)
    #expect(untyped.length == 2 && untyped.type == .utf8View)
    // Offsets too short for three lists.
    let list = ArrayData(
        type: .list(Field("item", .int64)), length: 3, validity: nil,
        buffers: [ArrowBuffer(copying: [Int32(0), 1])], children: [Int64Array([1]).data])
    #expect(makeArray(list) is UntypedArray)
    // Nodes that do not fit their layout never trap.
    let noBuffers = ArrayData(type: .int64, length: 3, nullCount: 0, validity: nil, buffers: [])
    #expect(makeArray(noBuffers) is UntypedArray)
    let shortBuffer = ArrayData(type: .int64, length: 3, nullCount: 0, validity: nil, buffers: [ArrowBuffer(copying: [Int64(1)])])
    #expect(makeArray(shortBuffer) is UntypedArray)
    let badMap = ArrayData(
        type: .map(Field("entries", .struct([Field("key", .utf8), Field("value", .int64)]), nullable: false), keysSorted: false),
        length: 0, validity: nil, buffers: [.empty],
        children: [ArrayData(type: .struct([Field("key", .utf8), Field("value", .int64)]), length: 0, validity: nil, buffers: [])])
    #expect(makeArray(badMap) is UntypedArray)
}

@Test func recordBatchColumnsAreTyped() throws {
    let batch = try RecordBatch(names: ["n", "s"], columns: [Int64Array([1, nil]), StringArray(["a", "b"])])
    #expect((batch.column(0) as? Int64Array).map(Array.init) == [1, nil])
    #expect((batch.column("s") as? StringArray).map(Array.init) == ["a", "b"])
}

// MARK: - Type names

@Test func dataTypeDescriptionsFollowPyarrow() {
    let cases: [(DataType, String)] = [
        (.null, "null"), (.boolean, "bool"), (.int8, "int8"), (.int64, "int64"), (.uint8, "uint8"),
        (.uint64, "uint64"), (.float16, "halffloat"), (.float32, "float"), (.float64, "double"),
        (.utf8, "string"), (.largeUtf8, "large_string"), (.binary, "binary"), (.largeBinary, "large_binary"),
        (.utf8View, "string_view"), (.binaryView, "binary_view"),
        (.fixedSizeBinary(byteWidth: 16), "fixed_size_binary[16]"),
        (.decimal128(precision: 10, scale: 2), "decimal128(10, 2)"),
        (.decimal32(precision: 7, scale: 3), "decimal32(7, 3)"),
        (.decimal256(precision: 76, scale: -2), "decimal256(76, -2)"),
        (.date32, "date32[day]"), (.date64, "date64[ms]"),
        (.time32(.second), "time32[s]"), (.time32(.millisecond), "time32[ms]"),
        (.time64(.microsecond), "time64[us]"), (.time64(.nanosecond), "time64[ns]"),
        (.timestamp(.millisecond, timeZone: "UTC"), "timestamp[ms, tz=UTC]"),
        (.timestamp(.second, timeZone: nil), "timestamp[s]"),
        (.duration(.nanosecond), "duration[ns]"),
        (.interval(.yearMonth), "month_interval"), (.interval(.dayTime), "day_time_interval"),
        (.interval(.monthDayNano), "month_day_nano_interval"),
        (.list(Field("item", .int64)), "list<item: int64>"),
        (.list(Field("item", .int64, nullable: false)), "list<item: int64 not null>"),
        (.largeList(Field("item", .utf8)), "large_list<item: string>"),
        (.listView(Field("item", .int32)), "list_view<item: int32>"),
        (.largeListView(Field("item", .int32)), "large_list_view<item: int32>"),
        (.fixedSizeList(Field("item", .int32), listSize: 4), "fixed_size_list<item: int32>[4]"),
        (.struct([Field("a", .int32), Field("b", .utf8)]), "struct<a: int32, b: string>"),
        (.map(Field("entries", .struct([Field("key", .utf8, nullable: false), Field("value", .int64)]), nullable: false), keysSorted: false),
         "map<string, int64>"),
        (.dictionary(index: .int32, value: .utf8, ordered: false), "dictionary<values=string, indices=int32, ordered=0>"),
        (.dictionary(index: .int8, value: .utf8, ordered: true), "dictionary<values=string, indices=int8, ordered=1>"),
        (.union(.dense, [Field("a", .int32), Field("b", .utf8)], typeIds: [0, 1]), "dense_union<a: int32=0, b: string=1>"),
        (.union(.sparse, [Field("a", .int32)], typeIds: [5]), "sparse_union<a: int32=5>"),
        (.runEndEncoded(runEnds: Field("run_ends", .int32, nullable: false), values: Field("values", .utf8)),
         "run_end_encoded<run_ends: int32, values: string>"),
        (.extension(name: "arrow.uuid", storage: .fixedSizeBinary(byteWidth: 16), metadata: ""), "extension<arrow.uuid>"),
    ]
    for (type, name) in cases {
        #expect(type.description == name)
    }
}
