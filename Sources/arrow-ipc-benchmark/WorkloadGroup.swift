/// The groups of workloads, which `--workloads` of the driver (`scripts/benchmark_pyarrow.py`)
/// can name beside the workloads and the codecs, and whose results it prints in tables of their own.
enum WorkloadGroup: String, CaseIterable, Encodable {
    /// Reading and writing uncompressed files and streams.
    case plain
    /// Reading and writing compressed files.
    case compressed
    /// `take` and `filter` on the batches in memory.
    case kernels
    /// The first rows of a file as records of values.
    case values
    /// Casts of one column of the batches in memory.
    case cast
    /// Arrow from Swift values, and Swift values from Arrow.
    case build
}
