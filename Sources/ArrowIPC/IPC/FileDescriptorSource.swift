#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes read incrementally from a file descriptor (a pipe, socket, standard input or file).
///
/// Memory is bounded by the largest message: each read allocates what it returns, and a
/// large declared length is filled in steps so that a lying length prefix costs no more
/// memory than the bytes that actually arrive.
final class FileDescriptorSource: ByteSource {
    private let descriptor: Int32
    private var offset = 0
    /// The first allocation of a read is at most this; larger reads grow as bytes arrive.
    private static let initialChunk = 16 << 20

    /// Reads from `descriptor`, which the caller keeps open.
    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    var remainingByteCount: Int? { nil }

    func read(count: Int, purpose: @autoclosure () -> String) throws -> ArrowBuffer? {
        guard count >= 0 else {
            throw ArrowError.invalidData("\(purpose()) has a negative length \(count) at byte \(offset)")
        }
        if count == 0 { return .empty }
        var capacity = min(count, Self.initialChunk)
        var storage = HeapAllocation(byteCount: capacity)
        var filled = 0
        while filled < count {
            if filled == capacity {
                capacity = min(count, capacity * 2)
                let grown = HeapAllocation(byteCount: capacity)
                grown.pointer.copyMemory(from: storage.pointer, byteCount: filled)
                storage = grown
            }
            let got = systemRead(descriptor, storage.pointer + filled, capacity - filled)
            if got < 0 {
                if errno == EINTR { continue }
                throw ArrowError.io("reading \(purpose()) failed: \(systemErrorDescription())")
            }
            if got == 0 {
                if filled == 0 { return nil }
                throw ArrowError.invalidData(
                    "\(purpose()) needs \(count) bytes at byte \(offset), but the input ends after \(filled)")
            }
            filled += got
        }
        offset += count
        return ArrowBuffer(borrowing: UnsafeRawPointer(storage.pointer), count: count, owner: storage)
    }

    func readToEnd(limit: Int, purpose: @autoclosure () -> String) throws -> ArrowBuffer {
        var bytes: [UInt8] = []
        let chunk = HeapAllocation(byteCount: 1 << 16)
        while true {
            let got = systemRead(descriptor, chunk.pointer, chunk.byteCount)
            if got < 0 {
                if errno == EINTR { continue }
                throw ArrowError.io("reading \(purpose()) failed: \(systemErrorDescription())")
            }
            if got == 0 { break }
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: chunk.pointer, count: got))
            guard bytes.count <= limit else {
                throw ArrowError.invalidData("\(purpose()) is longer than the limit of \(limit) bytes")
            }
        }
        offset += bytes.count
        return ArrowBuffer(copying: bytes)
    }
}
