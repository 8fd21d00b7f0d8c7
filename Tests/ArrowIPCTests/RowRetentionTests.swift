import Testing
@testable import ArrowIPC

// `RowSelection.mayHoldSelectedRows(_:rowCountAtLeast:)`: which rows of a stream can still be
// selected while its row count is unknown.

private func keeps(_ spec: String, _ rows: Range<Int>, atLeast count: Int) throws -> Bool {
    try RowSelection(parsing: spec).mayHoldSelectedRows(rows, rowCountAtLeast: count)
}

@Test func retentionHandCases() throws {
    // The last two rows of at least 100.
    #expect(try keeps("-2:", 98..<100, atLeast: 100))
    #expect(try keeps("-2:", 99..<105, atLeast: 100))
    #expect(try keeps("-2:", 100..<105, atLeast: 100))
    #expect(try !keeps("-2:", 0..<98, atLeast: 100))
    #expect(try !keeps("-2:", 0..<98, atLeast: 101))
    #expect(try keeps("-2:", 0..<98, atLeast: 99))
    // A plain index.
    #expect(try keeps("5", 0..<10, atLeast: 0))
    #expect(try keeps("5", 5..<6, atLeast: 100))
    #expect(try !keeps("5", 10..<20, atLeast: 0))
    #expect(try !keeps("5", 0..<5, atLeast: 0))
    // Every row, backwards.
    for rows in [0..<1, 0..<100, 50..<51, 99..<100, 1000..<2000] {
        #expect(try keeps("::-1", rows, atLeast: 100))
        #expect(try keeps(":", rows, atLeast: 100))
    }
    // Rows N-10 ..< N-5.
    #expect(try keeps("-10:-5", 90..<95, atLeast: 100))
    #expect(try keeps("-10:-5", 89..<91, atLeast: 100))
    #expect(try !keeps("-10:-5", 0..<90, atLeast: 100))
    #expect(try keeps("-10:-5", 0..<1, atLeast: 6))
    #expect(try !keeps("-10:-5", 0..<1, atLeast: 11))
    #expect(try !keeps("-5:-10", 0..<1000, atLeast: 0))
    // Negative indices: row N-1, N-3.
    #expect(try keeps("-1", 99..<100, atLeast: 100))
    #expect(try !keeps("-1", 0..<99, atLeast: 100))
    #expect(try keeps("-1,-3", 97..<98, atLeast: 100))
    #expect(try !keeps("-1,-3", 0..<97, atLeast: 100))
    // An index raises the least row count: `-1,-10` needs 10 rows, so row N-1 >= 9.
    #expect(try keeps("-1,-10", 0..<9, atLeast: 0))  // -10 selects row 0 at N = 10
    #expect(try !keeps("-1,-10", 0..<1, atLeast: 11))
    #expect(try !keeps("-1,50", 0..<50, atLeast: 0))
    #expect(try keeps("-1,50", 50..<51, atLeast: 0))
    // Bounded slices.
    #expect(try keeps("2:10", 9..<20, atLeast: 100))
    #expect(try !keeps("2:10", 10..<20, atLeast: 0))
    #expect(try !keeps("2:10", 0..<2, atLeast: 0))
    #expect(try keeps("-3:2", 1..<2, atLeast: 4))
    #expect(try !keeps("-3:2", 0..<1, atLeast: 4))
    #expect(try !keeps("-3:2", 0..<100, atLeast: 5))
    #expect(try keeps("5:-2", 5..<6, atLeast: 0))
    #expect(try !keeps("5:-2", 0..<5, atLeast: 1000))
    // Backwards slices: `10:2:-1` is rows 10 down to 3; `:-4:-1` is N-1 down to N-3.
    #expect(try keeps("10:2:-1", 3..<4, atLeast: 100))
    #expect(try keeps("10:2:-1", 10..<11, atLeast: 100))
    #expect(try !keeps("10:2:-1", 0..<3, atLeast: 100))
    #expect(try !keeps("10:2:-1", 11..<100, atLeast: 0))
    #expect(try keeps(":-4:-1", 97..<98, atLeast: 100))
    #expect(try !keeps(":-4:-1", 0..<97, atLeast: 100))
    #expect(try !keeps("-1:-1:-1", 0..<1000, atLeast: 0))
    #expect(try !keeps(":-1:-1", 0..<1000, atLeast: 0))
    #expect(try !keeps("5:-1:-1", 0..<1000, atLeast: 0))  // stops at the last row, before starting
    #expect(try keeps("-3::-1", 0..<1, atLeast: 100))
    #expect(try keeps("-3::-1", 98..<100, atLeast: 100))  // at 101 rows and more
    #expect(try keeps("-3:-5:-1", 96..<97, atLeast: 100))  // rows N-3, N-4
    #expect(try !keeps("-3:-5:-1", 0..<96, atLeast: 100))
    // Empty ranges and negative counts.
    #expect(try !keeps(":", 5..<5, atLeast: 0))
    #expect(try keeps("-2:", 0..<1, atLeast: -7))
}

