import Foundation
import Testing
@testable import ArrowIPC

@Suite struct CastNestedTests {
    private var lists: ListArray {
        get throws { try ListArray(offsets: [0, 2, 2, 3, 5], values: Int32Array([1, 2, 3, 300, nil]), validity: [true, false, true, true]) }
    }

    @Test func listsCastTheirItems() throws {
        let wide = try CastTest.cast(try lists, .largeList(Field("item", .int64)))
        #expect(wide.type == .largeList(Field("item", .int64)))
        #expect(try CastTest.json(wide) == ["[1,2]", "null", "[3]", "[300,null]"])
        for type in [DataType.listView(Field("item", .utf8)), .largeListView(Field("item", .int16)), .list(Field("x", .float64))] {
            let cast = try CastTest.cast(try lists, type)
            #expect(cast.type == type)
            #expect(try CastTest.json(try cast.cast(to: .list(Field("item", .int32)))) == ["[1,2]", "null", "[3]", "[300,null]"])
        }
        let failure = CastTest.failure(try lists, .list(Field("item", .int8)))
        #expect(failure == CastFailure(row: 3, value: "300", targetType: .int8, reason: "out of range (-128 to 127)"))
        let lenient = try CastTest.cast(try lists, .list(Field("item", .int8)), lenient: true)
        #expect(try CastTest.json(lenient) == ["[1,2]", "null", "[3]", "[null,null]"])
    }

    @Test func itemsUnderNullListsAreNotChecked() throws {
        // The null row 1 holds 300: no valid row reaches it.
        let hidden = try ListArray(offsets: [0, 1, 2], values: Int32Array([1, 300]), validity: [true, false])
        #expect(try CastTest.json(try CastTest.cast(hidden, .list(Field("item", .int8)))) == ["[1]", "null"])
        // A slice leaves the other items out.
        let sliced = try ListArray(offsets: [0, 1, 2], values: Int32Array([1, 300])).data.slice(0, 1)
        #expect(try CastTest.json(try sliced.cast(to: .list(Field("item", .int8)))) == ["[1]"])
        let fixed = try FixedSizeListArray(listSize: 2, values: Int32Array([1, 2, 300, 4]), validity: [true, false])
        #expect(try CastTest.json(try CastTest.cast(fixed, .fixedSizeList(Field("item", .int8), listSize: 2))) == ["[1,2]", "null"])
    }

