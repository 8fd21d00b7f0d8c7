/// Where a stream reader gets its bytes: memory (a mapped file or a copied `Data`), or a file
/// descriptor read incrementally.
protocol ByteSource: AnyObject {
    /// The next bytes: up to `count` from a descriptor (fewer only where the input ends), all
    /// that is left from memory; `nil` at the end of the input.
    func nextChunk(upTo count: Int) throws -> ArrowBuffer?
    /// Whether the input ended with the last chunk.
    var isExhausted: Bool { get }
}

/// Bytes already in memory, given as one chunk: the reader's messages are slices of it.
final class MemorySource: ByteSource {
    private var buffer: ArrowBuffer?

    init(_ buffer: ArrowBuffer) {
        self.buffer = buffer
    }

    var isExhausted: Bool { buffer == nil }

    func nextChunk(upTo count: Int) throws -> ArrowBuffer? {
        defer { buffer = nil }
        return buffer
    }
}
