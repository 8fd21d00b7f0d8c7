/// Collects text and hands it to an output closure in chunks of about 64 KiB, so writers
/// can append row by row without a system call per row and without holding all the output.
struct BufferedTextOutput {
    private let output: (String) throws -> Void
    private var pending = ""
    private static let chunkSize = 1 << 16

    init(_ output: @escaping (String) throws -> Void) {
        self.output = output
    }

    /// Appends `text`, handing the collected text on when the chunk is full.
    mutating func write(_ text: String) throws {
        pending += text
        try flushIfFull()
    }

    /// Lets `body` append to the pending text directly, then hands it on when the chunk is full.
    mutating func append(_ body: (inout String) throws -> Void) throws {
        try body(&pending)
        try flushIfFull()
    }

    /// Hands on everything collected.
    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let chunk = pending
        pending = ""
        try output(chunk)
    }

    private mutating func flushIfFull() throws {
        if pending.utf8.count >= Self.chunkSize {
            try flush()
        }
    }
}
