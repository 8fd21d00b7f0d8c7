import Foundation
import Testing
@testable import ArrowIPC

/// One-call export of batches, tables, records and time series, and writers that leave no
/// file unless finished.
struct ExportTests {
    static func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID())-\(name)")
    }

    @Test(arguments: [false, true])
    func tablesAndBatchesWriteInOneCall(_ streamable: Bool) throws {
        let batch = try RecordBatch(inferring: ["id": [1, 2, 3], "name": ["a", "b", "c"]])
        let table = try Table(schema: batch.schema, batches: [batch, batch])
        let url = Self.temporaryURL(streamable ? "t.arrows" : "t.arrow")
        defer { try? FileManager.default.removeItem(at: url) }
        let options = ExportOptions(streamable: streamable, compression: .zstd, level: 0.5, footerMetadata: streamable ? [:] : ["by": "test"])
        try table.write(to: url, options: options)
        let source = try ArrowIPCSource(url: url)
        #expect(source.summary.format == (streamable ? .stream : .file))
        #expect(source.rowCount == 6)
        #expect(try source.table().rows() == table.rows())
        if !streamable { #expect(source.metaInformation.footer == ["by": "test"]) }
        let bytes = try batch.arrowData(options: ExportOptions(streamable: streamable))
        #expect(try ArrowIPCSource(data: bytes).data() == batch.rows().map(\.values))
    }

    @Test func recordsAndTimeSeriesExport() throws {
        let records = [ArrowRecord(["x": .int(1)]), ArrowRecord(["x": .int(2), "y": .string("b")])]
        let source = try ArrowIPCSource(data: try records.arrowData())
        #expect(source.columnLabels == ["x", "y"])
        #expect(try source.dataset() == [ArrowRecord(["x": .int(1), "y": .null]), ArrowRecord(["x": .int(2), "y": .string("b")])])

        let days = try Int32Array([19_002, 19_000, 19_001], type: .date32)
        let batch = try RecordBatch(names: ["day", "v"], columns: [days, Int64Array([2, 0, 1])])
        let series = try ArrowIPCSource(data: try batch.arrowData()).timeSeries()
        let back = try ArrowIPCSource(data: try series.arrowData())
        #expect(back.columnLabels == ["day", "v"])
        #expect(try back.data(columns: ColumnSelection(parsing: "v")) == [[.int(0)], [.int(1)], [.int(2)]])
    }

    @Test func aWriterThatDoesNotFinishLeavesNoFile() throws {
        let batch = try RecordBatch(inferring: ["id": [1, 2, 3]])
        let url = Self.temporaryURL("dropped.arrow")
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            let writer = try ArrowFileWriter(url: url, schema: batch.schema)
            try writer.write(batch)
        }
        #expect(!FileManager.default.fileExists(atPath: url.path), "a dropped writer leaves nothing")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try ArrowStreamWriter.write(to: url, schema: batch.schema) { writer in
                try writer.write(batch)
                throw Stop()
            }
        }
        #expect(!FileManager.default.fileExists(atPath: url.path), "a closure that throws leaves nothing")
        let count = try ArrowFileWriter.write(to: url, schema: batch.schema) { writer in
            try writer.write(batch)
            return 1
        }
        #expect(try count == 1 && ArrowFileReader(url: url).recordBatchCount == 1)
        #expect(throws: ArrowError.self) {
            try batch.write(to: url, options: ExportOptions(level: 0.5))   // a level without a codec
        }
        #expect(try ArrowFileReader(url: url).recordBatchCount == 1, "a failed export leaves the old file")
    }

    /// `cancel()` abandons the output: the path keeps what it held, and the writer takes no more.
    @Test(arguments: [false, true])
    func aCancelledWriterLeavesThePathAsItWas(streamable: Bool) throws {
        let batch = try RecordBatch(inferring: ["id": [1, 2, 3]])
        let url = Self.temporaryURL("cancelled.arrow")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("before".utf8).write(to: url)
        let write: (RecordBatch) throws -> Void, finish: () throws -> Void, cancel: () -> Void
        if streamable {
            let writer = try ArrowStreamWriter(url: url, schema: batch.schema)
            (write, finish, cancel) = ({ try writer.write($0) }, { try writer.finish() }, writer.cancel)
        } else {
            let writer = try ArrowFileWriter(url: url, schema: batch.schema)
            (write, finish, cancel) = ({ try writer.write($0) }, { try writer.finish() }, writer.cancel)
        }
        try write(batch)
        cancel()
        cancel()
        #expect(try Data(contentsOf: url) == Data("before".utf8))
        #expect { try write(batch) } throws: { "\($0)".contains("cancelled") }
        #expect { try finish() } throws: { "\($0)".contains("cancelled") }
        #expect(try Data(contentsOf: url) == Data("before".utf8))
    }
}
