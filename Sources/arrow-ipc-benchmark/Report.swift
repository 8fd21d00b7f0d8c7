import Foundation

/// Prints one JSON object per line on standard output, the form the Python driver
/// (`scripts/benchmark_pyarrow.py`) reads.
enum Report {
    /// The times of the runs of `workload` on `table`; `operations` is how many operations each
    /// run did (1 except for per-operation workloads).
    static func timing(table: String, workload: String, runs: [Double], operations: Int = 1) {
        let times = runs.map { String($0) }.joined(separator: ",")
        emit(#"{"table":"\#(table)","workload":"\#(workload)","operations":\#(operations),"seconds":[\#(times)]}"#)
    }

    /// A value computed from the data, which the driver compares with pyarrow's to prove both
    /// sides read the same thing.
    static func check(table: String, name: String, value: Int64) {
        emit(#"{"table":"\#(table)","check":"\#(name)","value":\#(value)}"#)
    }

    private static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
