/// Which rows to take from a table, written as Python indices and slices.
///
/// Rows are 0-based. A specification is a comma-separated list of items, each one of
/// - an index: `5`, or `-1` for the last row (negative indices count from the end);
/// - a slice `start:stop` or `start:stop:step`, any part optional: `2:10`, `0:100:5`, `-10:`,
///   `:5`, `::2`, `10:0:-1` (a negative step walks backwards, as in Python).
///
/// Indices and slices behave exactly as Python's: an index outside the table is an error,
/// slices are clamped to the table. The rows come out in the order written, so `9,1,4` gives
/// rows 9, 1 and 4 in that order, and `::-1` gives the table reversed; repeated rows repeat.
///
/// Resolving a selection against a row count (``resolve(rowCount:)``) yields arithmetic runs,
/// never a list of every row, so memory stays proportional to the specification, not to the
/// requested range (`0:10000000000000` costs one run); ``SelectedRows/pieces(batchRowCounts:)``
/// then says which rows of which batch to read, so a reader decodes only those batches.
public struct RowSelection: Sendable, Hashable, CustomStringConvertible {
    /// One comma-separated item of a selection.
    public enum Item: Sendable, Hashable {
        /// A single row; negative counts from the end.
        case index(Int)
        /// A Python slice; `nil` parts take Python's defaults. The step is never zero.
        case slice(start: Int?, stop: Int?, step: Int?)
    }

    /// The items, in the order their rows come out.
    public let items: [Item]

    /// Every row, in order (the slice `:`).
    public static let all = RowSelection(validated: [.slice(start: nil, stop: nil, step: nil)])

    /// Makes a selection of `items`; throws when a slice has a step of zero.
    public init(_ items: [Item]) throws {
        for item in items {
            if case .slice(_, _, let step) = item, step == 0 {
                throw ArrowError.invalidArgument("a row slice step cannot be zero")
            }
        }
        self.items = items
    }

    private init(validated items: [Item]) {
        self.items = items
    }

    /// Parses a specification such as `5`, `-1`, `2:10`, `0:100:5`, `-10:`, `::-1` or `1,4,9`.
    ///
    /// Numbers too large for `Int` are clamped, which keeps slices meaning what Python would
    /// make of them (`0:99999999999999999999` is every row).
    public init(parsing spec: String) throws {
        let parts = spec.split(separator: ",", omittingEmptySubsequences: false)
        var items: [Item] = []
        items.reserveCapacity(parts.count)
        for part in parts {
            items.append(try Self.parseItem(part, in: spec))
        }
        try self.init(items)
    }

    /// The specification, written back in the syntax ``init(parsing:)`` reads.
    public var description: String {
        items.map { item -> String in
            switch item {
            case .index(let index):
                return String(index)
            case .slice(let start, let stop, let step):
                let head = (start.map(String.init) ?? "") + ":" + (stop.map(String.init) ?? "")
                return step.map { head + ":" + String($0) } ?? head
            }
        }.joined(separator: ",")
    }

    /// The rows selected from a table of `rowCount` rows, in output order.
    ///
    /// Throws when an index lies outside the table ("row 12 is out of range for 10 rows").
    public func resolve(rowCount: Int) throws -> SelectedRows {
        guard rowCount >= 0 else {
            throw ArrowError.invalidArgument("a table cannot have \(rowCount) rows")
        }
        var runs: [RowRun] = []
        var total = 0
        for item in items {
            let run: RowRun
            switch item {
            case .index(let index):
                let row = index < 0 ? index + rowCount : index
                guard row >= 0, row < rowCount else {
                    throw ArrowError.invalidArgument("row \(index) is out of range for \(rowCount) rows")
                }
                run = RowRun(start: row, step: 1, count: 1)
            case .slice(let start, let stop, let step):
                run = Self.resolveSlice(start: start, stop: stop, step: step ?? 1, rowCount: rowCount)
            }
            let (sum, overflow) = total.addingReportingOverflow(run.count)
            guard !overflow else {
                throw ArrowError.invalidArgument("the row selection '\(self)' selects too many rows")
            }
            total = sum
            RowRun.append(run, to: &runs)
        }
        return SelectedRows(rowCount: rowCount, runs: runs, count: total)
    }

