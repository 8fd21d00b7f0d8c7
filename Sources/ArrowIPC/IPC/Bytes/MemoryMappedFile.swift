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

    /// Maps the `size` bytes of the regular file open on `descriptor` (named `path` in errors)
    /// and returns them as one buffer; the mapping outlives the descriptor.
    static func map(descriptor: Int32, size: Int, path: String) throws -> ArrowBuffer {
        if size == 0 { return .empty }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw ArrowError.io("cannot memory-map \(path): \(systemErrorDescription())")
        }
        let mapping = MemoryMappedFile(pointer: address, byteCount: size)
        return ArrowBuffer(borrowing: UnsafeRawPointer(address), count: size, owner: mapping)
    }
}
