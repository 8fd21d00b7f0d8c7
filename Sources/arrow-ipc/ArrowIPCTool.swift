import ArgumentParser
import ArrowIPC
import Foundation

/// The `arrow-ipc` command: look into, print, convert and check Arrow IPC files and streams.
@main
struct ArrowIPCTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arrow-ipc",
        abstract: "Inspect, print, convert and validate Arrow IPC files (.arrow, Feather v2) and streams (.arrows).",
        discussion: "Exit codes: 0 success, 1 invalid input or failure, 2 usage error.",
        version: "0.1.0",
        subcommands: [Inspect.self, Cat.self, Convert.self, Validate.self, Integration.self]
    )

    /// Runs a command and maps failures to the documented exit codes.
    static func main() {
        ProcessSignals.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ArrowError {
            fail(error.description)
        } catch let error as CommandFailure {
            fail(error.message)
        } catch let error as UsageFailure {
            StandardOutput.writeError("arrow-ipc: \(error.message)\n")
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                StandardOutput.writeError(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
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
