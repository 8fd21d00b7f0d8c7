import Foundation
import Testing
@testable import ArrowIPC

@Suite struct CastTextTests {
    /// What pyarrow 26's `cast(double → string)` writes (checked with pyarrow).
    @Test(arguments: [
        (0.0, "0"), (-0.0, "-0"), (1.0, "1"), (1.5, "1.5"), (0.1, "0.1"), (1.0 / 3, "0.3333333333333333"),
        (1e20, "1e+20"), (1e-5, "0.00001"), (1e-6, "0.000001"), (1e-7, "1e-7"), (123456789.123, "123456789.123"),
        (1e16, "1e+16"), (1e15, "1e+15"), (12345678901234567890.0, "1.2345678901234567e+19"), (.nan, "nan"),
        (.infinity, "inf"), (-.infinity, "-inf"), (.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (100.0, "100"), (-1234.5, "-1234.5"), (1e9, "1000000000"), (1e10, "1e+10"), (1234567890.0, "1234567890"),
        (12300000000.0, "1.23e+10"), (0.00015000000000000001, "0.00015000000000000001"), (1.2345e-10, "1.2345e-10"),
        (10000000001.0, "1.0000000001e+10"), (1.5e-7, "1.5e-7"),
    ])
    func doublesAreWrittenAsPyarrowWritesThem(_ value: Double, _ text: String) throws {
        #expect(try CastTest.texts(try CastTest.cast(Float64Array([value]), .utf8)) == ["\"\(text)\""])
    }

    @Test func floatsAndHalvesAreWrittenWithTheirOwnDigits() throws {
        #expect(try CastTest.texts(try CastTest.cast(Float32Array([1.0 / 3, 123456792, 0.1, 1e10]), .utf8))
                == ["\"0.33333334\"", "\"123456790\"", "\"0.1\"", "\"1e+10\""])
        // A half is written as the double it is.
        let halves = try CastTest.cast(Float64Array([0.1, 1000, 65504]), .float16)
        #expect(try CastTest.texts(try halves.cast(to: .utf8)) == ["\"0.0999755859375\"", "\"1000\"", "\"65504\""])
    }

