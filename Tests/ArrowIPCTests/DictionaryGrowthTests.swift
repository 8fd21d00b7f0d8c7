import Foundation
import Testing
@testable import ArrowIPC

/// Dictionaries extended by many deltas grow in place: equal to concatenation, arrays handed
/// out never change, copies do not write into each other's buffers.
@Suite struct DictionaryGrowthTests {
    /// `count` arrays of `make(values)` for consecutive ranges of values, each of 1 to 7 slots.
    private func pieces(_ count: Int, _ make: ([Int]) throws -> ArrayData) throws -> [ArrayData] {
        var next = 0
        return try (0..<count).map { index in
            let size = 1 + index % 7
            defer { next += size }
            return try make(Array(next..<(next + size)))
        }
    }

    private static let makers: [(String, @Sendable ([Int]) throws -> ArrayData)] = [
        ("utf8", { StringArray($0.map { "value \($0)" }).data }),
        // Sliced: the offsets start past zero.
        ("large_utf8 sliced", { try LargeStringArray(["skipped"] + $0.map { String(repeating: "x", count: $0 % 5) }).data.slice(1, $0.count) }),
        ("binary", { BinaryArray($0.map { [UInt8(truncatingIfNeeded: $0), 7] }).data }),
        ("int64 sliced", { try Int64Array([-1] + $0.map { Int64($0) * 3 }).data.slice(1, $0.count) }),
        ("fixed_size_binary", { try FixedSizeBinaryArray(byteWidth: 3, values: $0.map { [UInt8(truncatingIfNeeded: $0), 1, 2] }).data }),
        ("decimal128", { try DecimalArray(unscaled: $0.map { Int128($0) * 1_000_000_007 }, type: .decimal128(precision: 30, scale: 2)).data }),
    ]

    @Test(arguments: makers.indices)
    func manyDeltasEqualConcatenationAndEarlierArraysStay(_ maker: Int) throws {
        let (name, make) = Self.makers[maker]
        let parts = try pieces(300, make)
        var growth = try #require(try DictionaryGrowth(parts[0]), "\(name)")
        var handedOut: [(ArrayData, Int)] = [(growth.array, 1)]
        for count in 2...parts.count {
            let grown = try #require(try growth.append(parts[count - 1]), "\(name)")
            try grown.validate(.full)
            handedOut.append((grown, count))
        }
        // Every array handed out still equals the concatenation of the parts it had then.
        for (array, count) in handedOut where count % 37 == 1 || count == parts.count {
            let expected = try ArrayData.concatenate(Array(parts.prefix(count)))
            #expect(array.firstDifference(from: expected) == nil, "\(name) after \(count) parts")
        }
    }

    @Test func copiesGrowApart() throws {
        var original = try #require(try DictionaryGrowth(StringArray(["a", "b"]).data))
        var copy = original
        let fromOriginal = try #require(try original.append(StringArray(["c"]).data))
        let fromCopy = try #require(try copy.append(StringArray(["x", "y"]).data))
        #expect(Array(try StringArray(fromOriginal)) == ["a", "b", "c"])
        #expect(Array(try StringArray(fromCopy)) == ["a", "b", "x", "y"])
        _ = try original.append(StringArray(["d"]).data)
        #expect(Array(try StringArray(fromCopy)) == ["a", "b", "x", "y"])
        #expect(Array(try StringArray(original.array)) == ["a", "b", "c", "d"])
    }

    @Test func nullsAndOtherTypesAreLeftToConcatenation() throws {
        #expect(try DictionaryGrowth(StringArray(["a", nil]).data) == nil)
        #expect(try DictionaryGrowth(BooleanArray([true]).data) == nil)
        #expect(try DictionaryGrowth(try ListArray(offsets: [0, 1], values: Int32Array([1])).data) == nil)
        var growth = try #require(try DictionaryGrowth(StringArray(["a"]).data))
        #expect(try growth.append(StringArray(["b", nil]).data) == nil)
        #expect(try growth.append(Int32Array([1]).data) == nil)
        #expect(Array(try StringArray(growth.array)) == ["a"])
    }

    @Test func malformedDeltasAreRefused() throws {
        var growth = try #require(try DictionaryGrowth(StringArray(["a"]).data))
        let pastTheData = ArrayData(type: .utf8, length: 1, validity: nil,
                                    buffers: [ArrowBuffer(copying: [Int32(0), 9]), ArrowBuffer(copying: [UInt8(65)])])
        #expect(throws: ArrowError.self) { try growth.append(pastTheData) }
        #expect(Array(try StringArray(growth.array)) == ["a"])
    }

    @Test func aStreamOfManyDeltasReadsEveryBatchWithItsDictionary() throws {
        // Each batch adds one value to the dictionary and uses it (a delta per batch).
        let type = DataType.dictionary(index: .int32, value: .utf8, ordered: false)
        let schema = Schema([Field("d", type, dictionaryId: 0)])
        let writer = try ArrowStreamWriter(schema: schema, options: ArrowWriteOptions(emitDictionaryDeltas: true))
        let count = 2000
        for index in 0..<count {
            let dictionary = StringArray((0...index).map { "word \($0)" })
            let indices = ArrayData(type: type, length: 1, validity: nil, buffers: [ArrowBuffer(copying: [Int32(index)])],
                                    dictionary: dictionary.data)
            try writer.write(try RecordBatch(schema: schema, columns: [indices]))
        }
        let reader = try ArrowStreamReader(data: try writer.finish(), options: ArrowReadOptions(validation: .full))
        let batches = try reader.readAll()
        #expect(batches.count == count)
        for (index, batch) in batches.enumerated() where index % 97 == 0 || index == count - 1 {
            let column = try #require(batch.columnData.first)
            #expect(column.dictionary?.length == index + 1)
            let values = try DictionaryArray(column).values(as: StringArray.self)
            #expect(values == ["word \(index)"])
        }
    }
}
