/// The integer type of the offsets of a binary, string or list array: `Int32` for the regular
/// types, `Int64` for the large ones (`large_binary`, `large_string`, `large_list`).
///
/// Only `Int32` and `Int64` conform; other conformances make arrays of no Arrow type.
public protocol ArrowOffset: ArrowPrimitive, FixedWidthInteger, SignedInteger {}

extension Int32: ArrowOffset {}
extension Int64: ArrowOffset {}

extension ArrowOffset {
    /// Whether these are the 64-bit offsets of the large types.
    static var isLarge: Bool { bitWidth == 64 }
}

/// The offsets of one binary, string, list or map array node, read in place.
struct OffsetsView<Offset: ArrowOffset>: @unchecked Sendable {
    // Points into the offsets buffer, which the array's `data` keeps alive.
    private let base: UnsafeRawPointer
    /// `length + 1`, or 0 for an empty array whose offsets buffer is empty, as the format allows.
    private let count: Int

    /// The offsets of `data`'s slots; `data.buffers[0]` must be its offsets buffer.
    init(_ data: ArrayData) {
        let buffer = data.buffers[0]
        base = buffer.baseAddress + data.offset &* MemoryLayout<Offset>.size
        count = data.length == 0 && buffer.count < (data.offset &+ 1) &* MemoryLayout<Offset>.size ? 0 : data.length &+ 1
    }

    /// Offset `index`, `0...length`.
    @inline(__always)
    func offset(_ index: Int) -> Int {
        Int(truncatingIfNeeded: base.loadUnaligned(fromByteOffset: index &* MemoryLayout<Offset>.size, as: Offset.self))
    }

    /// The positions slot `index` covers in the data (or child) it indexes, which holds
    /// `limit` items; empty when the offsets are out of order or out of range, which
    /// ``ArrayData/validate(_:)`` reports.
    @inline(__always)
    func range(_ index: Int, limit: Int) -> Range<Int> {
        let start = offset(index)
        let end = offset(index &+ 1)
        guard start >= 0, start <= end, end <= limit else { return 0..<0 }
        return start..<end
    }

    /// Calls `body` with the `length + 1` offsets, or none for an empty array with an empty
    /// offsets buffer.
    func withUnsafeOffsets<R>(_ body: (UnsafeBufferPointer<Offset>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base.assumingMemoryBound(to: Offset.self), count: count))
    }
}