    @Test func integersAndBooleansAreWritten() throws {
        #expect(try CastTest.texts(try CastTest.cast(Int64Array([-5, 0, 123456789012, nil, Int64.min]), .largeUtf8))
                == ["\"-5\"", "\"0\"", "\"123456789012\"", "null", "\"-9223372036854775808\""])
        #expect(try CastTest.texts(try CastTest.cast(UInt64Array([UInt64.max]), .utf8View)) == ["\"18446744073709551615\""])
        #expect(try CastTest.texts(try CastTest.cast(BooleanArray([true, false, nil]), .utf8)) == ["\"true\"", "\"false\"", "null"])
    }

    /// What pyarrow accepts as integers: a `-` only for signed types, decimal digits (leading
    /// zeros too), or `0x` and at most two hex digits per byte, giving the bit pattern.
    @Test(arguments: [
        ("0", "0", "0"), ("-0", "0", "error"), ("+5", "error", "error"), ("5", "5", "5"), ("-5", "-5", "error"),
        (" 5", "error", "error"), ("5 ", "error", "error"), ("0x10", "16", "16"), ("0X10", "16", "16"),
        ("0xff", "-1", "255"), ("0xFF", "-1", "255"), ("0x7F", "127", "127"), ("0x80", "-128", "128"), ("0x100", "error", "error"),
        ("-0x10", "error", "error"), ("0x", "error", "error"), ("1e3", "error", "error"), ("1.0", "error", "error"),
        ("127", "127", "127"), ("128", "error", "128"), ("-128", "-128", "error"), ("255", "error", "255"), ("256", "error", "error"),
        ("", "error", "error"), ("00012", "12", "12"), ("1_000", "error", "error"), ("１", "error", "error"),
    ])
    func integersAreReadAsPyarrowReadsThem(_ text: String, _ asInt8: String, _ asUInt8: String) {
        #expect(CastTest.one(StringArray([text]), .int8).hasPrefix(asInt8))
        #expect(CastTest.one(StringArray([text]), .uint8).hasPrefix(asUInt8))
    }

    /// Runs of eight digits are read eight at a time: every length, and a wrong byte at every
    /// place of a run.
    @Test func longIntegersAreRead() {
        for length in 1...19 {
            let digits = String("1234567890123456789".prefix(length))
            #expect(CastTest.one(StringArray([digits]), .int64) == digits, "\(digits)")
            #expect(CastTest.one(StringArray(["-" + digits]), .int64) == "-" + digits)
        }
        let base = Array("123456789012345".utf8)
        for place in base.indices {
            for bad in [UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "a"), 0x80] {
                var bytes = base
                bytes[place] = bad
                #expect(CastTest.one(BinaryArray([bytes]), .int64).hasPrefix("error"), "byte \(bad) at \(place)")
            }
        }
        #expect(CastTest.one(StringArray(["000000000000000042"]), .int8) == "42")
        #expect(CastTest.one(StringArray(["99999999999999999"]), .int32).hasPrefix("error"))
    }

    @Test func wideIntegersAreRead() {
        #expect(CastTest.one(StringArray(["9223372036854775807"]), .int64) == "9223372036854775807")
        #expect(CastTest.one(StringArray(["-9223372036854775808"]), .int64) == "-9223372036854775808")
        #expect(CastTest.one(StringArray(["9223372036854775808"]), .int64).hasPrefix("error"))
        #expect(CastTest.one(StringArray(["0x8000000000000000"]), .int64) == "-9223372036854775808")
        #expect(CastTest.one(StringArray(["0xFFFFFFFFFFFFFFFF"]), .uint64) == "18446744073709551615")
        #expect(CastTest.one(StringArray(["0x0000000000000000001"]), .uint64).hasPrefix("error"))
    }

    @Test(arguments: [
        ("1", "1.0"), ("1.5", "1.5"), (".5", "0.5"), ("5.", "5.0"), ("-.5", "-0.5"), ("+1.5", "1.5"), ("1e5", "100000.0"),
        ("1E5", "100000.0"), ("1e+5", "100000.0"), ("1.5e-3", "0.0015"), ("nan", "nan"), ("NaN", "nan"), ("-nan", "nan"),
        ("inf", "inf"), ("-inf", "-inf"), ("+inf", "inf"), ("Infinity", "inf"), ("-Infinity", "-inf"), ("INF", "inf"),
        ("1e400", "inf"), ("1e-400", "0.0"), (" 1.5", "error"), ("1.5 ", "error"), ("0x1p3", "error"), ("1,5", "error"),
        ("", "error"), ("e5", "error"), ("1e", "error"), ("-", "error"), ("1.5f", "error"), ("1_0", "error"), (".", "error"),
        ("nan(1)", "error"),
    ])
    func doublesAreReadAsPyarrowReadsThem(_ text: String, _ value: String) {
        #expect(CastTest.one(StringArray([text]), .float64).hasPrefix(value), "\(text)")
    }

    @Test func floatsAreRoundedOnce() throws {
        let floats = try CastTest.cast(StringArray(["0.1", "1.5e-3", "16777217"]), .float32)
        #expect(Array(Float32Array(unchecked: floats)) == [0.1, 0.0015, 16777216])
        let halves = try CastTest.cast(StringArray(["0.1", "65519", "65520", "1e-8"]), .float16)
        #expect(try CastTest.texts(try halves.cast(to: .float64)) == ["0.0999755859375", "65504.0", "inf", "0.0"])
    }

    @Test(arguments: [
        ("true", "true"), ("false", "false"), ("1", "true"), ("0", "false"), ("True", "true"), ("TRUE", "true"),
        ("FALSE", "false"), ("tRuE", "true"), ("yes", "error"), ("t", "error"), (" true", "error"), ("", "error"), ("2", "error"),
    ])
    func booleansAreReadAsPyarrowReadsThem(_ text: String, _ value: String) {
        #expect(CastTest.one(StringArray([text]), .boolean).hasPrefix(value))
    }

    @Test func parseFailuresNameTheRowAndTheText() throws {
        let strings = StringArray(["1", nil, "2", "x1"])
        #expect(CastTest.failure(strings, .int64)
                == CastFailure(row: 3, value: "\"x1\"", targetType: .int64, reason: "not an integer in the range of int64"))
        try CastTest.expect(strings, .int64, ["1", "null", "2", "null"], failing: [3])
        try CastTest.expect(LargeStringArray(["1.5", "abc"]), .float32, ["1.5", "null"], failing: [1])
        try CastTest.expect(StringViewArray(["a long string that is not a number", "7"]), .int16, ["null", "7"], failing: [0])
        try CastTest.expect(BinaryArray([Array("12".utf8), [0xFF]]), .int32, ["12", "null"], failing: [1])
    }

    @Test func stringsAndBinariesChangeLayouts() throws {
        let strings = StringArray(["a", nil, "", "a string longer than twelve bytes", "é"])
        let expected = ["\"a\"", "null", "\"\"", "\"a string longer than twelve bytes\"", "\"é\""]
        for type in [DataType.largeUtf8, .utf8View] {
            let cast = try CastTest.cast(strings, type)
            #expect(try CastTest.texts(cast) == expected)
            #expect(try CastTest.texts(try cast.cast(to: .utf8)) == expected)
            #expect(try CastTest.texts(try cast.cast(to: .largeUtf8)) == expected)
        }
        // string ↔ binary shares the bytes.
        let binary = try CastTest.cast(strings, .binary)
        #expect(binary.buffers[1].baseAddress == strings.data.buffers[1].baseAddress)
        #expect(try CastTest.texts(try binary.cast(to: .utf8)) == expected)
        #expect(try CastTest.texts(try CastTest.cast(strings, .binaryView))[0] == "0x61")
        // Sliced, through every layout.
        let sliced = makeArray(try strings.data.slice(1, 3))
        for type in [DataType.largeUtf8, .utf8View, .binary, .largeBinary, .binaryView, .utf8] {
            let cast = try CastTest.cast(sliced, type)
            #expect(try CastTest.texts(try cast.cast(to: .utf8)) == Array(expected[1...3]))
        }
    }

    @Test func binariesBecomeStringsOnlyWhenUTF8() throws {
        let bytes = BinaryArray([Array("ok".utf8), [0xFF, 0x41], nil])
        for type in [DataType.utf8, .largeUtf8, .utf8View] {
            try CastTest.expect(bytes, type, ["\"ok\"", "null", "null"], failing: [1])
        }
        #expect(CastTest.failure(bytes, .utf8)?.reason == "not UTF-8 (at byte 0)")
        try CastTest.expect(BinaryViewArray([[0xC3, 0xA9], [0xC3]]), .largeUtf8, ["\"é\"", "null"], failing: [1])
    }

    @Test func fixedSizeBinaries() throws {
        let fixed = try FixedSizeBinaryArray(byteWidth: 2, values: [Array("ab".utf8), nil, [0, 1]])
        #expect(try CastTest.texts(try CastTest.cast(fixed, .binary)) == ["0x6162", "null", "0x0001"])
        try CastTest.expect(fixed, .utf8, ["\"ab\"", "null", "\"\u{0}\u{1}\""])
        try CastTest.expect(BinaryArray([Array("ab".utf8), Array("abc".utf8), nil]), .fixedSizeBinary(byteWidth: 2),
                            ["0x6162", "null", "null"], failing: [1])
        #expect(CastTest.failure(StringArray(["abc"]), .fixedSizeBinary(byteWidth: 2))?.reason == "3 bytes, not 2")
    }
}