@Test func retentionSurvivesExtremeBounds() throws {
    let big = "99999999999999999999"
    #expect(try !keeps(big, 0..<Int.max, atLeast: 0))  // no table has that row
    #expect(try keeps("-" + big, 0..<1, atLeast: 0))  // row 0 of Int.max rows
    #expect(try keeps("-" + big + ":", 0..<1, atLeast: Int.max))
    #expect(try keeps(":" + big, Int.max - 1..<Int.max, atLeast: 0))
    #expect(try keeps(big + "::-1", Int.max - 1..<Int.max, atLeast: Int.max))
    #expect(try keeps("::-" + big, 1000..<1001, atLeast: 0))
    #expect(try keeps(":-" + big + ":-1", 1..<2, atLeast: Int.max))
    #expect(try keeps(":-" + big + ":-1", 0..<1, atLeast: 0))  // reaches row 0 below Int.max rows
    #expect(try !keeps(":-" + big + ":-1", 0..<1, atLeast: Int.max))  // stops above it at Int.max
    #expect(try keeps("-" + big + "::-1", 0..<1, atLeast: 0))
    #expect(try keeps("-1", Int.max - 1..<Int.max, atLeast: Int.max))
    #expect(try !keeps("-1", 0..<Int.max - 1, atLeast: Int.max))
    #expect(try keeps("-2:", Int.min..<1, atLeast: 2))
    #expect(try !keeps("-2:", Int.min..<0, atLeast: 2))
}

private func randomSelection(_ generator: inout SeededRandom) -> RowSelection {
    func bound() -> Int? {
        Int.random(in: 0..<6, using: &generator) == 0 ? nil : Int.random(in: -12...12, using: &generator)
    }
    var items: [RowSelection.Item] = []
    for _ in 0..<Int.random(in: 1...3, using: &generator) {
        if Int.random(in: 0..<3, using: &generator) == 0 {
            items.append(.index(Int.random(in: -12...12, using: &generator)))
        } else {
            let step: Int? =
                Int.random(in: 0..<4, using: &generator) == 0
                ? nil : [-3, -2, -1, 1, 2, 3].randomElement(using: &generator)!
            items.append(.slice(start: bound(), stop: bound(), step: step))
        }
    }
    return try! RowSelection(items)
}

/// The rows below `limit` that `selection` selects from `rowCount` rows, as bits.
private func selectedMask(_ selection: RowSelection, rowCount: Int, limit: Int) -> UInt64 {
    guard let rows = try? selection.resolve(rowCount: rowCount) else { return 0 }
    var mask: UInt64 = 0
    for run in rows.runs {
        for row in run where row >= 0 && row < limit {
            mask |= 1 << UInt64(row)
        }
    }
    return mask
}

