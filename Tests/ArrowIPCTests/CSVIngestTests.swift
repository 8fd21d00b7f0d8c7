import Foundation
import Testing
@testable import ArrowIPC

/// CSV and TSV into record batches: inference per type, nulls, quoting, line ends, headers,
/// errors that name line and column, bounded batches, given and widened types.
struct CSVIngestTests {
    /// The batches `text` reads as.
    static func batches(_ text: String, _ options: CSVReadOptions = CSVReadOptions()) throws -> [RecordBatch] {
        var batches: [RecordBatch] = []
        try CSVReader(data: Data(text.utf8), options: options).forEachBatch { batches.append($0) }
        return batches
    }

    /// The schema and every row's values.
    static func read(_ text: String, _ options: CSVReadOptions = CSVReadOptions()) throws -> (types: [String], rows: [[ArrowValue]]) {
        let reader = try CSVReader(data: Data(text.utf8), options: options)
        let types = reader.schema.fields.map { "\($0.name): \($0.type)" }
        let table = try reader.table()
        var rows: [[ArrowValue]] = []
        for batch in table.batches {
            for column in batch.columnData { try column.validate(.full) }
            rows += try batch.rows().map(\.values)
        }
        return (types, rows)
    }

    /// The text failure `text` ends with.
    static func failure(_ text: String, _ options: CSVReadOptions = CSVReadOptions()) -> TextInputFailure? {
        do {
            _ = try CSVReader(data: Data(text.utf8), options: options).table()
        } catch ArrowError.invalidText(let failure) {
            return failure
        } catch {
            Issue.record("not a text failure: \(error)")
        }
        return nil
    }

    // MARK: - Inference

