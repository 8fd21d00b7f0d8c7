import Foundation

/// Anything that gives record batches of one schema in order, one at a time: the stream and
/// file readers, the Feather V1 reader, ``ArrowBatchSource``.
///
/// ```swift
/// func rowCount(of source: inout some RecordBatchSource) throws -> Int {
///     var rows = 0
///     while let batch = try source.next(columns: nil) { rows += batch.rowCount }
///     return rows
/// }
/// ```
public protocol RecordBatchSource {
    /// The schema of every batch.
    var schema: Schema { get }
    /// The next batch, decoding only `columns` (schema positions, in the order wanted) when
    /// given; `nil` after the last.
    mutating func next(columns: [Int]?) throws -> RecordBatch?
}

/// Anything that takes record batches of one schema and makes them a whole: the stream and
/// file writers.
public protocol RecordBatchSink: AnyObject {
    /// The schema every batch must have.
    var schema: Schema { get }
    /// Appends `batch`.
    func write(_ batch: RecordBatch) throws
    /// Completes the output; returns it for an in-memory writer, else empty `Data`.
    @discardableResult
    func finish() throws -> Data
    /// Abandons the output (a file on a URL is never named); later writes throw.
    func cancel()
}

extension RecordBatchSink {
    /// Writes every remaining batch of `source`, each through `transform` (given the batch and
    /// the row where it starts), then finishes, returning what ``finish()`` returns; on an
    /// error, cancels the output and rethrows, so that nothing looks complete that is not.
    @discardableResult
    public func write(
        contentsOf source: inout some RecordBatchSource,
        transform: (_ batch: RecordBatch, _ firstRow: Int) throws -> RecordBatch = { batch, _ in batch }
    ) throws -> Data {
        do {
            var firstRow = 0
            while let batch = try source.next(columns: nil) {
                try write(try transform(batch, firstRow))
                let (next, overflow) = firstRow.addingReportingOverflow(batch.rowCount)
                guard !overflow else { throw ArrowError.invalidData("the input's row count overflows") }
                firstRow = next
            }
        } catch {
            cancel()
            throw error
        }
        return try finish()
    }
}

/// Anything that gives record batches asynchronously, in order: ``ArrowAsyncStreamReader``.
public protocol AsyncRecordBatchSource: AnyObject {
    /// The schema of every batch, read as far as needed.
    func schema(isolation: isolated (any Actor)?) async throws -> Schema
    /// The next batch, decoding only `columns` when given; `nil` after the last.
    func next(columns: [Int]?, isolation: isolated (any Actor)?) async throws -> RecordBatch?
}

/// Anything that takes record batches asynchronously: ``ArrowAsyncStreamWriter``.
public protocol AsyncRecordBatchSink: AnyObject {
    /// The schema every batch must have.
    var schema: Schema { get }
    /// Appends `batch`, returning when the destination has taken it.
    func write(_ batch: RecordBatch, isolation: isolated (any Actor)?) async throws
    /// Completes the output.
    func finish(isolation: isolated (any Actor)?) async throws
}

extension ArrowStreamReader: RecordBatchSource {}
extension ArrowAsyncStreamReader: AsyncRecordBatchSource {}
extension ArrowStreamWriter: RecordBatchSink {}
extension ArrowFileWriter: RecordBatchSink {}
extension ArrowAsyncStreamWriter: AsyncRecordBatchSink {}