    /// Python's `slice(start, stop, step).indices(rowCount)` as a run; `step` is not zero.
    /// A run of at most one row gets step 1, so no later arithmetic meets an extreme step.
    static func resolveSlice(start: Int?, stop: Int?, step: Int, rowCount: Int) -> RowRun {
        func run(_ first: Int, _ count: Int) -> RowRun {
            RowRun(start: first, step: count > 1 ? step : 1, count: count)
        }
        func clamp(_ bound: Int, low: Int, high: Int) -> Int {
            let value = bound < 0 ? bound + rowCount : bound
            return min(max(value, low), high)
        }
        if step > 0 {
            let first = start.map { clamp($0, low: 0, high: rowCount) } ?? 0
            let end = stop.map { clamp($0, low: 0, high: rowCount) } ?? rowCount
            let span = end - first
            return run(first, span <= 0 ? 0 : (span - 1) / step + 1)
        } else {
            let first = start.map { clamp($0, low: -1, high: rowCount - 1) } ?? rowCount - 1
            let end = stop.map { clamp($0, low: -1, high: rowCount - 1) } ?? -1
            let span = first - end
            let stride = step == Int.min ? Int.max : -step
            return run(first, span <= 0 ? 0 : (span - 1) / stride + 1)
        }
    }

    private static func parseItem(_ text: Substring, in spec: String) throws -> Item {
        func invalid() -> ArrowError {
            ArrowError.invalidArgument(
                "'\(text)' in the row selection '\(spec)' is not a row: write an index like 5 or -1, "
                    + "a slice like 2:10, 0:100:5 or -10:, or a comma-separated list like 1,4,9")
        }
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        switch fields.count {
        case 1:
            guard let index = parseInteger(fields[0]) else { throw invalid() }
            return .index(index)
        case 2, 3:
            var bounds: [Int?] = []
            for field in fields {
                if field.allSatisfy(\.isWhitespace) {
                    bounds.append(nil)
                } else if let value = parseInteger(field) {
                    bounds.append(value)
                } else {
                    throw invalid()
                }
            }
            let step = bounds.count == 3 ? bounds[2] : nil
            if step == 0 {
                throw ArrowError.invalidArgument("the slice '\(text)' in the row selection '\(spec)' has a step of zero")
            }
            return .slice(start: bounds[0], stop: bounds[1], step: step)
        default:
            throw invalid()
        }
    }

    /// A decimal integer with an optional sign, surrounded by optional spaces; values beyond
    /// `Int` clamp to `±Int.max`.
    static func parseInteger(_ text: Substring) -> Int? {
        var bytes = text.utf8.drop(while: { $0 == 0x20 || $0 == 0x09 })
        while let last = bytes.last, last == 0x20 || last == 0x09 {
            bytes = bytes.dropLast()
        }
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var value = 0
        var saturated = false
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            if saturated { continue }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 {
                saturated = true
            } else {
                value = sum
            }
        }
        if saturated { value = Int.max }
        return negative ? -value : value
    }
}

/// Rows in arithmetic progression: `start`, `start + step`, … — `count` of them.
///
/// The rows a ``RowSelection`` resolves to, either in a whole table or (in a
/// ``BatchRows``) within one batch.
public struct RowRun: Sendable, Hashable, RandomAccessCollection {
    /// The first row.
    public let start: Int
    /// The distance between consecutive rows; negative when walking backwards.
    public let step: Int
    /// The number of rows.
    public let count: Int

    init(start: Int, step: Int, count: Int) {
        self.start = start
        self.step = step
        self.count = count
    }

    /// The position of the first row in the run: 0.
    public var startIndex: Int { 0 }
    /// The position after the last row in the run: ``count``.
    public var endIndex: Int { count }

    /// The row at `position` (0-based within the run).
    public subscript(position: Int) -> Int {
        start + position * step
    }

    /// `rows` as a run when they are one (a `RowRun` or a `Range<Int>`); `nil` for any other
    /// sequence.
    static func exactly(_ rows: some Sequence<Int>) -> RowRun? {
        if let rows = rows as? RowRun { return rows }
        if let rows = rows as? Range<Int> { return RowRun(start: rows.lowerBound, step: 1, count: rows.count) }
        return nil
    }

    /// The first `count` rows of the run (0 ≤ `count` ≤ ``count``), and the rows after them.
    func split(at count: Int) -> (head: RowRun, tail: RowRun) {
        (RowRun(start: start, step: step, count: count),
         RowRun(start: start &+ count &* step, step: step, count: self.count - count))
    }

