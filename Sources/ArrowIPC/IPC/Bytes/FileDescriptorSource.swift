#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes read front to back from a file descriptor: a pipe, socket, FIFO, device, standard
/// input, or a regular file read without mapping it.
///
/// Each read goes straight into the aligned buffer it returns, allocated once at its final
/// size: the pages of a length prefix that lies are never touched, so they cost address
/// space, not memory, and a length beyond the machine's memory is refused.
final class FileDescriptorSource: ByteSource {
    private let descriptor: Int32
    /// What errors call the input: its path, or "standard input".
    private let name: String
    /// Keeps a descriptor this source opened open for as long as it reads.
    private let file: InputFile?
    private var offset = 0

    /// Reads from `descriptor`, which the caller keeps open.
    init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
        file = nil
    }

    /// Reads `file` from its current position (its start, when just opened).
    init(file: InputFile) {
        descriptor = file.descriptor
        name = file.path
        self.file = file
    }

    private(set) var isExhausted = false

    /// Reads until `count` bytes came or the input ended.
    func nextChunk(upTo count: Int) throws -> ArrowBuffer? {
        guard count > 0, !isExhausted else { return nil }
        let storage = try HeapAllocation(inputSized: count, purpose: "\(count) bytes of \(name) at byte \(offset)")
        let filled = try read(into: storage.pointer, atLeast: count, atMost: count)
        if filled == 0 { return nil }
        return ArrowBuffer(borrowing: UnsafeRawPointer(storage.pointer), count: filled, owner: storage)
    }

    /// Reads into `destination` until at least `minimum` bytes came (at most `maximum`) or the
    /// input ended; returns how many came. A regular file that ends early has shrunk: an error.
    func read(into destination: UnsafeMutableRawPointer, atLeast minimum: Int, atMost maximum: Int) throws -> Int {
        let purpose = "bytes \(offset)..<\(offset + minimum)"
        let filled = try fill(destination, atLeast: minimum, atMost: maximum, purpose: purpose)
        if let file, let size = file.regularFileSize, filled < minimum, offset + filled < size {
            throw file.shrunk(at: offset + filled, reading: purpose)
        }
        offset += filled
        if filled < minimum { isExhausted = true }
        return filled
    }

    /// The next `count` bytes; `nil` when the input ends before the first of them. Throws
    /// when it ends part-way.
    func read(count: Int, purpose: @autoclosure () -> String) throws -> ArrowBuffer? {
        let start = offset
        guard let bytes = try nextChunk(upTo: count) else { return nil }
        guard bytes.count == count else {
            throw ArrowError.invalidData(
                "\(purpose()) needs \(count) bytes at byte \(start) of \(name), but the input ends after \(bytes.count)")
        }
        return bytes
    }

    /// Everything left, or an error when more than `limit` bytes are left.
    func readToEnd(limit: Int, purpose: @autoclosure () -> String) throws -> ArrowBuffer {
        var bytes: [UInt8] = []
        let chunk = HeapAllocation(byteCount: 1 << 16)
        while true {
            let got = try fill(chunk.pointer, atLeast: chunk.byteCount, atMost: chunk.byteCount, purpose: purpose())
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: chunk.pointer, count: got))
            if got < chunk.byteCount, let file, let size = file.regularFileSize, offset + bytes.count < size {
                throw file.shrunk(at: offset + bytes.count, reading: purpose())
            }
            guard bytes.count <= limit else {
                throw ArrowError.invalidData("\(purpose()) is longer than the limit of \(limit) bytes")
            }
            if got < chunk.byteCount { break }
        }
        offset += bytes.count
        return ArrowBuffer(copying: bytes)
    }

    /// Reads until at least `minimum` bytes (at most `maximum`) are at `destination` or the
    /// input ends; returns how many came.
    private func fill(
        _ destination: UnsafeMutableRawPointer, atLeast minimum: Int, atMost maximum: Int, purpose: @autoclosure () -> String
    ) throws -> Int {
        var filled = 0
        while filled < minimum {
            let got = systemRead(descriptor, destination + filled, maximum - filled)
            if got < 0 {
                let failure = errno
                if failure == EINTR { continue }
                throw ArrowError.io("reading \(purpose()) from \(name) failed: \(systemErrorDescription(failure))")
            }
            if got == 0 { break }
            filled += got
        }
        return filled
    }
}
