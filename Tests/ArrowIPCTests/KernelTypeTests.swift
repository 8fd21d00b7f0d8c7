import Foundation
import Testing
@testable import ArrowIPC

/// Take and filter on every type family, built here with nulls and offsets at every level:
/// each result slot equals the source slot it came from, null indices and null mask slots
/// give null slots, and every result passes full validation.
@Suite struct KernelTypeTests {
    /// `data` with its first and last slots cut off (a non-zero offset).
    private static func inner(_ data: ArrayData) throws -> ArrayData {
        try data.slice(1, data.length - 2)
    }

    private static let strings: [String?] = ["a", nil, "", "a string longer than twelve", "xyz", nil, "é", "tail"]
    private static let numbers: [Int32?] = [5, nil, -7, 8, 0, nil, 11, 12]

    /// Each sample has 6 slots (8 built, sliced) and nulls, unless said otherwise.
    static let samples: [(String, @Sendable () throws -> ArrayData)] = [
        ("int8", { try inner(Int8Array([1, nil, 3, 4, -5, nil, 7, 8]).data) }),
        ("uint64", { try inner(UInt64Array([1, nil, .max, 4, 5, nil, 7, 8]).data) }),
        ("float32", { try inner(Float32Array([1.5, nil, -0.0, .nan, 5, nil, 7, 8]).data) }),
        ("float64", { Float64Array([1.5, nil, .infinity, 4, 5, nil]).data }),
        ("boolean, bits unaligned", {
            try BooleanArray([true, false, nil, true, true, false, nil, true, false, true, true, false]).data.slice(3, 6)
        }),
        ("decimal128", { try inner(DecimalArray(unscaled: [1, nil, -123_456_789_012_345, 4, 5, nil, 7, 8], type: .decimal128(precision: 20, scale: 3)).data) }),
        ("decimal256", { try inner(DecimalArray(unscaled: [1, nil, 3, 4, -5, nil, 7, 8], type: .decimal256(precision: 40, scale: 0)).data) }),
        ("fixed_size_binary(3)", { try inner(FixedSizeBinaryArray(byteWidth: 3, values: [[1, 2, 3], nil, [4, 5, 6], [7, 8, 9], [0, 0, 0], nil, [1, 1, 1], [2, 2, 2]]).data) }),
        ("timestamp", { try inner(Int64Array([1, nil, 3, 4, 5, nil, 7, 8], type: .timestamp(.millisecond, timeZone: "UTC")).data) }),
        ("month_day_nano interval", { try inner(MonthDayNanoIntervalArray([
            MonthDayNanoInterval(months: 1, days: 2, nanoseconds: 3), nil, MonthDayNanoInterval(months: -1, days: 0, nanoseconds: 9),
            MonthDayNanoInterval(months: 4, days: 5, nanoseconds: 6), MonthDayNanoInterval(months: 0, days: 0, nanoseconds: 0), nil,
            MonthDayNanoInterval(months: 7, days: 8, nanoseconds: 9), MonthDayNanoInterval(months: 1, days: 1, nanoseconds: 1),
        ]).data) }),
        ("utf8", { try inner(StringArray(strings).data) }),
        ("large_utf8", { try inner(LargeStringArray(strings).data) }),
        ("binary", { try inner(BinaryArray(strings.map { $0.map { Array($0.utf8) } }).data) }),
        ("large_binary", { try inner(LargeBinaryArray(strings.map { $0.map { Array($0.utf8) } }).data) }),
        ("utf8_view", { try inner(StringViewArray(strings).data) }),
        ("binary_view", { try inner(BinaryViewArray(strings.map { $0.map { Array($0.utf8) } }).data) }),
        ("list<int32>", { try inner(ListArray(
            offsets: [0, 2, 2, 3, 6, 6, 7, 9, 10], values: Int32Array(numbers + [1, 2]),
            validity: [true, false, true, true, true, false, true, true]).data) }),
        ("large_list<utf8>", { try inner(LargeListArray(
            offsets: [0, 1, 3, 3, 5, 6, 6, 8, 8], values: StringArray(strings),
            validity: [true, true, false, true, true, true, false, true]).data) }),
        ("list_view<int32>, overlapping", { try inner(ListViewArray(
            offsets: [4, 0, 1, 6, 2, 0, 3, 5], sizes: [2, 3, 0, 2, 4, 9, 1, 3], values: Int32Array(numbers),
            validity: [true, true, true, true, true, false, true, true]).data) }),
        ("large_list_view<utf8>", { try inner(LargeListViewArray(
            offsets: [0, 2, 4, 1, 7, 3, 0, 6], sizes: [2, 2, 0, 3, 1, 2, 8, 2], values: StringArray(strings),
            validity: [true, false, true, true, true, true, true, false]).data) }),
        ("fixed_size_list<int32>[2]", { try inner(FixedSizeListArray(
            listSize: 2, values: Int32Array(numbers + numbers), validity: [true, true, false, true, true, true, false, true]).data) }),
        ("map<utf8, int32>", { try inner(MapArray(
            offsets: [0, 1, 1, 3, 4, 4, 6, 7, 8], keys: StringArray(["a", "b", "c", "d", "e", "f", "g", "h"]),
            values: Int32Array(numbers), validity: [true, false, true, true, true, true, true, true]).data) }),
        ("struct, children sliced", { try inner(StructArray(
            fields: [Field("n", .int32), Field("s", .utf8)],
            columns: [Int32Array(numbers + [0, 0]).slice(2, 8), StringArray(["skip"] + strings).slice(1, 8)],
            validity: [true, true, false, true, true, true, false, true]).data) }),
        ("sparse union", { try inner(UnionArray(
            typeCodes: [0, 1, 1, 0, 0, 1, 0, 1], children: [Int32Array(numbers), StringArray(strings)]).data) }),
        ("dense union, type ids 5 and 9", { try inner(UnionArray(
            typeCodes: [5, 9, 9, 5, 5, 9, 5, 9], offsets: [0, 0, 1, 1, 2, 2, 3, 3],
            children: [Int32Array(numbers), StringArray(strings)], typeIds: [5, 9]).data) }),
        ("dictionary<int8, utf8>", { try inner(DictionaryArray(
            indices: Int8Array([0, nil, 2, 3, 1, nil, 0, 3]), dictionary: StringArray(["zero", "one", "two", nil])).data) }),
        ("dictionary<uint32, int32>", { try inner(DictionaryArray(
            indices: UInt32Array([3, 2, nil, 1, 0, 0, nil, 2]), dictionary: Int32Array([10, nil, 30, 40])).data) }),
        ("run_end_encoded<int16, utf8>", { try inner(RunEndEncodedArray(
            runEnds: Int16Array([2, 3, 6, 8]), values: StringArray(["aa", nil, "bb", "cc"])).data) }),
        ("run_end_encoded<int64, int32>, children sliced", { try RunEndEncodedArray(
            runEnds: Int64Array([0, 1, 4, 5, 9]).slice(1, 4), values: Int32Array([0, 7, nil, 8, 9]).slice(1, 4)).data.slice(2, 6) }),
        ("null", { NullArray(length: 6).data }),
        ("uuid extension", { try inner(UUIDArray([UUID(), nil, UUID(), UUID(), UUID(), nil, UUID(), UUID()]).data) }),
        ("list<struct<dictionary, list<int64>>>", {
            let dictionary = try DictionaryArray(
                indices: Int16Array([1, 0, nil, 2, 1, 0, 2, nil, 1, 0]), dictionary: StringArray(["p", "q", nil]))
            let inner = try ListArray(offsets: [0, 1, 1, 3, 4, 6, 6, 7, 9, 10, 10], values: Int64Array([1, 2, nil, 4, 5, 6, 7, 8, 9, 10]))
            let rows = try StructArray(
                fields: [Field("d", dictionary.type), Field("l", inner.type)], columns: [dictionary, inner],
                validity: [true, true, true, false, true, true, true, true, true, true]).slice(1, 9)
            return try Self.inner(ListArray(offsets: [0, 2, 2, 3, 5, 6, 8, 8, 9], values: rows,
                                            validity: [true, true, false, true, true, true, true, true]).data)
        }),
    ]

