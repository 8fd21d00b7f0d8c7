import Foundation

/// Batches of another source, read one ahead on a thread of their own: while the caller works
/// on one batch (writes it, formats it), the next is read and decompressed, so that a pipeline
/// such as a conversion keeps both the reading and the writing side busy.
///
/// ```swift
/// var batches = ReadAheadBatchSource(try ArrowBatchSource.open(url: input))
/// let writer = try ArrowStreamWriter(url: output, schema: batches.schema)
/// try writer.write(contentsOf: &batches)
/// ```
///
/// Reading starts with the first ``next(columns:)`` call. The batches and errors come in the
/// source's order: a batch that fails to read is the error of the call that would have returned
/// it, after every batch before it. At most one batch is read beyond the one the caller holds.
/// The source belongs to the reading thread; when this object goes away early, the thread stops
/// after the read under way.
public final class ReadAheadBatchSource: RecordBatchSource, Sendable {
    /// The schema of the source.
    public let schema: Schema
    /// The columns every batch is read with (schema positions), or `nil` for all.
    public let columns: [Int]?
    private let handOver: HandOver

    /// Starts reading `source`'s batches, with only `columns` (schema positions, in the order
    /// wanted) when given.
    public init(_ source: sending some RecordBatchSource, columns: [Int]? = nil) {
        schema = source.schema
        self.columns = columns
        let reading = ReadingSource(source)
        handOver = HandOver { handOver in
            var going = true
            while going {
                let read = Result(catching: { try reading.next(columns: columns) })
                if case .success(.some) = read {} else { going = false }
                going = handOver.put(read) && going
            }
        }
    }

    deinit {
        handOver.close()
    }

    /// The next batch, once read; `nil` after the last. `columns` must be the ones this source
    /// was made with: the next batch is already being read with those.
    public func next(columns: [Int]?) throws -> RecordBatch? {
        guard columns == self.columns else {
            throw ArrowError.invalidArgument(
                "a read-ahead source reads the columns it was made with (\(self.columns.map { "\($0)" } ?? "all")), not \(columns.map { "\($0)" } ?? "all")")
        }
        return try handOver.take()
    }

    /// The source, touched by the reading thread alone once it starts.
    private final class ReadingSource<Source: RecordBatchSource>: @unchecked Sendable {
        private var source: Source

        init(_ source: Source) {
            self.source = source
        }

        func next(columns: [Int]?) throws -> RecordBatch? {
            try source.next(columns: columns)
        }
    }

    /// The one place where a read batch waits for the caller, and the reading thread, started
    /// by the first ``take()``.
    private final class HandOver: @unchecked Sendable {
        // `reading`, `waiting`, `finished` and `closed` are read and written under `condition`'s lock.
        private let condition = NSCondition()
        /// The reading thread's work, until it starts.
        private var reading: (@Sendable (HandOver) -> Void)?
        private var waiting: Result<RecordBatch?, any Error>?
        /// Whether the end or an error was taken: nothing more comes.
        private var finished = false
        private var closed = false

        init(reading: @escaping @Sendable (HandOver) -> Void) {
            self.reading = reading
        }

        /// Hands `read` to the caller and, when it is a batch, waits until it is taken; false
        /// when the caller has gone and reading should stop. Reading the next batch before this
        /// one is taken would hold three batches' memory at once (the caller's, this one, the
        /// next) where two do: the next one is read while the caller works on this one.
        func put(_ read: Result<RecordBatch?, any Error>) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            guard !closed else { return false }
            waiting = read
            condition.broadcast()
            if case .success(.some) = read {
                while waiting != nil && !closed { condition.wait() }
            }
            return !closed
        }

        /// The next result, once it is read.
        func take() throws -> RecordBatch? {
            condition.lock()
            defer { condition.unlock() }
            if finished { return nil }
            if let reading {
                self.reading = nil
                let thread = Thread { reading(self) }
                thread.name = "arrow read-ahead"
                thread.start()
            }
            while waiting == nil { condition.wait() }
            let read = waiting
            waiting = nil
            condition.broadcast()
            switch read {
            case .success(let batch?): return batch
            case .failure(let error):
                finished = true
                throw error
            case .success(nil), nil:
                finished = true
                return nil
            }
        }

        /// The caller has gone: the reading thread stops.
        func close() {
            condition.lock()
            closed = true
            waiting = nil
            condition.broadcast()
            condition.unlock()
        }
    }
}
