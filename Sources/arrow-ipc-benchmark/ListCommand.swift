import ArgumentParser
import Foundation

/// `arrow-ipc-benchmark list`: the workloads, one JSON object per line, in the order they run.
/// `scripts/benchmark_pyarrow.py` reads this as its list of workloads: their names,
/// descriptions, groups, tables and parameters are written here only.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print the workloads as JSON lines, in the order they run.",
        discussion: """
            Each line holds a workload's name, description, group (plain, compressed, kernels, \
            cast, values or build), tables, whether it writes, whether it is timed per \
            operation (per_operation), and where they apply its codec, parallel, percent \
            (of the rows a filter keeps) and count (indices, rows or values it takes).
            """
    )

    func run() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        for workload in Workload.all {
            let line = try encoder.encode(Listing(workload))
            FileHandle.standardOutput.write(line + Data("\n".utf8))
        }
    }

    /// One workload's line.
    private struct Listing: Encodable {
        let name: String
        let description: String
        let group: WorkloadGroup
        let tables: [String]
        let writes: Bool
        let perOperation: Bool
        let codec: String?
        let parallel: Bool?
        let percent: Int?
        let count: Int?

        init(_ workload: Workload) {
            name = workload.name
            description = workload.description
            group = workload.group
            tables = workload.tables
            writes = workload.writes
            perOperation = workload.perOperation
            codec = workload.codec?.rawValue
            parallel = workload.parallel
            if case .filter(let percent) = workload { self.percent = percent } else { percent = nil }
            count = workload.count
        }
    }
}
