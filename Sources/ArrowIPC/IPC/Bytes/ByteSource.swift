/// Where the stream reader gets its bytes: memory (a mapped file or a copied `Data`) or a
/// file descriptor read incrementally.
protocol ByteSource: AnyObject {
    /// The next `count` bytes; `nil` when the source is exhausted before the first byte.
    /// Throws when the source ends part-way through.
    func read(count: Int, purpose: @autoclosure () -> String) throws -> ArrowBuffer?
    /// How many bytes are left, when the source knows (memory does, a pipe does not).
    var remainingByteCount: Int? { get }
    /// Everything left, or an error when more than `limit` bytes are left.
    func readToEnd(limit: Int, purpose: @autoclosure () -> String) throws -> ArrowBuffer
}

/// Bytes already in memory; reads are zero-copy slices.
final class MemorySource: ByteSource {
    let buffer: ArrowBuffer
    private(set) var position = 0

    init(_ buffer: ArrowBuffer) {
        self.buffer = buffer
    }

    var remainingByteCount: Int? { buffer.count - position }

    func read(count: Int, purpose: @autoclosure () -> String) throws -> ArrowBuffer? {
        let remaining = buffer.count - position
        if remaining == 0 && count > 0 { return nil }
        guard count >= 0, count <= remaining, let slice = buffer.slice(offset: position, length: count) else {
            throw ArrowError.invalidData(
                "\(purpose()) needs \(count) bytes at byte \(position), but only \(remaining) remain")
        }
        position += count
        return slice
    }

    func readToEnd(limit: Int, purpose: @autoclosure () -> String) throws -> ArrowBuffer {
        let remaining = buffer.count - position
        guard remaining <= limit else {
            throw ArrowError.invalidData("\(purpose()) has \(remaining) bytes, more than the limit of \(limit)")
        }
        return try read(count: remaining, purpose: purpose()) ?? .empty
    }
}
