/// An immutable range of bytes plus the object that keeps its memory alive.
///
/// The owner is a 64-byte-aligned heap allocation, a memory-mapped file region, or whatever
/// a parent buffer was kept alive by; slicing shares the owner and copies nothing.
public struct ArrowBuffer: @unchecked Sendable {
    // The memory is never written after the buffer is made, so sharing across threads is safe.
    @usableFromInline let owner: AnyObject
    /// The first byte. Never null; an empty buffer points at a static block.
    public let baseAddress: UnsafeRawPointer
    /// The number of bytes.
    public let count: Int

    @usableFromInline
    init(owner: AnyObject, baseAddress: UnsafeRawPointer, count: Int) {
        self.owner = owner
        self.baseAddress = baseAddress
        self.count = count
    }

    /// An empty buffer.
    public static var empty: ArrowBuffer {
        ArrowBuffer(owner: HeapAllocation.emptyBlock, baseAddress: HeapAllocation.emptyBlock.pointer, count: 0)
    }

    /// A new aligned buffer holding a copy of `bytes`.
    public init(copying bytes: UnsafeRawBufferPointer) {
        let allocation = HeapAllocation(byteCount: bytes.count)
        if let source = bytes.baseAddress, bytes.count > 0 {
            allocation.pointer.copyMemory(from: source, byteCount: bytes.count)
        }
        self.init(owner: allocation, baseAddress: UnsafeRawPointer(allocation.pointer), count: bytes.count)
    }

    /// A new aligned buffer holding a copy of the bytes of `values`.
    public init<T: BitwiseCopyable>(copying values: [T]) {
        self = values.withUnsafeBytes { ArrowBuffer(copying: $0) }
    }

    /// A new aligned buffer of `count` bytes that `initialize` fills in.
    public init(count: Int, initialize: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        let allocation = HeapAllocation(byteCount: count)
        try initialize(UnsafeMutableRawBufferPointer(start: allocation.pointer, count: count))
        self.init(owner: allocation, baseAddress: UnsafeRawPointer(allocation.pointer), count: count)
    }

    /// Wraps memory owned by `owner`, which must keep `baseAddress..<baseAddress+count` alive and unchanged.
    init(borrowing baseAddress: UnsafeRawPointer, count: Int, owner: AnyObject) {
        self.init(owner: owner, baseAddress: baseAddress, count: count)
    }

    /// The bytes `offset..<offset+length`, sharing memory; `nil` when the range is outside the buffer.
    public func slice(offset: Int, length: Int) -> ArrowBuffer? {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else { return nil }
        return ArrowBuffer(owner: owner, baseAddress: baseAddress + offset, count: length)
    }

    /// Calls `body` with the bytes.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(owner) {
            try body(UnsafeRawBufferPointer(start: baseAddress, count: count))
        }
    }

    /// The bytes as an array (a copy).
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }
}

/// A heap allocation aligned to 64 bytes, freed when the last buffer referring to it goes away.
final class HeapAllocation: @unchecked Sendable {
    static let alignment = 64
    let pointer: UnsafeMutableRawPointer
    let byteCount: Int

    init(byteCount: Int) {
        self.byteCount = byteCount
        // Round up to whole 64-byte blocks so vectorized reads past the end stay inside.
        let rounded = max(64, (byteCount + 63) & ~63)
        pointer = UnsafeMutableRawPointer.allocate(byteCount: rounded, alignment: Self.alignment)
        if rounded > byteCount {
            (pointer + byteCount).initializeMemory(as: UInt8.self, repeating: 0, count: rounded - byteCount)
        }
    }

    deinit {
        pointer.deallocate()
    }

    static let emptyBlock = HeapAllocation(byteCount: 0)
}
