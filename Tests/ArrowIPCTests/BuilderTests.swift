import Foundation
import Testing
@testable import ArrowIPC

/// The array builders: every column of every golden integration file rebuilt value by value
/// through `makeBuilder(_:)` holds the same values and passes full validation; typed appends;
/// conversions; errors that leave the builder as it was.
struct BuilderTests {
    @Test(arguments: KernelOracleTests.cases)
    func everyGoldenColumnRebuildsFromItsValues(_ id: String) throws {
        guard GoldenData.root != nil else { return }
        let batches = try ArrowFileReader(url: GoldenCases.url(id, "arrow_file"), options: ArrowReadOptions(validation: .full)).readAll()
        for (batchIndex, batch) in batches.enumerated() {
            for (column, array) in batch.columnData.enumerated() {
                // The golden decimals exceed their precision, which builders (as pyarrow) refuse.
                if Self.isDecimal(array.type), (try? array.validate(.full, checkingDecimalPrecision: true)) == nil { continue }
                let values = try (0..<array.length).map { try array.value(at: $0) }
                let builder = try makeBuilder(array.type)
                for (row, value) in values.enumerated() {
                    do {
                        try builder.append(value)
                    } catch {
                        Issue.record("\(id) batch \(batchIndex) column \(column) (\(array.type)) row \(row): \(error)")
                        throw error
                    }
                }
                #expect(builder.count == array.length)
                let built = builder.finishData()
                #expect(builder.count == 0, "finishing empties the builder")
                #expect(throws: Never.self, "\(id) column \(column) validates") { try built.validate(.full) }
                let rebuilt = try (0..<built.length).map { try built.value(at: $0) }
                #expect(rebuilt == values, "\(id) batch \(batchIndex) column \(column) (\(array.type))")
            }
        }
    }

    static func isDecimal(_ type: DataType) -> Bool {
        switch type {
        case .decimal32, .decimal64, .decimal128, .decimal256: true
        default: false
        }
    }

    @Test func typedBuildersAppendSwiftValues() throws {
        let numbers = Int64Builder()
        numbers.append(7)
        numbers.append(nil)
        numbers.append(contentsOf: [1, 2, 3] as [Int64])
        let array = numbers.finish()
        #expect(Array(array) == [7, nil, 1, 2, 3])
        #expect(numbers.count == 0)
        numbers.append(9)
        #expect(Array(numbers.finish()) == [9], "a finished builder starts again")

        let strings = StringBuilder()
        try strings.append("héllo")
        try strings.append(nil as String?)
        let text = try StringArray(strings.finishData())
        #expect(Array(text) == ["héllo", nil])

        let flags = BooleanBuilder()
        flags.append(contentsOf: [true, nil, false])
        #expect(Array(flags.finish()) == [true, nil, false])

        let stamps = try PrimitiveBuilder<Int64>(type: .timestamp(.millisecond, timeZone: "UTC"))
        try stamps.append(.timestamp(1, .second, timeZone: nil))
        try stamps.append(.date32(1))
        #expect(Array(stamps.finish()) == [1_000, 86_400_000])
        #expect(throws: ArrowError.self) { try PrimitiveBuilder<Int32>(type: .int64) }
    }

    @Test func valuesConvertExactlyOrNotAtAll() throws {
        let small = try makeBuilder(.int8)
        try small.append(.int(-128))
        try small.append(.uint(127))
        #expect(throws: ArrowError.self) { try small.append(.int(128)) }
        #expect(throws: ArrowError.self) { try small.append(.string("1")) }
        #expect(throws: ArrowError.self) { try small.append(.double(1)) }
        #expect(small.count == 2)
        let floats = try makeBuilder(.float64)
        try floats.append(.int(3))
        #expect(throws: ArrowError.self) { try floats.append(.int(1 << 53 + 1)) }
        let times = try makeBuilder(.time32(.second))
        try times.append(.time(5_000, .millisecond))
        #expect(throws: ArrowError.self) { try times.append(.time(5_001, .millisecond)) }
        let decimals = try makeBuilder(.decimal128(precision: 5, scale: 2))
        try decimals.append(.decimal(ArrowDecimal(15, precision: 3, scale: 1)))
        try decimals.append(.int(-999))
        #expect(throws: ArrowError.self) { try decimals.append(.decimal(ArrowDecimal(125, precision: 3, scale: 3))) }
        #expect(throws: ArrowError.self) { try decimals.append(.int(1000)) }
        #expect(try decimals.finishData().value(at: 0) == .decimal(ArrowDecimal(150, precision: 5, scale: 2)))
    }

