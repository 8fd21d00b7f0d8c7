import Foundation

/// Rows written as text on all cores: a long run of rows is cut into slices, formatted on
/// worker threads, each into a buffer of its own, and handed on in order by the calling thread
/// while the next ones are formatted (``OrderedSlices``). The text is the same as one thread
/// writes; only what the output closure is handed at a time differs (a slice's bytes, about a
/// MiB, rather than about 64 KiB), and the thread it is called on is the caller's.
enum ParallelRows {
    /// The cells in a slice: about a MiB of text for numbers and short strings.
    static let sliceCells = 65_536
    /// Below this many slices, threads cost more than they save.
    static let parallelThreshold = 4
    /// The cells of the rows written at a time on one thread.
    static let pieceCells = 1_024

    /// Writes `rows` (counted from the batch's start) of `columnCount` columns with
    /// `writeRows`, which appends the text of a run of rows to a buffer (its loop over the rows
    /// is the writer's own, so that a row costs no call through a closure) and may be called
    /// from several threads at once. A run of rows (a ``RowRun`` or a `Range<Int>`) long
    /// enough to share out is written on all cores, what `out` held handed on first; other
    /// rows into `out`, a few at a time, handed on whenever it is full. The slices are made in
    /// `sliceBuffers`, which the caller keeps for its next call (see ``OrderedSlices``).
    /// Returns the number of rows written.
    @discardableResult
    static func write(
        _ rows: some Sequence<Int>, columnCount: Int, into out: inout OutputBytes, sliceBuffers: inout [OutputBytes],
        output: (UnsafeRawBufferPointer) throws -> Void, writeRows: (RowRun, inout OutputBytes) throws -> Void
    ) throws -> Int {
        guard let run = RowRun.exactly(rows) else {
            var written = 0
            try RowLoop.forEach(rows) { row in
                try writeRows(RowRun(start: row, step: 1, count: 1), &out)
                if out.isFull { try out.flush(to: output) }
                written += 1
            }
            return written
        }
        let sliceRows = max(64, sliceCells / max(1, columnCount))
        let cores = availableCoreCount
        guard cores > 1, run.count / sliceRows >= parallelThreshold else {
            // Pieces of about a thousand cells, so that the buffer is handed on at about its
            // chunk size.
            let pieceRows = max(1, pieceCells / max(1, columnCount))
            var first = 0
            while first < run.count {
                let count = min(pieceRows, run.count - first)
                try writeRows(RowRun(start: run.start &+ first &* run.step, step: run.step, count: count), &out)
                if out.isFull { try out.flush(to: output) }
                first += count
            }
            return run.count
        }
        try out.flush(to: output)
        // Two buffers per core, so that a core that finishes early takes another slice while
        // the caller hands on the one before.
        try OrderedSlices.write(
            sliceCount: (run.count + sliceRows - 1) / sliceRows, workerCount: cores, bufferCount: 2 * cores,
            buffers: &sliceBuffers,
            make: { slice, text in
                let firstRow = slice * sliceRows
                let count = min(sliceRows, run.count - firstRow)
                try writeRows(RowRun(start: run.start &+ firstRow &* run.step, step: run.step, count: count), &text)
            },
            output: output)
        return run.count
    }
}