    @Test func eachColumnGetsTheTypeItsTextNeeds() throws {
        let text = """
            int,float,mixed,flag,day,naive,zoned,word,nothing,big,hex
            1,1.5,1,true,2024-03-01,2024-03-01 09:30:00,2024-03-01T09:30:00Z,a,,18446744073709551615,0x1f
            -2,2e3,2.5,FALSE,2024-02-29,2024-03-01T10:00,2024-03-01 10:00:00+01:00,b,,1,0x10
            ,nan,,True,,2024-03-02,2024-03-01 09:00-05:00,,,2,0xff
            """
        let (types, rows) = try Self.read(text)
        #expect(types == [
            "int: int64", "float: double", "mixed: double", "flag: bool", "day: date32[day]", "naive: timestamp[s]",
            "zoned: timestamp[s, tz=UTC]", "word: string", "nothing: null", "big: uint64", "hex: int64",
        ])
        #expect(rows[0][0] == .int(1) && rows[1][0] == .int(-2) && rows[2][0] == .null)
        #expect(rows[1][1] == .double(2000) && rows[2][1].doubleValue?.isNaN == true)
        #expect(rows[0][2] == .double(1) && rows[1][2] == .double(2.5))
        #expect(rows.map { $0[3] } == [.bool(true), .bool(false), .bool(true)])
        #expect(rows[1][4].description == "2024-02-29")
        #expect(rows[2][5].description == "2024-03-02 00:00:00")
        // Offsets give the instant, in UTC.
        #expect(rows.map { $0[6].description } == ["2024-03-01 09:30:00Z", "2024-03-01 09:00:00Z", "2024-03-01 14:00:00Z"])
        #expect(rows[2][7] == .null && rows[0][7] == .string("a"))
        #expect(rows[0][9] == .uint(UInt64.max))
        #expect(rows.map { $0[10] } == [.int(31), .int(16), .int(255)])
    }

    @Test func timestampUnitsFollowTheFractionDigits() throws {
        let cases: [(String, String)] = [
            ("2024-03-01 09:30:00", "timestamp[s]"), ("2024-03-01 09:30:00.5", "timestamp[ms]"),
            ("2024-03-01 09:30:00.123", "timestamp[ms]"), ("2024-03-01 09:30:00.1234", "timestamp[us]"),
            ("2024-03-01 09:30:00.123456", "timestamp[us]"), ("2024-03-01 09:30:00.1234567", "timestamp[ns]"),
            ("2024-03-01T09:30:00.123456789Z", "timestamp[ns, tz=UTC]"),
        ]
        for (value, type) in cases {
            let (types, rows) = try Self.read("t\n2024-03-01 00:00:00\(value.hasSuffix("Z") ? "Z" : "")\n\(value)\n")
            #expect(types == ["t: \(type)"], "\(value)")
            #expect(rows[1][0].description.hasPrefix(String(value.prefix(19)).replacingOccurrences(of: "T", with: " ")))
        }
    }

    @Test func kindsThatDoNotMixAreStrings() throws {
        let (types, _) = try Self.read("""
            a,b,c,d,e,f
            1,true,2024-03-01,2024-03-01 09:30Z,0x10,1
            x,1,2024-03-01 09:30Z,2024-03-01 09:30,1.5,-1
            """ + "\n")
        // Integers with words; true with 1; a date with a zoned timestamp; zoned with naive; hex
        // with a float. (A negative integer with one past Int64.max is a double.)
        #expect(types == ["a: string", "b: string", "c: string", "d: string", "e: string", "f: int64"])
        let (wide, rows) = try Self.read("f\n-1\n18446744073709551615\n")
        #expect(wide == ["f: double"] && rows[1][0] == .double(18446744073709551615))
    }

    // MARK: - Nulls and quoting

    @Test func nullsAreUnquotedEmptyFieldsAndNullSpellings() throws {
        let (types, rows) = try Self.read("s,n\nnull,1\nNULL,2\n,3\n\"\",4\n\"null\",5\nNA,6\n")
        #expect(types == ["s: string", "n: int64"])
        #expect(rows.map { $0[0] } == [.null, .null, .null, .string(""), .string("null"), .string("NA")])
        let (_, custom) = try Self.read("s\nNA\nnull\n", CSVReadOptions(nullValues: ["NA"]))
        #expect(custom.map { $0[0] } == [.null, .string("null")])
    }

    @Test func quotedFieldsHoldDelimitersLineBreaksAndQuotes() throws {
        let text = "a,b\r\n\"x,y\",\"line one\nline two\"\r\n\"say \"\"hi\"\"\",\"\"\"\"\r\nplain \"quote\",\"\"\r\n"
        let (types, rows) = try Self.read(text)
        #expect(types == ["a: string", "b: string"])
        #expect(rows == [
            [.string("x,y"), .string("line one\nline two")],
            [.string("say \"hi\""), .string("\"")],
            [.string("plain \"quote\""), .string("")],
        ])
    }

    @Test func lineEndsByteOrderMarkAndTheLastLine() throws {
        for end in ["\n", "\r\n", "\r"] {
            let text = "\u{FEFF}a,b" + end + "1,2" + end + "3,4"
            let (types, rows) = try Self.read(text)
            #expect(types == ["a: int64", "b: int64"], "\(end.debugDescription)")
            #expect(rows == [[.int(1), .int(2)], [.int(3), .int(4)]])
        }
        // A trailing delimiter is an empty (null) last field.
        let (_, rows) = try Self.read("a,b\n1,\n")
        #expect(rows == [[.int(1), .null]])
    }

    @Test func emptyLinesAreSkippedExceptInOneColumn() throws {
        let (_, rows) = try Self.read("\n\na,b\n\n1,2\n\n\n3,4\n\n")
        #expect(rows == [[.int(1), .int(2)], [.int(3), .int(4)]])
        // One column: an empty line is its null (so that a column with nulls round-trips).
        let (types, single) = try Self.read("a\n1\n\n2\n\n")
        #expect(types == ["a: int64"])
        #expect(single == [[.int(1)], [.null], [.int(2)], [.null]])
    }

    @Test func noHeaderNamesColumnsAndReadsTheFirstRecord() throws {
        let (types, rows) = try Self.read("1,x\n2,y\n", CSVReadOptions(hasHeader: false))
        #expect(types == ["Column1: int64", "Column2: string"])
        #expect(rows == [[.int(1), .string("x")], [.int(2), .string("y")]])
    }

    @Test func otherDelimiters() throws {
        let (types, rows) = try Self.read("a\tb\n1\tx,y\n", .tsv)
        #expect(types == ["a: int64", "b: string"] && rows == [[.int(1), .string("x,y")]])
        let (_, semicolons) = try Self.read("a;b\n\"1;2\";3\n", CSVReadOptions(delimiter: ";"))
        #expect(semicolons == [[.string("1;2"), .int(3)]])
        #expect(throws: ArrowError.self) { try CSVReader(data: Data(), options: CSVReadOptions(delimiter: "\"")) }
        #expect(throws: ArrowError.self) { try CSVReader(data: Data(), options: CSVReadOptions(delimiter: "é")) }
    }

    @Test func aHeaderWithoutRecordsGivesNullColumns() throws {
        let reader = try CSVReader(data: Data("a,b\n".utf8))
        #expect(reader.schema.fields.map(\.type) == [.null, .null])
        #expect(try reader.next() == nil)
        #expect(Self.failure("")?.description == "line 1: the input is empty: there is no header")
        #expect(try CSVReader(data: Data(), options: CSVReadOptions(hasHeader: false)).schema.fields.isEmpty)
    }

    // MARK: - Errors

    @Test func badInputNamesLineAndColumn() {
        #expect(Self.failure("a,b\n1,2\n3\n")?.description == "line 3, column 1: the record ends after 1 field, the header has 2")
        #expect(Self.failure("a,b\n1,2,3\n")?.description == "line 2, column 3: a field past the last column (the header has 2)")
        #expect(Self.failure("1\n\"x\ny\",3\n", CSVReadOptions(hasHeader: false))?.description
                == "line 3, column 2: a field past the last column (the first record has 1)")
        #expect(Self.failure(String(repeating: ",", count: CSVReadOptions.maximumColumnCount) + "\n")?.description
                == "line 1, column 65537: more than 65536 fields, the most a record may have")
        #expect(Self.failure("a,b\n1,2\n3,\"open\n\nmore")?.description
                == "line 3, column 2: a quoted field is not closed: the input ends inside it")
        #expect(Self.failure("a,b\n\"x\"y,2\n")?.line == 2)
        #expect(Self.failure("a,b\n\"x\"y,2\n")?.column == 1)
        let bad = Self.failure("a,name\n1,ok\n2,\"two\nlines \u{FF}\"\n".replacingOccurrences(of: "\u{FF}", with: "X"))
        #expect(bad == nil)
        var bytes = Array("a,name\n1,ok\n2,\"two\nlines X\"\n".utf8)
        bytes[bytes.firstIndex(of: UInt8(ascii: "X"))!] = 0xFF
        do {
            _ = try CSVReader(data: Data(bytes)).table()
            Issue.record("invalid UTF-8 was read")
        } catch ArrowError.invalidText(let failure) {
            #expect(failure.description == "line 4, column 2 ('name'): invalid UTF-8 (the byte 0xff)")
        } catch {
            Issue.record("\(error)")
        }
        #expect(Self.failure("a\n" + String(repeating: "x", count: 100) + "\n", CSVReadOptions(maximumRecordSize: 50))?.description
                == "line 2: a record longer than 50 bytes (the most a record may have): is a quote not closed?")
    }

    @Test func aLaterValueThatDoesNotFitNamesItsLine() {
        // Types come from the first batch (two records); the fourth record's field starts on
        // line 6 (a quoted field before it spans two lines).
        let text = "n,s\n1,a\n2,b\n3,\"c\nd\"\n4.5,e\n"
        let failure = Self.failure(text, CSVReadOptions(batchRowCount: 2))
        #expect(failure?.line == 6)
        #expect(failure?.column == 1)
        #expect(failure?.field == "n")
        #expect(failure?.reason.hasPrefix("cannot read") == true)
        #expect(failure?.reason.contains("inferred from the first 2 records") == true)
    }

    // MARK: - Batches, given and widened types

    @Test func batchesHoldTheSetNumberOfRecords() throws {
        let text = "a,b\n" + (1...10).map { "\($0),s\($0)" }.joined(separator: "\n") + "\n"
        let batches = try Self.batches(text, CSVReadOptions(batchRowCount: 4))
        #expect(batches.map(\.rowCount) == [4, 4, 2])
        #expect(batches.allSatisfy { $0.schema == batches[0].schema })
        #expect(try batches[2].row(1)["a"] == .int(10))
    }

    @Test func largeInputIsReadAcrossBufferRefills() throws {
        // More than the first read (1 MiB), with a long quoted field across the refill.
        var text = "id,text\n"
        let long = String(repeating: "ab,\"c\"\n", count: 40_000)
        for index in 0..<40_000 { text += "\(index),x\(index)\n" }
        text += "40000,\"\(long.replacingOccurrences(of: "\"", with: "\"\""))\"\n"
        let batches = try Self.batches(text, CSVReadOptions(batchRowCount: 7_000))
        #expect(batches.reduce(0) { $0 + $1.rowCount } == 40_001)
        let last = try #require(batches.last)
        #expect(try last.row(last.rowCount - 1)["text"] == .string(long))
    }

    @Test func readingFromAPipeInSmallPiecesGivesTheSameBatches() throws {
        let text = "a,b,c\n" + (0..<5_000).map { "\($0),\"q\($0)\nx\",\($0 % 3 == 0 ? "" : "2024-01-0\($0 % 9 + 1)")" }.joined(separator: "\r\n")
        let pipe = Pipe()
        let writer = Thread {
            let bytes = Array(text.utf8)
            var start = 0
            while start < bytes.count {
                let end = min(start + 7, bytes.count)
                pipe.fileHandleForWriting.write(Data(bytes[start..<end]))
                start = end
            }
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        let fromPipe = try CSVReader(fileHandle: pipe.fileHandleForReading, options: CSVReadOptions(batchRowCount: 1000)).table()
        let fromData = try CSVReader(data: Data(text.utf8), options: CSVReadOptions(batchRowCount: 1000)).table()
        #expect(fromPipe.schema == fromData.schema)
        #expect(fromPipe.schema.fields.map(\.type) == [.int64, .utf8, .date32])
        #expect(try fromPipe.batches.flatMap { try $0.rows() } == fromData.batches.flatMap { try $0.rows() })
    }

    @Test func givenTypesAreReadStraightFromTheText() throws {
        let options = CSVReadOptions(columnTypes: [
            "small": .int8, "price": .decimal128(precision: 6, scale: 2), "when": .timestamp(.millisecond, timeZone: nil), "code": .utf8,
        ])
        let (types, rows) = try Self.read("small,price,when,code\n1,1.5,2024-03-01 09:30:00.25,007\n-3,,2024-03-02,10\n", options)
        #expect(types == ["small: int8", "price: decimal128(6, 2)", "when: timestamp[ms]", "code: string"])
        #expect(rows[0][1].description == "1.50" && rows[0][3] == .string("007") && rows[1][0] == .int(-3))
        let overflow = Self.failure("small,x\n1,a\n300,b\n", options.columnTypes(["small": .int8]))
        #expect(overflow?.description.hasPrefix("line 3, column 1 ('small'): cannot read \"300\" as int8") == true, "\(String(describing: overflow))")
        #expect(overflow?.reason.contains("inferred") == false)
        let lenient = try Self.read("small\n1\n300\n", options.columnTypes(["small": .int8]).castOptions(.lenient))
        #expect(lenient.rows == [[.int(1)], [.null]])
        let formats = try Self.read("d\n01/03/2024\n", CSVReadOptions(columnTypes: ["d": .date32], castOptions: CastOptions(timestampFormats: ["%d/%m/%Y"])))
        #expect(formats.rows[0][0].description == "2024-03-01")
        #expect(throws: ArrowError.invalidArgument("there is no column named 'missing'; the columns are 'a'")) {
            try CSVReader(data: Data("a\n1\n".utf8), options: CSVReadOptions(columnTypes: ["missing": .int8]))
        }
        #expect(throws: ArrowError.self) {
            try CSVReader(data: Data("a\n1\n".utf8), options: CSVReadOptions(columnTypes: ["a": .list(Field("item", .int8))]))
        }
    }

    @Test func typesWidenOnlyWhenAllowed() throws {
        let text = "n,empty,day,t\n1,,2024-03-01,2024-03-01 09:30:00\n2,,2024-03-02,2024-03-01 09:30:01\n2.5,x,2024-03-03 12:00:00,2024-03-01 09:30:01.5\n"
        let strict = Self.failure(text, CSVReadOptions(batchRowCount: 2))
        #expect(strict?.line == 4 && strict?.field == "n")
        let reader = try CSVReader(data: Data(text.utf8), options: CSVReadOptions(batchRowCount: 2, widensTypes: true))
        #expect(reader.schema.fields.map(\.type) == [.int64, .null, .date32, .timestamp(.second, timeZone: nil)])
        let table = try reader.table()
        #expect(table.schema.fields.map(\.type)
                == [.float64, .utf8, .timestamp(.second, timeZone: nil), .timestamp(.millisecond, timeZone: nil)])
        #expect(table.batches.allSatisfy { $0.schema == table.schema })
        #expect(try table.batches[0].row(1).values == [.double(2), .null, .timestamp(1_709_337_600, .second, timeZone: nil),
                                                      .timestamp(1_709_285_401_000, .millisecond, timeZone: nil)])
        // A string where integers were is no widening.
        let noWidening = Self.failure("n\n1\nx\n", CSVReadOptions(batchRowCount: 1, widensTypes: true))
        #expect(noWidening?.line == 3)
    }

    @Test func integersPastTwoToThe53DoNotWidenSilently() throws {
        let text = "n\n9007199254740993\n1.5\n"
        let table = try CSVReader(data: Data(text.utf8), options: CSVReadOptions(batchRowCount: 1, widensTypes: true))
        #expect(throws: ArrowError.self) { try table.table() }
    }
}
