import ArrowIPC
import Foundation

/// The workloads on one table: `NAME.arrow` and `NAME.arrows` in the data folder, both written
/// by pyarrow from the same batches, and `NAME-CODEC.arrow`, pyarrow's file compressed with each
/// codec at its default level. Outputs go to `swift-NAME.arrow(s)` and `swift-NAME-CODEC.arrow`
/// beside them, where they stay for the driver to check with pyarrow.
struct TableBenchmark {
    let name: String
    let repeats: Int
    /// Operations per timed run of the per-operation workloads.
    let randomAccessIterations: Int
    /// How the readers read (their validation level).
    let options: ArrowReadOptions
    private let directory: URL
    private let fileURL: URL
    private let streamURL: URL
    private let fileOutput: URL
    private let streamOutput: URL

    /// What the writers are given: files are not flushed to disk when they finish (pyarrow's
    /// writers do not flush either), so that both sides time the same work.
    static let writeOptions = ArrowWriteOptions().syncsToDisk(false)
    /// The column whose valid values the scan workload sums.
    static let sumColumn = "i64"
    /// The masks of the filter workloads keep these percentages of the rows.
    static let filterPercents = [50, 1]
    /// How many random row indices the take workload gathers (in `NAME-take.arrow`).
    static let takeIndices = 1_000_000
    /// The tables, which the driver generates: `numeric.arrow`, `strings.arrow`…
    static let tableNames = ["numeric", "strings"]

    init(name: String, directory: URL, repeats: Int, randomAccessIterations: Int, options: ArrowReadOptions) {
        self.name = name
        self.repeats = repeats
        self.randomAccessIterations = randomAccessIterations
        self.options = options
        self.directory = directory
        fileURL = directory.appendingPathComponent("\(name).arrow")
        streamURL = directory.appendingPathComponent("\(name).arrows")
        fileOutput = directory.appendingPathComponent("swift-\(name).arrow")
        streamOutput = directory.appendingPathComponent("swift-\(name).arrows")
    }

