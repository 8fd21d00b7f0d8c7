import Foundation

/// A value that threads share, read and changed only while its lock is held.
///
/// The project's one lock for shared state. It is built on `NSLock` (a pthread mutex), which
/// ThreadSanitizer understands; the standard library's `Mutex` waits on a futex inside the
/// uninstrumented runtime on Linux, so every contended use of it is reported as a race, which
/// would hide real ones.
final class Locked<Value>: @unchecked Sendable {
    // `lock` guards `value`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// The result of `body`, run on the value while no other thread can see or change it.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
