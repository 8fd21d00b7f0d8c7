import Foundation
import Testing
@testable import ArrowIPC

/// `value(at:)` on every type family, the conversions to Swift types, records, and the
/// value's text against the formatter over the golden files.
struct ArrowValueTests {
    @Test func numbersKeepTheirKind() throws {
        #expect(try Int8Array([-3, nil]).value(at: 0) == .int(-3))
        #expect(try Int8Array([-3, nil]).value(at: 1) == .null)
        #expect(try UInt64Array([UInt64.max]).value(at: 0) == .uint(.max))
        #expect(try Float32Array([1.5]).value(at: 0) == .float(1.5))
        #expect(try Float64Array([-0.25]).value(at: 0) == .double(-0.25))
        #expect(try BooleanArray([false, true]).value(at: 1) == .bool(true))
        let half = ArrayData(
            type: .float16, length: 1, nullCount: 0, validity: nil, buffers: [ArrowBuffer(copying: [UInt16(0x3C00)])])
        #expect(try half.value(at: 0) == .float16(1))
        let decimals = try DecimalArray(unscaled: [-12345, nil], type: .decimal128(precision: 10, scale: 2))
        let decimal = try decimals.value(at: 0)
        #expect(decimal.description == "-123.45")
        #expect(decimal.decimalValue == Decimal(string: "-123.45"))
        #expect(try decimals.value(at: 1) == .null)
    }

    @Test func stringsAndBytesReadAlikeInEveryLayout() throws {
        let strings: [String?] = ["a", nil, "a string longer than twelve bytes"]
        for column in [StringArray(strings), LargeStringArray(strings), StringViewArray(strings)] as [any ArrowArray] {
            #expect(try column.value(at: 0) == .string("a"), "\(column.type)")
            #expect(try column.value(at: 1) == .null)
            #expect(try column.value(at: 2).stringValue == strings[2])
        }
        let bytes: [[UInt8]?] = [[0, 255], nil]
        for column in [BinaryArray(bytes), LargeBinaryArray(bytes), BinaryViewArray(bytes),
                       try FixedSizeBinaryArray(byteWidth: 2, values: bytes)] as [any ArrowArray] {
            #expect(try column.value(at: 0) == .binary([0, 255]), "\(column.type)")
            #expect(try column.value(at: 0).description == "00ff")
            #expect(try column.value(at: 1) == .null)
        }
    }

    @Test func temporalValuesKeepUnitAndZone() throws {
        let stamps = try Int64Array([1_700_000_000_123], type: .timestamp(.millisecond, timeZone: "America/New_York"))
        let stamp = try stamps.value(at: 0)
        #expect(stamp == .timestamp(1_700_000_000_123, .millisecond, timeZone: "America/New_York"))
        #expect(stamp.dateValue == Date(timeIntervalSince1970: 1_700_000_000.123))
        #expect(stamp.description == "2023-11-14 17:13:20.123-05:00")
        let days = try Int32Array([19_782], type: .date32)
        #expect(try days.value(at: 0) == .date32(19_782))
        #expect(try days.value(at: 0).description == "2024-02-29")
        #expect(try days.value(at: 0).dateValue == Date(timeIntervalSince1970: 19_782 * 86_400))
        let milliseconds = try Int64Array([-86_400_000], type: .date64)
        #expect(try milliseconds.value(at: 0).description == "1969-12-31")
        let times = try Int64Array([3_723_000_000], type: .time64(.microsecond))
        #expect(try times.value(at: 0) == .time(3_723_000_000, .microsecond))
        #expect(try times.value(at: 0).description == "01:02:03.000000")
        let durations = try Int64Array([1500], type: .duration(.millisecond))
        #expect(try durations.value(at: 0).durationValue == .milliseconds(1500))
        let months = try Int32Array([14], type: .interval(.yearMonth))
        #expect(try months.value(at: 0) == .yearMonthInterval(months: 14))
        let dayTime = DayTimeIntervalArray([DayTimeInterval(days: 2, milliseconds: 3000)])
        #expect(try dayTime.value(at: 0).description == "2d3000ms")
        let nanos = MonthDayNanoIntervalArray([MonthDayNanoInterval(months: 1, days: 2, nanoseconds: 3)])
        #expect(try nanos.value(at: 0) == .monthDayNanoInterval(MonthDayNanoInterval(months: 1, days: 2, nanoseconds: 3)))
    }