    /// Runs `workloads` in order, reporting each one's times and checks on standard output.
    func run(_ workloads: [Workload]) throws {
        let source = try ArrowFileReader(url: fileURL, options: options)
        let schema = source.schema
        let mapped = try source.readAll()
        guard let sumIndex = schema.index(of: Self.sumColumn) else {
            throw BenchmarkError("\(fileURL.path) has no column '\(Self.sumColumn)'")
        }
        Report.check(table: name, name: "rows", value: Int64(mapped.reduce(0) { $0 + $1.rowCount }))
        Report.check(table: name, name: "batches", value: Int64(mapped.count))
        Report.check(table: name, name: "sum_i64", value: try sum(mapped, column: sumIndex))
        // Untimed: for the writers, the batches copied out of the mapping onto the heap.
        let batches = workloads.contains(where: { $0.writes || $0.runsKernel || $0.builds }) ? try mapped.map(heapCopy) : []

        for workload in workloads where workload.tables.contains(name) {
            log("\(name): \(workload.name)")
            switch workload {
            case .writeFile:
                let runs = try measure(repeats: repeats, prepare: { remove(fileOutput) }) {
                    let writer = try ArrowFileWriter(url: fileOutput, schema: schema, options: Self.writeOptions)
                    for batch in batches { try writer.write(batch) }
                    try writer.finish()
                }
                Report.timing(table: name, workload: workload.name, runs: runs)
            case .writeStream:
                let runs = try measure(repeats: repeats, prepare: { remove(streamOutput) }) {
                    let writer = try ArrowStreamWriter(url: streamOutput, schema: schema, options: Self.writeOptions)
                    for batch in batches { try writer.write(batch) }
                    try writer.finish()
                }
                Report.timing(table: name, workload: workload.name, runs: runs)
            case .readFile:
                var touched = 0
                let runs = try measure(repeats: repeats) {
                    let reader = try ArrowFileReader(url: fileURL, options: options)
                    for batch in try reader.readAll() { touched &+= bufferBytes(batch) }
                }
                Report.timing(table: name, workload: workload.name, runs: runs)
                Report.check(table: name, name: "buffer_bytes", value: Int64(touched / repeats))
            case .readStream:
                var touched = 0
                let runs = try measure(repeats: repeats) {
                    let reader = try ArrowStreamReader(url: streamURL, options: options)
                    while let batch = try reader.next() { touched &+= bufferBytes(batch) }
                }
                Report.timing(table: name, workload: workload.name, runs: runs)
                Report.check(table: name, name: "buffer_bytes_stream", value: Int64(touched / repeats))
            case .readPipe(let async):
                var touched = 0
                let runs = try measure(repeats: repeats) {
                    touched = try readThroughPipe(streamURL, async: async)
                }
                Report.timing(table: name, workload: workload.name, runs: runs)
                Report.check(table: name, name: "buffer_bytes_pipe", value: Int64(touched))
            case .readFileSum:
                var total: Int64 = 0
                let runs = try measure(repeats: repeats) {
                    let reader = try ArrowFileReader(url: fileURL, options: options)
                    total = try sum(try reader.readAll(), column: sumIndex)
                }
                Report.timing(table: name, workload: workload.name, runs: runs)
                Report.check(table: name, name: "sum_i64_read", value: total)
            case .randomAccess:
                let middle = source.recordBatchCount / 2
                var touched = 0
                let runs = try measure(repeats: repeats) {
                    for _ in 0..<randomAccessIterations {
                        let reader = try ArrowFileReader(url: fileURL, options: options)
                        touched &+= bufferBytes(try reader.recordBatch(at: middle))
                    }
                }
                Report.timing(
                    table: name, workload: workload.name, runs: runs, operations: randomAccessIterations)
                Report.check(
                    table: name, name: "buffer_bytes_middle",
                    value: Int64(touched / (repeats * randomAccessIterations)))
            case .batchAt:
                let middle = source.recordBatchCount / 2
                var touched = 0
                let runs = try measure(repeats: repeats) {
                    for _ in 0..<randomAccessIterations {
                        touched &+= bufferBytes(try source.recordBatch(at: middle))
                    }
                }
                Report.timing(
                    table: name, workload: workload.name, runs: runs, operations: randomAccessIterations)
                Report.check(
                    table: name, name: "buffer_bytes_middle_open",
                    value: Int64(touched / (repeats * randomAccessIterations)))
            case .writeCompressedFile(let codec, let parallel):
                try writeCompressed(batches, schema: schema, codec: codec, parallel: parallel, workload: workload)
            case .readCompressedFile(let codec, let parallel):
                try readCompressed(codec: codec, parallel: parallel, sumIndex: sumIndex, workload: workload)
            case .take:
                let table = try Table(schema: schema, batches: batches)
                let indices = try selectionColumn("take", "indices")
                var result = table
                let runs = try measure(repeats: repeats) { result = try table.take(indices) }
                Report.timing(table: name, workload: workload.name, runs: runs)
                try reportKernelChecks(result, prefix: workload.name, sumIndex: sumIndex)
            case .filter(let percent):
                let table = try Table(schema: schema, batches: batches)
                let mask = try BooleanArray(selectionColumn("masks", "mask_\(percent)").data)
                var result = table
                let runs = try measure(repeats: repeats) { result = try table.filter(mask) }
                Report.timing(table: name, workload: workload.name, runs: runs)
                try reportKernelChecks(result, prefix: workload.name, sumIndex: sumIndex)
            case .cast(let cast):
                // In heap memory, as pyarrow's batches are.
                let inputs = try cast.inputs(try mapped.map(heapCopy))
                var results: [ArrayData] = []
                let runs = try measure(repeats: repeats) {
                    results = try inputs.map { try $0.cast(to: cast.target) }
                }
                Report.timing(table: name, workload: workload.name, runs: runs)
                Report.check(table: name, name: cast.name, value: try cast.check(results))
            case .build(let build):
                try build.run(table: name, batches: batches, repeats: repeats)
            case .rowValues(let opening):
                // Untimed when not opening: the batches holding the first rows, mapped.
                var decoded: [RecordBatch] = []
                var decodedRows = 0
                while !opening, decodedRows < RowValues.rowCount, decoded.count < source.recordBatchCount {
                    decoded.append(try source.recordBatch(at: decoded.count))
                    decodedRows += decoded[decoded.count - 1].rowCount
                }
                var values: RowValues?
                let runs = try measure(repeats: repeats) {
                    for _ in 0..<randomAccessIterations {
                        if opening {
                            let reader = try ArrowFileReader(url: fileURL, options: options)
                            values = try RowValues(batchCount: reader.recordBatchCount, sumColumn: Self.sumColumn) {
                                try reader.recordBatch(at: $0)
                            }
                        } else {
                            values = try RowValues(batchCount: decoded.count, sumColumn: Self.sumColumn) { decoded[$0] }
                        }
                    }
                }
                Report.timing(
                    table: name, workload: workload.name, runs: runs, operations: randomAccessIterations)
                for check in values?.checks(workload.name) ?? [] {
                    Report.check(table: name, name: check.name, value: check.value)
                }
            }
        }
    }

