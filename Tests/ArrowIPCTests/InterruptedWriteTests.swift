import Foundation
import Testing
@testable import ArrowIPC

/// A file writer that stops midway leaves no file that reads as complete: the footer, which a
/// file reader needs, is written last.
@Suite struct InterruptedWriteTests {
    @Test func aFileWriterStoppedByAnErrorLeavesNoReadableFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("interrupted-\(UUID()).arrow")
        defer { try? FileManager.default.removeItem(at: url) }
        let batch = try ipcSampleBatch()
        do {
            let writer = try ArrowFileWriter(url: url, schema: batch.schema)
            try writer.write(batch)
            try writer.write(batch)
            // The caller fails here: a batch of the wrong schema, and no finish().
            let other = try RecordBatch(names: ["x"], columns: [Int64Array([1])])
            #expect(throws: ArrowError.self) { try writer.write(other) }
        }
        #expect(FileManager.default.fileExists(atPath: url.path))
        #expect(throws: ArrowError.self) { try ArrowFileReader(url: url) }
    }

    @Test func aFullDiskIsAnError() throws {
        // Linux's /dev/full fails every write with ENOSPC.
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let batch = try ipcSampleBatch()
        let writer = try ArrowFileWriter(url: URL(fileURLWithPath: "/dev/full"), schema: batch.schema)
        do {
            try writer.write(batch)
            try writer.finish()
            Issue.record("writing to /dev/full succeeded")
        } catch let error as ArrowError {
            guard case .io(let reason) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(reason.contains("/dev/full"))
        }
    }
}