    static let names = samples.map(\.0)

    private static func sample(_ name: String) throws -> ArrayData {
        try #require(samples.first { $0.0 == name }).1()
    }

    /// Whether slot `index` reads as null: through a union's selected child, a run's value, or
    /// the validity bitmap.
    static func readsNull(_ data: ArrayData, _ index: Int) -> Bool {
        let slot = data.offset + index
        switch data.type.storageType {
        case .null:
            return true
        case .union(let mode, _, let typeIds):
            let code = data.buffers[0].baseAddress.load(fromByteOffset: slot, as: Int8.self)
            guard let child = typeIds.firstIndex(of: Int32(code)) else { return false }
            let position = mode == .sparse
                ? slot : Int(data.buffers[1].baseAddress.loadUnaligned(fromByteOffset: slot * 4, as: Int32.self))
            return readsNull(data.children[child], position)
        case .runEndEncoded:
            let ends = data.children[0]
            let run = (0..<ends.length).first { (ends.buffers[0].integer(ends.type, at: ends.offset + $0) ?? 0) > slot } ?? 0
            return readsNull(data.children[1], run)
        default:
            return data.isNull(index)
        }
    }

    /// Checks that `result` validates and holds, slot by slot, `source`'s slot `picks[i]`, or
    /// a null slot where `picks[i]` is nil.
    static func expect(_ result: ArrayData, picks: [Int?], from source: ArrayData, _ what: String) throws {
        #expect(throws: Never.self, "\(what): validates") { try result.validate(.full) }
        #expect(result.type == source.type, "\(what)")
        #expect(result.length == picks.count, "\(what): length")
        guard result.length == picks.count else { return }
        for (position, pick) in picks.enumerated() {
            if let pick {
                let difference = try result.slice(position, 1).firstDifference(from: source.slice(pick, 1))
                #expect(difference == nil, "\(what): slot \(position) from \(pick): \(difference ?? "")")
            } else {
                #expect(readsNull(result, position), "\(what): slot \(position) is null")
            }
        }
    }

