import ArrowIPC

/// The workloads, by the names the driver uses.
enum Workload: Hashable {
    /// Write the in-memory batches as an IPC file.
    case writeFile
    /// Write the in-memory batches as an IPC stream.
    case writeStream
    /// Open the (pyarrow-written) file memory-mapped, decode every batch, touch its buffers.
    case readFile
    /// The same for the stream.
    case readStream
    /// Read the stream as `cat` sends it through a pipe, with the sync reader or the async
    /// reader, touching every batch's buffers.
    case readPipe(async: Bool)
    /// Read the file as `readFile` does and sum the valid values of its `i64` column.
    case readFileSum
    /// Open the file and decode its middle batch; timed per operation.
    case randomAccess
    /// Decode the middle batch of a file opened once beforehand; timed per operation.
    case batchAt
    /// Write the in-memory batches as an IPC file compressed with `codec` at its default level,
    /// with pyarrow's 8-byte alignment, compressing the buffers of a batch on all cores or on one.
    case writeCompressedFile(CompressionCodec, parallel: Bool)
    /// Open the file pyarrow compressed with `codec` memory-mapped, decode (decompress) every
    /// batch on all cores or on one, and touch its buffers.
    case readCompressedFile(CompressionCodec, parallel: Bool)
    /// Take the rows at 1 M random indices (pyarrow's `pc.take`) from the batches in memory:
    /// a table of one batch.
    case take
    /// Filter the batches in memory (pyarrow's `pc.filter`) with a random mask keeping
    /// `percent` % of the rows.
    case filter(percent: Int)
    /// Cast one column of every batch (already in memory) to another type.
    case cast(CastWorkload)
    /// Read the first 1,000 rows of the file as records of values (pyarrow's
    /// `slice(…).to_pylist()`), adding up every value: after opening the file and decoding the
    /// batches they are in (`opening`), or from those batches decoded beforehand, the file
    /// open; timed per operation.
    case rowValues(opening: Bool)
    /// Make Arrow from Swift values (builders, inference, Codable), or Swift values from Arrow.
    case build(BuildWorkload)

    /// Every workload, in the order they run by default and the driver reports them.
    static let all: [Workload] =
        [.writeFile, .writeStream, .readFile, .readStream, .readPipe(async: false), .readPipe(async: true), .readFileSum,
         .randomAccess, .batchAt]
        + CompressionCodec.allCases.flatMap { codec in
            [Workload.writeCompressedFile(codec, parallel: true), .writeCompressedFile(codec, parallel: false),
             .readCompressedFile(codec, parallel: true), .readCompressedFile(codec, parallel: false)]
        }
        + [.take] + TableBenchmark.filterPercents.map { Workload.filter(percent: $0) }
        + [.rowValues(opening: true), .rowValues(opening: false)]
        + CastWorkload.allCases.map(Workload.cast)
        + BuildWorkload.allCases.map(Workload.build)