/// Brute force over final row counts: the answer is never `false` when some count in the
/// window selects a row in the range (soundness), and for selections of indices and slices of
/// step ±1 it is never `true` when none does (tightness). The window `S...S+40` is wide enough
/// to hold a witness for every case these small numbers produce.
@Test func retentionAgreesWithBruteForce() throws {
    var generator = SeededRandom(seed: 0x5EED_2024)
    var selections = [RowSelection.all]
    for spec in ["-2:", "5", "::-1", "-10:-5", "-3:2", "-1,-10", "10:2:-1", ":-4:-1", "-1:-1:-1", "5:-2",
        "5:-1:-1", "12:-1:-2", "-1:3", "3:-12:-1"] {
        selections.append(try RowSelection(parsing: spec))
    }
    for _ in 0..<400 {
        selections.append(randomSelection(&generator))
    }
    let rowLimit = 20
    let window = 40
    var unsound: [String] = []
    var loose: [String] = []
    var notMonotone: [String] = []
    var checked = 0
    for selection in selections {
        let exact = selection.items.allSatisfy { item in
            if case .slice(_, _, let step) = item { return step == nil || step == 1 || step == -1 }
            return true
        }
        let masks = (0...(15 + window)).map { selectedMask(selection, rowCount: $0, limit: rowLimit) }
        for least in 0...15 {
            let possible = masks[least...(least + window)].reduce(0, |)
            for low in 0..<rowLimit {
                for high in (low + 1)...rowLimit {
                    let rangeMask = (UInt64(1) << UInt64(high)) - (UInt64(1) << UInt64(low))
                    let truth = possible & rangeMask != 0
                    let answer = selection.mayHoldSelectedRows(low..<high, rowCountAtLeast: least)
                    checked += 1
                    if truth && !answer {
                        unsound.append("'\(selection)' rows \(low)..<\(high) at least \(least)")
                    }
                    if exact && answer && !truth {
                        loose.append("'\(selection)' rows \(low)..<\(high) at least \(least)")
                    }
                    if least > 0, answer,
                        !selection.mayHoldSelectedRows(low..<high, rowCountAtLeast: least - 1)
                    {
                        notMonotone.append("'\(selection)' rows \(low)..<\(high) at least \(least)")
                    }
                }
            }
        }
    }
    #expect(checked == selections.count * 16 * 210)
    // Counts, not the lists, so a failure prints a few examples rather than every case.
    let (unsoundCount, looseCount, notMonotoneCount) = (unsound.count, loose.count, notMonotone.count)
    #expect(unsoundCount == 0, "unsound, e.g. \(unsound.prefix(5))")
    #expect(looseCount == 0, "loose, e.g. \(loose.prefix(5))")
    #expect(notMonotoneCount == 0, "not monotone, e.g. \(notMonotone.prefix(5))")
}

/// What `cat` does with a stream: keep a batch only while it may hold selected rows, judged
/// against the rows seen so far; when the stream ends, every piece of the resolved selection
/// must lie in a batch still held.
@Test func droppingBatchesAsTheyArriveKeepsEveryNeededOne() throws {
    var generator = SeededRandom(seed: 42)
    var dropped = 0
    for round in 0..<600 {
        let selection = round < 4
            ? try RowSelection(parsing: ["-2:", "::-1", "-10:-5,3", "-1"][round]) : randomSelection(&generator)
        var counts: [Int] = []
        for _ in 0..<Int.random(in: 0...8, using: &generator) {
            counts.append(Int.random(in: 0...6, using: &generator))
        }
        var held = Set<Int>()
        var starts: [Int] = []
        var seen = 0
        for (batch, count) in counts.enumerated() {
            starts.append(seen)
            seen += count
            held.insert(batch)
            for kept in held
            where !selection.mayHoldSelectedRows(starts[kept]..<(starts[kept] + counts[kept]), rowCountAtLeast: seen) {
                held.remove(kept)
                dropped += 1
            }
        }
        guard let rows = try? selection.resolve(rowCount: seen) else { continue }
        for piece in try rows.pieces(batchRowCounts: counts) {
            #expect(held.contains(piece.batch), "'\(selection)' batches \(counts): batch \(piece.batch) was dropped")
        }
    }
    #expect(dropped > 0)
}