    @Test(arguments: names)
    func takeGathersEachSlot(_ name: String) throws {
        let source = try Self.sample(name)
        let length = source.length
        let picks = [length - 1, 0, 2, 2, 0, 1, 5, 4, 3, length - 1]
        try Self.expect(try source.take(picks), picks: picks, from: source, "\(name) take")
        // Null indices, through an index array of each integer type.
        let nullable: [Int?] = [3, nil, 0, 5, nil, 1]
        let indexArrays: [any ArrowArray] = [
            Int8Array(nullable.map { $0.map(Int8.init) }), UInt8Array(nullable.map { $0.map(UInt8.init) }),
            Int16Array(nullable.map { $0.map(Int16.init) }), UInt16Array(nullable.map { $0.map(UInt16.init) }),
            Int32Array(nullable.map { $0.map(Int32.init) }), UInt32Array(nullable.map { $0.map(UInt32.init) }),
            Int64Array(nullable.map { $0.map(Int64.init) }), UInt64Array(nullable.map { $0.map(UInt64.init) }),
        ]
        for indices in indexArrays {
            try Self.expect(try source.take(indices.data), picks: nullable, from: source, "\(name) take \(indices.type)")
        }
        // Sliced indices.
        let slicedIndices = try Int32Array([9, 4, nil, 1, 9]).data.slice(1, 3)
        try Self.expect(try source.take(slicedIndices), picks: [4, nil, 1], from: source, "\(name) take sliced indices")
        try Self.expect(try source.take([]), picks: [], from: source, "\(name) take nothing")
        let allNull = Int64Array([nil, nil, nil]).data
        try Self.expect(try source.take(allNull), picks: [nil, nil, nil], from: source, "\(name) take null indices")
        // From an empty array, null indices only.
        let empty = try source.slice(0, 0)
        try Self.expect(try empty.take(allNull), picks: [nil, nil, nil], from: empty, "\(name) take null indices from nothing")
        try Self.expect(try empty.take(NullArray(length: 2).data), picks: [nil, nil], from: empty, "\(name) take null-typed indices")
    }

    @Test(arguments: names)
    func filterKeepsMaskedSlots(_ name: String) throws {
        let source = try Self.sample(name)
        let mask: [Bool] = [true, false, true, true, false, true]
        try Self.expect(try source.filter(mask), picks: [0, 2, 3, 5], from: source, "\(name) filter")
        try Self.expect(try source.filter([Bool](repeating: false, count: 6)), picks: [], from: source, "\(name) filter none")
        try Self.expect(try source.filter([Bool](repeating: true, count: 6)), picks: Array(0..<6), from: source, "\(name) filter all")
        // A sliced mask with nulls: dropped, or emitted as nulls.
        let nullableMask = try BooleanArray([false, true, nil, true, false, nil, true, true]).data.slice(1, 6)
        try Self.expect(try source.filter(nullableMask), picks: [0, 2, 5], from: source, "\(name) filter dropping nulls")
        try Self.expect(
            try source.filter(nullableMask, nullSelection: .emitNull), picks: [0, nil, 2, nil, 5], from: source,
            "\(name) filter emitting nulls")
    }