    @Test func nestedValuesHoldTheirChildren() throws {
        let items = Int32Array([1, 2, 3, 4, 5])
        let lists = try ListArray(offsets: [0, 2, 2, 5], values: items, validity: [true, false, true])
        #expect(try lists.value(at: 0) == .list([.int(1), .int(2)]))
        #expect(try lists.value(at: 1) == .null)
        #expect(try lists.value(at: 2).description == "[3, 4, 5]")
        let views = try ListViewArray(offsets: [3, 0], sizes: [2, 1], values: items)
        #expect(try views.value(at: 0) == .list([.int(4), .int(5)]))
        let fixed = try FixedSizeListArray(listSize: 2, values: Int32Array([1, 2, 3, 4]))
        #expect(try fixed.value(at: 1) == .list([.int(3), .int(4)]))
        // A slice reads from its offset, at every level.
        let sliced = makeArray(try lists.data.slice(2, 1))
        #expect(try sliced.value(at: 0).listValue?.count == 3)

        let people = try StructArray(
            fields: [Field("age", .int32), Field("name", .utf8)],
            columns: [Int32Array([30, nil]), StringArray(["ann", "bo"])], validity: [true, false])
        let ann = try #require(try people.value(at: 0).recordValue)
        #expect(ann["age"] == .int(30))
        #expect(ann["name"].stringValue == "ann")
        #expect(ann["missing"] == .null)
        #expect(ann.description == "{age: 30, name: \"ann\"}")
        #expect(try people.value(at: 1) == .null)

        let map = try MapArray(
            offsets: [0, 2], keys: StringArray(["k1", "k2"]), values: Int64Array([1, nil]), validity: nil)
        let entries = try map.value(at: 0)
        #expect(entries.mapValue == [ArrowMapEntry(key: .string("k1"), value: .int(1)),
                                     ArrowMapEntry(key: .string("k2"), value: .null)])
        #expect(entries.description == "{\"k1\": 1, \"k2\": null}")
        #expect(entries.json == "[{\"key\":\"k1\",\"value\":1},{\"key\":\"k2\",\"value\":null}]")
    }

    @Test func encodedColumnsGiveDecodedValues() throws {
        let colors = try DictionaryArray(indices: Int8Array([1, nil, 0]), dictionary: StringArray(["red", "blue"]))
        #expect(try colors.value(at: 0) == .string("blue"))
        #expect(try colors.value(at: 1) == .null)
        let runs = try RunEndEncodedArray(runEnds: Int32Array([2, 5]), values: StringArray(["a", nil]))
        #expect(try (0..<5).map { try runs.value(at: $0) } == [.string("a"), .string("a"), .null, .null, .null])
        let runSlice = makeArray(try runs.data.slice(1, 2))
        #expect(try runSlice.value(at: 0) == .string("a"))
        #expect(try runSlice.value(at: 1) == .null)
        let sparse = try UnionArray(
            typeCodes: [5, 7, 5], children: [Int64Array([1, 0, nil]), StringArray(["", "b", ""])], typeIds: [5, 7])
        #expect(try sparse.value(at: 0) == .int(1))
        #expect(try sparse.value(at: 1) == .string("b"))
        #expect(try sparse.value(at: 2) == .null)
        let dense = try UnionArray(
            typeCodes: [0, 1, 0], offsets: [1, 0, 0], children: [Int64Array([7, 8]), StringArray(["x"])])
        #expect(try dense.value(at: 0) == .int(8))
        #expect(try dense.value(at: 1) == .string("x"))
        #expect(try dense.value(at: 2) == .int(7))
    }

    @Test func extensionTypesGiveTheirValues() throws {
        let id = UUID()
        #expect(try UUIDArray([id, nil]).value(at: 0) == .uuid(id))
        #expect(try UUIDArray([id, nil]).value(at: 0).description == id.uuidString.lowercased())
        #expect(try UUIDArray([id, nil]).value(at: 1) == .null)
        #expect(try Bool8Array([true, false]).value(at: 0) == .bool(true))
        #expect(try JSONArray(["{\"a\": 1}"]).value(at: 0) == .string("{\"a\": 1}"))
        #expect(try NullArray(length: 2).value(at: 1) == .null)
    }

    @Test func conversionsWidenOnlyWhereExact() {
        #expect(ArrowValue.int(-5).int64Value == -5)
        #expect(ArrowValue.int(-5).uint64Value == nil)
        #expect(ArrowValue.uint(.max).int64Value == nil)
        #expect(ArrowValue.uint(7).intValue == 7)
        #expect(ArrowValue.int(1 << 53).doubleValue == 9_007_199_254_740_992)
        #expect(ArrowValue.int(1 << 53 + 1).doubleValue == nil)
        #expect(ArrowValue.int(1 << 24 + 1).floatValue == nil)
        #expect(ArrowValue.float(0.5).doubleValue == 0.5)
        #expect(ArrowValue.double(0.5).floatValue == nil)
        #expect(ArrowValue.string("1").int64Value == nil)
        #expect(ArrowValue.null.stringValue == nil)
        #expect(ArrowValue.binary([1, 2]).dataValue == Data([1, 2]))
        let wide = ArrowDecimal(Int128(10).power(38), precision: 39, scale: 0)
        #expect(ArrowValue.decimal(wide).decimalValue == nil)
        #expect(ArrowValue.decimal(ArrowDecimal(5, precision: 3, scale: -2)).decimalValue == Decimal(500))
        #expect(ArrowValue.timestamp(-1, .nanosecond, timeZone: nil).dateValue == Date(timeIntervalSince1970: -1e-9))
    }

    @Test func rowsAreRecordsByColumnName() throws {
        let batch = try RecordBatch(names: ["id", "Area"], columns: [Int64Array([1, 2]), Float64Array([1.5, nil])])
        let row = try batch.row(0)
        #expect(row["Area"].doubleValue == 1.5)
        #expect(row["id"] == .int(1))
        #expect(row["nope"] == .null)
        #expect(row.names == ["id", "Area"])
        #expect(try batch.rows().map { $0["Area"] } == [.double(1.5), .null])
        #expect(throws: ArrowError.invalidArgument("row 2 is outside a batch of 2 rows")) { try batch.row(2) }
        let table = try Table(schema: batch.schema, batches: [batch, batch])
        #expect(try table.row(3)["id"] == .int(2))
        #expect(try table.rows().count == 4)
        #expect(throws: ArrowError.invalidArgument("row -1 is outside a table of 4 rows")) { try table.row(-1) }
        #expect(throws: ArrowError.invalidArgument("slot 5 is outside an array of length 2")) {
            try batch.column(0).value(at: 5)
        }
    }

    @Test func rowsAreTheRecordsOfEachRow() throws {
        // rows() reads column by column: it must give what row(_:) gives, row by row, for
        // columns of every kind, whole and sliced.
        let batch = try RecordBatch(
            names: ["n", "s", "d", "u", "r", "l", "st", "id"],
            columns: [
                Int64Array([1, nil, 3, 4]),
                StringArray(["a", "a string longer than twelve bytes", nil, ""]),
                try DictionaryArray(indices: Int8Array([1, nil, 0, 1]), dictionary: StringArray(["red", "blue"])),
                try UnionArray(
                    typeCodes: [0, 1, 0, 1], offsets: [1, 0, 0, 1], children: [Int64Array([7, nil]), StringArray(["x", "y"])]),
                try RunEndEncodedArray(runEnds: Int32Array([1, 4]), values: Float64Array([0.5, nil])),
                try ListArray(offsets: [0, 2, 2, 3, 3], values: Int32Array([1, 2, 3]), validity: [true, false, true, true]),
                try StructArray(
                    fields: [Field("age", .int32)], columns: [Int32Array([30, nil, 5, 6])], validity: [true, true, false, true]),
                UUIDArray([UUID(), nil, UUID(), UUID()]),
            ])
        for part in [batch, try batch.slice(1, 3), try batch.slice(4, 0)] {
            #expect(try part.rows() == (0..<part.rowCount).map { try part.row($0) })
        }
        #expect(try batch.rows()[2]["d"] == .string("red"))
        #expect(try batch.rows()[1].values.filter(\.isNull).count == 5)
    }

    @Test func aValueOfBillionsOfItemsIsRefusedNotBuilt() throws {
        // A list of 2^40 nulls takes no memory, so a small file can declare it.
        let nulls = ArrayData(type: .null, length: 1 << 40, validity: nil, buffers: [])
        let lists = ArrayData(
            type: .largeList(Field("item", .null)), length: 1, nullCount: 0, validity: nil,
            buffers: [ArrowBuffer(copying: [Int64(0), Int64(1) << 40])], children: [nulls])
        #expect(throws: ArrowError.self) { try lists.value(at: 0) }
    }

    @Test func malformedArraysThrowInsteadOfReadingOutside() {
        let offsets = ArrowBuffer(copying: [Int32(0), Int32(1000)])
        let strings = ArrayData(
            type: .utf8, length: 1, nullCount: 0, validity: nil, buffers: [offsets, ArrowBuffer(copying: [UInt8(65)])])
        #expect(throws: ArrowError.self) { try strings.value(at: 0) }
        let union = ArrayData(
            type: .union(.sparse, [Field("a", .int8)], typeIds: [0]), length: 1, nullCount: 0, validity: nil,
            buffers: [ArrowBuffer(copying: [Int8(9)])], children: [Int8Array([1]).data])
        #expect(throws: ArrowError.invalidData("a union array has the unknown type id 9 at slot 0")) { try union.value(at: 0) }
    }
}

/// Every value of every golden file: `ArrowValue`'s text is what the formatter writes.
@Suite(.enabled(if: GoldenData.root != nil, "the Arrow golden files (../shared/arrow-testing/data or ARROW_TESTING_DATA) are absent"))
struct ArrowValueGoldenTests {
    @Test(arguments: GoldenCases.ids)
    func valueTextIsTheFormattersText(_ id: String) throws {
        let file = try ArrowFileReader(url: GoldenCases.url(id, "arrow_file"), options: ArrowReadOptions(validation: .full))
        for batch in try file.readAll() {
            for column in batch.columnData {
                for row in 0..<min(column.length, 50) {
                    let value = try column.value(at: row)
                    #expect(value.description == (try ValueFormatter.text(column, at: row) ?? "null"), "\(id) \(column.type) row \(row)")
                    #expect(value.json == (try ValueFormatter.json(column, at: row)), "\(id) \(column.type) row \(row)")
                    #expect(value.isNull == (try ValueFormatter.isNull(column, at: row)))
                }
            }
        }
    }
}

extension Int128 {
    fileprivate func power(_ exponent: Int) -> Int128 {
        (0..<exponent).reduce(1) { result, _ in result * self }
    }
}
