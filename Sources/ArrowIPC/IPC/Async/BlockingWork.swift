import Dispatch

/// Runs `work` — a read or write that may block — on `queue`, off Swift's cooperative pool,
/// and waits for it. A cancelled task stops waiting at once, with `CancellationError`: the
/// work finishes on its own and its result is dropped.
func runBlockingWork<T: Sendable>(on queue: DispatchQueue, _ work: @escaping @Sendable () throws -> T) async throws -> T {
    let waiter = Locked<CheckedContinuation<T, any Error>?>(nil)
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            waiter.withLock { $0 = continuation }
            if Task.isCancelled {
                waiter.withLock { $0.take() }?.resume(throwing: CancellationError())
                return
            }
            queue.async {
                let result = Result { try work() }
                waiter.withLock { $0.take() }?.resume(with: result)
            }
        }
    } onCancel: {
        waiter.withLock { $0.take() }?.resume(throwing: CancellationError())
    }
}
