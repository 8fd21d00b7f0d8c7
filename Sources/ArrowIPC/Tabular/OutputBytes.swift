/// Text collected as UTF-8 bytes for an output closure: the writers append values straight
/// into it (no `String` per value) and hand it on whole rows at a time, once about 64 KiB are
/// collected, so there is no system call per row and the output is never held whole.
///
/// Copies share the memory: a writer keeps one and works on a local copy during a batch,
/// storing it back after.
struct OutputBytes {
    /// The memory, freed with the last copy of the buffer.
    private final class Storage {
        let start: UnsafeMutablePointer<UInt8>
        let capacity: Int

        init(capacity: Int) {
            start = .allocate(capacity: capacity)
            self.capacity = capacity
        }

        deinit { start.deallocate() }
    }

    /// How many bytes are collected before they are handed on.
    static let chunkSize = 1 << 16

    private var storage = Storage(capacity: 2 * chunkSize)
    /// The number of bytes collected.
    private(set) var count = 0

    /// Whether a chunk's worth is collected.
    var isFull: Bool { count >= Self.chunkSize }

    /// The collected bytes.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage.start, count: count) }

    /// Room for `byteCount` more bytes: the address to write them at; ``advance(_:)`` then
    /// counts those written.
    @inline(__always)
    mutating func reserve(_ byteCount: Int) -> UnsafeMutablePointer<UInt8> {
        if byteCount > storage.capacity - count { grow(byteCount) }
        return storage.start + count
    }

    /// Counts `byteCount` bytes written at the address ``reserve(_:)`` gave.
    @inline(__always)
    mutating func advance(_ byteCount: Int) {
        count += byteCount
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1).pointee = byte
        count += 1
    }

    /// Appends `bytes`.
    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        UnsafeMutableRawPointer(reserve(bytes.count)).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    /// How far past its bytes ``appendShort(_:)`` may read its source.
    static let shortCopyLength = 32

    /// Appends `bytes`, which may be read ``shortCopyLength`` bytes on from their start however
    /// few they are (a JSON key, copied once per cell): see ``writeShort(_:at:)``.
    @inline(__always)
    mutating func appendShort(_ bytes: UnsafeRawBufferPointer) {
        let target = reserve(Swift.max(bytes.count, Self.shortCopyLength))
        count += Self.writeShort(bytes, at: target) - target
    }

    /// Writes `bytes`, which may be read ``shortCopyLength`` bytes on from their start however
    /// few they are, at `target`, which has room for that many or their count if more: up to
    /// that many are copied as two fixed 16-byte moves rather than by a call to `memmove`.
    /// Returns the end of the bytes written.
    @inline(__always)
    static func writeShort(_ bytes: UnsafeRawBufferPointer, at target: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard let source = bytes.baseAddress else { return target }
        let destination = UnsafeMutableRawPointer(target)
        guard bytes.count <= shortCopyLength else {
            destination.copyMemory(from: source, byteCount: bytes.count)
            return target + bytes.count
        }
        destination.storeBytes(of: source.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
        destination.storeBytes(
            of: source.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self), toByteOffset: 16, as: SIMD16<UInt8>.self)
        return target + bytes.count
    }

    /// The bytes of a literal.
    @inline(__always)
    static func bytes(of literal: StaticString) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
    }

    /// Appends the UTF-8 bytes of `text`.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `count` copies of `byte`.
    mutating func append(repeating byte: UInt8, count repeats: Int) {
        guard repeats > 0 else { return }
        reserve(repeats).initialize(repeating: byte, count: repeats)
        count += repeats
    }

    /// Forgets the collected bytes.
    mutating func removeAll() {
        count = 0
    }

    /// Hands the collected bytes to `output` and empties the buffer.
    mutating func flush(to output: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard count > 0 else { return }
        defer { count = 0 }
        try output(bytes)
    }

    private mutating func grow(_ byteCount: Int) {
        let (needed, overflow) = count.addingReportingOverflow(byteCount)
        let larger = Storage(capacity: overflow ? Int.max : Swift.max(needed, 2 * storage.capacity))
        larger.start.update(from: storage.start, count: count)
        storage = larger
    }
}
