import ArgumentParser
import ArrowIPC
import Foundation

/// The `arrow-ipc` command: look into, print, convert and check Arrow IPC files and streams.
@main
struct ArrowIPCTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arrow-ipc",
        abstract: "Inspect, print, convert, validate and recover Arrow IPC files (.arrow, Feather v2) and streams (.arrows), and legacy Feather V1 files.",
        discussion: "Exit codes: 0 success, 1 invalid input or failure, 2 usage error.",
        version: "0.1.0",
        subcommands: [Inspect.self, Cat.self, Convert.self, Validate.self, Recover.self, Integration.self]
    )

    /// Runs a command and maps failures to the documented exit codes.
    static func main() {
        ProcessSignals.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch ArrowError.invalidArgument(let reason) {
            // Arguments that do not fit the input: a row or column it lacks, a level without a codec.
            usageError(reason)
        } catch let error as ArrowError {
            fail(error.description)
        } catch let error as CommandFailure {
            fail(error.message)
        } catch let error as UsageFailure {
            usageError(error.message)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                usageError(oneLine(message(for: error)))
            }
            exit(withError: error)
        }
    }

    /// ArgumentParser's message as one line, as every other failure is: its first line and
    /// the choices it lists (`- a`, `- b` become `a, b`); the usage is one `--help` away.
    private static func oneLine(_ message: String) -> String {
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var first = lines.first ?? message
        if first.hasPrefix("Error: ") { first = String(first.dropFirst(7)) }
        let choices = lines.dropFirst().filter { $0.hasPrefix("- ") }.map { $0.dropFirst(2) }
        return choices.isEmpty ? first : first + " " + choices.joined(separator: ", ")
    }

    private static func usageError(_ message: String) -> Never {
        StandardOutput.writeError("arrow-ipc: \(message)\n")
        Foundation.exit(2)
    }

    private static func fail(_ message: String) -> Never {
        StandardOutput.writeError("arrow-ipc: \(message)\n")
        Foundation.exit(1)
    }
}

/// A failure that is not about Arrow data, such as a file that cannot be replaced.
struct CommandFailure: Error {
    let message: String
}

/// A usage error found after the arguments parsed, such as a column the input does not have:
/// one line, exit code 2.
struct UsageFailure: Error {
    let message: String
}
