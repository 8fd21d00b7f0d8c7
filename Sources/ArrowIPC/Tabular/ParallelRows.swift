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

    /// Writes `rows` (counted from the batch's start) of `columnCount` columns with `writeRow`,
    /// which appends one row's text to a buffer and may be called from several threads at
    /// once. A run of rows (a ``RowRun`` or a `Range<Int>`) long enough to share out is written
    /// on all cores, what `out` held handed on first; other rows one after another into `out`,
    /// handed on whenever it is full. The slices are made in `sliceBuffers`, which the caller
    /// keeps for its next call (see ``OrderedSlices``). Returns the number of rows written.
    @discardableResult
    static func write(
        _ rows: some Sequence<Int>, columnCount: Int, into out: inout OutputBytes, sliceBuffers: inout [OutputBytes],
        output: (UnsafeRawBufferPointer) throws -> Void, writeRow: (Int, inout OutputBytes) throws -> Void
    ) throws -> Int {
        if let shared = try writeOnAllCores(
            rows, columnCount: columnCount, into: &out, sliceBuffers: &sliceBuffers, output: output, writeRow: writeRow
        ) {
            return shared
        }
        var written = 0
        try RowLoop.forEach(rows) { row in
            try writeRow(row, &out)
            if out.isFull { try out.flush(to: output) }
            written += 1
        }
        return written
    }

    /// Writes `rows` on all cores as ``write(_:columnCount:into:sliceBuffers:output:writeRow:)``
    /// does; returns `nil`, having written nothing, when they are not a run long enough to share out.
    private static func writeOnAllCores(
        _ rows: some Sequence<Int>, columnCount: Int, into out: inout OutputBytes, sliceBuffers: inout [OutputBytes],
        output: (UnsafeRawBufferPointer) throws -> Void, writeRow: (Int, inout OutputBytes) throws -> Void
    ) throws -> Int? {
        guard let run = RowRun.exactly(rows) else { return nil }
        let sliceRows = max(64, sliceCells / max(1, columnCount))
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, run.count / sliceRows >= parallelThreshold else { return nil }
        try out.flush(to: output)
        // Two buffers per core, so that a core that finishes early takes another slice while
        // the caller hands on the one before.
        try OrderedSlices.write(
            sliceCount: (run.count + sliceRows - 1) / sliceRows, workerCount: cores, bufferCount: 2 * cores,
            buffers: &sliceBuffers,
            make: { slice, text in
                let firstRow = slice * sliceRows
                var row = run.start &+ firstRow &* run.step
                for _ in firstRow..<min(firstRow + sliceRows, run.count) {
                    try writeRow(row, &text)
                    row &+= run.step
                }
            },
            output: output)
        return run.count
    }
}
