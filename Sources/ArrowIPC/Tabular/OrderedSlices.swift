import Foundation

/// Slices of text made on worker threads and handed on in order by the calling thread, as a
/// pipeline: while the caller hands on one slice (a `write` to a file or a pipe, which costs
/// the kernel's copy), the workers make the next ones, so that no core waits for the other.
///
/// At most `bufferCount` slices are made ahead of the one being handed on, each into a
/// buffer of its own that is used again once its slice is handed on, so memory stays bounded.
/// The buffers are the caller's, kept from one call to the next: a writer's batches reuse
/// the memory of the batch before rather than the kernel zeroing fresh pages for each.
final class OrderedSlices: @unchecked Sendable {
    // `condition` guards the `var`s below; a buffer taken by a worker is used
    // by that worker alone until it is stored back, and by the caller alone while it is ready.
    private let condition = NSCondition()
    private let sliceCount: Int
    private let bufferCount: Int
    private var buffers: [OutputBytes]
    /// Whether the slice in each buffer is made (or failed, with its error in `errors`).
    private var ready: [Bool]
    private var errors: [(any Error)?]
    private var nextSlice = 0
    private var handedOn = 0
    private var stopped = false
    private var runningWorkers = 0
    /// What makes a slice, while the workers run.
    private var make: ((Int, inout OutputBytes) throws -> Void)?

    private init(sliceCount: Int, buffers: [OutputBytes]) {
        self.sliceCount = sliceCount
        self.bufferCount = buffers.count
        self.buffers = buffers
        ready = Array(repeating: false, count: bufferCount)
        errors = Array(repeating: nil, count: bufferCount)
    }

    /// Makes slices `0..<sliceCount` with `make` on `workerCount` threads, at most
    /// `bufferCount` ahead, and hands each to `output` in order on this thread. When `make` or
    /// `output` throws, the error of the first slice that failed is thrown, once the workers
    /// have stopped; nothing after that slice is handed on.
    ///
    /// The slices are made in `buffers` (more are added when there are fewer than
    /// `bufferCount`), which are given back empty, whether or not this throws.
    static func write(
        sliceCount: Int, workerCount: Int, bufferCount: Int, buffers: inout [OutputBytes],
        make: (Int, inout OutputBytes) throws -> Void, output: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var given = buffers.prefix(max(1, bufferCount))
        while given.count < max(1, bufferCount) { given.append(OutputBytes()) }
        let slices = OrderedSlices(sliceCount: sliceCount, buffers: Array(given))
        defer {
            buffers = slices.buffers.map { buffer in
                var emptied = buffer
                emptied.removeAll()
                return emptied
            }
        }
        try withoutActuallyEscaping(make) { make in
            // Held by `slices` alone, and let go once the workers have stopped (`stopWorkers`),
            // before this closure returns.
            slices.condition.withLock {
                slices.make = make
                slices.runningWorkers = workerCount
            }
            for _ in 0..<workerCount {
                Thread { slices.work() }.start()
            }
            defer { slices.stopWorkers() }
            try slices.handOn(to: output)
        }
    }

    /// A worker: makes slices until there are none left, then counts itself out (having let go
    /// of `make`, which ``makeSlices()`` held).
    private func work() {
        makeSlices()
        condition.withLock {
            runningWorkers -= 1
            condition.broadcast()
        }
    }

    /// Takes the next slice once its buffer is free, makes it, and marks it ready, until every
    /// slice is taken or the caller stops.
    private func makeSlices() {
        condition.lock()
        defer { condition.unlock() }
        guard let make else { return }
        while true {
            while !stopped && nextSlice < sliceCount && nextSlice - handedOn >= bufferCount {
                condition.wait()
            }
            guard !stopped, nextSlice < sliceCount else { break }
            let slice = nextSlice
            nextSlice += 1
            let slot = slice % bufferCount
            var text = buffers[slot]
            condition.unlock()
            var failure: (any Error)?
            do {
                try make(slice, &text)
            } catch {
                failure = error
            }
            condition.lock()
            buffers[slot] = text
            errors[slot] = failure
            ready[slot] = true
            condition.broadcast()
        }
    }

    /// Hands each slice to `output` as soon as it and those before it are made.
    private func handOn(to output: (UnsafeRawBufferPointer) throws -> Void) throws {
        for slice in 0..<sliceCount {
            let slot = slice % bufferCount
            let (text, failure) = condition.withLock {
                while !ready[slot] { condition.wait() }
                return (buffers[slot], errors[slot])
            }
            if let failure { throw failure }
            var emptied = text
            try emptied.flush(to: output)
            condition.withLock {
                buffers[slot] = emptied
                ready[slot] = false
                handedOn = slice + 1
                condition.broadcast()
            }
        }
    }

    /// Tells the workers to take no more slices and waits until every one has returned.
    private func stopWorkers() {
        condition.withLock {
            stopped = true
            condition.broadcast()
            while runningWorkers > 0 { condition.wait() }
            make = nil
        }
    }
}