    /// The workloads by group, a line each with its description, for `run --help`.
    static var summary: String {
        WorkloadGroup.allCases.map { group in
            "\(group.rawValue):\n" + all.filter { $0.group == group }.map { "  \($0.name): \($0.description)" }
                .joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// The workload called `name`, or `nil` when there is none.
    init?(name: String) {
        guard let workload = Self.all.first(where: { $0.name == name }) else { return nil }
        self = workload
    }

    /// The name the driver uses: `write_file`, `write_file_zstd`, `read_file_lz4_1thread`…
    var name: String {
        switch self {
        case .writeFile: "write_file"
        case .writeStream: "write_stream"
        case .readFile: "read_file"
        case .readStream: "read_stream"
        case .readPipe(let async): async ? "read_pipe_async" : "read_pipe"
        case .readFileSum: "read_file_sum"
        case .randomAccess: "random_access"
        case .batchAt: "batch_at"
        case .writeCompressedFile(let codec, let parallel): "write_file_\(codec.rawValue)\(parallel ? "" : "_1thread")"
        case .readCompressedFile(let codec, let parallel): "read_file_\(codec.rawValue)\(parallel ? "" : "_1thread")"
        case .take: "take"
        case .filter(let percent): "filter_\(percent)"
        case .cast(let cast): cast.name
        case .rowValues(let opening): opening ? "row_values" : "row_values_batch"
        case .build(let build): build.name
        }
    }

    /// Whether the workload writes the in-memory batches.
    var writes: Bool {
        switch self {
        case .writeFile, .writeStream, .writeCompressedFile: true
        case .readFile, .readStream, .readPipe, .readFileSum, .randomAccess, .batchAt, .readCompressedFile, .take, .filter, .cast,
             .rowValues, .build:
            false
        }
    }

    /// Whether the workload makes Arrow from Swift values or Swift values from Arrow.
    var builds: Bool {
        if case .build = self { true } else { false }
    }

    /// Whether the workload runs a kernel on the batches in memory.
    var runsKernel: Bool {
        switch self {
        case .take, .filter: true
        default: false
        }
    }

    /// What the workload does, in a few words: its row label in the driver's report.
    var description: String {
        switch self {
        case .writeFile: "write file"
        case .writeStream: "write stream"
        case .readFile: "read file (mmap, all batches)"
        case .readStream: "read stream (mmap, all batches)"
        case .readPipe(let async): async ? "read stream from a pipe, async reader" : "read stream from a pipe (cat)"
        case .readFileSum: "read file + sum \(TableBenchmark.sumColumn)"
        case .randomAccess: "open + batch(at: middle)"
        case .batchAt: "batch(at: middle), file open"
        case .writeCompressedFile(let codec, let parallel):
            "write file \(codec.rawValue) (\(parallel ? "all cores" : "1 thread"))"
        case .readCompressedFile(let codec, let parallel):
            "read file \(codec.rawValue) (\(parallel ? "all cores" : "1 thread"))"
        case .take: "take \(TableBenchmark.takeIndices / 1_000_000) M random rows"
        case .filter(let percent): "filter, random mask keeping \(percent)%"
        case .cast(let cast): cast.description
        case .rowValues(let opening):
            opening
                ? "open + first \(thousands(RowValues.rowCount)) rows as values"
                : "first \(thousands(RowValues.rowCount)) rows as values, batch decoded"
        case .build(let build): build.description
        }
    }

    /// The group the workload belongs to, which `--workloads` of the driver can name, and the
    /// table of the driver's report it is printed in.
    var group: WorkloadGroup {
        switch self {
        case .writeFile, .writeStream, .readFile, .readStream, .readPipe, .readFileSum, .randomAccess, .batchAt: .plain
        case .writeCompressedFile, .readCompressedFile: .compressed
        case .take, .filter: .kernels
        case .cast: .cast
        case .rowValues: .values
        case .build: .build
        }
    }

    /// The tables the workload runs on; it is skipped on the others.
    var tables: [String] {
        switch self {
        case .cast(let cast): [cast.table]
        case .build(let build): build.tables
        default: TableBenchmark.tableNames
        }
    }

    /// Whether the workload is timed per operation, `--random-access-iterations` of them per run.
    var perOperation: Bool {
        switch self {
        case .randomAccess, .batchAt, .rowValues: true
        default: false
        }
    }

    /// The codec of a compressed workload.
    var codec: CompressionCodec? {
        switch self {
        case .writeCompressedFile(let codec, _), .readCompressedFile(let codec, _): codec
        default: nil
        }
    }

    /// Whether a compressed workload compresses or decompresses the buffers of a batch on all
    /// cores (or on one).
    var parallel: Bool? {
        switch self {
        case .writeCompressedFile(_, let parallel), .readCompressedFile(_, let parallel): parallel
        default: nil
        }
    }

    /// How many rows, indices or values the workload takes: the indices `take` gathers, the
    /// rows read as values, the values (or rows) a build workload builds at most.
    var count: Int? {
        switch self {
        case .take: TableBenchmark.takeIndices
        case .rowValues: RowValues.rowCount
        case .build(let build): build.count
        default: nil
        }
    }
}

/// `number` with its thousands separated by commas: `1,000`.
private func thousands(_ number: Int) -> String {
    let digits = String(number.magnitude)
    var grouped = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
        grouped.append(digit)
    }
    return number < 0 ? "-" + grouped : grouped
}