    @Test func fixedSizeListsAndLists() throws {
        let fixed = try FixedSizeListArray(listSize: 2, values: Int32Array([1, 2, 0, 0, 3, 4]), validity: [true, false, true])
        let asList = try CastTest.cast(fixed, .list(Field("item", .int64)))
        #expect(try CastTest.json(asList) == ["[1,2]", "null", "[3,4]"])
        #expect(try CastTest.json(try CastTest.cast(fixed, .largeList(Field("item", .utf8)))) == ["[\"1\",\"2\"]", "null", "[\"3\",\"4\"]"])
        // Back: every valid list needs two items; null lists of any size become two nulls.
        let back = try asList.cast(to: .fixedSizeList(Field("item", .int32), listSize: 2))
        #expect(try CastTest.json(back) == ["[1,2]", "null", "[3,4]"])
        let uneven = try ListArray(offsets: [0, 2, 2, 3, 5], values: Int32Array([1, 2, 3, 4, 5]), validity: [true, false, true, true])
        try CastTest.expect(uneven, .fixedSizeList(Field("item", .int32), listSize: 2), ["a list of 2 items", "null", "null", "a list of 2 items"],
                            failing: [2])
        #expect(try CastTest.json(try CastTest.cast(uneven, .fixedSizeList(Field("item", .int32), listSize: 2), lenient: true))
                == ["[1,2]", "null", "null", "[4,5]"])
        #expect(CastTest.failure(uneven, .fixedSizeList(Field("item", .int32), listSize: 2))?.reason == "not 2 items")
    }

    @Test func slicedLists() throws {
        let sliced = try (try lists).data.slice(2, 2)
        #expect(try CastTest.json(try sliced.cast(to: .largeList(Field("item", .int64)))) == ["[3]", "[300,null]"])
        #expect(CastTest.failure(makeArray(sliced), .list(Field("item", .int8)))?.row == 1)
        let views = try ListViewArray(offsets: [3, 0, 0], sizes: [2, 2, 1], values: Int32Array([1, 2, 3, 4, 5]))
        #expect(try CastTest.json(try CastTest.cast(views, .list(Field("item", .int64)))) == ["[4,5]", "[1,2]", "[1]"])
        #expect(try CastTest.json(try views.data.slice(1, 2).cast(to: .largeList(Field("item", .int8)))) == ["[1,2]", "[1]"])
    }

    @Test func mapsCastKeysAndValues() throws {
        let map = try MapArray(offsets: [0, 1, 1, 3], keys: StringArray(["a", "b", "c"]), values: Int32Array([1, 2, nil]),
                               validity: [true, false, true])
        let entries = DataType.struct([Field("key", .largeUtf8, nullable: false), Field("value", .int64)])
        let wide = try CastTest.cast(map, .map(Field("entries", entries, nullable: false), keysSorted: false))
        #expect(try CastTest.json(wide) == ["[{\"key\":\"a\",\"value\":1}]", "null", "[{\"key\":\"b\",\"value\":2},{\"key\":\"c\",\"value\":null}]"])
        let asList = try CastTest.cast(map, .list(Field("item", .struct([Field("key", .utf8), Field("value", .int32)]))))
        #expect(try CastTest.json(asList) == ["[{\"key\":\"a\",\"value\":1}]", "null", "[{\"key\":\"b\",\"value\":2},{\"key\":\"c\",\"value\":null}]"])
        try CastTest.expect(map, .map(Field("entries", .struct([Field("key", .int32, nullable: false), Field("value", .int32)]), nullable: false),
                                       keysSorted: false), ["a map of 1 entries", "null", "null"], failing: [0, 2])
    }

    @Test func structsMatchFieldsByName() throws {
        let values = try StructArray(fields: [Field("a", .int32), Field("b", .utf8)],
                                     columns: [Int32Array([1, nil, 300]), StringArray(["x", "y", nil])], validity: [true, false, true])
        let cast = try CastTest.cast(values, .struct([Field("a", .int64), Field("b", .largeUtf8)]))
        #expect(try CastTest.json(cast) == ["{\"a\":1,\"b\":\"x\"}", "null", "{\"a\":300,\"b\":null}"])
        let reordered = try CastTest.cast(values, .struct([Field("b", .utf8View), Field("a", .int64), Field("c", .utf8)]))
        #expect(try CastTest.json(reordered) == ["{\"b\":\"x\",\"a\":1,\"c\":null}", "null", "{\"b\":null,\"a\":300,\"c\":null}"])
        #expect(try CastTest.json(try CastTest.cast(values, .struct([Field("a", .int64)]))) == ["{\"a\":1}", "null", "{\"a\":300}"])
        #expect(CastTest.failure(values, .struct([Field("a", .int8)])) == CastFailure(row: 2, value: "300", targetType: .int8, reason: "out of range (-128 to 127)"))
        #expect(try CastTest.json(try CastTest.cast(values, .struct([Field("a", .int8)]), lenient: true)) == ["{\"a\":1}", "null", "{\"a\":null}"])
        #expect(throws: ArrowError.notSupported(
            "casting struct<a: int32, b: string> to struct<c: int32 not null> is not supported: no field 'c' fills the non-nullable field of that name")) {
            try CastTest.cast(values, .struct([Field("c", .int32, nullable: false)]))
        }
        // A null struct hides its fields' values; a slice its other rows'.
        let hidden = try StructArray(fields: [Field("a", .int32)], columns: [Int32Array([1, 300, 400])], validity: [true, false, true])
        #expect(try CastTest.json(try hidden.data.slice(0, 2).cast(to: .struct([Field("a", .int8)]))) == ["{\"a\":1}", "null"])
    }

    @Test func dictionariesDecode() throws {
        let colors = try DictionaryArray(indices: Int8Array([0, 1, nil, 0, 2]), dictionary: StringArray(["1", "2", "x"]))
        try CastTest.expect(colors, .utf8, ["\"1\"", "\"2\"", "null", "\"1\"", "\"x\""])
        try CastTest.expect(colors, .largeUtf8, ["\"1\"", "\"2\"", "null", "\"1\"", "\"x\""])
        try CastTest.expect(colors, .int32, ["1", "2", "null", "1", "null"], failing: [4])
        #expect(CastTest.failure(colors, .int32)?.value == "\"x\"")
        // An entry no row refers to is not checked.
        let unused = try DictionaryArray(indices: Int8Array([0, 0, 1]), dictionary: StringArray(["1", "2", "x"]))
        try CastTest.expect(unused, .int64, ["1", "1", "2"])
        let nested = try DictionaryArray(indices: Int32Array([1, 0, 1, nil]), dictionary: try ListArray(offsets: [0, 1, 3], values: Int32Array([1, 2, 3])))
        #expect(try CastTest.json(try CastTest.cast(nested, .list(Field("item", .int64)))) == ["[2,3]", "[1]", "[2,3]", "null"])
        let sliced = try colors.data.slice(1, 3)
        #expect(try CastTest.texts(try sliced.cast(to: .utf8View)) == ["\"2\"", "null", "\"1\""])
    }

    @Test func valuesEncode() throws {
        let strings = StringArray(["b", "a", nil, "b", "c"])
        let encoded = try CastTest.cast(strings, .dictionary(index: .int8, value: .utf8, ordered: false))
        #expect(try CastTest.texts(encoded) == ["\"b\"", "\"a\"", "null", "\"b\"", "\"c\""])
        #expect(try CastTest.texts(try #require(encoded.dictionary)) == ["\"b\"", "\"a\"", "\"c\""])
        let numbers = try CastTest.cast(StringArray(["1", "2", "1"]), .dictionary(index: .uint16, value: .int32, ordered: false))
        #expect(try CastTest.texts(numbers) == ["1", "2", "1"])
        #expect(numbers.dictionary?.length == 2)
        let many = StringArray((0..<300).map { String($0) })
        #expect(CastTest.failure(many, .dictionary(index: .int8, value: .utf8, ordered: false))
                == CastFailure(row: 128, value: "\"128\"", targetType: .dictionary(index: .int8, value: .utf8, ordered: false),
                               reason: "a dictionary indexed by int8 holds at most 128 values"))
        let lenient = try CastTest.cast(many, .dictionary(index: .int8, value: .utf8, ordered: false), lenient: true)
        #expect(lenient.nullCount == 172)
        // Floats by their bits: -0.0 and 0.0 are two entries, NaNs of one pattern one.
        let floats = try CastTest.cast(Float64Array([1, .nan, 1, .nan, -0.0, 0.0]), .dictionary(index: .int32, value: .float64, ordered: false))
        #expect(floats.dictionary?.length == 4)
    }

    @Test func dictionariesRecode() throws {
        let colors = try DictionaryArray(indices: Int8Array([0, 1, nil, 0]), dictionary: StringArray(["1", "2"]))
        let wider = try CastTest.cast(colors, .dictionary(index: .int32, value: .largeUtf8, ordered: false))
        #expect(try CastTest.texts(wider) == ["\"1\"", "\"2\"", "null", "\"1\""])
        let numbers = try CastTest.cast(colors, .dictionary(index: .int16, value: .int8, ordered: false))
        #expect(try CastTest.texts(numbers) == ["1", "2", "null", "1"])
        let many = try DictionaryArray(indices: Int32Array([0, 299]), dictionary: StringArray((0..<300).map { String($0) }))
        try CastTest.expect(many, .dictionary(index: .int8, value: .utf8, ordered: false), ["\"0\"", "null"], failing: [1])
    }

    @Test func nullsAndExtensions() throws {
        let types: [DataType] = [
            .int32, .utf8, .utf8View, .boolean, .decimal128(precision: 5, scale: 2), .list(Field("item", .int32)),
            .largeListView(Field("item", .utf8)), .fixedSizeList(Field("item", .int8), listSize: 3),
            .struct([Field("a", .int32), Field("b", .list(Field("item", .utf8)))]),
            .map(Field("entries", .struct([Field("key", .utf8, nullable: false), Field("value", .int32)]), nullable: false), keysSorted: false),
            .dictionary(index: .int16, value: .utf8, ordered: false), .union(.sparse, [Field("a", .int32)], typeIds: [3]),
            .union(.dense, [Field("a", .int32), Field("b", .utf8)], typeIds: [0, 1]),
            .runEndEncoded(runEnds: Field("run_ends", .int32, nullable: false), values: Field("values", .utf8)),
            UUIDType().dataType, .fixedSizeBinary(byteWidth: 4), .interval(.monthDayNano),
        ]
        for type in types {
            let nulls = try CastTest.cast(NullArray(length: 3), type)
            #expect(nulls.type == type)
            #expect(try CastTest.json(nulls) == ["null", "null", "null"], "\(type)")
        }
        try CastTest.expect(Int32Array([nil, nil]), .null, ["null", "null"])
        try CastTest.expect(Int32Array([nil, 5]), .null, ["null", "null"], failing: [1])
        let uuids = try CastTest.cast(UUIDArray([UUID(uuidString: "00112233-4455-6677-8899-AABBCCDDEEFF"), nil]), .binary)
        #expect(try CastTest.texts(uuids) == ["0x00112233445566778899AABBCCDDEEFF", "null"])
        let back = try uuids.cast(to: UUIDType().dataType)
        #expect(back.type == UUIDType().dataType)
        try CastTest.expect(BinaryArray([Array(repeating: 1, count: 15)]), UUIDType().dataType, ["null"], failing: [0])
    }

    @Test func unsupportedPairsNameBothTypes() {
        #expect(throws: ArrowError.notSupported("casting string to list<item: int32> is not supported")) {
            try CastTest.cast(StringArray(["1"]), .list(Field("item", .int32)))
        }
        #expect(throws: ArrowError.notSupported("casting int32 to struct<a: int32> is not supported")) {
            try CastTest.cast(Int32Array([1]), .struct([Field("a", .int32)]))
        }
        #expect(throws: ArrowError.notSupported("casting month_interval to int32 is not supported")) {
            try CastTest.cast(try Int32Array([1], type: .interval(.yearMonth)), .int32)
        }
    }
}