    @Test func aFailedNestedAppendLeavesTheBuilderAsItWas() throws {
        let lists = try ListBuilder(type: .list(Field("item", .int16)))
        try lists.append(.list([.int(1), .int(2)]))
        let error = #expect(throws: ArrowError.self) { try lists.append(.list([.int(3), .int(1 << 20)])) }
        #expect(error?.reason.contains("slot 1, item 1") == true, "\(String(describing: error))")
        #expect(lists.count == 1 && lists.values.count == 2)
        try lists.append(.list([]))
        lists.appendNull()
        let built = lists.finishData()
        #expect(throws: Never.self) { try built.validate(.full) }
        #expect(try (0..<3).map { try built.value(at: $0) } == [.list([.int(1), .int(2)]), .list([]), .null])

        let record = Field("r", .struct([Field("a", .int64), Field("b", .utf8, nullable: false)]))
        let structs = try StructBuilder(type: record.type)
        try structs.append(.struct(ArrowRecord(["a": .int(1), "b": .string("x")])))
        #expect(throws: ArrowError.self) { try structs.append(.struct(ArrowRecord(["a": .int(2), "b": .null]))) }
        #expect(throws: ArrowError.self) { try structs.append(.struct(ArrowRecord(["a": .int(2), "c": .string("y")]))) }
        try structs.append(.struct(ArrowRecord(["b": .string("y")])))
        let rows = structs.finishData()
        #expect(throws: Never.self) { try rows.validate(.full) }
        #expect(try rows.value(at: 1) == .struct(ArrowRecord(["a": .null, "b": .string("y")])))
    }

    @Test func builtByHandNestedValues() throws {
        let lists = try ListBuilder(type: .fixedSizeList(Field("item", .int32), listSize: 2))
        try lists.values.append(.int(1))
        try lists.values.append(.int(2))
        try lists.endList()
        try lists.values.append(.int(3))
        #expect(throws: ArrowError.self) { try lists.endList() }
        try lists.values.append(.int(4))
        try lists.endList()
        lists.appendNull()
        let built = lists.finishData()
        #expect(throws: Never.self) { try built.validate(.full) }
        #expect(built.length == 3 && built.children[0].length == 6)

        let colors = try DictionaryBuilder(type: .dictionary(index: .int8, value: .utf8, ordered: false))
        for color in ["red", "blue", "red"] { try colors.append(.string(color)) }
        colors.appendNull()
        #expect(colors.dictionaryCount == 2)
        let encoded = colors.finishData()
        #expect(encoded.dictionary?.length == 2)
        #expect(try (0..<4).map { try encoded.value(at: $0) } == [.string("red"), .string("blue"), .string("red"), .null])

        let runs = try RunEndEncodedBuilder(type: .runEndEncoded(runEnds: Field("run_ends", .int16, nullable: false), values: Field("values", .utf8)))
        for value in ["a", "a", "b"] { try runs.append(.string(value)) }
        try runs.appendNull()
        try runs.appendNull()
        let encodedRuns = runs.finishData()
        #expect(throws: Never.self) { try encodedRuns.validate(.full) }
        #expect(encodedRuns.children[0].length == 3)

        let union = try UnionBuilder(type: .union(.dense, [Field("i", .int64), Field("s", .utf8)], typeIds: [3, 5]))
        try union.append(.int(1))
        try union.append(.string("x"))
        try union.appendNull()
        #expect(throws: ArrowError.self) { try union.append(.bool(true)) }
        let unionData = union.finishData()
        #expect(throws: Never.self) { try unionData.validate(.full) }
        #expect(try (0..<3).map { try unionData.value(at: $0) } == [.int(1), .string("x"), .null])
    }

    @Test func stringOffsetsThatWouldOverflowAreErrors() throws {
        let strings = StringBuilder()
        let big = [UInt8](repeating: 97, count: 1 << 20)
        for _ in 0..<2047 { try strings.append(big) }
        #expect(throws: ArrowError.self) { try strings.append(big) }
        #expect(strings.count == 2047)
    }
}
