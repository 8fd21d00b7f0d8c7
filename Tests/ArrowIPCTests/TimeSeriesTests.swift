import Foundation
import Testing
@testable import ArrowIPC

/// Time and event series from a file's time column.
struct TimeSeriesTests {
    /// Rows out of time order: Day (date32), When (timestamp ms, UTC), Quantity, Label.
    static func source(days: [Int32?] = [19_003, 19_001, 19_002, 19_000], batchSize: Int = 2) throws -> ArrowIPCSource {
        let schema = Schema([
            Field("Label", .utf8), Field("Day", .date32), Field("When", .timestamp(.millisecond, timeZone: "UTC")),
            Field("Quantity", .int64),
        ])
        let writer = try ArrowFileWriter(schema: schema)
        for start in stride(from: 0, to: days.count, by: batchSize) {
            let rows = start..<min(start + batchSize, days.count)
            try writer.write(try RecordBatch(schema: schema, columns: [
                StringArray(rows.map { "r\($0)" }),
                try Int32Array(rows.map { days[$0] }, type: .date32),
                try Int64Array(rows.map { Int64(days[$0] ?? 0) * 86_400_000 + 5 }, type: .timestamp(.millisecond, timeZone: "UTC")),
                Int64Array(rows.map { Int64($0 * 10) }),
            ]))
        }
        return try ArrowIPCSource(data: try writer.finish())
    }

    @Test func aTimeSeriesIsSortedByTime() throws {
        let series = try Self.source().timeSeries(columns: ColumnSelection(parsing: "Quantity"))
        #expect(series.timeColumn == "Day" && series.timeType == .date32)
        #expect(series.times == [19_000, 19_001, 19_002, 19_003])
        #expect(series.dates.first == Date(timeIntervalSince1970: 19_000 * 86_400))
        #expect(series.values.schema.fields.map(\.name) == ["Quantity"])
        #expect(try series.values.rows().map { $0["Quantity"] } == [.int(30), .int(10), .int(20), .int(0)])
        #expect(series.table.schema.fields.map(\.name) == ["Day", "Quantity"])
        #expect(try series.table.rows().map { $0["Day"] } == (19_000...19_003).map { .date32(Int32($0)) })
        #expect(try series.table.rows().map { $0["Quantity"] } == [.int(30), .int(10), .int(20), .int(0)])
        let byTimestamp = try Self.source().timeSeries(timeColumn: "When")
        #expect(byTimestamp.timeType == .timestamp(.millisecond, timeZone: "UTC"))
        #expect(byTimestamp.times.first == Int64(19_000) * 86_400_000 + 5)
        #expect(byTimestamp.values.schema.fields.map(\.name) == ["Label", "Day", "Quantity"])
        #expect(try byTimestamp.values.row(0)["Label"] == .string("r3"))
    }

    @Test func anEventSeriesKeepsInputOrderAndRepeats() throws {
        let source = try Self.source(days: [19_001, 19_000, 19_001])
        let events = try source.eventSeries(rows: RowSelection(parsing: "0:3"), columns: ColumnSelection(parsing: "Label"))
        #expect(events.times == [19_001, 19_000, 19_001])
        #expect(try events.values.rows().map { $0["Label"] } == ["r0", "r1", "r2"].map(ArrowValue.string))
        #expect(throws: ArrowError.self) { try source.timeSeries() }
        let renamed = try source.eventSeries(columns: ColumnSelection(parsing: "Quantity"), options: ImportOptions(columnNames: ["Q"]))
        #expect(renamed.values.schema.fields.map(\.name) == ["Q"])
    }

    @Test func partialImportsApply() throws {
        let series = try Self.source().timeSeries(rows: RowSelection(parsing: "-2:"), columns: ColumnSelection(parsing: "Label"))
        #expect(series.times == [19_000, 19_002])
        #expect(try series.values.rows().map { $0["Label"] } == [.string("r3"), .string("r2")])
    }

    @Test func missingTimesAreErrorsThatSaySo() throws {
        #expect(throws: ArrowError.invalidData("the time column 'Day' has a null at row 1; every row of a series needs a time")) {
            try Self.source(days: [19_000, nil, 19_002]).timeSeries()
        }
        #expect(throws: ArrowError.self) { try Self.source().timeSeries(timeColumn: "Quantity") }
        #expect(throws: ArrowError.self) { try Self.source().timeSeries(timeColumn: "Nope") }
        let batch = try RecordBatch(names: ["x"], columns: [Int64Array([1])])
        let writer = try ArrowStreamWriter(schema: batch.schema)
        try writer.write(batch)
        #expect(throws: ArrowError.invalidArgument("the input has no date or timestamp column to index a time series by")) {
            try ArrowIPCSource(data: try writer.finish()).eventSeries()
        }
    }

    @Test func aTimeColumnClaimingHugeRowCountsIsRefused() throws {
        // A run-end encoded date column of 2^60 rows in one run takes no memory.
        let runEnds = Int64Array([1 << 60])
        let values = try Int32Array([19_000], type: .date32)
        let days = try RunEndEncodedArray(runEnds: runEnds, values: values)
        let batch = try RecordBatch(names: ["Day"], columns: [days])
        let writer = try ArrowStreamWriter(schema: batch.schema)
        try writer.write(batch)
        let source = try ArrowIPCSource(data: try writer.finish())
        #expect(source.rowCount == 1 << 60)
        let error = #expect(throws: ArrowError.self) { try source.timeSeries() }
        #expect(error?.reason.contains("more times than this machine's memory holds") == true, "\(String(describing: error))")
    }
}
