import Foundation
import Testing
@testable import ArrowIPC

/// Expected values come from pyarrow 26 (`pyarrow.compute.cast(…, safe=True)`).
@Suite struct CastTemporalTests {
    private func stamps(_ values: [Int64?], _ unit: TimeUnit, _ zone: String? = nil) throws -> Int64Array {
        try Int64Array(values, type: .timestamp(unit, timeZone: zone))
    }

    /// The stored integers of a cast's result.
    private func stored(_ data: ArrayData) throws -> [String] {
        try CastTest.texts(data)
    }

    @Test func timestampsChangeUnitsExactly() throws {
        try CastTest.expect(try stamps([1500, -1500, 2000, -3000, nil], .millisecond), .timestamp(.second, timeZone: nil),
                            ["null", "null", "2", "-3", "null"], failing: [0, 1])
        #expect(CastTest.failure(try stamps([1500], .millisecond), .timestamp(.second, timeZone: nil))
                == CastFailure(row: 0, value: "1970-01-01 00:00:01.500", targetType: .timestamp(.second, timeZone: nil), reason: "would lose precision"))
        try CastTest.expect(try stamps([2000, 1 << 62], .millisecond), .timestamp(.nanosecond, timeZone: "UTC"),
                            ["2000000000", "null"], failing: [1])
        try CastTest.expect(try Int64Array([1500, 2000, 1 << 62], type: .duration(.millisecond)), .duration(.second),
                            ["null", "2", "null"], failing: [0, 2])
        try CastTest.expect(try Int64Array([1500, 1 << 62], type: .duration(.millisecond)), .duration(.microsecond),
                            ["1500000", "null"], failing: [1])
    }

    @Test func timeZonesKeepTheInstant() throws {
        for (from, to) in [("UTC", "Asia/Tokyo"), ("UTC", nil), (nil, "Asia/Tokyo")] as [(String?, String?)] {
            #expect(try stored(try CastTest.cast(try stamps([1500], .millisecond, from), .timestamp(.millisecond, timeZone: to))) == ["1500"])
        }
        #expect(try stored(try CastTest.cast(try stamps([1500], .millisecond, "UTC"), .timestamp(.microsecond, timeZone: "+01:00"))) == ["1500000"])
    }

    @Test func timestampsToDatesAreLocalDates() throws {
        try CastTest.expect(try stamps([-1, 86_399_999, 86_400_000], .millisecond), .date32, ["-1", "0", "1"])
        try CastTest.expect(try stamps([-1, 86_399_999, 86_400_000], .millisecond), .date64, ["-86400000", "0", "86400000"])
        let seconds: [Int64?] = [0, 1_709_285_400, -1, -86_401, 1_000_000_000]
        let expected: [String?: ([String], [String])] = [
            "UTC": (["0", "19783", "-1", "-2", "11574"], ["0", "1709251200000", "-86400000", "-172800000", "999993600000"]),
            "Europe/Paris": (["0", "19783", "0", "-1", "11574"], ["0", "1709251200000", "0", "-86400000", "999993600000"]),
            "+05:30": (["0", "19783", "0", "-1", "11574"], ["0", "1709251200000", "0", "-86400000", "999993600000"]),
            "America/New_York": (["-1", "19783", "-1", "-2", "11573"], ["-86400000", "1709251200000", "-86400000", "-172800000", "999907200000"]),
            "-03:00": (["-1", "19783", "-1", "-2", "11573"], ["-86400000", "1709251200000", "-86400000", "-172800000", "999907200000"]),
        ]
        for (zone, (days, milliseconds)) in expected {
            try CastTest.expect(try stamps(seconds, .second, zone), .date32, days)
            try CastTest.expect(try stamps(seconds, .second, zone), .date64, milliseconds)
        }
        try CastTest.expect(try stamps([Int64.max, Int64.min], .nanosecond), .date32, ["106751", "-106752"])
        try CastTest.expect(try stamps([Int64.max, 1], .second), .date32, ["null", "0"], failing: [0])
    }

    @Test func timestampsToTimesOfDay() throws {
        try CastTest.expect(try stamps([1500, -1500], .millisecond), .time32(.millisecond), ["1500", "86398500"])
        try CastTest.expect(try stamps([1500, 2000], .millisecond), .time32(.second), ["null", "2"], failing: [0])
        try CastTest.expect(try stamps([1500], .millisecond, "Asia/Tokyo"), .time64(.microsecond), ["32401500000"])
    }

    @Test func datesToTimestampsAreMidnightUTC() throws {
        let days = try Int32Array([1, -1, Int32.max], type: .date32)
        try CastTest.expect(days, .timestamp(.second, timeZone: nil), ["86400", "-86400", "185542587100800"])
        try CastTest.expect(days, .timestamp(.nanosecond, timeZone: nil), ["86400000000000", "-86400000000000", "null"], failing: [2])
        try CastTest.expect(try Int32Array([1, -1], type: .date32), .timestamp(.second, timeZone: "Europe/Paris"), ["86400", "-86400"])
        try CastTest.expect(try Int64Array([86_400_000, -1], type: .date64), .timestamp(.second, timeZone: nil), ["86400", "null"], failing: [1])
        try CastTest.expect(try Int64Array([86_400_000], type: .date64), .timestamp(.second, timeZone: "Asia/Tokyo"), ["86400"])
    }

    @Test func datesAndTimes() throws {
        try CastTest.expect(try Int32Array([1, -1, Int32.max], type: .date32), .date64, ["86400000", "-86400000", "185542587100800000"])
        try CastTest.expect(try Int64Array([86_400_000, -1, 1, -86_400_001, -86_400_000], type: .date64), .date32,
                            ["1", "null", "null", "null", "-1"], failing: [1, 2, 3])
        try CastTest.expect(try Int32Array([1, -1, 86400], type: .time32(.second)), .time64(.nanosecond),
                            ["1000000000", "-1000000000", "86400000000000"])
        try CastTest.expect(try Int64Array([1_500_000, 2_000_000, -1_000_000], type: .time64(.microsecond)), .time32(.second),
                            ["null", "2", "-1"], failing: [0])
        try CastTest.expect(try Int64Array([1_500_000, 2_000_000], type: .time64(.microsecond)), .time32(.millisecond), ["1500", "2000"])
        try CastTest.expect(try Int32Array([1500, 2000], type: .time32(.millisecond)), .time32(.second), ["null", "2"], failing: [0])
        // pyarrow lets 2^30 s overflow time32[ms] silently; here it is out of range.
        try CastTest.expect(try Int32Array([1500, 1 << 30], type: .time32(.second)), .time32(.millisecond), ["1500000", "null"], failing: [1])
    }

    @Test func integersAndTheirTemporalTypes() throws {
        try CastTest.expect(Int64Array([1500]), .timestamp(.millisecond, timeZone: nil), ["1500"])
        try CastTest.expect(Int32Array([1500]), .date32, ["1500"])
        try CastTest.expect(Int32Array([1500]), .timestamp(.millisecond, timeZone: nil), ["1500"])
        try CastTest.expect(Int64Array([1500, 1 << 40]), .date32, ["1500", "null"], failing: [1])
        try CastTest.expect(try stamps([1500], .millisecond), .int64, ["1500"])
        try CastTest.expect(try Int32Array([1500], type: .date32), .int64, ["1500"])
        try CastTest.expect(try Int64Array([1500, 1 << 40], type: .duration(.second)), .int32, ["1500", "null"], failing: [1])
        #expect(throws: ArrowError.notSupported("casting double to timestamp[s] is not supported")) {
            try CastTest.cast(Float64Array([1.5]), .timestamp(.second, timeZone: nil))
        }
    }

    @Test func temporalValuesAreWrittenAsPyarrowWritesThem() throws {
        let values: [Int64] = [0, 1_709_285_400_123_456_789, -1, -86_400_000_000_000 - 1, 1_000_000_000_000_000_000]
        let expected: [TimeUnit: [String]] = [
            .second: ["1970-01-01 00:00:00", "2024-03-01 09:30:00", "1969-12-31 23:59:59", "1969-12-30 23:59:59", "2001-09-09 01:46:40"],
            .millisecond: ["1970-01-01 00:00:00.000", "2024-03-01 09:30:00.123", "1969-12-31 23:59:59.999",
                           "1969-12-30 23:59:59.999", "2001-09-09 01:46:40.000"],
            .nanosecond: ["1970-01-01 00:00:00.000000000", "2024-03-01 09:30:00.123456789", "1969-12-31 23:59:59.999999999",
                          "1969-12-30 23:59:59.999999999", "2001-09-09 01:46:40.000000000"],
        ]
        for (unit, texts) in expected {
            let divisor = 1_000_000_000 / unit.perSecond
            let scaled = values.map { TemporalText.floorDivide($0, divisor).quotient }
            #expect(try CastTest.texts(try CastTest.cast(try stamps(scaled, unit), .utf8)) == texts.map { "\"\($0)\"" })
        }
        let seconds = try stamps([0, 1_709_285_400, -1, 1_000_000_000], .second, "Europe/Paris")
        #expect(try CastTest.texts(try CastTest.cast(seconds, .utf8)) == [
            "\"1970-01-01 01:00:00+0100\"", "\"2024-03-01 10:30:00+0100\"", "\"1970-01-01 00:59:59+0100\"", "\"2001-09-09 03:46:40+0200\""])
        #expect(try CastTest.texts(try CastTest.cast(try stamps([0, 1_709_285_400], .millisecond, "UTC"), .utf8))
                == ["\"1970-01-01 00:00:00.000Z\"", "\"1970-01-20 18:48:05.400Z\""])
        for (zone, text) in [("+05:30", "1970-01-01 05:30:00+0530"), ("-03:00", "1969-12-31 21:00:00-0300"),
                             ("America/New_York", "1969-12-31 19:00:00-0500"), ("Etc/UTC", "1970-01-01 00:00:00+0000"),
                             ("Australia/Lord_Howe", "1970-01-01 10:00:00+1000")] {
            #expect(try CastTest.texts(try CastTest.cast(try stamps([0], .second, zone), .utf8)) == ["\"\(text)\""])
        }
        #expect(throws: ArrowError.self) { try CastTest.cast(try stamps([0], .second, "Nowhere/Land"), .utf8) }
        #expect(try CastTest.texts(try CastTest.cast(try Int32Array([0, -1, 19782, -719528, 2932896, nil], type: .date32), .utf8))
                == ["\"1970-01-01\"", "\"1969-12-31\"", "\"2024-02-29\"", "\"0000-01-01\"", "\"9999-12-31\"", "null"])
        #expect(try CastTest.texts(try CastTest.cast(try Int64Array([86_400_000 * 19782], type: .date64), .largeUtf8)) == ["\"2024-02-29\""])
        #expect(try CastTest.texts(try CastTest.cast(try Int32Array([0, 86399, 123], type: .time32(.second)), .utf8))
                == ["\"00:00:00\"", "\"23:59:59\"", "\"00:02:03\""])
        #expect(try CastTest.texts(try CastTest.cast(try Int64Array([123_456_789], type: .time64(.nanosecond)), .utf8))
                == ["\"00:00:00.123456789\""])
        #expect(try CastTest.texts(try CastTest.cast(try Int64Array([0, -1, 1500], type: .duration(.millisecond)), .utf8View))
                == ["\"0\"", "\"-1\"", "\"1500\""])
    }

    /// ISO 8601 as pyarrow reads it (each case checked with pyarrow).
    @Test(arguments: [
        ("2024-03-01", "19783", "1709251200", "error"),
        ("2024-02-29", "19782", "1709164800", "error"),
        ("1900-02-29", "error", "error", "error"),
        ("2023-02-29", "error", "error", "error"),
        ("2024-13-01", "error", "error", "error"),
        ("2024-3-1", "error", "error", "error"),
        ("20240301", "error", "error", "error"),
        ("2024-03-01T09:30:00", "error", "1709285400", "error"),
        ("2024-03-01 09:30:00", "error", "1709285400", "error"),
        ("2024-03-01T09:30", "error", "1709285400", "error"),
        ("2024-03-01T09", "error", "1709283600", "error"),
        ("2024-03-01T09:30:00.5", "error", "error", "error"),
        ("2024-03-01T09:30:00Z", "error", "error", "1709285400000"),
        ("2024-03-01T09:30:00.123Z", "error", "error", "1709285400123"),
        ("2024-03-01T09:30:00.1234Z", "error", "error", "error"),
        ("2024-03-01T09:30:00+05:00", "error", "error", "1709267400000"),
        ("2024-03-01T09:30:00+0500", "error", "error", "1709267400000"),
        ("2024-03-01T09:30:00+05", "error", "error", "1709267400000"),
        ("2024-03-01T09:30:00-05:30", "error", "error", "1709305200000"),
        ("2024-03-01T09:30:00+23:59", "error", "error", "1709199060000"),
        ("2024-03-01T09:30:00+24:00", "error", "error", "error"),
        ("2024-03-01T09:30:00+05:60", "error", "error", "error"),
        ("2024-03-01T09:30:00+5", "error", "error", "error"),
        ("2024-03-01T09:30:00z", "error", "error", "error"),
        ("2024-03-01T09:30:00 Z", "error", "error", "error"),
        ("2024-03-01T09Z", "error", "error", "1709283600000"),
        ("2024-03-01Z", "error", "error", "error"),
        ("2024-03-01T24:00:00", "error", "error", "error"),
        ("2024-03-01T23:59:60", "error", "error", "error"),
        ("0000-01-01", "-719528", "-62167219200", "error"),
        ("0001-01-01", "-719162", "-62135596800", "error"),
        ("9999-12-31", "2932896", "253402214400", "error"),
        ("10000-01-01", "error", "error", "error"),
        ("-0001-01-01", "error", "error", "error"),
        ("2024-03-01T09:30:00 ", "error", "error", "error"),
        ("2024-03-01t09:30:00", "error", "error", "error"),
        ("2024-03-01T9:30:00", "error", "error", "error"),
        ("1970-01-01T00:00:00,5", "error", "error", "error"),
        ("2024-03-01T09:30:00.", "error", "error", "error"),
        ("2024-03-01T0930", "error", "error", "error"),
        ("2024-03-01T", "error", "error", "error"),
        (" 2024-03-01", "error", "error", "error"),
        // The common `YYYY-MM-DD HH:MM:SS` shape, which has a faster path of its own.
        ("2024-03-01 09:30:59", "error", "1709285459", "error"),
        ("1969-12-31 23:59:59", "error", "-1", "error"),
        ("2024-03-01 09:60:00", "error", "error", "error"),
        ("2024-00-01 09:30:00", "error", "error", "error"),
        ("2024-03-00 09:30:00", "error", "error", "error"),
        ("2024-04-31 09:30:00", "error", "error", "error"),
        ("2024/03/01 09:30:00", "error", "error", "error"),
        ("2024-03-01 09-30-00", "error", "error", "error"),
        ("2024-03-01 09:30:0a", "error", "error", "error"),
        ("2024-03-01 09:3\u{E9}:00", "error", "error", "error"),
        ("2024-03-01_09:30:00", "error", "error", "error"),
        ("2024-03-01 09:30:00.12a", "error", "error", "error"),
        ("2024-03-01 09:30:00:00", "error", "error", "error"),
        ("2024-03-01 09:30:00+01:00", "error", "error", "1709281800000"),
        ("2024-03-01 09:30:00.123+01:00", "error", "error", "1709281800123"),
    ])
    func isoStringsAreReadAsPyarrowReadsThem(_ text: String, _ date32: String, _ seconds: String, _ utcMilliseconds: String) {
        let strings = StringArray([text])
        #expect(CastTest.one(strings, .date32).hasPrefix(date32), "\(text) as date32")
        #expect(CastTest.one(strings, .timestamp(.second, timeZone: nil)).hasPrefix(seconds), "\(text) as timestamp[s]")
        #expect(CastTest.one(strings, .timestamp(.millisecond, timeZone: "UTC")).hasPrefix(utcMilliseconds), "\(text) as timestamp[ms, tz=UTC]")
        let days = Int64(date32).map { String($0 * 86_400_000) } ?? "error"
        #expect(CastTest.one(strings, .date64).hasPrefix(days), "\(text) as date64")
    }

    /// Every day of years 0 to 4, 1895 to 2105 and 9996 to 9999, and days around the era
    /// boundaries, read back as the day they are written for.
    @Test func everyDayRoundTrips() throws {
        #expect(TemporalParser.days(year: 0, month: 1, day: 1) == -719_528)
        for (firstYear, lastYear) in [(0, 4), (1895, 2105), (9996, 9999)] as [(Int64, Int64)] {
            let first = TemporalParser.days(year: firstYear, month: 1, day: 1)
            let last = TemporalParser.days(year: lastYear, month: 12, day: 31)
            let texts: [String?] = (first...last).map { TemporalText.date(days: $0) }
            let parsed = try CastTest.cast(StringArray(texts), .date32)
            #expect(parsed.nullCount == 0)
            #expect(Int32Array(unchecked: parsed).enumerated().allSatisfy { Int64($0.element ?? 0) == first + Int64($0.offset) })
            // Timestamps of the `YYYY-MM-DD HH:MM:SS` shape take a path of their own.
            let stamps = try CastTest.cast(StringArray(texts.map { $0.map { $0 + " 00:00:01" } }), .timestamp(.second, timeZone: nil))
            #expect(stamps.nullCount == 0)
            #expect(Int64Array(unchecked: stamps).enumerated().allSatisfy { $0.element == (first + Int64($0.offset)) * 86_400 + 1 })
        }
        for (year, month, day) in [(-401, 2, 28), (-400, 3, 1), (-1, 12, 31), (10000, 1, 1), (99999, 12, 31)] as [(Int64, Int64, Int64)] {
            let days = TemporalParser.days(year: year, month: month, day: day)
            #expect(TemporalText.civilDate(days: days) == (year, month, day))
        }
        #expect(TemporalParser.daysInMonth(year: 2024, month: 2) == 29)
        #expect(TemporalParser.daysInMonth(year: 1900, month: 2) == 28)
        #expect(TemporalParser.daysInMonth(year: 2000, month: 2) == 29)
        #expect((1...12).map { TemporalParser.daysInMonth(year: 2023, month: $0) } == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    }

    @Test func fractionsNeedAUnitThatHoldsThem() {
        let units: [(TimeUnit, [String])] = [
            (.millisecond, ["1709285400100", "1709285400120", "1709285400123", "error", "error", "error"]),
            (.microsecond, ["1709285400100000", "1709285400120000", "1709285400123000", "1709285400123400", "1709285400123456", "error"]),
            (.nanosecond, ["1709285400100000000", "1709285400120000000", "1709285400123000000", "1709285400123400000",
                           "1709285400123456000", "1709285400123456789"]),
        ]
        let fractions = ["1", "12", "123", "1234", "123456", "123456789"]
        for (unit, expected) in units {
            for (fraction, value) in zip(fractions, expected) {
                #expect(CastTest.one(StringArray(["2024-03-01T09:30:00.\(fraction)"]), .timestamp(unit, timeZone: nil)).hasPrefix(value))
            }
        }
        #expect(CastTest.one(StringArray(["2024-03-01T09:30:00.1234567891"]), .timestamp(.nanosecond, timeZone: nil)).hasPrefix("error"))
        #expect(CastTest.one(StringArray(["2262-04-11T23:47:16.854775807"]), .timestamp(.nanosecond, timeZone: nil)) == "9223372036854775807")
        #expect(CastTest.one(StringArray(["2262-04-11T23:47:16.854775808"]), .timestamp(.nanosecond, timeZone: nil)).hasPrefix("error"))
        #expect(CastTest.one(StringArray(["1677-09-21T00:12:43.145224192"]), .timestamp(.nanosecond, timeZone: nil)).hasPrefix("error"))
        #expect(CastTest.one(StringArray(["0001-01-01"]), .timestamp(.nanosecond, timeZone: nil)).hasPrefix("error"))
    }

    @Test func parseFailuresSayWhy() {
        func reason(_ text: String, _ type: DataType) -> String? { CastTest.failure(StringArray([text]), type)?.reason }
        #expect(reason("2024-02-30", .date32) == "not a date (YYYY-MM-DD)")
        #expect(reason("2024-03-01T09:30:00", .timestamp(.second, timeZone: "UTC"))
                == "no zone offset, which a zone-aware timestamp needs (Z or +HH:MM)")
        #expect(reason("2024-03-01T09:30:00Z", .timestamp(.second, timeZone: nil))
                == "a zone offset, which a timestamp without a time zone cannot hold")
        #expect(reason("2024-03-01T09:30:00.5", .timestamp(.second, timeZone: nil)) == "more digits of a second than timestamp[s] holds")
        #expect(reason("0001-01-01", .timestamp(.nanosecond, timeZone: nil)) == "out of range")
    }

    @Test func formatsReadDatesAndTimes() throws {
        let formats = ["%d/%m/%Y %H:%M", "%d/%m/%Y"]
        let strings = StringArray(["01/03/2024 09:30", "29/02/2024", "29/02/1900", "1/3/2024 9:05", "2024-03-01", nil])
        func cast(_ type: DataType) throws -> [String] {
            try CastTest.texts(try CastTest.cast(strings, type, lenient: true, formats: formats))
        }
        #expect(try cast(.timestamp(.second, timeZone: nil)) == ["1709285400", "1709164800", "null", "1709283900", "null", "null"])
        #expect(try cast(.date32) == ["19783", "19782", "null", "19783", "null", "null"])
        // Wall times in the target's zone.
        #expect(try cast(.timestamp(.second, timeZone: "+01:00")) == ["1709281800", "1709161200", "null", "1709280300", "null", "null"])
        #expect(try cast(.timestamp(.second, timeZone: "Europe/Paris"))[0] == "1709281800")
        let failure = CastTest.failure(strings, .date32, formats: formats)
        #expect(failure?.row == 2)
        #expect(failure?.reason == "matches none of the formats '%d/%m/%Y %H:%M', '%d/%m/%Y'")
    }

    @Test(arguments: [
        ("%Y-%m-%dT%H:%M:%S%z", "2024-03-01T09:30:00+05:00", "1709267400000"),
        ("%Y-%m-%dT%H:%M:%S%z", "2024-03-01T09:30:00Z", "1709285400000"),
        ("%Y-%m-%d %H:%M:%S.%f", "2024-03-01 09:30:00.123", "1709285400123"),
        ("%Y-%m-%d %H:%M:%S.%f", "2024-03-01 09:30:00.1234", "error"),
        ("%F %T", "2024-03-01 09:30:00", "1709285400000"),
        ("%b %d, %Y", "Mar 1, 2024", "1709251200000"),
        ("%B %d %Y", "march 01 2024", "1709251200000"),
        ("%a, %d %b %Y %H:%M:%S %z", "Fri, 01 Mar 2024 09:30:00 +0000", "1709285400000"),
        ("%I:%M %p %d.%m.%y", "09:30 PM 01.03.24", "1709328600000"),
        ("%I:%M %p %d.%m.%y", "12:00 AM 01.03.24", "1709251200000"),
        ("%I:%M %p %d.%m.%y", "13:00 AM 01.03.24", "error"),
        ("%Y%m%d", "20240301", "1709251200000"),
        ("%Y-%j", "2024-061", "1709251200000"),
        ("%Y-%j", "2023-366", "error"),
        ("%d/%m/%Y", "31/04/2024", "error"),
        ("%d/%m/%Y", "01/03/2024 extra", "error"),
        ("%Y  %m", "2024 3", "1709251200000"),
        ("%%%Y-%m", "%2024-03", "1709251200000"),
    ])
    func strptimeDirectives(_ format: String, _ text: String, _ value: String) {
        #expect(CastTest.one(StringArray([text]), .timestamp(.millisecond, timeZone: "UTC"), formats: [format]).hasPrefix(value),
                "\(format) on \(text)")
    }

    @Test func unknownDirectivesAreRefused() {
        #expect(throws: ArrowError.invalidArgument("the format '%Q' has the directive %Q, which casts do not read")) {
            try CastTest.cast(StringArray(["x"]), .date32, formats: ["%Q"])
        }
    }

    @Test func slicedAndNullStrings() throws {
        let strings = try StringArray(["bad", "2024-02-29", nil, "1900-02-29", "2024-03-01"]).data.slice(1, 4)
        try CastTest.expect(makeArray(strings), .date32, ["19782", "null", "null", "19783"], failing: [2])
    }
}
