import Foundation
import Testing
@testable import ArrowIPC

/// The async reader and writer against pyarrow through pipes, each side reading while the
/// other writes (Tests/interop/stream_peer.py is the pyarrow side).
///
/// Needs the interop environment's Python with pyarrow: `.venv/bin/python` at the repository
/// root (made by `scripts/test`), or the interpreter named by `ARROW_IPC_PYTHON`.
@Suite(.serialized, .enabled(if: pyarrowPython != nil,
                "no Python with pyarrow: run scripts/test (it makes .venv) or set ARROW_IPC_PYTHON"))
struct AsyncPyarrowTests {
    static let root = repositoryRoot
    static let python = pyarrowPython


    /// The peer script run with `arguments`, its standard input and output as pipes.
    private func peer(_ arguments: [String]) throws -> (Process, input: Pipe, output: Pipe) {
        let process = Process()
        process.executableURL = try #require(Self.python)
        process.arguments = [Self.root.appendingPathComponent("Tests/interop/stream_peer.py").path] + arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // A peer still running after 15 minutes is stopped, so that a test that waits for it
        // fails instead of hanging. (With the whole suite running under a sanitizer, a task
        // may wait minutes for a thread of the cooperative pool.)
        DispatchQueue.global().asyncAfter(deadline: .now() + 900) { [process] in
            if process.isRunning { process.terminate() }
        }
        return (process, input, output)
    }

    @Test func pyarrowsStreamIsReadWhileItIsWritten() async throws {
        let (process, input, output) = try peer(["write", "4"])
        let reader = try ArrowAsyncStreamReader(fileHandle: output.fileHandleForReading)
        var batches: [RecordBatch] = []
        while let batch = try await reader.next() {
            batches.append(batch)
            // pyarrow writes the rest only once it hears that batch 0 arrived.
            if batches.count == 1 { try input.fileHandleForWriting.write(contentsOf: Data("got 0\n".utf8)) }
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(batches.count == 4)
        for (index, batch) in batches.enumerated() {
            let ints = try #require(batch.column(0) as? Int64Array)
            #expect(batch.rowCount == 1000)
            #expect(ints[0] == Int64(index * 1000) && ints[999] == Int64(index * 1000 + 999))
            #expect((batch.column(1) as? StringArray)?[0] == "row \(index * 1000)")
        }
    }

    @Test func pyarrowReadsOurStreamWhileItIsWritten() async throws {
        let (process, input, output) = try peer(["read"])
        let lines = LineReader(output.fileHandleForReading)
        let batches = try (0..<3).map { index in
            let values = (index * 1000)..<(index * 1000 + 1000)
            let colors = try DictionaryArray(
                indices: Int32Array(values.map { Int32($0 % 3) }), dictionary: StringArray(["red", "green", "blue"]))
            return try RecordBatch(
                schema: Schema([Field("i", .int64), Field("s", .utf8), Field("colors", colors.data.type)]),
                columns: [Int64Array(values.map { Int64($0) }), StringArray(values.map { "row \($0)" }), colors])
        }
        let writer = try ArrowAsyncStreamWriter(fileHandle: input.fileHandleForWriting, schema: batches[0].schema)
        for (index, batch) in batches.enumerated() {
            try await writer.write(batch)
            // pyarrow reports each batch before the next is written.
            let sum = (index * 1000..<(index * 1000 + 1000)).reduce(0, +)
            #expect(try await lines.next() == "batch \(index) rows=1000 sum=\(sum) first=row \(index * 1000) colors=blue,green,red")
        }
        try await writer.finish()
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The interop environment's Python, when it imports pyarrow.
private let pyarrowPython: URL? = {
    let candidates: [String?] = [
        ProcessInfo.processInfo.environment["ARROW_IPC_PYTHON"], repositoryRoot.appendingPathComponent(".venv/bin/python").path,
    ]
    for case let path? in candidates where FileManager.default.isExecutableFile(atPath: path) {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: path)
        check.arguments = ["-c", "import pyarrow"]
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { continue }
        check.waitUntilExit()
        if check.terminationStatus == 0 { return URL(fileURLWithPath: path) }
    }
    return nil
}()

/// Lines read from a handle one at a time, each waited for on a queue of its own (not on a
/// thread of the cooperative pool, which the other side of the test needs).
private final class LineReader: @unchecked Sendable {
    // Used by one test at a time, and only on `queue`.
    private let handle: FileHandle
    private var pending = Data()
    private let queue = DispatchQueue(label: "LineReader")

    init(_ handle: FileHandle) {
        self.handle = handle
    }

    func next() async throws -> String? {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(returning: self.readLine()) }
        }
    }

    private func readLine() -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                return line
            }
            // (What has arrived: `read(upToCount:)` would wait for the whole count.)
            let more = handle.availableData
            guard !more.isEmpty else { return nil }
            pending.append(more)
        }
    }
}