    /// Times writing `batches` compressed with `codec` at 8-byte alignment, as pyarrow pads,
    /// into `swift-NAME-CODEC.arrow`; then writes them once more, untimed, at the library's
    /// default alignment (64 bytes) into `swift-NAME-CODEC-align64.arrow`, for its size.
    private func writeCompressed(
        _ batches: [RecordBatch], schema: Schema, codec: CompressionCodec, parallel: Bool, workload: Workload
    ) throws {
        let output = directory.appendingPathComponent("swift-\(name)-\(codec.rawValue).arrow")
        let writeOptions = Self.writeOptions.alignment(8).compression(codec).parallel(parallel)
        let runs = try measure(repeats: repeats, prepare: { remove(output) }) {
            try write(batches, schema: schema, to: output, options: writeOptions)
        }
        Report.timing(table: name, workload: workload.name, runs: runs)
        let aligned = directory.appendingPathComponent("swift-\(name)-\(codec.rawValue)-align64.arrow")
        remove(aligned)
        try write(batches, schema: schema, to: aligned, options: writeOptions.alignment(64))
    }

    private func write(_ batches: [RecordBatch], schema: Schema, to url: URL, options: ArrowWriteOptions) throws {
        let writer = try ArrowFileWriter(url: url, schema: schema, options: options)
        for batch in batches { try writer.write(batch) }
        try writer.finish()
    }

    /// Times reading pyarrow's `NAME-CODEC.arrow` as `readFile` reads the uncompressed file;
    /// then reads it once more, untimed, to report its row count and the sum of its `i64` column.
    private func readCompressed(codec: CompressionCodec, parallel: Bool, sumIndex: Int, workload: Workload) throws {
        let input = directory.appendingPathComponent("\(name)-\(codec.rawValue).arrow")
        let readOptions = options.parallel(parallel)
        var touched = 0
        let runs = try measure(repeats: repeats) {
            let reader = try ArrowFileReader(url: input, options: readOptions)
            for batch in try reader.readAll() { touched &+= bufferBytes(batch) }
        }
        Report.timing(table: name, workload: workload.name, runs: runs)
        Report.check(table: name, name: "buffer_bytes_\(codec.rawValue)", value: Int64(touched / repeats))
        let batches = try ArrowFileReader(url: input, options: readOptions).readAll()
        Report.check(table: name, name: "rows_\(codec.rawValue)", value: Int64(batches.reduce(0) { $0 + $1.rowCount }))
        Report.check(table: name, name: "sum_i64_\(codec.rawValue)", value: try sum(batches, column: sumIndex))
    }

    /// The column `column` of `NAME-KIND.arrow`, the indices or masks pyarrow generated for
    /// the kernel workloads (one batch).
    private func selectionColumn(_ kind: String, _ column: String) throws -> any ArrowArray {
        let url = directory.appendingPathComponent("\(name)-\(kind).arrow")
        let reader = try ArrowFileReader(url: url, options: options)
        guard let index = reader.schema.index(of: column), reader.recordBatchCount == 1 else {
            throw BenchmarkError("\(url.path) has no column '\(column)' in one batch")
        }
        return try reader.recordBatch(at: 0).column(index)
    }

    /// The row count of a kernel's result and the sum of its `i64` column, for the driver to
    /// compare with pyarrow's.
    private func reportKernelChecks(_ result: Table, prefix: String, sumIndex: Int) throws {
        Report.check(table: name, name: "\(prefix)_rows", value: Int64(result.rowCount))
        Report.check(table: name, name: "\(prefix)_sum_i64", value: try sum(result.batches, column: sumIndex))
    }

    private func sum(_ batches: [RecordBatch], column: Int) throws -> Int64 {
        try batches.reduce(Int64(0)) { $0 &+ (try sumOfValidValues($1.columnData[column])) }
    }

    private func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Progress, on standard error so that standard output stays JSON.
func log(_ message: String) {
    FileHandle.standardError.write(Data("  swift: \(message)\n".utf8))
}
