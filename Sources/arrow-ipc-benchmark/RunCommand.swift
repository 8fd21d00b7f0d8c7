import ArgumentParser
import ArrowIPC
import Foundation

/// `arrow-ipc-benchmark run` (the default command): times workloads on the tables in a data
/// folder, printing one JSON line per timing and per check (see `Report`).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Time workloads on the tables in a data folder, one JSON line per timing and per check.",
        discussion: """
            The workloads, by group (`arrow-ipc-benchmark list` prints them as JSON lines, with \
            their tables and parameters):

            \(Workload.summary)

            Outputs are written beside the tables (swift-NAME.arrow, swift-NAME.arrows, \
            swift-NAME-CODEC.arrow), where scripts/benchmark_pyarrow.py checks them.
            """
    )

    @Option(help: ArgumentHelp(
        "The folder of the tables scripts/benchmark_pyarrow.py generated: NAME.arrow, NAME.arrows, NAME-CODEC.arrow, NAME-take.arrow and NAME-masks.arrow.",
        valueName: "dir"))
    var data: String

    @Option(help: "Timed runs of each workload.")
    var repeats = 5

    @Option(help: "Operations per timed run of the workloads timed per operation (random_access, batch_at, row_values, row_values_batch).")
    var randomAccessIterations = 1000

    @Option(help: "How the readers validate what they read.")
    var validation = ValidationChoice.default

    @Option(
        help: ArgumentHelp(
            "The tables to run on, comma-separated: \(TableBenchmark.tableNames.joined(separator: ", ")) (default: all of them, in that order).",
            valueName: "names"),
        transform: RunCommand.tables)
    var tables = TableBenchmark.tableNames

    @Option(
        help: ArgumentHelp(
            "The workloads to run, comma-separated, by name (default: all of them, in the order `list` prints).",
            valueName: "names"),
        transform: RunCommand.workloads)
    var workloads = Workload.all

    func validate() throws {
        guard repeats > 0 else { throw ValidationError("--repeats needs a positive number, not \(repeats)") }
        guard randomAccessIterations > 0 else {
            throw ValidationError("--random-access-iterations needs a positive number, not \(randomAccessIterations)")
        }
    }

    func run() throws {
        for table in tables {
            let benchmark = TableBenchmark(
                name: table, directory: URL(fileURLWithPath: data), repeats: repeats,
                randomAccessIterations: randomAccessIterations, options: ArrowReadOptions(validation: validation.level))
            try benchmark.run(workloads)
        }
    }

    /// The tables a comma-separated `--tables` names.
    private static func tables(_ argument: String) throws -> [String] {
        try argument.split(separator: ",", omittingEmptySubsequences: false).map { name in
            guard TableBenchmark.tableNames.contains(String(name)) else {
                throw ValidationError(
                    "unknown table '\(name)'; the tables are \(TableBenchmark.tableNames.joined(separator: ", "))")
            }
            return String(name)
        }
    }

    /// The workloads a comma-separated `--workloads` names.
    private static func workloads(_ argument: String) throws -> [Workload] {
        try argument.split(separator: ",", omittingEmptySubsequences: false).map { name in
            guard let workload = Workload(name: String(name)) else {
                throw ValidationError("unknown workload '\(name)'; `arrow-ipc-benchmark list` prints the workloads")
            }
            return workload
        }
    }
}
