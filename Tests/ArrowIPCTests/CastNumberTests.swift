import Foundation
import Testing
@testable import ArrowIPC

@Suite struct CastNumberTests {
    static let numberTypes: [DataType] = [
        .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float16, .float32, .float64,
    ]

    /// 0, 1, 100 and null convert between every pair of number types, both ways.
    @Test(arguments: numberTypes, numberTypes)
    func smallValuesConvertBetweenEveryPair(_ source: DataType, _ target: DataType) throws {
        let values = try Int64Array([0, 1, nil, 100]).data.cast(to: source)
        let result = try values.cast(to: target)
        #expect(result.type == target)
        let back = try result.cast(to: .int64)
        #expect(try CastTest.texts(back) == ["0", "1", "null", "100"])
        #expect(result.nullCount == 1)
    }

    @Test func integersOutOfRangeFailOrBecomeNull() throws {
        try CastTest.expect(Int64Array([1, 300, nil, -129, -128, 127]), .int8,
                            ["1", "null", "null", "null", "-128", "127"], failing: [1, 3])
        try CastTest.expect(Int8Array([-1, 0, 5]), .uint64, ["null", "0", "5"], failing: [0])
        try CastTest.expect(UInt64Array([UInt64.max, 1 << 63, UInt64(Int64.max)]), .int64,
                            ["null", "null", "9223372036854775807"], failing: [0, 1])
        try CastTest.expect(Int32Array([Int32.min, -1]), .uint32, ["null", "null"], failing: [0, 1])
        let failure = CastTest.failure(Int32Array([7, 300]), .int8)
        #expect(failure == CastFailure(row: 1, value: "300", targetType: .int8, reason: "out of range (-128 to 127)"))
        #expect(failure?.description == "row 1: cannot cast 300 to int8: out of range (-128 to 127)")
    }

    @Test func floatsToIntegersMustBeWholeFiniteAndInRange() throws {
        try CastTest.expect(
            Float64Array([1.5, .nan, .infinity, -.infinity, -0.0, 2.0, 3e9, 9.223372036854775e18, 0x1p63]), .int64,
            ["null", "null", "null", "null", "0", "2", "3000000000", "9223372036854774784", "null"],
            failing: [0, 1, 2, 3, 8])
        try CastTest.expect(Float64Array([3e9, -1.0, 255.0, 256.0]), .uint8, ["null", "null", "255", "null"], failing: [0, 1, 3])
        try CastTest.expect(Float32Array([2_147_483_648, -2_147_483_648]), .int32, ["null", "-2147483648"], failing: [0])
        #expect(CastTest.failure(Float64Array([1, 1.5]), .int32)?.reason == "not a whole number")
        #expect(CastTest.failure(Float64Array([.nan]), .int32)?.reason == "not a number")
        #expect(CastTest.failure(Float64Array([-.infinity]), .int32)?.reason == "infinite")
        #expect(CastTest.failure(Float64Array([-.infinity]), .int32)?.value == "-inf")
        #expect(CastTest.failure(Float64Array([3e9]), .int32)?.reason == "out of range (-2147483648 to 2147483647)")
    }

    /// As pyarrow: an integer beyond ±2^53 (±2^24 for float) fails even when it happens to
    /// have an exact double, and halffloat is held to ±2^11 the same way.
    @Test func integersToFloatsStayWhereEveryIntegerIsExact() throws {
        try CastTest.expect(Int64Array([1 << 53, (1 << 53) + 1, (1 << 53) + 2, -(1 << 53), Int64.max]), .float64,
                            ["9007199254740992.0", "null", "null", "-9007199254740992.0", "null"], failing: [1, 2, 4])
        try CastTest.expect(UInt64Array([UInt64.max]), .float64, ["null"], failing: [0])
        try CastTest.expect(Int32Array([1 << 24, (1 << 24) + 1, Int32.max]), .float32, ["16777216.0", "null", "null"], failing: [1, 2])
        try CastTest.expect(Int32Array([Int32.max]), .float64, ["2147483647.0"])
        try CastTest.expect(Int32Array([2048, 2049, -2048, 70000]), .float16, ["2048.0", "null", "-2048.0", "null"], failing: [1, 3])
        #expect(CastTest.failure(Int64Array([(1 << 53) + 1]), .float64)?.reason
                == "outside -9007199254740992...9007199254740992, where every integer has an exact value")
    }

    /// As pyarrow: floats narrow by rounding, to infinity beyond the largest value, never failing.
    @Test func floatsNarrowByRounding() throws {
        try CastTest.expect(Float64Array([1e300, 0.1, .nan, -.infinity, 1e-50]), .float32, ["inf", "0.1", "nan", "-inf", "0.0"])
        let result = try CastTest.cast(Float64Array([0.1]), .float32)
        #expect(Float32Array(unchecked: result)[0] == Float(0.1))
        try CastTest.expect(Float64Array([70000, 1.5, 65519, 65520]), .float16, ["inf", "1.5", "65504.0", "inf"])
        try CastTest.expect(Float32Array([2.5]), .float64, ["2.5"])
    }

    @Test func booleansAndNumbers() throws {
        try CastTest.expect(BooleanArray([true, false, nil]), .int32, ["1", "0", "null"])
        try CastTest.expect(BooleanArray([true, false, nil]), .float64, ["1.0", "0.0", "null"])
        try CastTest.expect(BooleanArray([true, false]), .float16, ["1.0", "0.0"])
        try CastTest.expect(Int64Array([0, 1, 2, -1, nil]), .boolean, ["false", "true", "true", "true", "null"])
        try CastTest.expect(Float64Array([0, 0.5, .nan, -0.0]), .boolean, ["false", "true", "true", "false"])
    }

    /// Values in null slots never fail, whatever they hold.
    @Test func nullSlotsAreNotChecked() throws {
        let values = try Int64Array([1, 1000, 3, nil].map { $0 }).data
        // Slot 3 is null; give its bytes a value out of range by building the array by hand.
        let buffer = ArrowBuffer(copying: [Int64(1), 1000, 3, 1 << 40])
        let data = ArrayData(type: .int64, length: 4, validity: values.validity, buffers: [buffer])
        let result = try data.cast(to: .int16, options: .strict)
        #expect(try CastTest.texts(result) == ["1", "1000", "3", "null"])
    }

    @Test func slicedInputsCastTheirOwnSlots() throws {
        let data = try Int64Array([300, 1, nil, 2, 400, 5, 6, 7, 8, 9, 10]).data.slice(1, 9)
        #expect(CastTest.failure(makeArray(data), .int8)?.row == 3)
        let lenient = try data.cast(to: .int8, options: .lenient)
        #expect(lenient.offset == 0)
        #expect(try CastTest.texts(lenient) == ["1", "null", "2", "null", "5", "6", "7", "8", "9"])
        #expect(lenient.nullCount == 2)
        // An offset that is not a multiple of 8 still gives the right validity.
        let odd = try Int32Array([nil, 1, nil, 2, 3, nil, 4, 5, 6, nil, 7]).data.slice(3, 7)
        #expect(try CastTest.texts(try odd.cast(to: .float64)) == ["2.0", "3.0", "null", "4.0", "5.0", "6.0", "null"])
    }
}
