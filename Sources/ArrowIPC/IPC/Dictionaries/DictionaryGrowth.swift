/// A dictionary that dictionary deltas extend in place: its buffers keep room to grow, doubling
/// when full, so that a stream of many small deltas to a large dictionary costs time linear in
/// the dictionary's size rather than a copy of the whole dictionary per delta (which a small
/// hostile stream could use to make a reader work for hours).
///
/// Handles dictionaries without nulls whose values are fixed-width (integers, floats,
/// decimals, temporal types, fixed-size binary) or variable-width binary and strings; the
/// memo concatenates the others. Every array handed out is a prefix of the buffers: later
/// deltas write only past it, so it never changes. Copies share the buffers until one of them
/// grows, which then moves to buffers of its own.
struct DictionaryGrowth: Sendable {
    /// How the values are laid out.
    private enum Layout {
        /// `width` bytes per value, in one buffer.
        case fixed(width: Int)
        /// Offsets of `offsetWidth` (4 or 8) bytes, then the bytes they index.
        case variable(offsetWidth: Int)
    }

    /// One buffer with room to grow: `used` bytes of `allocation` hold values.
    private struct Region {
        var allocation: HeapAllocation
        var used: Int

        var buffer: ArrowBuffer {
            ArrowBuffer(borrowing: UnsafeRawPointer(allocation.pointer), count: used, owner: allocation)
        }

        /// Makes room for `extra` more bytes, moving to an allocation twice as large when full.
        mutating func reserve(_ extra: Int) throws {
            let (needed, overflow) = used.addingReportingOverflow(extra)
            guard !overflow else { throw ArrowError.invalidData("the dictionary grows past \(Int.max) bytes") }
            if needed > allocation.byteCount {
                move(capacity: max(needed, used <= Int.max / 2 ? used * 2 : needed, 64))
            }
        }

        /// Copies the used bytes to a new allocation of `capacity` bytes.
        mutating func move(capacity: Int) {
            let moved = HeapAllocation(byteCount: capacity)
            moved.pointer.copyMemory(from: allocation.pointer, byteCount: used)
            allocation = moved
        }

        /// Appends `bytes`, for which there is room.
        mutating func append(_ bytes: UnsafeRawBufferPointer) {
            if let source = bytes.baseAddress, bytes.count > 0 {
                (allocation.pointer + used).copyMemory(from: source, byteCount: bytes.count)
            }
            used += bytes.count
        }
    }

    /// Identifies this copy's claim on the buffers' free space: a copy of the growth shares it
    /// (it is no longer uniquely referenced), and then neither writes past what it handed out.
    private final class Claim: Sendable {}

    private let type: DataType
    private let layout: Layout
    private var length = 0
    /// The values, or the offsets and then the data.
    private var regions: [Region]
    private var claim = Claim()

    /// A growth starting from `dictionary`'s values (copied), or `nil` when its type is not
    /// one this handles or it has nulls.
    init?(_ dictionary: ArrayData) throws {
        guard dictionary.nullCount == 0 else { return nil }
        switch dictionary.type {
        case .binary, .utf8:
            layout = .variable(offsetWidth: 4)
        case .largeBinary, .largeUtf8:
            layout = .variable(offsetWidth: 8)
        case let type where type.isFixedWidthDictionaryValue:
            guard let width = type.byteWidth, width > 0 else { return nil }
            layout = .fixed(width: width)
        default:
            return nil
        }
        type = dictionary.type
        switch layout {
        case .fixed:
            regions = [Region(allocation: HeapAllocation(byteCount: 64), used: 0)]
        case .variable(let offsetWidth):
            // The offsets start with one zero.
            let offsets = HeapAllocation(byteCount: 64)
            offsets.pointer.initializeMemory(as: UInt8.self, repeating: 0, count: offsetWidth)
            regions = [Region(allocation: offsets, used: offsetWidth), Region(allocation: HeapAllocation(byteCount: 64), used: 0)]
        }
        guard try append(dictionary) != nil else { return nil }
    }

    /// The dictionary so far.
    var array: ArrayData {
        ArrayData(type: type, length: length, nullCount: 0, validity: nil, buffers: regions.map(\.buffer))
    }

    /// Appends the values of `delta` and returns the dictionary so far, or `nil` (changing
    /// nothing) when `delta` has nulls or another type. Throws when `delta` is malformed or
    /// the dictionary outgrows its offsets.
    mutating func append(_ delta: ArrayData) throws -> ArrayData? {
        guard delta.type == type, delta.nullCount == 0 else { return nil }
        // What is read below (the first and last offsets, the values' range) must be in the buffers.
        try delta.validate(.default)
        if !isKnownUniquelyReferenced(&claim) {
            // Another copy may write past what was handed out: move to buffers of this copy's own.
            for index in regions.indices {
                regions[index].move(capacity: regions[index].allocation.byteCount)
            }
            claim = Claim()
        }
        switch layout {
        case .fixed(let width):
            let bytes = delta.length * width
            try regions[0].reserve(bytes)
            regions[0].append(UnsafeRawBufferPointer(start: delta.buffers[0].baseAddress + delta.offset * width, count: bytes))
        case .variable(let offsetWidth):
            if offsetWidth == 4 {
                try appendVariableWidth(delta, Int32.self)
            } else {
                try appendVariableWidth(delta, Int64.self)
            }
        }
        length += delta.length
        return array
    }

    /// Appends the offsets (rebased to follow the data so far) and the bytes of `delta`.
    private mutating func appendVariableWidth<Offset: FixedWidthInteger & BitwiseCopyable>(
        _ delta: ArrayData, _: Offset.Type
    ) throws {
        let width = MemoryLayout<Offset>.size
        let base = regions[1].used
        guard delta.length > 0 else { return }
        let offsets = delta.buffers[0].baseAddress + delta.offset * width
        // The default validation made the first and last offsets a range inside the data.
        let first = Int(offsets.loadUnaligned(as: Offset.self))
        let last = Int(offsets.loadUnaligned(fromByteOffset: delta.length * width, as: Offset.self))
        let (end, overflow) = base.addingReportingOverflow(last - first)
        guard !overflow, end <= Int(Offset.max) else {
            throw ArrowError.invalidData(
                "the dictionary's values would span \(overflow ? "more than \(Int.max)" : String(end)) bytes, more than its \(width * 8)-bit offsets can index")
        }
        try regions[0].reserve(delta.length * width)
        try regions[1].reserve(last - first)
        let target = regions[0].allocation.pointer + regions[0].used
        for slot in 1...delta.length {
            // Offsets in between were not checked (unless validated in full): wrapping keeps
            // out-of-order ones as wrong as they came, without trapping.
            let offset = Int(offsets.loadUnaligned(fromByteOffset: slot * width, as: Offset.self))
            let rebased = Offset(truncatingIfNeeded: base &+ (offset &- first))
            target.storeBytes(of: rebased, toByteOffset: (slot - 1) * width, as: Offset.self)
        }
        regions[0].used += delta.length * width
        regions[1].append(UnsafeRawBufferPointer(start: delta.buffers[1].baseAddress + first, count: last - first))
    }
}

extension DataType {
    /// Whether values of this type are fixed-width bytes that a dictionary can grow by
    /// appending (booleans, being bits, are not).
    fileprivate var isFixedWidthDictionaryValue: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float16, .float32, .float64,
             .decimal32, .decimal64, .decimal128, .decimal256, .date32, .date64, .time32, .time64,
             .timestamp, .duration, .interval, .fixedSizeBinary:
            return true
        default:
            return false
        }
    }
}
