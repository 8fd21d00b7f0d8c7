/// A growable, 64-byte-aligned byte buffer that array builders write into, then freeze as an
/// ``ArrowBuffer`` without copying.
///
/// Growth doubles the capacity, so appending is amortized constant time; writes go straight
/// through unsafe pointers. The builder is noncopyable so two owners can never write into the
/// same allocation.
///
/// Its appends are inlinable, so that builders used from other modules append without a call.
@usableFromInline
struct BufferBuilder: ~Copyable {
    @usableFromInline var allocation: HeapAllocation
    /// The number of bytes written so far.
    @usableFromInline var count = 0

    /// A builder with room for `capacity` bytes before it first grows.
    init(capacity: Int) {
        allocation = HeapAllocation(byteCount: Self.roundedCapacity(capacity))
    }

    /// Makes room for `additional` more bytes.
    @inlinable
    mutating func reserve(_ additional: Int) {
        let needed = count + additional
        if needed > allocation.byteCount { grow(to: needed) }
    }

    /// Moves the bytes into an allocation of at least `needed` bytes, doubling at least.
    @usableFromInline
    mutating func grow(to needed: Int) {
        let grown = HeapAllocation(byteCount: Self.roundedCapacity(max(needed, allocation.byteCount * 2)))
        grown.pointer.copyMemory(from: allocation.pointer, byteCount: count)
        allocation = grown
    }

    /// Appends the bytes of `value`.
    @inlinable
    mutating func append<T: BitwiseCopyable>(_ value: T) {
        reserve(MemoryLayout<T>.size)
        allocation.pointer.storeBytes(of: value, toByteOffset: count, as: T.self)
        count += MemoryLayout<T>.size
    }

    /// Appends `byteCount` bytes that `write` writes at the address it is given, and returns
    /// `true`; when `write` returns `false`, appends nothing (whatever it wrote is ignored).
    mutating func append(byteCount: Int, writtenBy write: (UnsafeMutableRawPointer) -> Bool) -> Bool {
        reserve(byteCount)
        guard write(allocation.pointer + count) else { return false }
        count += byteCount
        return true
    }

    /// Appends a copy of `bytes`.
    @inlinable
    mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (allocation.pointer + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    /// Appends `byteCount` zero bytes.
    @inlinable
    mutating func appendZeros(_ byteCount: Int) {
        guard byteCount > 0 else { return }
        reserve(byteCount)
        (allocation.pointer + count).initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        count += byteCount
    }

    /// The written bytes as a buffer; the unused capacity after them is zeroed, so padding up
    /// to the next 64-byte boundary is deterministic.
    consuming func finish() -> ArrowBuffer {
        let spare = allocation.byteCount - count
        if spare > 0 {
            (allocation.pointer + count).initializeMemory(as: UInt8.self, repeating: 0, count: spare)
        }
        return ArrowBuffer(owner: allocation, baseAddress: UnsafeRawPointer(allocation.pointer), count: count)
    }

    /// The written bytes as a buffer, as ``finish()`` gives them, leaving this builder empty
    /// (with a fresh allocation) for the next buffer: what a builder kept in a class uses.
    mutating func take() -> ArrowBuffer {
        var finished = BufferBuilder(capacity: 0)
        swap(&finished, &self)
        return finished.finish()
    }

    /// Forgets the bytes from `byteCount` on (no more than ``count``).
    mutating func truncate(to byteCount: Int) {
        count = min(max(byteCount, 0), count)
    }

    /// The byte at `offset`, below ``count``.
    func byte(at offset: Int) -> UInt8 {
        allocation.pointer.load(fromByteOffset: offset, as: UInt8.self)
    }

    /// Writes `value` over the bytes at `offset`, which were appended before.
    func overwrite<T: BitwiseCopyable>(_ value: T, at offset: Int) {
        allocation.pointer.storeBytes(of: value, toByteOffset: offset, as: T.self)
    }

    /// The bytes written so far, in place, until the next change.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: allocation.pointer, count: count))
    }

    /// `byteCount` rounded up to whole 64-byte blocks, at least one.
    private static func roundedCapacity(_ byteCount: Int) -> Int {
        max(64, (byteCount + 63) & ~63)
    }
}
