import Foundation
import Testing
@testable import ArrowIPC

/// Every input of the push decoder's tests (golden streams and files, pyarrow's, our writers')
/// read by the async reader from an `AsyncSequence` of chunks, in the same splits: exactly the
/// readers' schema and batches.
@Suite struct AsyncChunkTests {
    @Test(arguments: PushInput.allIds)
    func theAsyncReaderGivesWhatTheReadersGive(_ id: String) async throws {
        let input = try PushInput(id)
        let expected = try ReaderResult(input)
        // (One-byte chunks for the smaller inputs only: each chunk is an await.)
        let splits: [ChunkSplit] = [.fixed(7), .fixed(64), .fixed(4096), .random(seed: 1)]
            + (input.bytes.count <= 16 << 10 ? [.fixed(1)] : [])
        for split in splits {
            let chunks = AsyncStream<ArrowBuffer> { continuation in
                for chunk in input.chunks(split) { continuation.yield(chunk) }
                continuation.finish()
            }
            let reader = try ArrowAsyncStreamReader(chunks, options: PushDecoderTests.options)
            let batches = try await reader.readAll()
            #expect(try await reader.schema == expected.schema, "\(id), \(split)")
            #expect(batches.count == expected.batches.count, "\(id), \(split)")
            for (index, (batch, other)) in zip(batches, expected.batches).enumerated() {
                let difference = batch.firstDifference(from: other)
                #expect(difference == nil, "\(id), \(split), batch \(index): \(difference ?? "")")
            }
        }
    }
}
