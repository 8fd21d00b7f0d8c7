/// The rows a ``RowWriter`` is handed, walked without generic iteration per row.
///
/// `write(_:rows:)` takes `some Sequence<Int>`, which reaches the writers unspecialised from
/// an `any RowWriter`: iterating it costs protocol calls per row. The sequences the library
/// and the command line pass — a ``RowRun``, a `Range<Int>`, an array — are recognised once
/// per batch and walked in plain loops; any other sequence is iterated as it is.
enum RowLoop {
    /// Calls `body` with each of `rows`, in order.
    @inline(__always)
    static func forEach(_ rows: some Sequence<Int>, _ body: (Int) throws -> Void) rethrows {
        if let run = rows as? RowRun {
            try forEach(start: run.start, step: run.step, count: run.count, body)
        } else if let range = rows as? Range<Int> {
            try forEach(start: range.lowerBound, step: 1, count: range.count, body)
        } else {
            let walked: Void? = try rows.withContiguousStorageIfAvailable { buffer in
                for row in buffer { try body(row) }
            }
            if walked == nil {
                for row in rows { try body(row) }
            }
        }
    }

    /// Calls `body` with `start`, `start + step`, … — `count` rows.
    @inline(__always)
    private static func forEach(start: Int, step: Int, count: Int, _ body: (Int) throws -> Void) rethrows {
        var row = start
        for _ in 0..<count {
            try body(row)
            row &+= step
        }
    }
}
