/// Applies a ``RowSelection`` to batches as they arrive, without knowing the total row count —
/// for streams read from a pipe, where resolving against the row count would mean reading
/// (and keeping) everything first.
///
/// Only selections that walk forwards work this way: every index and slice bound is
/// non-negative, every step is positive, and each item starts after the previous one ends
/// (`:10`, `5`, `100:200:10`, `1,4,9`, `20:`). Other selections (`-1`, `::-1`, `9,1`) need the
/// row count; ``init(_:)`` returns `nil` for them.
///
/// Unlike ``RowSelection/resolve(rowCount:)``, which throws before any row is printed, an index
/// beyond the end is only known when the stream ends: ``finish()`` throws then.
public struct StreamingRowSelector: Sendable {
    /// One item as absolute rows: `next`, `next + step`, … below `end` (`nil`: no end).
    private struct Pending: Sendable {
        var next: Int
        let step: Int
        let end: Int?
        /// The index as written, when the item is a single index.
        let index: Int?
    }

    private var pending: [Pending]
    private var position = 0
    private var rowsSeen = 0

    /// Makes a selector, or returns `nil` when `selection` does not walk forwards.
    public init?(_ selection: RowSelection) {
        var pending: [Pending] = []
        var lastRow = -1
        var unbounded = false
        for item in selection.items {
            guard !unbounded else { return nil }
            let entry: Pending
            switch item {
            case .index(let index):
                guard index >= 0, index < Int.max else { return nil }
                entry = Pending(next: index, step: 1, end: index + 1, index: index)
            case .slice(let start, let stop, let step):
                let start = start ?? 0
                let step = step ?? 1
                guard start >= 0, step > 0, (stop ?? 0) >= 0 else { return nil }
                if let stop, stop <= start { continue }
                entry = Pending(next: start, step: step, end: stop, index: nil)
            }
            guard entry.next > lastRow else { return nil }
            if let end = entry.end {
                lastRow = entry.next + (end - 1 - entry.next) / entry.step * entry.step
            } else {
                unbounded = true
            }
            pending.append(entry)
        }
        self.pending = pending
    }

    /// Whether no later batch can hold a selected row, so reading can stop.
    public var isFinished: Bool { position == pending.count }

    /// The rows of the next batch, of `rowCount` rows, to output, counted from the batch's start
    /// and in order. Call once per batch, in stream order.
    public mutating func rows(inNextBatchOf rowCount: Int) throws -> [RowRun] {
        guard rowCount >= 0 else {
            throw ArrowError.invalidArgument("a batch cannot have \(rowCount) rows")
        }
        let low = rowsSeen
        let (high, overflow) = low.addingReportingOverflow(rowCount)
        guard !overflow else {
            throw ArrowError.invalidArgument("the stream holds more rows than can be counted")
        }
        var runs: [RowRun] = []
        while position < pending.count {
            var item = pending[position]
            guard item.next < high else { break }
            let limit = min(item.end ?? high, high)
            let count = (limit - 1 - item.next) / item.step + 1
            RowRun.append(RowRun(start: item.next - low, step: count > 1 ? item.step : 1, count: count), to: &runs)
            let last = item.next + (count - 1) * item.step
            let (next, pastEnd) = last.addingReportingOverflow(item.step)
            if pastEnd || next >= (item.end ?? Int.max) {
                position += 1
            } else {
                item.next = next
                pending[position] = item
            }
        }
        rowsSeen = high
        return runs
    }

    /// Ends the stream: throws when a selected index lay beyond its last row.
    public func finish() throws {
        for item in pending[position...] {
            if let index = item.index {
                throw ArrowError.invalidArgument("row \(index) is out of range for \(rowsSeen) rows")
            }
        }
    }
}
