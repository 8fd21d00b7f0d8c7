import ArrowIPC

/// The first rows of a file's batches as records of values, read through the library's public
/// value API (`RecordBatch.slice(_:_:)` and `rows()`, pyarrow's `slice(…).to_pylist()`), and
/// numbers computed from every value of them, which pyarrow's must equal.
struct RowValues {
    /// How many rows the workload reads.
    static let rowCount = 1000

    /// The rows read.
    private(set) var rows = 0
    /// The null values, in every column.
    private(set) var nulls: Int64 = 0
    /// The sum of the `i64` column's valid values, wrapping on overflow.
    private(set) var sumI64: Int64 = 0
    /// The sum of every integer value, in every column, wrapping on overflow.
    private(set) var integers: Int64 = 0
    /// The `true` values.
    private(set) var trues: Int64 = 0
    /// The sum of the bit patterns of the `double` values, wrapping on overflow.
    private(set) var doubleBits: Int64 = 0
    /// The UTF-8 bytes of the string values.
    private(set) var stringBytes: Int64 = 0

    /// Reads the first ``rowCount`` rows (or all, when there are fewer) of the `batchCount`
    /// batches that `batch` gives by index, as records, and adds every value up.
    init(batchCount: Int, sumColumn: String, batch: (Int) throws -> RecordBatch) throws {
        var batchIndex = 0
        while rows < Self.rowCount, batchIndex < batchCount {
            let batch = try batch(batchIndex)
            let count = min(Self.rowCount - rows, batch.rowCount)
            for record in try batch.slice(0, count).rows() {
                try add(record, sumColumn: sumColumn)
            }
            rows += count
            batchIndex += 1
        }
    }

    /// The checks of workload `workload`, by the names the driver compares with pyarrow's.
    func checks(_ workload: String) -> [(name: String, value: Int64)] {
        [
            ("rows", Int64(rows)), ("nulls", nulls), ("sum_i64", sumI64), ("integers", integers), ("trues", trues),
            ("double_bits", doubleBits), ("string_bytes", stringBytes),
        ].map { ("\(workload)_\($0.0)", $0.1) }
    }

    /// Adds up the values of `record`; throws on a kind of value the benchmark's tables do not hold.
    private mutating func add(_ record: ArrowRecord, sumColumn: String) throws {
        for (name, value) in zip(record.names, record.values) {
            switch value {
            case .null: nulls += 1
            case .int(let number):
                integers &+= number
                if name == sumColumn { sumI64 &+= number }
            case .bool(let flag): if flag { trues += 1 }
            case .double(let number): doubleBits &+= Int64(bitPattern: number.bitPattern)
            case .string(let text): stringBytes += Int64(text.utf8.count)
            default: throw BenchmarkError("column '\(name)' holds \(value), which the row-value checks do not add up")
            }
        }
    }
}
