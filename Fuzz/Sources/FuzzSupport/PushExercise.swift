import ArrowIPC
import Foundation

extension Exercise {
    /// Pushes `data` into an ``ArrowStreamDecoder`` in chunks split at points drawn from a
    /// hash of the input (so that each input always splits the same way, and a mutation
    /// splits it anew), formatting each batch after the chunk it came from is released, then
    /// says the input ended. Each chunk is memory of its own — zero-copy, or copied by the
    /// decoder — so that a read past a chunk is a finding for the address sanitizer.
    ///
    /// Differentially, the same bytes are read by ``ArrowStreamReader``: the decoder must
    /// succeed exactly when the reader does, with as many batches. A disagreement traps.
    public static func push(_ data: Data) {
        let bytes = [UInt8](data)
        var random = SplitMix64(seed: fnv1a(bytes))
        // The largest chunk: single bytes, small pieces, about a page, or up to all of it.
        let largest = [1, 16, 4096, max(bytes.count, 1)][Int(random.next() % 4)]
        var pushed = 0
        var succeeded = false
        do {
            var decoder = try ArrowStreamDecoder(options: options)
            var budget = valueBudget
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + 1 + Int(random.next() % UInt64(largest)))
                let copies = random.next() % 2 == 0
                let events = try bytes[start..<end].withUnsafeBytes { chunk in
                    try copies ? decoder.decode(chunk) : decoder.decode(ArrowBuffer(copying: chunk))
                }
                for case .recordBatch(let batch) in events {
                    pushed += 1
                    touch(batch, budget: &budget)
                }
                start = end
            }
            try decoder.finish()
            succeeded = true
        } catch {}

        var read = 0
        var readsWhole = false
        do {
            let reader = try ArrowStreamReader(buffer: bytes.withUnsafeBytes { ArrowBuffer(copying: $0) }, options: options)
            while try reader.next() != nil { read += 1 }
            readsWhole = true
        } catch {}
        guard succeeded == readsWhole, !succeeded || pushed == read else {
            fatalError(
                "the push decoder \(succeeded ? "read \(pushed) batches" : "failed"), the stream reader \(readsWhole ? "read \(read) batches" : "failed")")
        }
    }

    /// The 64-bit FNV-1a hash of `bytes`.
    private static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}

/// A small seeded generator (SplitMix64): the same seed gives the same numbers everywhere.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
