import Foundation
import Testing
@testable import ArrowIPC

/// ``FeatherV1Reader`` on files pyarrow wrote (`FeatherV1/`, made by `FeatherV1/make_files.py`,
/// whose values the tests below spell out), on files made here for what pyarrow does not
/// write (older versions, time64, description texts), and on damaged files.
@Suite struct FeatherV1Tests {
    static func resource(_ name: String) throws -> URL {
        let folder = try #require(Bundle.module.url(forResource: "FeatherV1", withExtension: nil))
        return folder.appendingPathComponent(name)
    }

    /// The three ways to open a file: mapped, read without mapping, and from memory.
    static func readers(_ name: String, options: ArrowReadOptions = ArrowReadOptions()) throws -> [FeatherV1Reader] {
        let url = try resource(name)
        return [
            try FeatherV1Reader(url: url, options: options),
            try FeatherV1Reader(url: url, options: options.memoryMapsFiles(false)),
            try FeatherV1Reader(data: try Data(contentsOf: url), options: options),
        ]
    }

    /// The values of column `name` through the typed array `A`.
    static func values<A: ArrowArray & RandomAccessCollection>(
        _ batch: RecordBatch, _ name: String, as _: A.Type
    ) throws -> [A.Element] {
        let index = try #require(batch.schema.index(of: name))
        return Array(try A(batch.columnData[index]))
    }

    static let everyTypeSchema: [(String, DataType)] = [
        ("bool", .boolean), ("i8", .int8), ("i16", .int16), ("i32", .int32), ("i64", .int64),
        ("u8", .uint8), ("u16", .uint16), ("u32", .uint32), ("u64", .uint64), ("f32", .float32), ("f64", .float64),
        ("utf8", .utf8), ("large_utf8", .largeUtf8), ("binary", .binary), ("large_binary", .largeBinary),
        ("date32", .date32), ("time_s", .time32(.second)), ("time_ms", .time32(.millisecond)),
        ("ts_ms", .timestamp(.millisecond, timeZone: nil)), ("ts_ns_tz", .timestamp(.nanosecond, timeZone: "Asia/Tokyo")),
        ("ts_s_utc", .timestamp(.second, timeZone: "UTC")), ("ts_us", .timestamp(.microsecond, timeZone: nil)),
        ("cat", .dictionary(index: .int32, value: .utf8, ordered: false)),
        ("cat_ordered_i8", .dictionary(index: .int8, value: .utf8, ordered: true)),
        ("cat_u16_double", .dictionary(index: .uint16, value: .float64, ordered: false)),
        // pyarrow writes the null type as all-null strings.
        ("null", .utf8),
    ]

    @Test func readsEveryTypePyarrowWrites() throws {
        for reader in try Self.readers("every-type.feather", options: ArrowReadOptions(validation: .full)) {
            #expect(reader.rowCount == 5)
            #expect(reader.schema.fields.map(\.name) == Self.everyTypeSchema.map(\.0))
            #expect(reader.schema.fields.map(\.type) == Self.everyTypeSchema.map(\.1))
            #expect(reader.schema.fields.allSatisfy { $0.isNullable && $0.metadata.isEmpty })
            #expect(reader.schema.metadata.isEmpty)
            let batch = try reader.recordBatch()
            #expect(batch.rowCount == 5)
            try batch.validate(.full)
            try Self.checkEveryTypeValues(batch)
        }
    }

