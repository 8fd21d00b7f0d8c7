extension ArrowBatchSource {
    /// Calls `body` with each batch holding selected rows, the selected rows of it (a run
    /// counted from the batch's start) and the batch's first row in the input, in selection
    /// order, decoding only `columns` when given. Returns the input's row count, or `nil` when reading stopped before the end
    /// because no later row was selected.
    ///
    /// Reads as little as the input allows:
    /// - a file: the row counts from the message headers, then only the batches holding
    ///   selected rows;
    /// - a stream, for a selection that walks forwards (`5`, `2:10`, `0:100:5`, `1,4,9`):
    ///   front to back, one batch at a time, stopping after the last selected row;
    /// - a stream, for a selection that counts from the end (`-1`, `-10:`, `::-1`): front to
    ///   back to its end, keeping only the batches that can still hold selected rows (at most
    ///   twice those needed, pruned in linear time overall).
    ///
    /// Throws when a selected row is outside the input (for a stream read forwards, only once
    /// its end shows it, after the rows before were given to `body`).
    @discardableResult
    public mutating func forEachSelectedBatch(
        rows selection: RowSelection, columns: [Int]? = nil, _ body: (RecordBatch, RowRun, Int) throws -> Void
    ) throws -> Int? {
        if case .file(let reader) = self {
            let counts = try (0..<reader.recordBatchCount).map { try reader.recordBatchInfo(at: $0).rowCount }
            let total = try counts.reduce(0, Self.addRows)
            // (No overflow: the counts sum to `total`.)
            let firstRows = counts.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1) }
            let pieces = try selection.resolve(rowCount: total).pieces(batchRowCounts: counts)
            // The next piece's batch is read (and decompressed) while `body` works on this one.
            let batches = ReadAheadBatchSource(BatchesAt(reader: reader, indices: pieces.map(\.batch)), columns: columns)
            for piece in pieces {
                guard let batch = try batches.next(columns: columns) else {
                    throw ArrowError.invalidArgument("batch \(piece.batch) holds selected rows but was not read (a bug in forEachSelectedBatch)")
                }
                try body(batch, piece.rows, firstRows[piece.batch])
            }
            return total
        }
        if var selector = StreamingRowSelector(selection) {
            var seen = 0
            try forEachBatch(columns: columns, until: { selector.isFinished }) { batch in
                let firstRow = seen
                seen = try Self.addRows(seen, batch.rowCount)
                for run in try selector.rows(inNextBatchOf: batch.rowCount) {
                    try body(batch, run, firstRow)
                }
            }
            try selector.finish()
            return selector.isFinished ? nil : seen
        }
        var held: [Int: (firstRow: Int, batch: RecordBatch)] = [:]
        var counts: [Int] = []
        var total = 0
        // Pruned whenever the batches held have doubled since the last pruning.
        var keptAtLastPruning = 0
        try forEachBatch(columns: columns) { batch in
            held[counts.count] = (total, batch)
            counts.append(batch.rowCount)
            total = try Self.addRows(total, batch.rowCount)
            if held.count > 2 * keptAtLastPruning {
                held = held.filter { _, kept in
                    selection.mayHoldSelectedRows(kept.firstRow..<(kept.firstRow + kept.batch.rowCount), rowCountAtLeast: total)
                }
                keptAtLastPruning = held.count
            }
        }
        for piece in try selection.resolve(rowCount: total).pieces(batchRowCounts: counts) {
            guard let (firstRow, batch) = held[piece.batch] else {
                throw ArrowError.invalidArgument("batch \(piece.batch) holds selected rows but was not kept (a bug in RowSelection.mayHoldSelectedRows)")
            }
            try body(batch, piece.rows, firstRow)
        }
        return total
    }

    /// The number of rows of the input, read from message headers where the format has them
    /// (a file), else by reading the stream to its end one batch at a time.
    public mutating func countRows() throws -> Int {
        switch self {
        case .file(let reader):
            return try (0..<reader.recordBatchCount).map { try reader.recordBatchInfo(at: $0).rowCount }.reduce(0, Self.addRows)
        case .stream(let reader):
            var total = 0
            while let info = try reader.nextInfo() { total = try Self.addRows(total, info.rowCount) }
            return total
        case .featherV1(let reader):
            return reader.rowCount
        }
    }

    /// `total + rows`, or an error when the input's row count overflows.
    static func addRows(_ total: Int, _ rows: Int) throws -> Int {
        let (sum, overflow) = total.addingReportingOverflow(rows)
        guard !overflow else { throw ArrowError.invalidData("the input's row count overflows") }
        return sum
    }
}

extension ArrowBatchSource {
    /// What the input holds — format, schema, metadata, and each batch's row count, metadata
    /// and body sizes — from the footer and the message headers: no batch is decoded (a
    /// stream is read through once; its dictionary batches are decoded as they come). The
    /// file size is known for files; for a stream, set ``FileSummary/fileSize`` when known.
    public mutating func summary() throws -> FileSummary {
        switch self {
        case .file(let reader):
            let infos = try (0..<reader.recordBatchCount).map { try reader.recordBatchInfo(at: $0) }
            return FileSummary(
                format: .file, schema: reader.schema, batches: infos.map(FileSummary.Batch.init),
                fileSize: reader.fileSize, footerMetadata: reader.footerMetadata, compression: infos.first?.compression)
        case .stream(let reader):
            var infos: [RecordBatchInfo] = []
            while let info = try reader.nextInfo() { infos.append(info) }
            return FileSummary(
                format: .stream, schema: reader.schema, batches: infos.map(FileSummary.Batch.init),
                compression: infos.first?.compression)
        case .featherV1(let reader):
            return FileSummary(
                format: .featherV1, schema: reader.schema, batches: [FileSummary.Batch(rowCount: reader.rowCount)],
                fileSize: reader.fileSize)
        }
    }
}

/// The batches of a file at `indices`, in that order.
private struct BatchesAt: RecordBatchSource {
    let reader: ArrowFileReader
    let indices: [Int]
    private var position = 0

    init(reader: ArrowFileReader, indices: [Int]) {
        self.reader = reader
        self.indices = indices
    }

    var schema: Schema { reader.schema }

    mutating func next(columns: [Int]?) throws -> RecordBatch? {
        guard position < indices.count else { return nil }
        defer { position += 1 }
        return try reader.recordBatch(at: indices[position], columns: columns)
    }
}
