/// The frame memory of a compressing writer, kept from one batch to the next. Allocated afresh
/// for every batch, large blocks go back to the system when freed and must be faulted in again
/// by the kernel each time, which costs as much as a fast codec. The pool keeps no more bytes
/// than the largest batch asked for at once.
final class FramePool: Sendable {
    private struct State {
        var kept: [HeapAllocation] = []
        var largestRequest = 0
    }

    private let state = Locked(State())

    /// For each of `byteCounts`, a kept allocation of at least that many bytes (the smallest
    /// that fits, largest requests first) or a new one.
    func take(_ byteCounts: [Int]) -> [HeapAllocation] {
        state.withLock { state in
            state.largestRequest = max(state.largestRequest, byteCounts.reduce(0, +))
            state.kept.sort { $0.byteCount < $1.byteCount }
            var result = [HeapAllocation?](repeating: nil, count: byteCounts.count)
            for position in byteCounts.indices.sorted(by: { byteCounts[$0] > byteCounts[$1] }) {
                if let fit = state.kept.firstIndex(where: { $0.byteCount >= byteCounts[position] }) {
                    result[position] = state.kept.remove(at: fit)
                }
            }
            return byteCounts.indices.map { result[$0] ?? HeapAllocation(byteCount: byteCounts[$0]) }
        }
    }

    /// Keeps `allocations`, whose memory nothing refers to any more, for later batches; the
    /// biggest that fit within the largest request are kept, the others dropped.
    func keep(_ allocations: [HeapAllocation]) {
        state.withLock { state in
            state.kept.append(contentsOf: allocations)
            state.kept.sort { $0.byteCount > $1.byteCount }
            var total = 0
            let limit = state.largestRequest
            state.kept.removeAll { allocation in
                guard total + allocation.byteCount <= limit else { return true }
                total += allocation.byteCount
                return false
            }
        }
    }
}
