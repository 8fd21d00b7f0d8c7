import Foundation
import Testing
@testable import ArrowIPC

/// JSON Lines and JSON arrays of objects into record batches: inference (nested, dates),
/// syntax errors with line and column, later values, given and widened types.
struct JSONIngestTests {
    static func read(_ text: String, _ options: JSONReadOptions = JSONReadOptions()) throws -> (types: [String], rows: [[ArrowValue]]) {
        let reader = try JSONReader(data: Data(text.utf8), options: options)
        let types = reader.schema.fields.map { "\($0.name): \($0.type)" }
        let table = try reader.table()
        var rows: [[ArrowValue]] = []
        for batch in table.batches {
            for column in batch.columnData { try column.validate(.full) }
            rows += try batch.rows().map(\.values)
        }
        return (types, rows)
    }

    static func failure(_ text: String, _ options: JSONReadOptions = JSONReadOptions()) -> TextInputFailure? {
        do {
            _ = try JSONReader(data: Data(text.utf8), options: options).table()
        } catch ArrowError.invalidText(let failure) {
            return failure
        } catch {
            Issue.record("not a text failure: \(error)")
        }
        return nil
    }

    @Test func valuesInferTheirTypes() throws {
        let text = """
            {"i": 1, "f": 1, "b": true, "s": "x", "o": {"k": 1, "l": [1, 2]}, "d": "2024-03-01", "t": "2024-03-01T09:30:00.250Z", "n": null}
            {"i": -2, "f": 2.5, "b": false, "s": "y", "o": {"l": [], "m": "new"}, "d": null, "t": "2024-03-01 10:00:00+01:00", "u": 18446744073709551615}

            {"f": 1e3, "o": null, "extra": [[1.5], null]}
            """
        let (types, rows) = try Self.read(text)
        #expect(types == [
            "i: int64", "f: double", "b: bool", "s: string", "o: struct<k: int64, l: list<item: int64>, m: string>",
            "d: date32[day]", "t: timestamp[ms, tz=UTC]", "n: null", "u: uint64", "extra: list<item: list<item: double>>",
        ])
        #expect(rows.count == 3)
        #expect(rows[0][1] == .double(1) && rows[2][1] == .double(1000) && rows[2][0] == .null)
        #expect(rows[1][4].description == "{k: null, l: [], m: \"new\"}")
        #expect(rows[0][5].description == "2024-03-01")
        #expect(rows.map { $0[6].description } == ["2024-03-01 09:30:00.250Z", "2024-03-01 09:00:00.000Z", "null"])
        #expect(rows[1][8] == .uint(UInt64.max))
        #expect(rows[2][9] == .list([.list([.double(1.5)]), .null]))
    }

    @Test func stringsStayStringsUnlessEveryOneIsADate() throws {
        let (types, _) = try Self.read(#"{"a": "2024-03-01", "b": "12", "c": {"d": ["2024-03-01 09:30"]}}"# + "\n" + #"{"a": "soon"}"#)
        #expect(types == ["a: string", "b: string", "c: struct<d: list<item: timestamp[s]>>"])
    }

    @Test func escapesAndUnicode() throws {
        let (_, rows) = try Self.read(#"{"s": "a\"b\\c\/d\n\t\u00e9\ud83d\ude00 é"}"#)
        #expect(rows == [[.string("a\"b\\c/d\n\té😀 é")]])
    }

    @Test func repeatedKeysKeepTheLastValue() throws {
        let (types, rows) = try Self.read(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(types == ["a: int64", "b: int64"] && rows == [[.int(3), .int(2)]])
    }

    @Test func anArrayOfObjects() throws {
        let options = JSONReadOptions(layout: .array)
        let (types, rows) = try Self.read(" [\n {\"a\": 1},\n {\"a\": 2, \"b\": \"x\"} ]\n", options)
        #expect(types == ["a: int64", "b: string"] && rows == [[.int(1), .null], [.int(2), .string("x")]])
        #expect(try Self.read("[]", options).rows.isEmpty)
        #expect(Self.failure("[{\"a\": 1},]", options)?.description == "line 1, column 11: expected an object ('{') as the array's next record, found ']'")
        #expect(Self.failure("[{\"a\": 1}] x", options)?.description == "line 1, column 12: expected the end of the input after the array, found 'x'")
        #expect(Self.failure("{\"a\": 1}", options)?.column == 1)
    }

    @Test func syntaxErrorsNameLineAndColumn() {
        let cases: [(String, String)] = [
            ("{\"a\": 1}\n{\"a\": 2,\n", "line 3, column 1: expected a key (a string in double quotes) in an object, found the end of the input"),
            ("{\"a\": 1}\n{\"a\": x}", "line 2, column 7: expected a value, found 'x'"),
            ("{\"a\": 1} {\"a\": 2}", "line 1, column 10: expected the end of the line after a record (JSON Lines has one object per line), found '{'"),
            ("[1, 2]", "line 1, column 1: expected an object ('{') at the start of a record, found '['"),
            ("{\"é\": \"unterminated", "line 1, column 7: a string is not closed: the input ends inside it"),
            ("{\"a\": 01}", "line 1, column 8: expected ',' or '}' after a value in an object, found '1'"),
            ("{\"a\": -}", "line 1, column 8: expected a digit in a number, found '}'"),
            ("{\"a\": \"\\x\"}", "line 1, column 9: an unknown escape '\\x' in a string"),
            ("{\"a\": \"\\ud800\"}", "line 1, column 14: half a surrogate pair in a \\u escape, without its low half"),
            ("{\"a\": \"tab\there\"}", "line 1, column 11: a control character (0x09) in a string (write it as an escape: \\n, \\t, \\u00XX)"),
            ("{\"a\": NaN}", "line 1, column 7: expected a value, found 'N'"),
            ("{\"a\": 1}\r\n\r\n{\"a\": tru}", "line 3, column 7: expected a value, found 't'"),
        ]
        for (text, message) in cases {
            #expect(Self.failure(text)?.description == message, "\(text.debugDescription)")
        }
        var bytes = Array("{\"a\": 1}\n{\"a\": \"xX\"}".utf8)
        bytes[bytes.lastIndex(of: UInt8(ascii: "X"))!] = 0xC3
        do {
            _ = try JSONReader(data: Data(bytes)).table()
            Issue.record("invalid UTF-8 was read")
        } catch ArrowError.invalidText(let failure) {
            #expect(failure.description == "line 2, column 9: invalid UTF-8 in a string (the byte 0xc3)")
        } catch {
            Issue.record("\(error)")
        }
        let deep = "{\"a\": " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        #expect(Self.failure(deep)?.reason == "objects and arrays nested more than 64 deep")
        #expect(Self.failure("{\"a\": \"" + String(repeating: "x", count: 100) + "\"}", JSONReadOptions(maximumRecordSize: 50))?.line == 1)
    }

    @Test func conflictsNameTheLineAndKey() {
        #expect(Self.failure("{\"a\": 1}\n\n{\"a\": \"x\"}")?.description
                == "line 3, key 'a': the string \"x\" does not go with the int64 values before it")
        // A later batch.
        let later = Self.failure("{\"a\": 1}\n{\"a\": 2}\n{\"a\": [3]}", JSONReadOptions(batchRowCount: 2))
        #expect(later?.line == 3 && later?.field == "a")
        #expect(later?.reason.hasPrefix("the list [3] does not fit int64") == true)
        let newKey = Self.failure("{\"a\": 1}\n{\"b\": 2}", JSONReadOptions(batchRowCount: 1))
        #expect(newKey?.line == 2 && newKey?.field == "b")
    }

    @Test func typesWidenAndColumnsAppearWhenAllowed() throws {
        let options = JSONReadOptions(batchRowCount: 1, widensTypes: true)
        let text = "{\"a\": 1, \"o\": {\"x\": 1}}\n{\"a\": 2.5, \"b\": \"new\", \"o\": {\"y\": \"2024-03-01\"}}\n{\"a\": null}"
        let reader = try JSONReader(data: Data(text.utf8), options: options)
        let table = try reader.table()
        #expect(table.schema.fields.map { "\($0.name): \($0.type)" }
                == ["a: double", "o: struct<x: int64, y: date32[day]>", "b: string"])
        #expect(try table.batches[0].row(0).values == [.double(1), .struct(ArrowRecord(["x": .int(1), "y": .null])), .null])
    }

    @Test func givenTypes() throws {
        let options = JSONReadOptions(columnTypes: ["a": .int8, "d": .decimal128(precision: 5, scale: 2), "t": .timestamp(.second, timeZone: nil), "z": .utf8])
        let (types, rows) = try Self.read("{\"a\": 1, \"d\": \"1.25\", \"t\": \"2024-03-01 09:30:00\"}\n{\"a\": null, \"d\": null}", options)
        #expect(types == ["a: int8", "d: decimal128(5, 2)", "t: timestamp[s]", "z: string"])
        #expect(rows[0][1].description == "1.25" && rows[1] == [.null, .null, .null, .null])
        #expect(Self.failure("{\"a\": 300}", options)?.description.hasPrefix("line 1, key 'a': the integer 300 does not fit int8") == true)
        let lenient = try Self.read("{\"a\": 300}", options.castOptions(.lenient))
        #expect(lenient.rows[0][0] == .null)
    }

    @Test func readsFromAPipeLikeFromData() throws {
        let text = (0..<3000).map { "{\"i\": \($0), \"s\": \"v\($0)\", \"l\": [\($0), null]}" }.joined(separator: "\n")
        let pipe = Pipe()
        let writer = Thread {
            let bytes = Array(text.utf8)
            var start = 0
            while start < bytes.count {
                let end = min(start + 5, bytes.count)
                pipe.fileHandleForWriting.write(Data(bytes[start..<end]))
                start = end
            }
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        let options = JSONReadOptions(batchRowCount: 700)
        let fromPipe = try JSONReader(fileHandle: pipe.fileHandleForReading, options: options).table()
        let fromData = try JSONReader(data: Data(text.utf8), options: options).table()
        #expect(fromPipe.batches.map(\.rowCount) == [700, 700, 700, 700, 200])
        #expect(try fromPipe.batches.flatMap { try $0.rows() } == fromData.batches.flatMap { try $0.rows() })
    }

    @Test func wideAndHostileShapesStayBounded() throws {
        // Objects of many keys, in different orders, merge in linear time.
        let keys = (0..<20_000).map { "k\($0)" }
        let first = "{" + keys.map { "\"\($0)\": 1" }.joined(separator: ",") + "}"
        let second = "{\"o\": {" + keys.reversed().map { "\"\($0)\": 2.5" }.joined(separator: ",") + "}, "
            + keys.reversed().map { "\"\($0)\": null" }.joined(separator: ",") + "}"
        let third = "{\"o\": {" + keys.map { "\"\($0)\": 1" }.joined(separator: ",") + "}}"
        let started = Date()
        let table = try JSONReader(data: Data([first, second, third].joined(separator: "\n").utf8)).table()
        #expect(table.schema.fields.count == 20_001)
        #expect(table.rowCount == 3)
        #expect(Date().timeIntervalSince(started) < 30)
        // Too many keys in one object, or in all.
        let tooMany = "{" + (0...JSONReadOptions.maximumKeyCount).map { "\"\($0)\": 0" }.joined(separator: ",") + "}"
        #expect(Self.failure(tooMany)?.reason == "an object with more than 65536 keys, the most one may have")
    }
}
