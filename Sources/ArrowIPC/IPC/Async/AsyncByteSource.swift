import Foundation

/// Where the async stream reader gets its bytes: any `AsyncSequence` of chunks, or a file
/// descriptor read on a thread of its own.
protocol AsyncByteSource: AnyObject {
    /// The next bytes, `count` wanted (the part of a message the decoder waits for): a source
    /// that can (a descriptor) gives exactly that many, fewer only where the input ends;
    /// a sequence of chunks gives its next chunk. `nil` at the end of the input.
    func next(wanting count: Int, isolation: isolated (any Actor)?) async throws -> ArrowBuffer?
}

/// The chunks of an `AsyncSequence`, as they come: an ``ArrowBuffer`` as it is (the batches
/// will share it), any other bytes copied once into aligned memory.
final class ChunkSequenceSource<Chunks: AsyncSequence>: AsyncByteSource where Chunks.Element: ContiguousBytes {
    private var chunks: Chunks.AsyncIterator

    init(_ chunks: Chunks) {
        self.chunks = chunks.makeAsyncIterator()
    }

    func next(wanting count: Int, isolation: isolated (any Actor)?) async throws -> ArrowBuffer? {
        guard let chunk = try await chunks.next(isolation: isolation) else { return nil }
        if let buffer = chunk as? ArrowBuffer { return buffer }
        return chunk.withUnsafeBytes { ArrowBuffer(copying: $0) }
    }
}