    /// Appends `run` to `runs`, extending the last run when `run` continues its progression, and
    /// dropping empty runs.
    static func append(_ run: RowRun, to runs: inout [RowRun]) {
        guard run.count > 0 else { return }
        if let previous = runs.last {
            let step = previous.count == 1 ? run.start - previous.start : previous.step
            let (span, overflow1) = previous.count.multipliedReportingOverflow(by: step)
            let (next, overflow2) = previous.start.addingReportingOverflow(span)
            if step != 0, !overflow1, !overflow2, run.start == next, run.count == 1 || run.step == step {
                runs[runs.count - 1] = RowRun(start: previous.start, step: step, count: previous.count + run.count)
                return
            }
        }
        runs.append(run)
    }
}

/// The rows of one batch a selection needs, in output order.
public struct BatchRows: Sendable, Hashable {
    /// The batch's position in the file or stream.
    public let batch: Int
    /// The rows, counted from the start of the batch.
    public let rows: RowRun
}

/// A ``RowSelection`` resolved against a table: the selected rows, in output order, as runs.
public struct SelectedRows: Sendable, Hashable, Sequence {
    /// The number of rows of the table the selection was resolved against.
    public let rowCount: Int
    /// The rows as arithmetic runs, in output order; no run is empty.
    public let runs: [RowRun]
    /// The number of selected rows, counting repeats.
    public let count: Int

    /// The selected row numbers, in output order.
    public func makeIterator() -> FlattenSequence<[RowRun]>.Iterator {
        runs.joined().makeIterator()
    }

    /// Whether this is every row of the table once, in order.
    public var isEveryRow: Bool {
        guard let run = runs.first else { return rowCount == 0 }
        return runs.count == 1 && run.start == 0 && run.count == rowCount && (run.count == 1 || run.step == 1)
    }

    /// Splits the selection by batch, given the row count of every batch in order: which rows of
    /// which batch to print, in output order.
    ///
    /// A batch appears only when it holds selected rows, so a reader decodes only the batches
    /// named here. A batch may appear more than once when the output returns to it (`9,1,4`
    /// with batches of five rows: batch 1, then batch 0). Costs time and memory in proportion
    /// to the number of pieces, not of rows.
    public func pieces(batchRowCounts: [Int]) throws -> [BatchRows] {
        var starts: [Int] = []
        starts.reserveCapacity(batchRowCounts.count)
        var total = 0
        for (batch, rows) in batchRowCounts.enumerated() {
            guard rows >= 0 else {
                throw ArrowError.invalidArgument("batch \(batch) cannot have \(rows) rows")
            }
            starts.append(total)
            let (sum, overflow) = total.addingReportingOverflow(rows)
            guard !overflow else {
                throw ArrowError.invalidArgument("the batches hold more rows than can be counted")
            }
            total = sum
        }
        guard total == rowCount else {
            throw ArrowError.invalidArgument(
                "the batches hold \(total) rows but the selection was resolved for \(rowCount)")
        }
        var pieces: [BatchRows] = []
        for run in runs {
            var position = 0
            while position < run.count {
                let row = run[position]
                let batch = Self.batch(containing: row, starts: starts)
                let low = starts[batch]
                let high = low + batchRowCounts[batch]
                let remaining = run.count - position
                let taken: Int
                if run.step > 0 {
                    taken = Swift.min(remaining, (high - 1 - row) / run.step + 1)
                } else if run.step < 0 {
                    taken = Swift.min(remaining, (row - low) / -run.step + 1)
                } else {
                    taken = remaining
                }
                let local = RowRun(start: row - low, step: run.step, count: taken)
                if let last = pieces.last, last.batch == batch {
                    var merged = [last.rows]
                    RowRun.append(local, to: &merged)
                    if merged.count == 1 {
                        pieces[pieces.count - 1] = BatchRows(batch: batch, rows: merged[0])
                        position += taken
                        continue
                    }
                }
                pieces.append(BatchRows(batch: batch, rows: local))
                position += taken
            }
        }
        return pieces
    }

    /// The last batch whose first row is at or before `row`: the non-empty batch holding it.
    private static func batch(containing row: Int, starts: [Int]) -> Int {
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if starts[middle] <= row {
                low = middle
            } else {
                high = middle
            }
        }
        return low
    }
}
