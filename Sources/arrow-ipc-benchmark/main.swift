// Times the library's IPC workloads on the tables that `scripts/benchmark_pyarrow.py` wrote,
// printing one JSON line per result. Run through `scripts/benchmark`, which runs the same
// workloads in pyarrow and prints the ratios.
import ArgumentParser
import ArrowIPC
import Foundation

/// The `arrow-ipc-benchmark` command: `run` (the default), `list` and `trades`.
struct BenchmarkTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arrow-ipc-benchmark",
        abstract: "Time the library's IPC workloads, the in-process benchmark that scripts/benchmark runs beside pyarrow.",
        discussion: "Exit codes: 0 success, 1 a failure of a workload, 64 a usage error.",
        subcommands: [RunCommand.self, ListCommand.self, TradesCommand.self],
        defaultSubcommand: RunCommand.self
    )

    /// Runs the command; a failure of the benchmark or of the library is reported on standard
    /// error with exit code 1, anything else (usage errors, `--help`) through ArgumentParser.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as BenchmarkError {
            fail(error.description)
        } catch let error as ArrowError {
            fail(error.description)
        } catch {
            exit(withError: error)
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("arrow-ipc-benchmark: \(message)\n".utf8))
        Foundation.exit(1)
    }
}

BenchmarkTool.main()
