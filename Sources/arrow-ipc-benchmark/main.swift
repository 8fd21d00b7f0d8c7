// Times the library's IPC workloads on the tables that `scripts/benchmark_pyarrow.py` wrote,
// printing one JSON line per result. Run through `scripts/benchmark`, which runs the same
// workloads in pyarrow and prints the ratios.
import ArrowIPC
import Foundation

let usage = """
    usage: arrow-ipc-benchmark --data DIR [--repeats N] [--random-access-iterations N]
                               [--validation none|default|full] [--tables numeric,strings]
                               [--workloads NAME,...]
           arrow-ipc-benchmark trades INPUT.arrow OUTPUT.arrows   (one whole-process job; see TradesJob.swift)
    workloads: write_file, write_stream, read_file, read_stream, read_pipe, read_pipe_async (the
               stream as `cat` sends it through a pipe, sync and async readers), read_file_sum,
               random_access, batch_at, and for CODEC lz4 or zstd: write_file_CODEC, read_file_CODEC (on all
               cores) and write_file_CODEC_1thread, read_file_CODEC_1thread (on one); the kernels
               take (1 M random rows), filter_50 and filter_1 (random masks keeping 50% and 1%); the casts
               cast_i64_f64, cast_i64_i32, cast_f64_string (numeric table), cast_string_i64,
               cast_string_timestamp (strings table); the values: row_values (open the file and
               read its first 1,000 rows as records of values) and row_values_batch (the same rows
               from their batches decoded beforehand); Arrow from values: build_i64 (10 M Int64?,
               numeric), build_string (1 M String?, strings), build_records (1 M records, numeric),
               build_batch (1 M rows through one typed builder per column, numeric),
               codable_encode and codable_decode (1 M Codable structs, both tables). random_access,
               batch_at and the values are timed per operation, --random-access-iterations of them
               per run
    """

/// The command line, parsed.
struct Arguments {
    var directory: URL?
    var repeats = 5
    var randomAccessIterations = 1000
    var tables = ["numeric", "strings"]
    var workloads = Workload.all
    var validation = ValidationLevel.default

    init(_ words: [String]) throws {
        var rest = words[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchmarkError("\(flag) needs a value\n\(usage)") }
            switch flag {
            case "--data": directory = URL(fileURLWithPath: value)
            case "--repeats": repeats = try Self.positive(value, flag)
            case "--random-access-iterations": randomAccessIterations = try Self.positive(value, flag)
            case "--validation":
                switch value {
                case "none": validation = .none
                case "default": validation = .default
                case "full": validation = .full
                default: throw BenchmarkError("--validation takes none, default or full\n\(usage)")
                }
            case "--tables": tables = value.split(separator: ",").map(String.init)
            case "--workloads":
                workloads = try value.split(separator: ",").map {
                    guard let workload = Workload(name: String($0)) else {
                        throw BenchmarkError("unknown workload '\($0)'\n\(usage)")
                    }
                    return workload
                }
            default: throw BenchmarkError("unknown option \(flag)\n\(usage)")
            }
        }
        guard directory != nil else { throw BenchmarkError("--data is required\n\(usage)") }
    }

    private static func positive(_ value: String, _ flag: String) throws -> Int {
        guard let number = Int(value), number > 0 else { throw BenchmarkError("\(flag) needs a positive number") }
        return number
    }
}

do {
    let words = Array(CommandLine.arguments.dropFirst())
    if words.first == "trades" {
        guard words.count == 3 else { throw BenchmarkError("usage: arrow-ipc-benchmark trades INPUT.arrow OUTPUT.arrows") }
        try TradesJob.run(input: URL(fileURLWithPath: words[1]), output: URL(fileURLWithPath: words[2]))
        exit(0)
    }
    let arguments = try Arguments(words)
    for table in arguments.tables {
        let benchmark = TableBenchmark(
            name: table, directory: arguments.directory ?? URL(fileURLWithPath: "."),
            repeats: arguments.repeats, randomAccessIterations: arguments.randomAccessIterations,
            options: ArrowReadOptions(validation: arguments.validation))
        try benchmark.run(arguments.workloads)
    }
} catch {
    FileHandle.standardError.write(Data("arrow-ipc-benchmark: \(error)\n".utf8))
    exit(1)
}
