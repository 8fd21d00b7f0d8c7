extension RowSelection {
    /// Whether some row in `rows` can be selected from a table known to have at least
    /// `rowCountAtLeast` rows (its final count is not yet known).
    ///
    /// This is what a reader of a stream needs to decide which batches to keep while a
    /// selection that counts from the end (`-2:`, `::-1`, `-10:-5`) waits for the row count:
    /// once this returns `false` for a batch's rows, no final row count can select any of them,
    /// so the batch can be dropped. As more rows arrive the answer only ever turns from `true`
    /// to `false`, never back.
    ///
    /// The answer is never `false` when some final row count `N >= rowCountAtLeast` makes
    /// ``resolve(rowCount:)`` select a row in `rows`. It is exact for indices and for slices of
    /// step 1 or -1; for other steps it treats a slice as every row between its first and last,
    /// so it may say `true` for rows the step skips. A count that makes ``resolve(rowCount:)``
    /// throw selects nothing, so an index raises the least possible count (`-5` needs 5 rows,
    /// `7` needs 8) and a selection no count can satisfy keeps nothing. An empty `rows` gives
    /// `false`; a negative `rowCountAtLeast` counts as 0. Costs time in proportion to the
    /// number of items.
    public func mayHoldSelectedRows(_ rows: Range<Int>, rowCountAtLeast: Int) -> Bool {
        guard !rows.isEmpty else { return false }
        // The least row count for which resolving does not throw: every index must be in range.
        var least = max(rowCountAtLeast, 0)
        for case .index(let index) in items {
            if index >= 0 {
                guard index < Int.max else { return false }
                least = max(least, index + 1)
            } else {
                guard index > Int.min else { return false }
                least = max(least, -index)
            }
        }
        for item in items {
            let covered: Range<Int>?
            switch item {
            case .index(let index):
                // Row `index`, or `N + index` for N >= least: every row from `least + index` up.
                covered = index >= 0 ? index..<(index + 1) : (least + index)..<Int.max
            case .slice(let start, let stop, let step):
                covered = Self.coveredRows(start: start, stop: stop, step: step ?? 1, rowCountAtLeast: least)
            }
            if let covered, covered.overlaps(rows) {
                return true
            }
        }
        return false
    }

    /// One end of a slice's rows as a function of the row count `N`: `min(x, N)` for an
    /// absolute bound `x >= 0`, `max(N + c, 0)` for a bound `c <= 0` relative to the end.
    private enum Bound {
        case absolute(Int)
        case fromEnd(Int)
    }

    /// Every row that lies between the first and last row (inclusive) the slice selects for
    /// some row count `N >= rowCountAtLeast` (which is at least 0), as one range (`Int.max`
    /// standing for no upper limit), or `nil` when the slice selects no row for any such count.
    ///
    /// For any `N` the slice's rows lie in `[low(N), high(N))`, each bound a ``Bound``:
    /// - step > 0: `low` is the start (`nil` → `absolute(0)`), `high` the stop (`nil` → `fromEnd(0)`);
    /// - step < 0, Python's `(end, first]`: `low` is the stop plus one (`nil` → `absolute(0)`),
    ///   `high` the start plus one (`nil` → `fromEnd(0)`).
    ///
    /// Both bounds grow with `N`, and the union of `[low(N), high(N))` over `N >= S` is
    /// - `absolute(x)`, `absolute(y)`: `[x, y)` (take `N >= y`);
    /// - `absolute(x)`, `fromEnd(d)`: `[x, ∞)` (for row `r >= x`, take `N = max(S, r - d + 1)`);
    /// - `fromEnd(c)`, `absolute(y)`: `[max(S + c, 0), y)` when `c < 0` (take `N = max(S, r + 1)`),
    ///   nothing when `c == 0` (`low(N) == N`);
    /// - `fromEnd(c)`, `fromEnd(d)`: `[max(S + c, 0), ∞)` when `c < d` (take
    ///   `N = max(S, r - d + 1)`), nothing otherwise.
    private static func coveredRows(start: Int?, stop: Int?, step: Int, rowCountAtLeast least: Int) -> Range<Int>? {
        /// A bound given as written (`value`), shifted by `shift` (0 or 1) when absolute or
        /// from the end; `Int.max` saturates, which leaves `min(x, N)` unchanged.
        func bound(_ value: Int?, shift: Int, default defaultBound: Bound) -> Bound {
            guard let value else { return defaultBound }
            if value >= 0 {
                let (shifted, overflow) = value.addingReportingOverflow(shift)
                return .absolute(overflow ? Int.max : shifted)
            }
            return .fromEnd(value + shift)
        }
        let low: Bound
        let high: Bound
        if step > 0 {
            low = bound(start, shift: 0, default: .absolute(0))
            high = bound(stop, shift: 0, default: .fromEnd(0))
        } else {
            low = bound(stop, shift: 1, default: .absolute(0))
            high = bound(start, shift: 1, default: .fromEnd(0))
        }
        let lower: Int
        let upper: Int
        switch (low, high) {
        case (.absolute(let x), .absolute(let y)):
            (lower, upper) = (x, y)
        case (.absolute(let x), .fromEnd):
            (lower, upper) = (x, Int.max)
        case (.fromEnd(let c), .absolute(let y)):
            guard c < 0 else { return nil }
            (lower, upper) = (max(least + c, 0), y)
        case (.fromEnd(let c), .fromEnd(let d)):
            guard c < d else { return nil }
            (lower, upper) = (max(least + c, 0), Int.max)
        }
        return lower < upper ? lower..<upper : nil
    }
}