    static func checkEveryTypeValues(_ batch: RecordBatch) throws {
        #expect(try values(batch, "bool", as: BooleanArray.self) == [true, false, nil, true, false])
        #expect(try values(batch, "i8", as: Int8Array.self) == [-128, 127, nil, 0, -1])
        #expect(try values(batch, "i16", as: Int16Array.self) == [-32768, 32767, nil, 0, -1])
        #expect(try values(batch, "i32", as: Int32Array.self) == [.min, .max, nil, 0, -1])
        #expect(try values(batch, "i64", as: Int64Array.self) == [.min, .max, nil, 0, -1])
        #expect(try values(batch, "u8", as: UInt8Array.self) == [0, 255, nil, 1, 2])
        #expect(try values(batch, "u16", as: UInt16Array.self) == [0, 65535, nil, 1, 2])
        #expect(try values(batch, "u32", as: UInt32Array.self) == [0, .max, nil, 1, 2])
        #expect(try values(batch, "u64", as: UInt64Array.self) == [0, .max, nil, 1, 2])
        #expect(try values(batch, "f32", as: Float32Array.self) == [1.5, -0.25, nil, 3.0e38, 0])
        let f64 = try values(batch, "f64", as: Float64Array.self)
        #expect(f64 == [1.5, -0.25, nil, 1e300, 0])
        #expect(f64[4]?.sign == .minus)
        #expect(try values(batch, "utf8", as: StringArray.self) == ["", "héllo", nil, "☃", "abc"])
        #expect(try values(batch, "large_utf8", as: LargeStringArray.self) == ["x", nil, "yy", "", "zzz"])
        #expect(try values(batch, "binary", as: BinaryArray.self) == [[0, 1], [], nil, [0xFF], Array("ab".utf8)])
        #expect(try values(batch, "large_binary", as: LargeBinaryArray.self) == [nil, Array("q".utf8), [], [0x80, 0x81], Array("z".utf8)])
        #expect(try values(batch, "date32", as: Int32Array.self) == [19782, nil, 0, -1, 19782])
        #expect(try values(batch, "time_s", as: Int32Array.self) == [0, 86399, nil, 3600, 1])
        #expect(try values(batch, "time_ms", as: Int32Array.self) == [0, 86_399_999, nil, 3_600_000, 1])
        #expect(try values(batch, "ts_ms", as: Int64Array.self) == [1_709_210_096_789, nil, 0, 1_709_210_096_789, 1_709_210_096_789])
        #expect(try values(batch, "ts_ns_tz", as: Int64Array.self) == [0, 1, nil, -1, 1_700_000_000_123_456_789])
        #expect(try values(batch, "ts_s_utc", as: Int64Array.self) == [0, 1, nil, -1, 86400])
        #expect(try values(batch, "ts_us", as: Int64Array.self) == [0, 1, nil, -1, 86_400_000_000])
        let colors = try DictionaryArray(batch.columnData[try #require(batch.schema.index(of: "cat"))])
        #expect(Array(colors) == [0, 2, nil, 1, 0])
        #expect(try colors.values(as: StringArray.self) == ["red", "blue", nil, "green", "red"])
        let ordered = try DictionaryArray(batch.columnData[try #require(batch.schema.index(of: "cat_ordered_i8"))])
        #expect(ordered.isOrdered)
        #expect(try ordered.values(as: StringArray.self) == ["lo", "hi", nil, "mid", "lo"])
        let doubles = try DictionaryArray(batch.columnData[try #require(batch.schema.index(of: "cat_u16_double"))])
        #expect(try doubles.values(as: Float64Array.self) == [0.5, 2.5, nil, nil, 0.5])
        #expect(try values(batch, "null", as: StringArray.self) == [nil, nil, nil, nil, nil])
    }

    @Test func mappedColumnsPointIntoTheFileAndOthersAreAligned() throws {
        let readers = try Self.readers("every-type.feather")
        let mapped = try readers[0].recordBatch()
        for column in mapped.columnData {
            for buffer in [column.validity].compactMap({ $0 }) + column.buffers + (column.dictionary?.buffers ?? []) {
                #expect(buffer.owner is MemoryMappedFile, "copied instead of sliced from the mapping")
            }
        }
        for reader in readers {
            for column in try reader.recordBatch().columnData {
                for buffer in column.buffers + (column.dictionary?.buffers ?? []) {
                    #expect(Int(bitPattern: buffer.baseAddress) % 8 == 0)
                }
            }
        }
    }

    @Test func readsEmptyTables() throws {
        for reader in try Self.readers("zero-rows.feather") {
            #expect(reader.rowCount == 0)
            #expect(reader.schema.fields.map(\.type) == Self.everyTypeSchema.map(\.1))
            let batch = try reader.recordBatch()
            #expect(batch.rowCount == 0)
            #expect(batch.columnData.allSatisfy { $0.length == 0 })
            try batch.validate(.full)
        }
        for reader in try Self.readers("no-columns.feather") {
            #expect(reader.rowCount == 0)
            #expect(reader.schema.fields.isEmpty)
            #expect(try reader.recordBatch().columnCount == 0)
        }
    }

    @Test func decodesOnlyTheSelectedColumnsInTheOrderAsked() throws {
        let reader = try FeatherV1Reader(url: try Self.resource("every-type.feather"))
        let batch = try reader.recordBatch(columns: [11, 0, 11, 22])
        #expect(batch.schema.fields.map(\.name) == ["utf8", "bool", "utf8", "cat"])
        #expect(Array(try StringArray(batch.columnData[2])) == ["", "héllo", nil, "☃", "abc"])
        #expect(Array(try BooleanArray(batch.columnData[1])) == [true, false, nil, true, false])
        #expect(try reader.recordBatch(columns: []).columnCount == 0)
        #expect(throws: ArrowError.invalidArgument("column 26 does not exist; the file has 26 columns")) {
            try reader.recordBatch(columns: [0, 26])
        }
        #expect(throws: ArrowError.self) { try reader.recordBatch(columns: [-1]) }
    }

    @Test func detectsTheFormatFromTheFirstBytes() throws {
        let url = try Self.resource("every-type.feather")
        #expect(try ArrowInputFormat.detect(url: url) == .featherV1)
        #expect(try ArrowIPCFormat.detect(url: url) == .stream, "unchanged for callers that know two formats")
        #expect(ArrowInputFormat.detect(prefix: Array("ARROW1\0\0".utf8)) == .file)
        #expect(ArrowInputFormat.detect(prefix: [0xFF, 0xFF, 0xFF, 0xFF]) == .stream)
        #expect(ArrowInputFormat.detect(prefix: Array("FEA".utf8)) == .stream)
        #expect(ArrowInputFormat.featherV1.description == "Feather V1")
        #expect(ArrowInputFormat.featherV1.rawValue == "feather-v1")
        #expect(ArrowInputFormat.featherV1.ipcFormat == nil)
        #expect(ArrowInputFormat(.file).ipcFormat == .file)
    }

    @Test func inspectSummarySaysFeatherV1() throws {
        let reader = try FeatherV1Reader(url: try Self.resource("every-type.feather"))
        let summary = FileSummary(
            format: .featherV1, schema: reader.schema, batches: [FileSummary.Batch(rowCount: reader.rowCount)],
            fileSize: reader.fileSize)
        #expect(summary.description.hasPrefix("format:   Feather V1\nsize:     3368 bytes\nrows:     5\ncolumns:  26\n"))
        #expect(summary.json.hasPrefix("{\"format\":\"feather-v1\",\"fileSize\":3368,\"rowCount\":5,\"columnCount\":26,"))
    }

    // MARK: - Files made here

    @Test func textsWithoutAnArrowPlaceBecomeMetadata() throws {
        var file = HandMadeV1(rowCount: 2, data: [1, 2, 0, 0, 0, 0, 0, 0])
        file.description = "weather, 2 rows"
        file.metadata = "{\"source\":\"test\"}"
        file.columns = [
            .init(name: "a", values: .init(code: 1, offset: 8, length: 2, byteCount: 8), userMetadata: "{\"unit\":\"m\"}"),
            .init(name: "b", values: .init(code: 1, offset: 8, length: 2, byteCount: 8), userMetadata: ""),
        ]
        let reader = try FeatherV1Reader(data: file.bytes())
        #expect(reader.schema.metadata == ["feather.description": "weather, 2 rows", "feather.metadata": "{\"source\":\"test\"}"])
        #expect(reader.schema.fields[0].metadata == ["feather.user_metadata": "{\"unit\":\"m\"}"])
        #expect(reader.schema.fields[1].metadata.isEmpty)
        let batch = try reader.recordBatch()
        #expect(batch.schema.metadata == reader.schema.metadata)
        #expect(Array(try Int8Array(batch.columnData[1])) == [1, 2])
    }

    @Test func timesInMicrosecondsAndNanosecondsAreTime64() throws {
        let data: [UInt8] = (0..<16).map { $0 == 0 ? 7 : $0 == 8 ? 9 : 0 }
        var file = HandMadeV1(rowCount: 2, data: data)
        file.columns = [
            .init(name: "us", values: .init(code: 4, offset: 8, length: 2, byteCount: 16), kind: .time(unit: 2)),
            .init(name: "ns", values: .init(code: 4, offset: 8, length: 2, byteCount: 16), kind: .time(unit: 3)),
            .init(name: "date", values: .init(code: 3, offset: 8, length: 2, byteCount: 8), kind: .date),
            .init(name: "ts", values: .init(code: 4, offset: 8, length: 2, byteCount: 16), kind: .timestamp(unit: 1, zone: "")),
        ]
        let reader = try FeatherV1Reader(data: file.bytes(), options: ArrowReadOptions(validation: .full))
        #expect(reader.schema.fields.map(\.type) == [
            .time64(.microsecond), .time64(.nanosecond), .date32, .timestamp(.millisecond, timeZone: nil),
        ])
        let batch = try reader.recordBatch()
        #expect(Array(try Int64Array(batch.columnData[1])) == [7, 9])
        #expect(Array(try Int32Array(batch.columnData[2])) == [7, 0])
    }

    /// Writers before Feather 0.3.0 (format versions 0 and 1) did not pad the parts of an
    /// array to 8 bytes: the parts are found at their unpadded places, and copied to aligned
    /// memory as they are then misaligned.
    @Test func version1FilesHaveUnpaddedBuffers() throws {
        // "ab", "", "cde" with the second null: a 1-byte bitmap, 4 offsets, 5 bytes of data.
        var data: [UInt8] = [0b101]
        for offset: Int32 in [0, 2, 2, 5] { withUnsafeBytes(of: offset.littleEndian) { data += $0 } }
        data += Array("abcde".utf8)
        // Then int16 values 1, 2, 3 right after, at an odd offset.
        let shortsAt = 8 + data.count
        for value: Int16 in [1, 2, 3] { withUnsafeBytes(of: value.littleEndian) { data += $0 } }
        var file = HandMadeV1(rowCount: 3, data: data)
        file.version = 1
        file.columns = [
            .init(name: "s", values: .init(code: 11, offset: 8, length: 3, nullCount: 1, byteCount: 22)),
            .init(name: "n", values: .init(code: 2, offset: Int64(shortsAt), length: 3, byteCount: 6)),
        ]
        let bytes = file.bytes()
        let batch = try FeatherV1Reader(data: bytes, options: ArrowReadOptions(validation: .full)).recordBatch()
        #expect(Array(try StringArray(batch.columnData[0])) == ["ab", nil, "cde"])
        #expect(Array(try Int16Array(batch.columnData[1])) == [1, 2, 3])
        // Read as version 2, the same bytes are wrong: the offsets would start at byte 8.
        file.version = 2
        #expect(throws: ArrowError.self) {
            try FeatherV1Reader(data: file.bytes(), options: ArrowReadOptions(validation: .full)).recordBatch()
        }
    }

    /// Columns may share bytes (nothing in the format forbids it); reading them costs no more
    /// than the file, mapped or not.
    @Test func columnsSharingBytesReadWithinTheFileSize() throws {
        var file = HandMadeV1(rowCount: 128, data: (0..<1024).map { UInt8($0 & 0x7F) })
        file.columns = (0..<300).map {
            .init(name: "c\($0)", values: .init(code: 4, offset: 8, length: 128, byteCount: 1024))
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("feather-v1-shared-\(UUID()).feather")
        try file.bytes().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        for options in [ArrowReadOptions(), ArrowReadOptions().memoryMapsFiles(false)] {
            let batch = try FeatherV1Reader(url: url, options: options).recordBatch()
            #expect(batch.columnCount == 300)
            let owners = Set(batch.columnData.map { ObjectIdentifier($0.buffers[0].owner) })
            #expect(owners.count == 1, "every column a slice of one read of the data")
        }
        // Misaligned, the same sharing would be copied once per column: refused instead.
        var misaligned = file
        misaligned.columns = (0..<300).map {
            .init(name: "c\($0)", values: .init(code: 4, offset: 9, length: 127, byteCount: 1016))
        }
        #expect(throws: ArrowError.self) { try FeatherV1Reader(data: misaligned.bytes()).recordBatch() }
    }

    struct HostileCase: CustomTestStringConvertible, Sendable {
        let name: String
        let error: String
        let file: HandMadeV1
        var testDescription: String { name }
    }

    static let hostileCases: [HostileCase] = {
        let int8 = HandMadeV1.Stored(code: 1, offset: 8, length: 2, byteCount: 8)
        func file(rows: Int64 = 2, _ columns: [HandMadeV1.Column]) -> HandMadeV1 {
            var file = HandMadeV1(rowCount: rows, data: [1, 2, 0, 0, 0, 0, 0, 0])
            file.columns = columns
            return file
        }
        func with(_ change: (inout HandMadeV1.Stored) -> Void) -> HandMadeV1.Stored {
            var stored = int8
            change(&stored)
            return stored
        }
        return [
            HostileCase(name: "rows differ", error: "column 0 'x' has 2 rows, but the table has 3", file: file(rows: 3, [.init(name: "x", values: int8)])),
            HostileCase(name: "negative rows", error: "the row count -1 is negative", file: file(rows: -1, [])),
            HostileCase(
                name: "array past the data", error: "claims 8 bytes at byte 16, outside the file's data at bytes 4..<16",
                file: file([.init(name: "x", values: with { $0.offset = 16 })])),
            HostileCase(
                name: "array before the data", error: "claims 8 bytes at byte 0",
                file: file([.init(name: "x", values: with { $0.offset = 0 })])),
            HostileCase(
                name: "huge byte count", error: "claims 9223372036854775807 bytes",
                file: file([.init(name: "x", values: with { $0.byteCount = .max })])),
            HostileCase(
                name: "null count above length", error: "has 2 values of which 3 are null",
                file: file([.init(name: "x", values: with { $0.nullCount = 3 })])),
            HostileCase(
                name: "unknown type", error: "unknown type code 99",
                file: file([.init(name: "x", values: with { $0.code = 99 })])),
            HostileCase(
                name: "complex numbers", error: "complex numbers (type code 19)",
                file: file([.init(name: "x", values: with { $0.code = 19 })])),
            HostileCase(
                name: "dictionary encoding", error: "encoding 1; only PLAIN (0) is read",
                file: file([.init(name: "x", values: with { $0.encoding = 1 })])),
            HostileCase(
                name: "categorical with string codes", error: "is categorical, but its codes are string, not integers",
                file: file([.init(name: "x", values: with { $0.code = 11 }, kind: .category(levels: int8, ordered: false))])),
            HostileCase(
                name: "date stored as int8", error: "stores a date as int8; it must be int32",
                file: file([.init(name: "x", values: int8, kind: .date)])),
            HostileCase(
                name: "unknown time unit", error: "unknown time unit 4",
                file: file([.init(name: "x", values: with { $0.code = 3 }, kind: .time(unit: 4))])),
            HostileCase(
                name: "timestamp without its table", error: "names TimestampMetadata as its metadata type but holds none",
                file: file([.init(name: "x", values: with { $0.code = 4 }, kind: .rawType(2))])),
            HostileCase(
                name: "unknown metadata type", error: "unknown metadata type 9",
                file: file([.init(name: "x", values: int8, kind: .rawType(9))])),
            HostileCase(
                name: "string offsets past the bytes", error: "12 bytes of offsets from byte 0 run past the array's 8 bytes (stored at byte 8)",
                file: file([.init(name: "x", values: with { $0.code = 11 })])),
            HostileCase(
                name: "huge string length", error: "9223372036854775807 bytes of offsets",
                file: file(rows: .max, [.init(name: "x", values: with { $0.code = 11; $0.length = .max })])),
            HostileCase(
                name: "bitmap past the bytes", error: "2 bytes of validity bitmap from byte 0 run past the array's 1 bytes",
                file: file(rows: 9, [.init(name: "x", values: with { $0.length = 9; $0.nullCount = 1; $0.byteCount = 1 })])),
            HostileCase(
                name: "values too short", error: "Feather V1 column 0 'x' (bytes 8..<16): values buffer",
                file: file(rows: 9, [.init(name: "x", values: with { $0.length = 9 })])),
            HostileCase(
                name: "levels too short", error: "Feather V1 column 0 'x' levels (bytes 8..<16)",
                file: file([.init(name: "x", values: int8, kind: .category(levels: with { $0.code = 4 }, ordered: false))])),
        ]
    }()

    @Test(arguments: hostileCases) func hostileMetadataIsAnErrorSayingWhat(_ hostile: HostileCase) throws {
        do {
            _ = try FeatherV1Reader(data: hostile.file.bytes()).recordBatch()
            Issue.record("read without an error")
        } catch let error as ArrowError {
            #expect(error.reason.contains(hostile.error), "\(error.reason)")
        }
    }

    @Test func theMetadataLengthIsChecked() throws {
        let good = try Data(contentsOf: try Self.resource("every-type.feather"))
        let length = Int(good.suffix(8).prefix(4).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
        #expect(throws: ArrowError.invalidData("the Feather V1 metadata has \(length) bytes, more than the metadata limit of 1000")) {
            try FeatherV1Reader(data: good, options: ArrowReadOptions().maxMetadataSize(1000))
        }
        var huge = good
        huge.replaceSubrange((good.count - 8)..<(good.count - 4), with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: ArrowError.invalidData("the Feather V1 metadata length 4294967295 does not fit in a file of 3368 bytes")) {
            try FeatherV1Reader(data: huge)
        }
        #expect(throws: ArrowError.self) { try FeatherV1Reader(data: Data("FEA1\0\0\0\0FEA1".utf8)) }
        #expect(throws: ArrowError.self) { try FeatherV1Reader(data: Data("FEA1".utf8)) }
        #expect(throws: ArrowError.invalidData("the file does not start with the Feather V1 magic 'FEA1'")) {
            try FeatherV1Reader(data: Data("ARROW1\0\0\0\0\0\0FEA1".utf8))
        }
    }

    // MARK: - Damaged files

    /// Reads `bytes` as a V1 file: decodes every column unvalidated, then validates each at the
    /// full level. Returns whether it read; any error must be an `ArrowError`.
    @discardableResult
    static func readDamaged(_ bytes: Data) throws -> Bool {
        do {
            let reader = try FeatherV1Reader(data: bytes, options: ArrowReadOptions(validation: .none))
            let batch = try reader.recordBatch()
            for column in batch.columnData { try column.validate(.full) }
            return true
        } catch is ArrowError {
            return false
        }
    }

    @Test func truncatedAtEveryByteIsAnError() throws {
        let good = try Data(contentsOf: try Self.resource("every-type.feather"))
        for count in 0..<good.count {
            #expect(try !Self.readDamaged(good.prefix(count)), "read when cut to \(count) bytes")
        }
    }

    @Test func flippedBytesAreAnErrorOrReadValidly() throws {
        let good = try Data(contentsOf: try Self.resource("every-type.feather"))
        let metadataStart = good.count - 8 - Int(good.suffix(8).prefix(4).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
        var read = 0
        var readWithDamagedMetadata = 0
        for position in 0..<good.count {
            for value: UInt8 in [0x00, 0xFF, good[position] ^ 0x01, good[position] ^ 0x80] where value != good[position] {
                var damaged = good
                damaged[position] = value
                if try Self.readDamaged(damaged) {
                    read += 1
                    if position >= metadataStart { readWithDamagedMetadata += 1 }
                }
            }
        }
        // Flips in values, padding and unused metadata bytes leave a valid file.
        #expect(read > 0 && readWithDamagedMetadata > 0)
    }

    /// Several bytes changed at once, anywhere, and the result read whole and by a random
    /// selection of columns: an error or a valid read, never a crash.
    @Test func manyChangesAtOnceAreAnErrorOrReadValidly() throws {
        let good = try Data(contentsOf: try Self.resource("every-type.feather"))
        let columnCount = try FeatherV1Reader(data: good).schema.fields.count
        var random = SeededRandom(seed: 0xFEA1)
        for _ in 0..<3000 {
            var damaged = good
            for _ in 0...random.below(8) {
                damaged[random.below(good.count)] = UInt8(truncatingIfNeeded: random.next())
            }
            try Self.readDamaged(damaged)
            let columns = (0..<random.below(4)).map { _ in random.below(columnCount) }
            do {
                let batch = try FeatherV1Reader(data: damaged, options: ArrowReadOptions(validation: .full)).recordBatch(columns: columns)
                #expect(batch.columnCount == columns.count)
            } catch is ArrowError {}
        }
    }
}

/// A Feather V1 file built byte by byte, for what pyarrow does not write.
struct HandMadeV1: Sendable {
    /// A `PrimitiveArray`: the stored type code, where its bytes are, its counts.
    struct Stored: Sendable {
        var code: UInt8
        var encoding: UInt8 = 0
        var offset: Int64
        var length: Int64
        var nullCount: Int64 = 0
        var byteCount: Int64
    }

    /// The `TypeMetadata` of a column.
    enum Kind: Sendable {
        case plain
        case category(levels: Stored, ordered: Bool)
        case timestamp(unit: UInt8, zone: String?)
        case date
        case time(unit: UInt8)
        /// A union type code without a table.
        case rawType(UInt8)
    }

    struct Column: Sendable {
        var name: String
        var values: Stored
        var kind: Kind = .plain
        var userMetadata: String?
    }

    var rowCount: Int64
    /// The bytes after the magic and its 4 bytes of padding: offsets in the file start at 8.
    var data: [UInt8]
    var columns: [Column] = []
    var version: Int32 = 2
    var description: String?
    var metadata: String?

    init(rowCount: Int64, data: [UInt8]) {
        self.rowCount = rowCount
        self.data = data
    }

    func bytes() -> Data {
        var builder = FlatBufferBuilder()
        func array(_ stored: Stored) -> FlatBufferOffset {
            builder.createTable([
                .uint8(0, stored.code), .uint8(1, stored.encoding), .int64(2, stored.offset), .int64(3, stored.length),
                .int64(4, stored.nullCount), .int64(5, stored.byteCount),
            ])
        }
        var columnTables: [FlatBufferOffset] = []
        for column in columns {
            var fields: [FlatBufferField] = [.offset(0, builder.createString(column.name)), .offset(1, array(column.values))]
            switch column.kind {
            case .plain:
                break
            case .category(let levels, let ordered):
                let table = builder.createTable([.offset(0, array(levels)), .bool(1, ordered)])
                fields += [.uint8(2, 1), .offset(3, table)]
            case .timestamp(let unit, let zone):
                var timestamp: [FlatBufferField] = [.uint8(0, unit)]
                if let zone { timestamp.append(.offset(1, builder.createString(zone))) }
                fields += [.uint8(2, 2), .offset(3, builder.createTable(timestamp))]
            case .date:
                fields += [.uint8(2, 3), .offset(3, builder.createTable([]))]
            case .time(let unit):
                fields += [.uint8(2, 4), .offset(3, builder.createTable([.uint8(0, unit)]))]
            case .rawType(let code):
                fields.append(.uint8(2, code))
            }
            if let user = column.userMetadata { fields.append(.offset(4, builder.createString(user))) }
            columnTables.append(builder.createTable(fields))
        }
        var table: [FlatBufferField] = [
            .int64(1, rowCount), .offset(2, builder.createVector(of: columnTables)), .int32(3, version),
        ]
        if let description { table.append(.offset(0, builder.createString(description))) }
        if let metadata { table.append(.offset(4, builder.createString(metadata))) }
        var flatbuffer = builder.finish(root: builder.createTable(table))
        while flatbuffer.count % 8 != 0 { flatbuffer.append(0) }
        var file = Array("FEA1".utf8) + [0, 0, 0, 0] + data
        while file.count % 8 != 0 { file.append(0) }
        file += flatbuffer
        withUnsafeBytes(of: UInt32(flatbuffer.count).littleEndian) { file += $0 }
        file += Array("FEA1".utf8)
        return Data(file)
    }
}
