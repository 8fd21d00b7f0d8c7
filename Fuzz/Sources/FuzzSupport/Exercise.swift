import ArrowIPC
import Foundation

/// What the fuzz targets do with an input: read it the way a user would, with full
/// validation, and format every value of what decodes (up to a budget, so that one input
/// stays fast); streams are also read without validation, their values read through the
/// typed arrays (the `none` level must stay memory-safe). Any error is fine; a crash, a hang
/// or a huge allocation is a finding.
public enum Exercise {
    /// Full validation; decompression limited to what a fuzzing process may hold
    /// (libFuzzer stops at 2 GiB of memory).
    static let options = ArrowReadOptions(validation: .full)
        .maxDecompressedBufferSize(64 << 20).maxDecompressedBodySize(256 << 20)

    /// Reads `data` as a stream, batch by batch: validated and formatted, then unvalidated
    /// and read through the typed arrays.
    public static func stream(_ data: Data) {
        if var reader = try? ArrowStreamReader(data: data, options: options) {
            var budget = valueBudget
            while let batch = try? reader.next() { touch(batch, budget: &budget) }
        }
        guard var unvalidated = try? ArrowStreamReader(data: data, options: options.validation(.none)) else { return }
        var budget = valueBudget
        while let batch = try? unvalidated.next() {
            for column in batch.columnData {
                if let elements = makeArray(column) as? any RandomAccessCollection {
                    readElements(elements, budget: &budget)
                }
            }
        }
    }

    /// Reads the first elements of a typed array (each made from its bytes, handed to a function
    /// the optimizer cannot see into).
    static func readElements<Elements: RandomAccessCollection>(_ elements: Elements, budget: inout Int) {
        for element in elements.prefix(max(budget, 0)) {
            budget -= 1
            keep(element)
        }
    }

    @inline(never)
    private static func keep<Element>(_ element: Element) {
        withExtendedLifetime(element) {}
    }

    /// Reads `data` as a file: every batch by random access, then a projection of each column.
    public static func file(_ data: Data) {
        guard let reader = try? ArrowFileReader(data: data, options: options) else { return }
        var budget = valueBudget
        for index in 0..<reader.recordBatchCount {
            if let batch = try? reader.recordBatch(at: index) { touch(batch, budget: &budget) }
        }
        for column in reader.schema.fields.indices.prefix(8) {
            _ = try? reader.recordBatch(at: 0, columns: [column])
        }
    }

    /// Parses `data` as Arrow integration JSON and validates what it builds.
    public static func integrationJSON(_ data: Data) {
        guard let file = try? IntegrationFile(json: data) else { return }
        var budget = valueBudget
        for batch in file.batches {
            for column in batch.columnData where (try? column.validate(.full)) == nil { return }
            touch(batch, budget: &budget)
        }
    }

    /// Reads `data` as CSV three ways — small batches with widening (so that later batches
    /// widen and earlier ones are conformed), TSV without a header, and with types given —
    /// then checks every batch fully and formats its values. An array that fails validation
    /// is a finding: the readers must only build valid arrays.
    public static func csv(_ data: Data) {
        let runs = [
            CSVReadOptions(batchRowCount: 3, widensTypes: true, maximumRecordSize: 1 << 16),
            CSVReadOptions(delimiter: "\t", hasHeader: false, batchRowCount: 1000),
            CSVReadOptions(
                hasHeader: false, columnTypes: ["Column1": .decimal128(precision: 9, scale: 3), "Column2": .timestamp(.millisecond, timeZone: "UTC")],
                castOptions: .lenient, batchRowCount: 5),
        ]
        for options in runs {
            guard let reader = try? CSVReader(data: data, options: options) else { continue }
            check(reader)
        }
    }

    /// Reads `data` as JSON Lines (small batches, widening) and as one JSON array of objects,
    /// then checks and formats what it reads, as ``csv(_:)`` does.
    public static func jsonLines(_ data: Data) {
        let runs = [
            JSONReadOptions(batchRowCount: 2, widensTypes: true, maximumRecordSize: 1 << 16),
            JSONReadOptions(layout: .array, columnTypes: ["a": .int16, "t": .date32], batchRowCount: 100),
        ]
        for options in runs {
            guard let reader = try? JSONReader(data: data, options: options) else { continue }
            check(reader)
        }
    }

    /// Reads every batch of `reader` (as a table, so that batches read before a type widened
    /// are conformed to the last schema), validates each fully and formats its values.
    private static func check(_ reader: any TextBatchReader) {
        guard let table = try? reader.table() else { return }
        var budget = valueBudget
        for batch in table.batches {
            for column in batch.columnData {
                do {
                    try column.validate(.full)
                } catch {
                    fatalError("a text reader built an invalid array: \(error)")
                }
            }
            touch(batch, budget: &budget)
        }
    }

    /// How many values of one input are formatted.
    static let valueBudget = 2000

    static func touch(_ batch: RecordBatch, budget: inout Int) {
        // (Rows bounded by the budget too: a batch without columns can claim any row count.)
        for row in 0..<min(batch.rowCount, budget) {
            for column in batch.columnData where row < column.length {
                guard budget > 0 else { return }
                budget -= 1
                _ = try? ValueFormatter.text(column, at: row)
            }
        }
    }
}
