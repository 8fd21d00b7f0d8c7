#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory, unmapped when the last buffer into it goes away.
final class MemoryMappedFile: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer?
    let byteCount: Int

    private init(pointer: UnsafeMutableRawPointer?, byteCount: Int) {
        self.pointer = pointer
        self.byteCount = byteCount
    }

    deinit {
        if let pointer { munmap(pointer, byteCount) }
    }

    /// Maps the file at `path` and returns its bytes as one buffer.
    static func map(path: String) throws -> ArrowBuffer {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ArrowError.io("cannot open \(path): \(systemErrorDescription())")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw ArrowError.io("cannot read the size of \(path): \(systemErrorDescription())")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw ArrowError.io("\(path) is not a regular file")
        }
        let size = Int(info.st_size)
        if size == 0 { return .empty }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw ArrowError.io("cannot memory-map \(path): \(systemErrorDescription())")
        }
        let mapping = MemoryMappedFile(pointer: address, byteCount: size)
        return ArrowBuffer(borrowing: UnsafeRawPointer(address), count: size, owner: mapping)
    }
}
