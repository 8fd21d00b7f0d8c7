import ArgumentParser
import Foundation

/// `arrow-ipc-benchmark trades INPUT OUTPUT`: the trades job of `scripts/benchmark_processes.py`,
/// one whole process (see `TradesJob`).
struct TradesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trades",
        abstract: "Run the trades job of the whole-process benchmark (scripts/benchmark_processes.py) once.",
        discussion: """
            Reads every batch of the trades file, computes the volume-weighted average price of \
            each symbol, writes the rows priced above their symbol's as a ZSTD-compressed IPC \
            stream, and prints the symbol count, the rows kept and the sum of the averages.
            """
    )

    @Argument(help: ArgumentHelp("The trades IPC file, with symbol (string), price (double) and qty (int32) columns.", valueName: "input.arrow"))
    var input: String

    @Argument(help: ArgumentHelp("The IPC stream to write.", valueName: "output.arrows"))
    var output: String

    func run() throws {
        try TradesJob.run(input: URL(fileURLWithPath: input), output: URL(fileURLWithPath: output))
    }
}
