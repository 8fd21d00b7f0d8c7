import Foundation
import Testing
@testable import ArrowIPC

/// Writers opened on a path: the file appears there whole when `finish()` returns, and not
/// before; a writer that fails or is dropped leaves the path as it was, and no temporary file.
@Suite struct InterruptedWriteTests {
    /// A fresh folder for one test, removed afterwards by `body`'s caller.
    private func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outputs-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    private func names(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func aWriterStoppedByAnErrorOrDroppedLeavesNothing() throws {
        try withFolder { folder in
            let url = folder.appendingPathComponent("out.arrow")
            let batch = try ipcSampleBatch()
            do {
                let writer = try ArrowFileWriter(url: url, schema: batch.schema)
                try writer.write(batch)
                // The caller fails here: a batch of the wrong schema, and no finish().
                let other = try RecordBatch(names: ["x"], columns: [Int64Array([1])])
                #expect(throws: ArrowError.self) { try writer.write(other) }
                #expect(try names(in: folder) == [])
            }
            #expect(try names(in: folder) == [])
            do {
                let writer = try ArrowStreamWriter(url: url, schema: batch.schema)
                try writer.write(batch)
            }
            #expect(try names(in: folder) == [])
        }
    }

    @Test func aFinishedFileReplacesTheOldOneInOneStep() throws {
        try withFolder { folder in
            let url = folder.appendingPathComponent("out.arrows")
            try Data("old".utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: url.path)
            let batch = try ipcSampleBatch()
            let writer = try ArrowStreamWriter(url: url, schema: batch.schema)
            try writer.write(batch)
            #expect(try Data(contentsOf: url) == Data("old".utf8))
            try writer.finish()
            #expect(try names(in: folder) == ["out.arrows"])
            let reader = try ArrowStreamReader(url: url)
            #expect(try reader.readAll().map { $0.isEqual(to: batch) } == [true])
            let permissions = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
            #expect(permissions == 0o640)
        }
    }

    @Test func withoutSyncingTheFileStillAppearsWholeOnFinish() throws {
        try withFolder { folder in
            let url = folder.appendingPathComponent("scratch.arrow")
            let batch = try ipcSampleBatch()
            let writer = try ArrowFileWriter(url: url, schema: batch.schema, options: ArrowWriteOptions().syncsToDisk(false))
            try writer.write(batch)
            #expect(try names(in: folder) == [])
            try writer.finish()
            #expect(try names(in: folder) == ["scratch.arrow"])
            #expect(try ArrowFileReader(url: url).recordBatch(at: 0).isEqual(to: batch))
        }
    }

    @Test func aSymbolicLinkIsFollowedAndKept() throws {
        try withFolder { folder in
            let targets = folder.appendingPathComponent("targets")
            try FileManager.default.createDirectory(at: targets, withIntermediateDirectories: false)
            let link = folder.appendingPathComponent("link.arrow")
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "targets/data.arrow")
            let batch = try ipcSampleBatch()
            let writer = try ArrowFileWriter(url: link, schema: batch.schema)
            try writer.write(batch)
            try writer.finish()
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "targets/data.arrow")
            #expect(try names(in: targets) == ["data.arrow"])
            #expect(try ArrowFileReader(url: targets.appendingPathComponent("data.arrow")).recordBatch(at: 0).isEqual(to: batch))
        }
    }

    @Test func aFIFOIsWrittenAsAStream() throws {
        try withFolder { folder in
            let fifo = folder.appendingPathComponent("pipe")
            #expect(mkfifo(fifo.path, 0o600) == 0)
            let batch = try ipcSampleBatch()
            let readCount = Locked<Int?>(nil)
            let done = DispatchSemaphore(value: 0)
            let reading = Thread {
                // Opening a FIFO waits for a writer; the stream then arrives as it is written.
                let batches = try? ArrowStreamReader(url: fifo).readAll()
                readCount.withLock { $0 = batches?.count }
                done.signal()
            }
            reading.start()
            let writer = try ArrowStreamWriter(url: fifo, schema: batch.schema)
            for _ in 0..<3 { try writer.write(batch) }
            try writer.finish()
            // (A long bound: under a sanitizer, with the whole suite running, the reader is slow.)
            #expect(done.wait(timeout: .now() + 600) == .success)
            #expect(readCount.withLock { $0 } == 3)
            var info = stat()
            #expect(stat(fifo.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        }
    }

    @Test func aFullDiskIsAnErrorAndLaterWritesAreRefused() throws {
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
        #expect(throws: ArrowError.self) { try writer.write(batch) }
    }

    /// A file of the writer's own is written on the writer's thread: a failure there is thrown
    /// by the next write or by finish, never lost; without `parallel`, by the write itself.
    @Test(arguments: [true, false]) func aFailureWritingBehindIsThrownByTheNextCall(parallel: Bool) throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        // Over the 1 MiB the sink gathers, so that writing the batch reaches the device.
        let batch = try RecordBatch(names: ["n"], columns: [Int64Array((0..<300_000).map { Int64($0) })])
        let writer = try ArrowStreamWriter(
            url: URL(fileURLWithPath: "/dev/full"), schema: batch.schema, options: ArrowWriteOptions().parallel(parallel))
        var failures: [String] = []
        for _ in 0..<3 {
            do { try writer.write(batch) } catch { failures.append("\(error)") }
        }
        do { try writer.finish() } catch { failures.append("\(error)") }
        #expect(failures.count == (parallel ? 3 : 4))
        #expect(failures.first?.contains("/dev/full") == true)
        #expect(failures.dropFirst().allSatisfy { $0.contains("incomplete") || $0.contains("finished") })
    }
}

