import Foundation
import Testing
@testable import ArrowIPC

/// Expected values come from pyarrow 26 (`pyarrow.compute.cast(…, safe=True)`).
@Suite struct CastDecimalTests {
    private func decimals(_ unscaled: [Int128?], _ type: DataType) throws -> DecimalArray {
        try DecimalArray(unscaled: unscaled, type: type)
    }

    private var sample: DecimalArray {
        get throws { try decimals([12345, -5, nil], .decimal128(precision: 5, scale: 2)) }
    }

    @Test func decimalsRescale() throws {
        try CastTest.expect(try sample, .decimal128(precision: 6, scale: 3), ["123.450", "-0.050", "null"])
        try CastTest.expect(try sample, .decimal32(precision: 5, scale: 2), ["123.45", "-0.05", "null"])
        try CastTest.expect(try sample, .decimal64(precision: 7, scale: 2), ["123.45", "-0.05", "null"])
        try CastTest.expect(try sample, .decimal256(precision: 40, scale: 10), ["123.4500000000", "-0.0500000000", "null"])
        try CastTest.expect(try sample, .decimal128(precision: 4, scale: 2), ["null", "-0.05", "null"], failing: [0])
        try CastTest.expect(try sample, .decimal128(precision: 5, scale: 1), ["null", "null", "null"], failing: [0, 1])
        try CastTest.expect(try decimals([12300], .decimal128(precision: 5, scale: 2)), .decimal128(precision: 5, scale: 0), ["123"])
        try CastTest.expect(try decimals([12300], .decimal128(precision: 5, scale: 0)), .decimal128(precision: 5, scale: -2), ["12300"])
        #expect(CastTest.failure(try sample, .decimal128(precision: 4, scale: 2))
                == CastFailure(row: 0, value: "123.45", targetType: .decimal128(precision: 4, scale: 2), reason: "beyond the precision of decimal128(4, 2)"))
        #expect(CastTest.failure(try sample, .decimal128(precision: 5, scale: 1))?.reason == "more digits after the point than the scale 1 holds")
        let wide = try decimals([Int128(Int64.max) * 1_000_000_000_000], .decimal128(precision: 38, scale: 0))
        try CastTest.expect(wide, .decimal256(precision: 76, scale: 40), ["9223372036854775807000000000000.0000000000000000000000000000000000000000"])
    }

    @Test func decimalsToIntegers() throws {
        try CastTest.expect(try decimals([12300, -700, nil], .decimal128(precision: 5, scale: 2)), .int8, ["123", "-7", "null"])
        try CastTest.expect(try sample, .int32, ["null", "null", "null"], failing: [0, 1])
        #expect(CastTest.failure(try sample, .int32)?.reason == "not a whole number")
        try CastTest.expect(try decimals([30000, -100], .decimal128(precision: 5, scale: 2)), .uint8, ["null", "null"], failing: [0, 1])
        #expect(CastTest.failure(try decimals([30000], .decimal128(precision: 5, scale: 2)), .int8)?.reason == "out of range (-128 to 127)")
        try CastTest.expect(try decimals([-128, 127, 128], .decimal32(precision: 3, scale: 0)), .int8, ["-128", "127", "null"], failing: [2])
        try CastTest.expect(try decimals([12], .decimal128(precision: 5, scale: -3)), .int32, ["12000"])
        try CastTest.expect(try decimals([Int128(UInt64.max)], .decimal128(precision: 20, scale: 0)), .uint64, ["18446744073709551615"])
    }

    @Test func integersToDecimalsAreCheckedValueByValue() throws {
        try CastTest.expect(Int32Array([123, -5, nil, 1000]), .decimal128(precision: 5, scale: 2), ["123.00", "-5.00", "null", "null"], failing: [3])
        try CastTest.expect(Int64Array([Int64.max]), .decimal128(precision: 19, scale: 0), ["9223372036854775807"])
        try CastTest.expect(UInt64Array([UInt64.max]), .decimal128(precision: 20, scale: 0), ["18446744073709551615"])
        try CastTest.expect(Int64Array([Int64.min]), .decimal64(precision: 18, scale: 0), ["null"], failing: [0])
        try CastTest.expect(Int32Array([1200, 1234]), .decimal32(precision: 5, scale: -2), ["1200", "null"], failing: [1])
    }

    @Test func decimalsToFloats() throws {
        try CastTest.expect(try sample, .float64, ["123.45", "-0.05", "null"])
        let floats = try CastTest.cast(try sample, .float32)
        #expect(Array(Float32Array(unchecked: floats)) == [123.45, -0.05, nil])
        try CastTest.expect(try decimals([1], .decimal128(precision: 38, scale: 30)), .float64, ["1e-30"])
        try CastTest.expect(try decimals([12345678901234567890], .decimal128(precision: 38, scale: 2)), .float64, ["1.2345678901234568e+17"])
        try CastTest.expect(try decimals([15], .decimal128(precision: 5, scale: -3)), .float64, ["15000.0"])
    }

    /// Floats round from their exact binary value, halves to even.
    @Test(arguments: [
        (1.5, "1.50"), (0.1, "0.10"), (1.0 / 3, "0.33"), (123.456, "123.46"), (-2.675, "-2.67"), (1e-10, "0.00"),
        (0.125, "0.12"), (2.5, "2.50"), (0.005, "0.01"), (0.015, "0.01"), (1.005, "1.00"), (-0.0, "0.00"),
    ])
    func doublesToDecimals(_ value: Double, _ text: String) {
        #expect(CastTest.one(Float64Array([value]), .decimal128(precision: 10, scale: 2)) == text)
    }

    @Test func floatsToDecimalsAtOtherScales() {
        #expect(CastTest.one(Float32Array([0.005]), .decimal128(precision: 10, scale: 2)) == "0.00")
        #expect(CastTest.one(Float64Array([1e10]), .decimal128(precision: 10, scale: 2)).hasPrefix("error: beyond the precision"))
        #expect(CastTest.one(Float64Array([.nan]), .decimal128(precision: 10, scale: 2)) == "error: not a number")
        #expect(CastTest.one(Float64Array([.infinity]), .decimal128(precision: 10, scale: 2)) == "error: infinite")
        #expect(CastTest.one(Float64Array([1.5]), .decimal128(precision: 10, scale: -1)) == "0")
        for (value, text) in [(15.0, "20"), (14.0, "10"), (16.0, "20"), (25.0, "20"), (35.0, "40")] {
            #expect(CastTest.one(Float64Array([value]), .decimal128(precision: 10, scale: -1)) == text)
        }
        #expect(CastTest.one(Float64Array([1e30]), .decimal256(precision: 76, scale: 0)) == "1000000000000000019884624838656")
        #expect(CastTest.one(Float64Array([0.1]), .decimal256(precision: 76, scale: 70))
                == "0.1000000000000000055511151231257827021181583404541015625000000000000000")
        #expect(CastTest.one(Float64Array([123456789.0]), .decimal128(precision: 38, scale: 30)).hasPrefix("error"))
        #expect(CastTest.one(Float64Array([.leastNonzeroMagnitude]), .decimal128(precision: 38, scale: 10)) == "0.0000000000")
    }

    @Test func decimalsAreWrittenAsPyarrowWritesThem() throws {
        let cases: [(Int128, Int, String)] = [
            (1, 10, "1E-10"), (1, 6, "0.000001"), (1, 7, "1E-7"), (123, 8, "0.00000123"), (123, 9, "1.23E-7"), (123, 10, "1.23E-8"),
            (0, 10, "0E-10"), (-1, 8, "-1E-8"), (5, 0, "5"), (5, -1, "5E+1"), (0, -3, "0E+3"), (-123, -2, "-1.23E+4"),
            (1_234_567, 12, "0.000001234567"), (12, 7, "0.0000012"), (12345, 2, "123.45"), (-5, 3, "-0.005"), (0, 2, "0.00"),
        ]
        for (unscaled, scale, text) in cases {
            let array = try decimals([unscaled], .decimal128(precision: 38, scale: scale))
            #expect(try CastTest.texts(try CastTest.cast(array, .utf8)) == ["\"\(text)\""], "\(unscaled) at scale \(scale)")
        }
        #expect(try CastTest.texts(try CastTest.cast(try decimals([-5, nil], .decimal32(precision: 9, scale: 3)), .largeUtf8))
                == ["\"-0.005\"", "null"])
    }

    @Test(arguments: [
        ("1.5", "1.50"), ("1.55", "1.55"), ("1.555", "error"), ("-1.5", "-1.50"), ("+1.5", "1.50"), ("1", "1.00"), ("1.", "1.00"),
        ("0.001", "error"), (".5", "0.50"), ("1e2", "100.00"), ("1E-2", "0.01"), ("1.5e1", "15.00"), ("abc", "error"), ("", "error"),
        ("  1.5", "error"), ("1,5", "error"), ("123456", "error"), ("99999", "error"), ("999.99", "999.99"), ("0.0050", "error"),
        ("1.2345e-1", "error"), ("NaN", "error"), ("inf", "error"), ("-0", "0.00"), ("0.125", "error"), ("1.550", "1.55"),
        (".", "error"), ("1e", "error"), ("1.5.5", "error"),
    ])
    func stringsAreReadAsPyarrowReadsThem(_ text: String, _ value: String) {
        #expect(CastTest.one(StringArray([text]), .decimal128(precision: 5, scale: 2)).hasPrefix(value), "\(text)")
    }

    @Test func slicedDecimals() throws {
        let data = try decimals([1, 12345, nil, 99999, 5], .decimal128(precision: 5, scale: 2)).data.slice(1, 3)
        try CastTest.expect(makeArray(data), .decimal128(precision: 4, scale: 1), ["null", "null", "null"], failing: [0, 2])
        try CastTest.expect(makeArray(data), .utf8, ["\"123.45\"", "null", "\"999.99\""])
    }

    @Test func unsupportedPairs() {
        #expect(throws: ArrowError.notSupported("casting decimal128(5, 2) to bool is not supported")) {
            try CastTest.cast(try sample, .boolean)
        }
    }
}
