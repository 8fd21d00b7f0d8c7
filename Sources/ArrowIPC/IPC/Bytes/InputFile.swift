#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for reading by path, closed when the last reader of it goes away.
///
/// A regular file can be memory-mapped or read at any position; anything else that can be
/// opened — a FIFO, a character device — is read front to back as it arrives.
final class InputFile: @unchecked Sendable {
    // Never changed after `open`; `pread` may be called from several threads at once.
    let descriptor: Int32
    let path: String
    /// The size of a regular file when it was opened; `nil` for FIFOs and devices.
    let regularFileSize: Int?
    private let isFIFO: Bool

    deinit {
        close(descriptor)
    }

    /// Opens `path` for reading. A FIFO is opened without blocking, then, when
    /// `waitingForWriter`, waited on until a writer has opened it (and written, or closed it).
    static func open(path: String, waitingForWriter: Bool = true) throws -> InputFile {
        let descriptor = systemOpen(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ArrowError.io("cannot open \(path): \(systemErrorDescription())")
        }
        let file = try InputFile(adopting: descriptor, path: path)
        if file.isFIFO && waitingForWriter { try file.waitForInput() }
        guard fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK) == 0 else {
            throw ArrowError.io("cannot read \(path): \(systemErrorDescription())")
        }
        return file
    }

    /// The regular file at `path` for a reader that needs random access: memory-mapped when
    /// `mapped`, else the open file, read where asked. Anything else (a FIFO, a device) is an
    /// error saying it is not a regular file and why that matters (`why`).
    static func randomAccessBytes(path: String, mapped: Bool, why: String) throws -> any RandomAccessBytes {
        let file = try open(path: path, waitingForWriter: false)
        guard file.regularFileSize != nil else {
            throw ArrowError.io("\(path) is not a regular file: \(why)")
        }
        return mapped ? try file.map() : file
    }

    /// Waits until bytes can be read, or the writers have gone.
    private func waitForInput() throws {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while poll(&request, 1, -1) < 0 {
            guard errno == EINTR else {
                throw ArrowError.io("waiting for input on \(path) failed: \(systemErrorDescription())")
            }
        }
    }

    /// Takes over `descriptor`, open for reading on `path`, and closes it on failure.
    private init(adopting descriptor: Int32, path: String) throws {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = systemErrorDescription()
            close(descriptor)
            throw ArrowError.io("cannot read the status of \(path): \(reason)")
        }
        let kind = info.st_mode & S_IFMT
        guard kind != S_IFDIR else {
            close(descriptor)
            throw ArrowError.io("\(path) is a directory, not an Arrow file or stream")
        }
        regularFileSize = kind == S_IFREG ? Int(info.st_size) : nil
        isFIFO = kind == S_IFIFO
        self.descriptor = descriptor
        self.path = path
    }

    /// The whole regular file, memory-mapped. As with any mapping, the file must not shrink
    /// while buffers from it are in use.
    func map() throws -> ArrowBuffer {
        guard let size = regularFileSize else {
            throw ArrowError.io("\(path) is not a regular file, so it cannot be memory-mapped")
        }
        return try MemoryMappedFile.map(descriptor: descriptor, size: size, path: path)
    }

    /// The `count` bytes at `offset` of the regular file, read into a new aligned buffer.
    /// A file that ends before them — it shrank since it was opened — is an error naming it.
    func read(offset: Int, count: Int, purpose: @autoclosure () -> String) throws -> ArrowBuffer {
        guard regularFileSize != nil else {
            throw ArrowError.io("\(path) is not a regular file, so it cannot be read at a position")
        }
        if count == 0 { return .empty }
        let storage = try HeapAllocation(inputSized: count, purpose: purpose())
        var filled = 0
        while filled < count {
            let got = pread(descriptor, storage.pointer + filled, count - filled, off_t(offset + filled))
            if got < 0 {
                let failure = errno
                if failure == EINTR { continue }
                throw ArrowError.io("reading \(purpose()) from \(path) failed: \(systemErrorDescription(failure))")
            }
            if got == 0 {
                throw shrunk(at: offset + filled, reading: purpose())
            }
            filled += got
        }
        return ArrowBuffer(borrowing: UnsafeRawPointer(storage.pointer), count: count, owner: storage)
    }

    /// The error for a file that ended at `position`, before the size it had when opened.
    func shrunk(at position: Int, reading purpose: String) -> ArrowError {
        ArrowError.io(
            "\(path) ends at byte \(position) while reading \(purpose), though it had \(regularFileSize ?? position) bytes when opened: it was truncated or replaced while being read")
    }
}

extension InputFile: RandomAccessBytes {
    var count: Int { regularFileSize ?? 0 }
}

/// `open(2)`, named so it does not clash with methods called `open`.
func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
    open(path, flags, mode)
}
