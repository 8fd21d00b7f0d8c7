import Dispatch

/// A file, pipe, FIFO, socket or standard input read for the async reader on a dispatch queue
/// of its own, so that a read waiting for input never holds a thread of Swift's cooperative
/// pool.
///
/// It hands the decoder exactly the bytes it asks for, so that no message is ever gathered
/// from pieces: small requests (lengths, metadata) come from a read-ahead block of 64 KiB,
/// and a large one (a body) is read straight into memory of its size, after the few bytes
/// already read ahead. Reading stops where the input ends; on a pipe each read returns as
/// soon as the bytes asked for have come.
final class DescriptorAsyncSource: AsyncByteSource {
    /// The input, opened on the queue on first use (opening a FIFO waits for a writer).
    private let input: QueueOwnedInput
    private let queue = DispatchQueue(label: "ArrowIPC.DescriptorAsyncSource")
    /// Bytes read ahead of what the decoder took.
    private var readAhead = ArrowBuffer.empty
    private var position = 0

    private static let readAheadSize = 1 << 16

    init(open: @escaping @Sendable () throws -> FileDescriptorSource) {
        input = QueueOwnedInput(open: open)
    }

    func next(wanting count: Int, isolation: isolated (any Actor)?) async throws -> ArrowBuffer? {
        let buffered = readAhead.count - position
        if buffered >= count {
            defer { position += count }
            return readAhead.slice(offset: position, length: count)
        }
        // Small requests refill the read-ahead block; a large one gets memory of its own size.
        let size = count <= Self.readAheadSize ? Self.readAheadSize : count
        let storage = try HeapAllocation(inputSized: size, purpose: "\(count) bytes of input")
        readAhead.slice(offset: position, length: buffered)?.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress { storage.pointer.copyMemory(from: base, byteCount: buffered) }
        }
        let input = input
        let filled = try await runBlockingWork(on: queue) {
            try input.source().read(into: storage.pointer + buffered, atLeast: count - buffered, atMost: size - buffered)
        }
        let total = buffered + filled
        readAhead = ArrowBuffer(borrowing: UnsafeRawPointer(storage.pointer), count: total, owner: storage)
        position = min(count, total)
        return total == 0 ? nil : readAhead.slice(offset: 0, length: position)
    }
}

/// The descriptor source of a ``DescriptorAsyncSource``, used only on its queue (one read at
/// a time: the reader waits for each).
private final class QueueOwnedInput: @unchecked Sendable {
    private let open: @Sendable () throws -> FileDescriptorSource
    private var opened: FileDescriptorSource?

    init(open: @escaping @Sendable () throws -> FileDescriptorSource) {
        self.open = open
    }

    func source() throws -> FileDescriptorSource {
        if let opened { return opened }
        let source = try open()
        opened = source
        return source
    }
}
