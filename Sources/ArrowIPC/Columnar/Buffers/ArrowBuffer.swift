import Foundation

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
@usableFromInline
final class HeapAllocation: @unchecked Sendable {
    static let alignment = 64
    @usableFromInline let pointer: UnsafeMutableRawPointer
    @usableFromInline let byteCount: Int
    /// Whether the memory is a mapping of the ``MappingPool``, given back to it when freed.
    private let isMapped: Bool

    init(byteCount: Int) {
        self.byteCount = byteCount
        pointer = UnsafeMutableRawPointer.allocate(byteCount: Self.roundedSize(byteCount), alignment: Self.alignment)
        isMapped = false
        zeroTail()
    }

    /// An allocation whose size comes from input: beyond what the machine's memory can hold,
    /// or when the system refuses it, an error saying what it was for instead of a trap.
    ///
    /// Pages are not touched until written, so a size that lies costs address space only.
    /// From 1 MiB on, the memory is a mapping of its own unless `mapsLargeSizes` is false:
    /// freed, it goes back to the system or to the ``MappingPool`` (which keeps no more than
    /// was in use at once), so that a reader going through messages one at a time holds about
    /// one message's memory, whatever the allocator would have kept, and reuses it.
    /// Kernels, whose results are written whole at once, pass false: the allocator's reused
    /// memory spares them zeroing fresh pages.
    init(inputSized byteCount: Int, purpose: @autoclosure () -> String, mapsLargeSizes: Bool = true) throws {
        let machine = machineMemorySize
        guard byteCount >= 0, byteCount <= machine else {
            throw ArrowError.invalidData(
                "\(purpose()) needs \(byteCount) bytes, more than this machine's memory (\(machine) bytes)")
        }
        let size = Self.roundedSize(byteCount)
        var address: UnsafeMutableRawPointer?
        if mapsLargeSizes && size >= Self.mappingThreshold {
            address = MappingPool.shared.take(MappingPool.mappingSize(size))
            isMapped = true
        } else {
            if posix_memalign(&address, Self.alignment, size) != 0 { address = nil }
            isMapped = false
        }
        guard let address else {
            throw ArrowError.io("cannot allocate \(byteCount) bytes for \(purpose()): out of memory")
        }
        self.byteCount = byteCount
        pointer = address
        zeroTail()
    }

    /// Input-sized allocations from this size on are mappings of their own.
    private static let mappingThreshold = 1 << 20

    /// Whole 64-byte blocks, so that vectorized reads past the end stay inside.
    private static func roundedSize(_ byteCount: Int) -> Int {
        max(64, (byteCount + 63) & ~63)
    }

    private func zeroTail() {
        let rounded = Self.roundedSize(byteCount)
        if rounded > byteCount {
            (pointer + byteCount).initializeMemory(as: UInt8.self, repeating: 0, count: rounded - byteCount)
        }
    }

    deinit {
        if isMapped {
            MappingPool.shared.give(pointer, MappingPool.mappingSize(Self.roundedSize(byteCount)))
        } else {
            // `allocate(byteCount:alignment:)` and `posix_memalign` both pair with `free`.
            free(pointer)
        }
    }

    static let emptyBlock = HeapAllocation(byteCount: 0)
}

/// The machine's physical memory in bytes: the most any one allocation sized by input may
/// take, and the default of the decompression limits of ``ArrowReadOptions``.
public let machineMemorySize = Int(clamping: ProcessInfo.processInfo.physicalMemory)

extension ArrowBuffer: ContiguousBytes {}
