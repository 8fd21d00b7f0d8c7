#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The bytes of a text input (a file, a pipe, standard input, memory), read front to back
/// into one buffer that the readers parse in place: they ask for more when a record runs past
/// what has arrived, and drop what they are done with. The buffer grows only as far as a
/// caller's limit, so one record that never ends cannot take all memory.
///
/// `slack` bytes past ``count`` are always writable, for a sentinel byte and for loads of
/// eight bytes at a time near the end.
final class TextBuffer {
    private enum Source {
        /// A descriptor read with `read(2)`; `file` keeps one this buffer opened open.
        case descriptor(Int32, file: InputFile?)
        case memory(Data)
    }

    /// What errors call the input: its path, or "standard input".
    let name: String
    private let source: Source
    /// Bytes of a memory source handed out so far.
    private var memoryPosition = 0

    /// The buffer; the bytes that have arrived are `bytes[0..<count]`.
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private(set) var count = 0
    /// Whether the input has ended (a read returned nothing).
    private(set) var isAtEnd = false
    /// How many bytes of the input came before `bytes[0]` (dropped by ``discard(upTo:)``).
    private(set) var discardedCount = 0

    /// Writable bytes past ``count``.
    static let slack = 64
    /// The size of the buffer at first, and of each read.
    static let initialCapacity = 1 << 20

    private init(name: String, source: Source, capacity: Int = TextBuffer.initialCapacity) {
        self.name = name
        self.source = source
        self.capacity = capacity
        bytes = .allocate(capacity: capacity + Self.slack)
        bytes.initialize(repeating: 0, count: capacity + Self.slack)
    }

    deinit {
        bytes.deallocate()
    }

    /// Reads the file, FIFO or device at `url` (opening a FIFO waits for a writer).
    convenience init(url: URL) throws {
        let file = try InputFile.open(path: url.path)
        self.init(name: url.path, source: .descriptor(file.descriptor, file: file))
    }

    /// Reads `fileHandle` (standard input, a pipe, a socket) as its bytes arrive; the caller
    /// keeps it open.
    convenience init(fileHandle: FileHandle) {
        let descriptor = fileHandle.fileDescriptor
        self.init(name: descriptor == STDIN_FILENO ? "standard input" : "file descriptor \(descriptor)",
                  source: .descriptor(descriptor, file: nil))
    }

    /// Reads `data`.
    convenience init(data: Data) {
        // (Small data, a small buffer: it never needs more.)
        self.init(name: "the data", source: .memory(data), capacity: min(Self.initialCapacity, max(data.count, 64)))
    }

    /// What ``readMore(limit:)`` did.
    enum Growth {
        /// Bytes arrived.
        case read
        /// The input has ended; nothing arrived.
        case ended
        /// The buffer holds `limit` bytes already.
        case full
    }

    /// Reads more of the input after ``count``, growing the buffer when it is full, to at most
    /// `limit` bytes in all.
    func readMore(limit: Int) throws -> Growth {
        if case .memory(let data) = source, memoryPosition == data.count { isAtEnd = true }
        if isAtEnd { return .ended }
        if count == capacity {
            guard capacity < limit else { return .full }
            grow(to: min(max(capacity * 2, Self.initialCapacity), limit))
        }
        let wanted = capacity - count
        let received: Int
        switch source {
        case .descriptor(let descriptor, _):
            received = try read(descriptor, into: bytes + count, maximum: wanted)
        case .memory(let data):
            received = min(wanted, data.count - memoryPosition)
            if received > 0 {
                let start = data.startIndex + memoryPosition
                data.copyBytes(to: bytes + count, from: start..<(start + received))
                memoryPosition += received
            }
        }
        if received == 0 {
            isAtEnd = true
            return .ended
        }
        count += received
        return .read
    }

    /// Forgets the bytes before `offset`, moving the rest to the front.
    func discard(upTo offset: Int) {
        guard offset > 0 else { return }
        let kept = count - offset
        if kept > 0 { bytes.update(from: bytes + offset, count: kept) }
        count = kept
        discardedCount += offset
    }

    private func grow(to newCapacity: Int) {
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + Self.slack)
        grown.initialize(from: bytes, count: count)
        (grown + count).initialize(repeating: 0, count: newCapacity + Self.slack - count)
        bytes.deallocate()
        bytes = grown
        capacity = newCapacity
    }

    /// One `read(2)` of up to `maximum` bytes (retried when interrupted); 0 at the end.
    private func read(_ descriptor: Int32, into target: UnsafeMutablePointer<UInt8>, maximum: Int) throws -> Int {
        while true {
            let got = systemRead(descriptor, target, maximum)
            if got >= 0 { return got }
            let failure = errno
            if failure == EINTR { continue }
            throw ArrowError.io("reading \(name) failed: \(systemErrorDescription(failure))")
        }
    }
}
