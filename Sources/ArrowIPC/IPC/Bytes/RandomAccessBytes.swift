/// What the file reader reads its footer and messages from: a buffer in memory (a mapped
/// file, or a file held in memory), sliced without copying, or an open regular file, read
/// with positioned reads.
protocol RandomAccessBytes: Sendable {
    /// The size in bytes.
    var count: Int { get }
    /// The `count` bytes at `offset`; the caller has checked that they lie inside `0..<self.count`.
    func read(offset: Int, count: Int, purpose: @autoclosure () -> String) throws -> ArrowBuffer
}

extension ArrowBuffer: RandomAccessBytes {
    func read(offset: Int, count: Int, purpose: @autoclosure () -> String) throws -> ArrowBuffer {
        guard let bytes = slice(offset: offset, length: count) else {
            throw ArrowError.invalidData("\(purpose()) (\(count) bytes at byte \(offset)) lies outside the \(self.count) bytes of the file")
        }
        return bytes
    }
}

/// A part of other random-access bytes, read only where asked: a message body whose buffers'
/// length prefixes are all that is wanted.
struct RandomAccessSlice: RandomAccessBytes {
    let base: any RandomAccessBytes
    let offset: Int
    let count: Int

    func read(offset: Int, count: Int, purpose: @autoclosure () -> String) throws -> ArrowBuffer {
        try base.read(offset: self.offset + offset, count: count, purpose: purpose())
    }

    /// All of it.
    func readAll(purpose: @autoclosure () -> String) throws -> ArrowBuffer {
        try read(offset: 0, count: count, purpose: purpose())
    }
}
