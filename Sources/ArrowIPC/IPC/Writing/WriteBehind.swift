import Foundation

/// A thread that does one job at a time for a writer, while the writer's caller goes on: the
/// writing of a batch's messages while the next batch is encoded and compressed.
///
/// A job is handed over only when the one before has finished, so at most one is ever under
/// way; its failure is thrown by the next ``submit(_:)`` or ``drain()``, and nothing more is
/// done after it. The thread starts with the first job and ends with ``close()``, which its
/// owner must call. A job may use what its submitter does not touch until the next
/// ``submit(_:)``, ``drain()`` or ``close()`` returns.
final class WriteBehind: @unchecked Sendable {
    // `job`, `running`, `failure` and `closed` are read and written under `condition`'s lock.
    private let condition = NSCondition()
    private var job: (() throws -> Void)?
    /// Whether a job is under way (taken from `job`, not finished).
    private var running = false
    private var failure: (any Error)?
    private var closed = false
    private var started = false

    /// Waits for the job under way, then hands `job` to the thread; throws the failure of an
    /// earlier job instead.
    func submit(_ job: @escaping () throws -> Void) throws {
        condition.lock()
        defer { condition.unlock() }
        try waitUntilIdle()
        guard !closed else { throw ArrowError.invalidArgument("the writer's output is closed") }
        self.job = job
        if !started {
            started = true
            let thread = Thread { [self] in work() }
            thread.name = "arrow write-behind"
            thread.start()
        }
        condition.broadcast()
    }

    /// Waits until the job under way has finished; throws its failure, or an earlier one.
    func drain() throws {
        condition.lock()
        defer { condition.unlock() }
        try waitUntilIdle()
    }

    /// Waits for the job under way, drops the one not yet begun, and ends the thread.
    func close() {
        condition.lock()
        closed = true
        job = nil
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    /// (Under the lock.)
    private func waitUntilIdle() throws {
        while job != nil || running { condition.wait() }
        if let failure { throw failure }
    }

    private func work() {
        condition.lock()
        while true {
            while job == nil && !closed { condition.wait() }
            guard let next = job else { break }
            job = nil
            running = true
            condition.unlock()
            var thrown: (any Error)?
            do { try next() } catch { thrown = error }
            condition.lock()
            running = false
            if failure == nil, let thrown { failure = thrown }
            // After a failure nothing more is written: the output is incomplete anyway.
            if failure != nil { closed = true }
            condition.broadcast()
        }
        condition.unlock()
    }
}