    @Test(arguments: names)
    func longArraysTakeAndFilterLikeTheirSlices(_ name: String) throws {
        // 6 slots repeated to 1,000, past the 64-slot words, with dense and sparse masks.
        let sample = try Self.sample(name)
        let source = try ArrayData.concatenate([ArrayData](repeating: sample, count: 167)).slice(1, 1000)
        var random = SeededRandom(seed: 11)
        let picks = (0..<700).map { _ in random.below(1000) }
        try Self.expect(try source.take(picks), picks: picks, from: source, "\(name) long take")
        for density in [1, 20, 50, 95] {
            let mask = (0..<1000).map { index in index % 200 == 7 || random.below(100) < density }
            let kept = mask.indices.filter { mask[$0] }
            try Self.expect(try source.filter(mask), picks: kept, from: source, "\(name) long filter \(density)%")
        }
    }

    // MARK: - Layout of the results

    @Test func stringResultsAreCompact() throws {
        let source = StringArray(["aaaaaaaa", nil, "bb", String(repeating: "c", count: 100)]).data
        let taken = try source.take([2, 2, 0])
        #expect(taken.buffers[1].count == 12)
        #expect(Array(try StringArray(taken)) == ["bb", "bb", "aaaaaaaa"])
        #expect(try source.take([3, 1]).buffers[1].count == 100)
        let filtered = try source.filter([false, true, true, false])
        #expect(filtered.buffers[1].count == 2)
        #expect(filtered.offset == 0)
    }

    @Test func viewsShareTheirDataBuffers() throws {
        let first = StringViewArray(["short", "a string longer than twelve bytes", nil]).data
        let second = StringViewArray(["another string longer than twelve", "tiny"]).data
        let taken = try first.take([1, 0, 1])
        #expect(taken.buffers.dropFirst().map(\.baseAddress) == first.buffers.dropFirst().map(\.baseAddress))
        // Taken across two batches, the second batch's buffer numbers move past the first's.
        let schema = Schema([Field("s", .utf8View)])
        let table = try Table(schema: schema, batches: [
            RecordBatch(schema: schema, columns: [first]), RecordBatch(schema: schema, columns: [second]),
        ])
        let column = try table.take([3, 1, 4, 2]).batches[0].columnData[0]
        try column.validate(.full)
        #expect(Array(try StringViewArray(column)) == [
            "another string longer than twelve", "a string longer than twelve bytes", "tiny", nil,
        ])
    }

    @Test func dictionariesAreKeptAndRunsJoined() throws {
        let dictionary = StringArray(["x", "y"])
        let encoded = try DictionaryArray(indices: Int32Array([1, 0, 1]), dictionary: dictionary).data
        let taken = try encoded.take([2, 2, 1])
        #expect(try #require(taken.dictionary).isIdentical(to: dictionary.data))
        // Neighbouring slots of one run share a run; a null index is a run of a null value.
        let runs = try RunEndEncodedArray(runEnds: Int32Array([3, 5]), values: StringArray(["a", "b"])).data
        let result = try runs.take(Int32Array([0, 1, 2, 4, nil, nil, 3]).data)
        try result.validate(.full)
        #expect(result.type == runs.type)
        #expect(Array(try Int32Array(result.children[0])) == [3, 4, 6, 7])
        #expect(Array(try StringArray(result.children[1])) == ["a", "b", nil, "b"])
        // Run ends must hold the result's length.
        let short = try RunEndEncodedArray(runEnds: Int16Array([1]), values: Int8Array([1])).data
        #expect(throws: ArrowError.self) { try short.take([Int](repeating: 0, count: 40_000)) }
    }

    @Test func typedArraysKeepTheirType() throws {
        let numbers = Int64Array([10, nil, 30, 40])
        let taken: Int64Array = try numbers.take([3, 0])
        #expect(Array(taken) == [40, 10])
        let byArray: Int64Array = try numbers.take(UInt8Array([1, 2]))
        #expect(Array(byArray) == [nil, 30])
        let filtered: Int64Array = try numbers.filter(BooleanArray([true, nil, false, true]), nullSelection: .emitNull)
        #expect(Array(filtered) == [10, nil, 40])
        #expect(Array(try numbers.filter([false, false, true, true])) == [30, 40])
        let sliced: Int64Array = try numbers.slice(1, 2)
        #expect(Array(sliced) == [nil, 30])
        #expect(throws: ArrowError.self) { try numbers.slice(3, 2) }
        #expect(throws: ArrowError.self) { try numbers.slice(-1, 1) }
        let erased: any ArrowArray = StringArray(["a", "b"])
        let result = try erased.take([1, 1])
        #expect(Array(try #require(result as? StringArray)) == ["b", "b"])
        #expect(try erased.slice(1, 1).length == 1)
    }
}
