/// A failure of the benchmark itself (bad arguments, unexpected input data).
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
