import ArrowIPC

/// The export workloads: Arrow made from Swift values, beside pyarrow making it from Python
/// values (`pa.array`, `Table.from_pylist`, `to_pylist`). The values come from the first rows
/// of a table's batches, taken out untimed the same way on both sides.
enum BuildWorkload: CaseIterable {
    /// The numeric table's first 10 M `i64` values as `[Int64?]`, appended to an `Int64Builder`
    /// (pyarrow: `pa.array(list, pa.int64())`).
    case int64s
    /// The strings table's first 1 M `s` values as `[String?]`, appended to a `StringBuilder`
    /// (pyarrow: `pa.array(list, pa.string())`).
    case strings
    /// The numeric table's first 1 M rows as records (`ArrowRecord`s of `ArrowValue`s), made
    /// into a batch with its types inferred (pyarrow: `Table.from_pylist` of dicts).
    case records
    /// The numeric table's first 1 M rows as `NumericRow` structs, appended row by row to one
    /// typed builder per column and finished into a batch (pyarrow: `Table.from_pylist` of
    /// dicts).
    case batch
    /// A table's first 1 M rows as Codable structs, encoded by `ArrowEncoder` (pyarrow:
    /// `Table.from_pylist` of dicts).
    case codableEncode
    /// A table's first 1 M rows, one batch, decoded by `ArrowDecoder` into Codable structs
    /// (pyarrow: `to_pylist`).
    case codableDecode

    /// The name the driver uses.
    var name: String {
        switch self {
        case .int64s: "build_i64"
        case .strings: "build_string"
        case .records: "build_records"
        case .batch: "build_batch"
        case .codableEncode: "codable_encode"
        case .codableDecode: "codable_decode"
        }
    }

    /// How many values (or rows) the workload builds, at most: fewer when the table is smaller.
    var count: Int {
        switch self {
        case .int64s: 10_000_000
        case .strings, .records, .batch, .codableEncode, .codableDecode: 1_000_000
        }
    }

    /// What the workload does, and what pyarrow does beside it: its row label in the driver's report.
    var description: String {
        let count = "\(count / 1_000_000) M"
        return switch self {
        case .int64s: "\(count) Int64? -> array (pa.array)"
        case .strings: "\(count) String? -> array (pa.array)"
        case .records: "\(count) records -> batch (from_pylist)"
        case .batch: "\(count) rows -> builders -> batch (from_pylist)"
        case .codableEncode: "\(count) Codable -> batch (from_pylist)"
        case .codableDecode: "batch -> \(count) Codable (to_pylist)"
        }
    }

    /// The tables the workload runs on.
    var tables: [String] {
        switch self {
        case .int64s, .records, .batch: ["numeric"]
        case .strings: ["strings"]
        case .codableEncode, .codableDecode: TableBenchmark.tableNames
        }
    }

