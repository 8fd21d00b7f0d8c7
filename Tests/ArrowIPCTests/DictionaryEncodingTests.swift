import Foundation
import Testing
@testable import ArrowIPC

/// `dictionaryEncoded()`: each distinct value once, in order of first appearance (as pyarrow's
/// `dictionary_encode` orders them), every slot decoding back to its own value.
@Suite struct DictionaryEncodingTests {
    @Test func stringsWithNullsAndAnOffset() throws {
        let source = try StringArray(["cut", "AB", "CD", nil, "AB", "", "CD", "a much longer string value", "cut"]).slice(1, 7)
        let encoded = try source.dictionaryEncoded()
        #expect(Array(try encoded.indices(as: Int32Array.self)) == [0, 1, nil, 0, 2, 1, 3])
        #expect(Array(try encoded.dictionary.strings) == ["AB", "CD", "", "a much longer string value"])
        #expect(try encoded.values(as: StringArray.self) == Array(source))
        #expect(encoded.data.type == .dictionary(index: .int32, value: .utf8, ordered: false))
        #expect(encoded.nullCount == 1)
        try encoded.data.validate(.full)
    }

    @Test func largeStringsAndBinary() throws {
        let large = try LargeStringArray(["x", "y", "x", nil]).dictionaryEncoded()
        #expect(Array(try large.indices(as: Int32Array.self)) == [0, 1, 0, nil])
        #expect(large.data.dictionary?.type == .largeUtf8)
        let binary = try BinaryArray([[1, 2], [], [1, 2], [0]]).dictionaryEncoded()
        #expect(Array(try binary.indices(as: Int32Array.self)) == [0, 1, 0, 2])
        #expect(try binary.values(as: BinaryArray.self) == [[1, 2], [], [1, 2], [0]])
    }

    @Test func fixedWidthValuesByTheirBytes() throws {
        let integers = try Int64Array([7, -1, 7, nil, .min, -1]).dictionaryEncoded()
        #expect(Array(try integers.indices(as: Int32Array.self)) == [0, 1, 0, nil, 2, 1])
        #expect(Array(try Int64Array(integers.data.dictionary!)) == [7, -1, .min])

        let stamps = try Int64Array([5, 5, 6], type: .timestamp(.microsecond, timeZone: "UTC")).dictionaryEncoded()
        #expect(stamps.data.dictionary?.type == .timestamp(.microsecond, timeZone: "UTC"))
        #expect(Array(try stamps.indices(as: Int32Array.self)) == [0, 0, 1])

        // Floats compare by their bits: 0.0 and -0.0 are two entries.
        let floats = try Float64Array([0.0, -0.0, 1.5, 0.0]).dictionaryEncoded()
        #expect(Array(try floats.indices(as: Int32Array.self)) == [0, 1, 2, 0])

        let sliced = try Int32Array([9, 1, 2, 1, 9]).slice(1, 3).dictionaryEncoded()
        #expect(Array(try sliced.indices(as: Int32Array.self)) == [0, 1, 0])
        #expect(Array(try Int32Array(sliced.data.dictionary!)) == [1, 2])
    }

    @Test func manyDistinctValuesGrowTheTable() throws {
        let values = (0..<50_000).map { "value \($0 % 20_000)" }
        let encoded = try StringArray(values).dictionaryEncoded()
        let indices = try encoded.indices(as: Int32Array.self)
        #expect(encoded.dictionary.length == 20_000)
        #expect((0..<values.count).allSatisfy { indices[$0] == Int32($0 % 20_000) })
        #expect(try encoded.values(as: StringArray.self) == values)
    }

    @Test func emptyAndAllNullArrays() throws {
        let empty = try StringArray([String?]()).dictionaryEncoded()
        #expect(empty.length == 0 && empty.dictionary.length == 0)
        let nulls = try Int16Array([nil, nil]).dictionaryEncoded()
        #expect(Array(try nulls.indices(as: Int32Array.self)) == [nil, nil])
        #expect(nulls.dictionary.length == 0)
        try nulls.data.validate(.full)
    }

    @Test func otherTypesAndOtherIndexTypesAreErrors() throws {
        #expect(throws: ArrowError.self) { try BooleanArray([true]).dictionaryEncoded() }
        #expect(throws: ArrowError.self) { try StructArray(fields: [Field("a", .int32)], columns: [Int32Array([1])], validity: nil).dictionaryEncoded() }
        let encoded = try StringArray(["a"]).dictionaryEncoded()
        #expect(throws: ArrowError.self) { try encoded.indices(as: Int8Array.self) }
    }
}
