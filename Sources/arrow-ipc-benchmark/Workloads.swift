import ArrowIPC
import Foundation

/// The workloads, by the names the driver uses.
enum Workload: String, CaseIterable {
    /// Write the in-memory batches as an IPC file.
    case writeFile = "write_file"
    /// Write the in-memory batches as an IPC stream.
    case writeStream = "write_stream"
    /// Open the (pyarrow-written) file memory-mapped, decode every batch, touch its buffers.
    case readFile = "read_file"
    /// The same for the stream.
    case readStream = "read_stream"
    /// Read the file as `readFile` does and sum the valid values of its `i64` column.
    case readFileSum = "read_file_sum"
    /// Open the file and decode its middle batch; timed per operation.
    case randomAccess = "random_access"
    /// Decode the middle batch of a file opened once beforehand; timed per operation.
    case batchAt = "batch_at"
}

/// The workloads on one table: `NAME.arrow` and `NAME.arrows` in the data folder, both written
/// by pyarrow from the same batches. Outputs go to `swift-NAME.arrow(s)` beside them, where they
/// stay for the driver to check with pyarrow.
struct TableBenchmark {
    let name: String
    let repeats: Int
    /// Operations per timed run of the per-operation workloads.
    let randomAccessIterations: Int
    /// How the readers read (their validation level).
    let options: ArrowReadOptions
    private let fileURL: URL
    private let streamURL: URL
    private let fileOutput: URL
    private let streamOutput: URL

    /// The column whose valid values the scan workload sums.
    static let sumColumn = "i64"

    init(name: String, directory: URL, repeats: Int, randomAccessIterations: Int, options: ArrowReadOptions) {
        self.name = name
        self.repeats = repeats
        self.randomAccessIterations = randomAccessIterations
        self.options = options
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
        let writes = workloads.contains(.writeFile) || workloads.contains(.writeStream)
        let batches = writes ? try mapped.map(heapCopy) : []

        for workload in workloads {
            log("\(name): \(workload.rawValue)")
            switch workload {
            case .writeFile:
                let runs = try measure(repeats: repeats, prepare: { remove(fileOutput) }) {
                    let writer = try ArrowFileWriter(url: fileOutput, schema: schema)
                    for batch in batches { try writer.write(batch) }
                    try writer.finish()
                }
                Report.timing(table: name, workload: workload.rawValue, runs: runs)
            case .writeStream:
                let runs = try measure(repeats: repeats, prepare: { remove(streamOutput) }) {
                    let writer = try ArrowStreamWriter(url: streamOutput, schema: schema)
                    for batch in batches { try writer.write(batch) }
                    try writer.finish()
                }
                Report.timing(table: name, workload: workload.rawValue, runs: runs)
            case .readFile:
                var touched = 0
                let runs = try measure(repeats: repeats) {
                    let reader = try ArrowFileReader(url: fileURL, options: options)
                    for batch in try reader.readAll() { touched &+= bufferBytes(batch) }
                }
                Report.timing(table: name, workload: workload.rawValue, runs: runs)
                Report.check(table: name, name: "buffer_bytes", value: Int64(touched / repeats))
            case .readStream:
                var touched = 0
                let runs = try measure(repeats: repeats) {
                    var reader = try ArrowStreamReader(url: streamURL, options: options)
                    while let batch = try reader.next() { touched &+= bufferBytes(batch) }
                }
                Report.timing(table: name, workload: workload.rawValue, runs: runs)
                Report.check(table: name, name: "buffer_bytes_stream", value: Int64(touched / repeats))
            case .readFileSum:
                var total: Int64 = 0
                let runs = try measure(repeats: repeats) {
                    let reader = try ArrowFileReader(url: fileURL, options: options)
                    total = try sum(try reader.readAll(), column: sumIndex)
                }
                Report.timing(table: name, workload: workload.rawValue, runs: runs)
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
                    table: name, workload: workload.rawValue, runs: runs, operations: randomAccessIterations)
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
                    table: name, workload: workload.rawValue, runs: runs, operations: randomAccessIterations)
                Report.check(
                    table: name, name: "buffer_bytes_middle_open",
                    value: Int64(touched / (repeats * randomAccessIterations)))
            }
        }
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
