import ArrowIPC

/// The cast workloads: one column of every batch of a table cast to another type, strictly,
/// as `pyarrow.compute.cast(…, safe=True)` does on pyarrow's side. Inputs that the table does
/// not hold as such are made from its columns first, untimed, the same way on both sides.
enum CastWorkload: CaseIterable {
    /// The numeric table's `i64` (±10^12) to `double`.
    case int64ToFloat64
    /// The numeric table's `i32`, widened to `int64` beforehand, back to `int32`.
    case int64ToInt32
    /// The numeric table's `f64` (standard normal) to `string`.
    case float64ToString
    /// The strings table's `i64`, written as strings beforehand, to `int64`.
    case stringToInt64
    /// The strings table's `i64` as milliseconds since the epoch (years 1938 to 2001), written
    /// as strings beforehand (`1968-04-12 11:23:45.678`), to `timestamp[ms]`.
    case stringToTimestamp

    /// The name the driver uses: `cast_i64_f64`, …
    var name: String {
        switch self {
        case .int64ToFloat64: "cast_i64_f64"
        case .int64ToInt32: "cast_i64_i32"
        case .float64ToString: "cast_f64_string"
        case .stringToInt64: "cast_string_i64"
        case .stringToTimestamp: "cast_string_timestamp"
        }
    }

    /// What the workload does: its row label in the driver's report.
    var description: String {
        switch self {
        case .int64ToFloat64: "cast int64 -> double"
        case .int64ToInt32: "cast int64 -> int32"
        case .float64ToString: "cast double -> string"
        case .stringToInt64: "cast string -> int64"
        case .stringToTimestamp: "cast string -> timestamp[ms]"
        }
    }

    /// The table whose batches the workload casts; it does not run on the other.
    var table: String {
        switch self {
        case .int64ToFloat64, .int64ToInt32, .float64ToString: "numeric"
        case .stringToInt64, .stringToTimestamp: "strings"
        }
    }

    /// The type the workload casts to.
    var target: DataType {
        switch self {
        case .int64ToFloat64: .float64
        case .int64ToInt32: .int32
        case .float64ToString: .utf8
        case .stringToInt64: .int64
        case .stringToTimestamp: .timestamp(.millisecond, timeZone: nil)
        }
    }

    /// The column cast, one array per batch, made from `batches` (untimed).
    func inputs(_ batches: [RecordBatch]) throws -> [ArrayData] {
        try batches.map { batch in
            switch self {
            case .int64ToFloat64: return try column("i64", of: batch)
            case .int64ToInt32: return try column("i32", of: batch).cast(to: .int64)
            case .float64ToString: return try column("f64", of: batch)
            case .stringToInt64: return try column("i64", of: batch).cast(to: .utf8)
            case .stringToTimestamp:
                let milliseconds = try column("i64", of: batch)
                return try milliseconds.cast(to: .timestamp(.millisecond, timeZone: nil)).cast(to: .utf8)
            }
        }
    }

    /// A number computed from the results, which pyarrow's must equal: the sum of the valid
    /// values (as integers), or for strings the total of their UTF-8 bytes.
    func check(_ results: [ArrayData]) throws -> Int64 {
        try results.reduce(Int64(0)) { total, result in
            switch self {
            case .int64ToFloat64:
                let values = try Float64Array(result)
                return total &+ values.reduce(Int64(0)) { $0 &+ ($1.map { Int64($0) } ?? 0) }
            case .int64ToInt32:
                let values = try Int32Array(result)
                return total &+ values.reduce(Int64(0)) { $0 &+ ($1.map { Int64($0) } ?? 0) }
            case .float64ToString:
                let strings = try StringArray(result)
                return total &+ (0..<strings.length).reduce(Int64(0)) { sum, index in
                    sum &+ Int64(strings.withUnsafeBytes(at: index) { $0?.count ?? 0 })
                }
            case .stringToInt64, .stringToTimestamp:
                return total &+ (try sumOfValidValues(result.cast(to: .int64)))
            }
        }
    }

    private func column(_ name: String, of batch: RecordBatch) throws -> ArrayData {
        guard let index = batch.schema.index(of: name) else {
            throw BenchmarkError("the \(table) table has no column '\(name)'")
        }
        return batch.columnData[index]
    }
}