    /// Runs the workload `repeats` times on the first rows of `batches` (of table `table`),
    /// reporting the times and the checks the driver compares with pyarrow's.
    func run(table: String, batches: [RecordBatch], repeats: Int) throws {
        let first = try RecordBatch.concatenate(try firstRows(batches))
        switch self {
        case .int64s:
            let values = Array(try Int64Array(column("i64", of: first).data))
            var built: Int64Array?
            let runs = try measure(repeats: repeats) {
                let builder = Int64Builder()
                builder.reserve(values.count)
                for value in values { builder.append(value) }
                built = builder.finish()
            }
            guard let built else { return }
            report(table, runs, [("rows", Int64(built.length)), ("nulls", Int64(built.nullCount)), ("sum", try sumOfValidValues(built.data))])
        case .strings:
            let values = Array(try StringArray(column("s", of: first).data))
            var built: StringArray?
            let runs = try measure(repeats: repeats) {
                let builder = StringBuilder()
                builder.reserve(values.count)
                for value in values { try builder.append(value) }
                built = try StringArray(builder.finishData())
            }
            guard let built else { return }
            let bytes = built.reduce(Int64(0)) { $0 + Int64($1?.utf8.count ?? 0) }
            report(table, runs, [("rows", Int64(built.length)), ("nulls", Int64(built.nullCount)), ("bytes", bytes)])
        case .records:
            let records = try first.rows()
            var built = first
            let runs = try measure(repeats: repeats) { built = try RecordBatch(inferringRecords: records) }
            report(table, runs, try checks(built))
        case .batch:
            let rows = try ArrowDecoder().decode(NumericRow.self, from: first)
            var built = first
            let runs = try measure(repeats: repeats) {
                let (i64, f64, i32, bool) = (Int64Builder(), Float64Builder(), Int32Builder(), BooleanBuilder())
                i64.reserve(rows.count)
                f64.reserve(rows.count)
                i32.reserve(rows.count)
                for row in rows {
                    i64.append(row.i64)
                    f64.append(row.f64)
                    i32.append(row.i32)
                    bool.append(row.bool)
                }
                built = try RecordBatch(
                    names: ["i64", "f64", "i32", "bool"], columns: [i64.finish(), f64.finish(), i32.finish(), bool.finish()])
            }
            report(table, runs, try checks(built))
        case .codableEncode:
            let runs: [Double]
            var built = first
            if table == "numeric" {
                let rows = try ArrowDecoder().decode(NumericRow.self, from: first)
                runs = try measure(repeats: repeats) { built = try ArrowEncoder().encode(rows) }
            } else {
                let rows = try ArrowDecoder().decode(StringsRow.self, from: first)
                runs = try measure(repeats: repeats) { built = try ArrowEncoder().encode(rows) }
            }
            report(table, runs, try checks(built))
        case .codableDecode:
            let runs: [Double]
            var rows = 0, nulls: Int64 = 0, sum: Int64 = 0
            if table == "numeric" {
                var decoded: [NumericRow] = []
                runs = try measure(repeats: repeats) { decoded = try ArrowDecoder().decode(NumericRow.self, from: first) }
                rows = decoded.count
                for row in decoded { if let value = row.i64 { sum &+= value } else { nulls += 1 } }
            } else {
                var decoded: [StringsRow] = []
                runs = try measure(repeats: repeats) { decoded = try ArrowDecoder().decode(StringsRow.self, from: first) }
                rows = decoded.count
                for row in decoded { if let value = row.i64 { sum &+= value } else { nulls += 1 } }
            }
            report(table, runs, [("rows", Int64(rows)), ("i64_nulls", nulls), ("sum_i64", sum)])
        }
    }

    /// The first ``count`` rows of `batches`.
    private func firstRows(_ batches: [RecordBatch]) throws -> [RecordBatch] {
        var taken: [RecordBatch] = []
        var rows = 0
        for batch in batches where rows < count {
            let length = min(batch.rowCount, count - rows)
            taken.append(try batch.slice(0, length))
            rows += length
        }
        return taken
    }

    /// The rows of a batch the workload made, the nulls of its `i64` column and their sum.
    private func checks(_ batch: RecordBatch) throws -> [(String, Int64)] {
        let values = try column("i64", of: batch)
        return [("rows", Int64(batch.rowCount)), ("i64_nulls", Int64(values.nullCount)), ("sum_i64", try sumOfValidValues(values.data))]
    }

    private func column(_ name: String, of batch: RecordBatch) throws -> any ArrowArray {
        guard let column = batch.column(name) else { throw BenchmarkError("the batch has no column '\(name)'") }
        return column
    }

    private func report(_ table: String, _ runs: [Double], _ checks: [(String, Int64)]) {
        Report.timing(table: table, workload: name, runs: runs)
        for (check, value) in checks {
            Report.check(table: table, name: "\(name)_\(check)", value: value)
        }
    }
}

/// A row of the numeric table, as a Swift program declares it.
struct NumericRow: Codable {
    var i64: Int64?
    var f64: Double?
    var i32: Int32?
    var bool: Bool?
}

/// A row of the strings table, as a Swift program declares it.
struct StringsRow: Codable {
    var s: String?
    var i64: Int64?
}
