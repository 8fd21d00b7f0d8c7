import Foundation
import Testing
@testable import ArrowIPC

/// One API per family: strings, bytes, integers, floats and lists read alike whatever the
/// width, layout or encoding.
struct FamilyAccessorTests {
    @Test func stringsOfEveryLayoutAndEncoding() throws {
        let expected: [String?] = ["a", nil, "a string longer than twelve bytes", "a"]
        let dictionary = try DictionaryArray(indices: Int8Array([0, nil, 1, 0]), dictionary: LargeStringArray(["a", expected[2]]))
        let runs = try RunEndEncodedArray(runEnds: Int32Array([1, 2, 3, 4]), values: StringViewArray(expected))
        let columns: [any ArrowArray] = [
            StringArray(expected), LargeStringArray(expected), StringViewArray(expected), dictionary, runs,
            makeArray(try StringArray(["x"] + expected).data.slice(1, 4)),
        ]
        for column in columns {
            #expect(Array(try column.strings) == expected, "\(column.type)")
        }
        #expect(try JSONArray(["{}"]).strings[0] == "{}")
        #expect(throws: ArrowError.invalidArgument("a column of type int64 has no strings")) { try Int64Array([1]).strings }
    }

    @Test func bytesOfEveryLayout() throws {
        let expected: [[UInt8]?] = [[1, 2], nil]
        for column in [BinaryArray(expected), LargeBinaryArray(expected), BinaryViewArray(expected),
                       try FixedSizeBinaryArray(byteWidth: 2, values: expected)] as [any ArrowArray] {
            #expect(Array(try column.bytes) == expected, "\(column.type)")
        }
        #expect(throws: ArrowError.self) { try StringArray(["a"]).bytes }
    }

    @Test func integersWidenToInt64() throws {
        let columns: [any ArrowArray] = [
            Int8Array([-1, nil, 3]), Int16Array([-1, nil, 3]), Int32Array([-1, nil, 3]), Int64Array([-1, nil, 3]),
            try DictionaryArray(indices: Int8Array([0, nil, 1]), dictionary: Int16Array([-1, 3])),
        ]
        for column in columns {
            #expect(Array(try column.int64Values) == [-1, nil, 3], "\(column.type)")
        }
        #expect(Array(try UInt32Array([UInt32.max]).int64Values) == [4_294_967_295])
        #expect(throws: ArrowError.invalidArgument("a column of type uint64 has no int64 values")) { try UInt64Array([1]).int64Values }
        #expect(throws: ArrowError.self) { try Int64Array([1], type: .timestamp(.second, timeZone: nil)).int64Values }
    }

    @Test func numbersWidenToDouble() throws {
        let half = ArrayData(type: .float16, length: 2, validity: nil, buffers: [ArrowBuffer(copying: [UInt16(0x3C00), 0xC000])])
        let columns: [any ArrowArray] = [Float32Array([1, -2]), Float64Array([1, -2]), makeArray(half), Int32Array([1, -2]), UInt8Array([1, 0])]
        #expect(Array(try columns[0].doubleValues) == [1, -2])
        #expect(Array(try columns[1].doubleValues) == [1, -2])
        #expect(Array(try columns[2].doubleValues) == [1, -2])
        #expect(Array(try columns[3].doubleValues) == [1, -2])
        #expect(Array(try columns[4].doubleValues) == [1, 0])
        #expect(throws: ArrowError.self) { try Int64Array([1]).doubleValues }
    }

    @Test func listsOfEveryLayout() throws {
        let items = Int32Array([1, 2, 3, 4])
        let columns: [any ArrowArray] = [
            try ListArray(offsets: [0, 2, 2, 4], values: items, validity: [true, false, true]),
            try LargeListArray(offsets: [0, 2, 2, 4], values: items, validity: [true, false, true]),
            try ListViewArray(offsets: [0, 0, 2], sizes: [2, 0, 2], values: items, validity: [true, false, true]),
            try FixedSizeListArray(listSize: 2, values: Int32Array([1, 2, 0, 0, 3, 4]), validity: [true, false, true]),
        ]
        for column in columns {
            let lists = try column.lists
            #expect(lists.count == 3)
            #expect(lists[1] == nil, "\(column.type)")
            #expect(try lists[2].map { Array(try $0.int64Values) } == [3, 4], "\(column.type)")
        }
        #expect(throws: ArrowError.self) { try StringArray(["a"]).lists }
    }
}
