import Dispatch
import Foundation
import Synchronization

/// The cores this process may use, read once. (`ProcessInfo.activeProcessorCount` reads the
/// control group's CPU files again on every call: four files per batch of a conversion.)
let availableCoreCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

/// Runs `work` on each of `items`, on as many threads as there are cores (one when `parallel`
/// is false or there is one item), each thread with its own state from `makeState`. Threads
/// take items in the order given, so put the biggest first. When items fail, the error of the
/// first failing item in `items` is thrown, whatever the threads' timing.
func runConcurrently<State>(
    _ items: [Int], parallel: Bool, makeState: () throws -> State, work: (Int, State) throws -> Void
) throws {
    let workerCount = parallel ? min(items.count, availableCoreCount) : 1
    if workerCount <= 1 {
        let state = try makeState()
        for item in items { try work(item, state) }
        return
    }
    // Each state is used by one thread only, each error slot written by the one thread that
    // took its item, and `work` returns before this function does.
    nonisolated(unsafe) let states = try (0..<workerCount).map { _ in try makeState() }
    nonisolated(unsafe) let errors = UnsafeMutableBufferPointer<(any Error)?>.allocate(capacity: items.count)
    errors.initialize(repeating: nil)
    defer { errors.deinitialize(); errors.deallocate() }
    let next = Atomic<Int>(0)
    try withoutActuallyEscaping(work) { work in
        nonisolated(unsafe) let work = work
        DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
            let state = states[worker]
            while true {
                let position = next.add(1, ordering: .relaxed).oldValue
                guard position < items.count else { return }
                do {
                    try work(items[position], state)
                } catch {
                    errors[position] = error
                }
            }
        }
        if let error = errors.lazy.compactMap({ $0 }).first { throw error }
    }
}
