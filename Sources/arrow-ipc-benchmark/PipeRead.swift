import ArrowIPC
import Foundation

/// The buffer bytes of every batch of the stream at `url` as `cat` sends it through a pipe,
/// read by the sync reader, or by the async reader from a task while this thread waits.
func readThroughPipe(_ url: URL, async: Bool) throws -> Int {
    let cat = Process()
    cat.executableURL = URL(fileURLWithPath: "/bin/cat")
    cat.arguments = [url.path]
    let pipe = Pipe()
    cat.standardOutput = pipe
    try cat.run()
    defer { cat.waitUntilExit() }
    let input = pipe.fileHandleForReading
    guard async else {
        let reader = try ArrowStreamReader(fileHandle: input)
        var touched = 0
        while let batch = try reader.next() { touched &+= bufferBytes(batch) }
        return touched
    }
    let result = AsyncResult()
    let done = DispatchSemaphore(value: 0)
    Task {
        do {
            var touched = 0
            for try await batch in try ArrowAsyncStreamReader(fileHandle: input) { touched &+= bufferBytes(batch) }
            result.set(.success(touched))
        } catch {
            result.set(.failure(error))
        }
        done.signal()
    }
    done.wait()
    return try result.get()
}

/// The result of a task, handed to the thread that waits for it.
private final class AsyncResult: @unchecked Sendable {
    // Set once by the task before it signals; read after the wait.
    private var value: Result<Int, any Error> = .success(0)

    func set(_ result: Result<Int, any Error>) { value = result }
    func get() throws -> Int { try value.get() }
}