/// Files read without mapping them: the same batches, and a file that shrinks while it is
/// read is an error naming it, not a crash.
@Suite struct UnmappedReadTests {
    private func writeFile(batches: Int) throws -> (URL, RecordBatch) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("unmapped-\(UUID()).arrow")
        let batch = try ipcSampleBatch()
        let writer = try ArrowFileWriter(url: url, schema: batch.schema)
        for _ in 0..<batches { try writer.write(batch) }
        try writer.finish()
        return (url, batch)
    }

    @Test func filesAndStreamsReadTheSameWithoutMapping() throws {
        let (url, batch) = try writeFile(batches: 3)
        defer { try? FileManager.default.removeItem(at: url) }
        let options = ArrowReadOptions().memoryMapsFiles(false)
        let reader = try ArrowFileReader(url: url, options: options)
        #expect(try reader.readAll().allSatisfy { $0.isEqual(to: batch) })
        #expect(reader.bytes is InputFile)
        let stream = try ArrowStreamReader(url: url, options: options)
        #expect(try stream.readAll().count == 3)
    }

    @Test func aFileThatShrinksWhileReadIsAnErrorNamingIt() throws {
        let (url, _) = try writeFile(batches: 4)
        defer { try? FileManager.default.removeItem(at: url) }
        let options = ArrowReadOptions().memoryMapsFiles(false)
        let reader = try ArrowFileReader(url: url, options: options)
        let stream = try ArrowStreamReader(url: url, options: options)
        _ = try reader.recordBatch(at: 0)
        _ = try stream.next()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(truncate(url.path, off_t(size / 3)) == 0)
        for attempt in [{ _ = try reader.recordBatch(at: 3) }, { _ = try stream.readAll() }] {
            do {
                try attempt()
                Issue.record("a truncated file read without error")
            } catch let error as ArrowError {
                guard case .io(let reason) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(reason.contains(url.path) && reason.contains("truncated"), "\(reason)")
            }
        }
    }

    /// A batch's header is read without its body: `recordBatchInfo(at:)` (what `arrow-ipc
    /// inspect` shows) works on a batch whose body is gone, `recordBatch(at:)` does not.
    @Test func batchInfoReadsNoBody() throws {
        let (url, batch) = try writeFile(batches: 2)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try ArrowFileReader(url: url, options: ArrowReadOptions().memoryMapsFiles(false))
        let bytes = [UInt8](try Data(contentsOf: url))
        let footerLength = bytes[(bytes.count - 10)..<(bytes.count - 6)].reversed().reduce(0) { $0 << 8 | Int($1) }
        // Cut 16 bytes before the end of the last batch's body (the end-of-stream marker, 8
        // bytes, and the footer follow it).
        #expect(truncate(url.path, off_t(bytes.count - 10 - footerLength - 8 - 16)) == 0)
        #expect(try reader.recordBatchInfo(at: 1).rowCount == batch.rowCount)
        #expect(throws: ArrowError.self) { try reader.recordBatch(at: 1) }
    }

    @Test func aDirectoryIsNotAnInput() {
        let folder = FileManager.default.temporaryDirectory
        #expect(throws: ArrowError.io("\(folder.path) is a directory, not an Arrow file or stream")) {
            try ArrowStreamReader(url: folder)
        }
    }
}
