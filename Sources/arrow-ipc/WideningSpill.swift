import ArrowIPC
import Foundation

/// The batches of text input read with `--widen`, kept aside in temporary streams until the
/// input ends, when the final schema is known: a batch read before a type widened is then
/// conformed to it (``RecordBatch/conformed(to:)``).
///
/// Each run of batches with one schema goes to a stream in a temporary file that is deleted
/// as soon as it is created, so nothing is left behind however the tool ends.
final class WideningSpill {
    private var streams: [(handle: FileHandle, schema: Schema)] = []
    private var writer: ArrowStreamWriter?

    /// Keeps `batch`.
    func write(_ batch: RecordBatch) throws {
        if writer == nil || streams.last?.schema != batch.schema {
            try writer?.finish()
            let handle = try Self.anonymousFile()
            writer = try ArrowStreamWriter(fileHandle: handle, schema: batch.schema, options: ArrowWriteOptions(syncsToDisk: false))
            streams.append((handle, batch.schema))
        }
        try writer?.write(batch)
    }

    /// Hands each batch kept, in order and conformed to `schema`, to `body`. A value that does
    /// not convert exactly (an integer past 2^53 made a double) ends with an error naming its
    /// row of the input.
    func replay(conformingTo schema: Schema, _ body: (RecordBatch) throws -> Void) throws {
        try writer?.finish()
        writer = nil
        var firstRow = 0
        for stream in streams {
            try stream.handle.seek(toOffset: 0)
            let reader = try ArrowStreamReader(fileHandle: stream.handle)
            while let batch = try reader.next() {
                do {
                    try body(batch.schema == schema ? batch : batch.conformed(to: schema))
                } catch ArrowError.castFailed(var failure) {
                    failure.row += firstRow
                    failure.reason += " (the column's type widened after this row was read: --widen)"
                    throw ArrowError.castFailed(failure)
                }
                firstRow = try addRows(firstRow, batch.rowCount)
            }
        }
    }

    /// A new file in the temporary folder, open for reading and writing, its name already removed.
    private static func anonymousFile() throws -> FileHandle {
        var template = Array(FileManager.default.temporaryDirectory.appendingPathComponent("arrow-ipc-widen-XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw CommandFailure(message: "cannot create a temporary file for --widen: \(String(cString: strerror(errno)))")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}
