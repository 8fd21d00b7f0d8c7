import Foundation

/// The memory mappings of freed input-sized allocations (``HeapAllocation/init(inputSized:purpose:mapsLargeSizes:)``),
/// kept to be handed out again.
///
/// A reader going through messages one at a time allocates about the same sizes for every
/// message: the bodies it reads and the buffers it decompresses. A fresh mapping costs the
/// kernel zeroing every page when it is first written, which for a decompressed or copied body
/// takes longer than the decompression or copy itself; a kept one has its pages already. Sizes
/// are rounded up to whole huge pages (2 MiB), so that messages of slightly different sizes
/// share mappings.
///
/// The pool never makes the process hold more than it already held: the mappings in use plus
/// the kept ones stay within the most that were ever in use at once, and within
/// ``keptLimit`` for the kept ones alone; mappings larger than ``largestKept`` are not kept.
final class MappingPool: Sendable {
    static let shared = MappingPool()

    /// Mapping sizes are multiples of this, the huge page size on x86-64 and arm64 Linux.
    static let granule = 2 << 20
    /// The most bytes of kept mappings.
    static let keptLimit = 256 << 20
    /// Larger mappings go back to the system when freed.
    static let largestKept = 64 << 20

    private struct State {
        var kept: [Int: [UnsafeMutableRawPointer]] = [:]
        var keptBytes = 0
        var liveBytes = 0
        var peakLiveBytes = 0

        mutating func record(taking size: Int) {
            liveBytes += size
            peakLiveBytes = max(peakLiveBytes, liveBytes)
        }
    }

    private let state = Locked(State())

    /// The size of the mapping that holds `byteCount` bytes: whole granules.
    static func mappingSize(_ byteCount: Int) -> Int {
        let (rounded, overflow) = byteCount.addingReportingOverflow(granule - 1)
        return overflow ? byteCount : rounded / granule * granule
    }

    /// A readable and writable mapping of `size` bytes (from ``mappingSize(_:)``): a kept one,
    /// whose bytes are whatever its last user left, or a new one of zeros; `nil` when the
    /// system refuses.
    func take(_ size: Int) -> UnsafeMutableRawPointer? {
        let kept = state.withLock { state -> UnsafeMutableRawPointer? in
            state.record(taking: size)
            guard let pointer = state.kept[size]?.popLast() else { return nil }
            state.keptBytes -= size
            return pointer
        }
        if let kept { return kept }
        let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let mapped, mapped != MAP_FAILED else {
            state.withLock { $0.liveBytes -= size }
            return nil
        }
        #if os(Linux)
        madvise(mapped, size, MADV_HUGEPAGE)
        #endif
        return mapped
    }

    /// Takes back a mapping from ``take(_:)`` that is no longer used: kept, or unmapped.
    func give(_ pointer: UnsafeMutableRawPointer, _ size: Int) {
        let keeps = state.withLock { state in
            state.liveBytes -= size
            let keeps = size <= Self.largestKept && state.keptBytes + size <= Self.keptLimit
                && state.keptBytes + size + state.liveBytes <= state.peakLiveBytes
            if keeps {
                state.kept[size, default: []].append(pointer)
                state.keptBytes += size
            }
            return keeps
        }
        if !keeps { munmap(pointer, size) }
    }

    /// The bytes of the mappings kept now.
    var keptByteCount: Int {
        state.withLock { $0.keptBytes }
    }
}
