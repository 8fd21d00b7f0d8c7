/// Where each slot of a take's result comes from: a slot of one of the source arrays (one for
/// an array or a batch, one per batch for a table's column), or nothing for a null slot.
///
/// Each entry packs the source's position and the slot, `source << sourceShift | slot`, and
/// is -1 for a null slot. With one source the shift is 63 and an entry is the slot itself;
/// with several, slots take the low 48 bits (arrays of 2^48 slots or more are refused).
struct Selection {
    /// One entry per result slot.
    let entries: [Int]
    /// The bit position of the source in an entry.
    let sourceShift: Int

    /// The shift of selections over several sources.
    static let multipleSourcesShift = 48
    /// The most sources a selection may have: their numbers must keep entries positive.
    static let maximumSources = 1 << (63 - multipleSourcesShift) - 1

    init(entries: [Int], sourceShift: Int) {
        self.entries = entries
        self.sourceShift = sourceShift
    }

    /// The number of result slots.
    var count: Int { entries.count }

    /// The bits of an entry that hold the slot.
    var slotMask: Int { sourceShift == 63 ? Int.max : (1 << sourceShift) - 1 }

    /// An entry for `slot` of source `source`.
    @inline(__always)
    func entry(source: Int, slot: Int) -> Int {
        source &<< sourceShift | slot
    }

    /// The shift for `sourceCount` sources; throws when one of `lengths` (the slots of the
    /// sources, or the children the entries will point into) does not fit the slot bits.
    static func shift(sourceCount: Int, lengths: [Int]) throws -> Int {
        guard sourceCount > 1 else { return 63 }
        guard sourceCount <= maximumSources else {
            throw ArrowError.notSupported("taking from more than \(maximumSources) arrays at once")
        }
        let limit = 1 << multipleSourcesShift
        if let long = lengths.first(where: { $0 > limit }) {
            throw ArrowError.notSupported(
                "taking from several arrays of \(long) slots each: arrays of more than \(limit) slots must be taken from one at a time")
        }
        return multipleSourcesShift
    }

    /// An empty list of entries with room for `count`, refused when `count` entries would not fit
    /// in memory (`purpose` says what they are for).
    static func reserve(_ count: Int, for purpose: @autoclosure () -> String) throws -> [Int] {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Int>.size)
        guard !overflow, bytes <= machineMemorySize else {
            throw ArrowError.invalidArgument(
                "\(purpose()) needs \(count) entries, more than this machine's memory holds")
        }
        var entries: [Int] = []
        entries.reserveCapacity(count)
        return entries
    }
}

// MARK: - Indices

extension Selection {
    /// The entries for `indices` into one array of `length` slots.
    init(indices: [Int], length: Int) throws {
        let entries = try [Int](unsafeUninitializedCapacity: indices.count) { buffer, initialized in
            for (position, index) in indices.enumerated() {
                guard UInt(bitPattern: index) < UInt(bitPattern: length) else {
                    throw Self.outOfRange(index, position: position, length: length)
                }
                buffer[position] = index
            }
            initialized = indices.count
        }
        self.init(entries: entries, sourceShift: 63)
    }

    /// The entries for the integer array `indices` (any width, signed or unsigned; a null
    /// index gives a null slot) into one array of `length` slots.
    init(indices: ArrayData, length: Int) throws {
        do {
            try indices.validate(.default)
        } catch let error as ArrowError {
            throw ArrowError.invalidArgument("the indices are not a valid array: \(error.reason)")
        }
        let entries: [Int]
        switch indices.type.storageType {
        case .int8: entries = try Self.entries(Int8.self, indices, length: length)
        case .int16: entries = try Self.entries(Int16.self, indices, length: length)
        case .int32: entries = try Self.entries(Int32.self, indices, length: length)
        case .int64: entries = try Self.entries(Int64.self, indices, length: length)
        case .uint8: entries = try Self.entries(UInt8.self, indices, length: length)
        case .uint16: entries = try Self.entries(UInt16.self, indices, length: length)
        case .uint32: entries = try Self.entries(UInt32.self, indices, length: length)
        case .uint64: entries = try Self.entries(UInt64.self, indices, length: length)
        case .null: entries = [Int](repeating: -1, count: indices.length)
        default:
            throw ArrowError.invalidArgument("indices must be integers, not \(indices.type)")
        }
        self.init(entries: entries, sourceShift: 63)
    }

    private static func entries<Index: FixedWidthInteger & BitwiseCopyable>(
        _: Index.Type, _ indices: ArrayData, length: Int
    ) throws -> [Int] {
        let count = indices.length
        let values = indices.buffers[0].baseAddress + indices.offset &* MemoryLayout<Index>.size
        let validity = indices.nullCount > 0 ? indices.validity?.baseAddress : nil
        return try withExtendedLifetime(indices) {
            try [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
                for position in 0..<count {
                    if let validity, !validity.arrowBit(indices.offset &+ position) {
                        buffer[position] = -1
                        continue
                    }
                    let index = values.loadUnaligned(fromByteOffset: position &* MemoryLayout<Index>.size, as: Index.self)
                    guard let slot = Int(exactly: index), UInt(bitPattern: slot) < UInt(bitPattern: length) else {
                        throw outOfRange(index, position: position, length: length)
                    }
                    buffer[position] = slot
                }
                initialized = count
            }
        }
    }

    private static func outOfRange(_ index: some BinaryInteger, position: Int, length: Int) -> ArrowError {
        let problem = index < 0 ? "is negative" : "is out of range for \(length) slots"
        return ArrowError.invalidArgument("index \(index) at position \(position) \(problem)")
    }

    /// These entries, made over one array of all `lengths` slots one after the other, spread
    /// over the arrays of `lengths` (a table's batches).
    func distributed(over lengths: [Int]) throws -> Selection {
        let shift = try Self.shift(sourceCount: lengths.count, lengths: lengths)
        guard shift != sourceShift else { return self }
        let finder = SourceFinder(lengths: lengths)
        let distributed = entries.withUnsafeBufferPointer { old in
            finder.withTables { starts, buckets, bucketShift in
                [Int](unsafeUninitializedCapacity: old.count) { buffer, initialized in
                    for position in 0..<old.count {
                        let slot = old[position]
                        guard slot >= 0 else {
                            buffer[position] = -1
                            continue
                        }
                        var source = Int(buckets[slot &>> bucketShift])
                        while slot >= starts[source &+ 1] { source &+= 1 }
                        buffer[position] = source &<< shift | (slot &- starts[source])
                    }
                    initialized = old.count
                }
            }
        }
        return Selection(entries: distributed, sourceShift: shift)
    }

    /// These entries over `lengths` sources, made entries over one array holding the sources one
    /// after the other (their concatenation).
    func collapsed(lengths: [Int]) -> Selection {
        guard sourceShift != 63 else { return self }
        var starts: [Int] = []
        var total = 0
        for length in lengths {
            starts.append(total)
            total += length
        }
        let mask = slotMask
        let shift = sourceShift
        return Selection(
            entries: entries.map { $0 < 0 ? -1 : starts[$0 >> shift] + ($0 & mask) }, sourceShift: 63)
    }
}

// MARK: - Masks

extension Selection {
    /// The entries of the slots of one array that `mask` keeps (pyarrow's `emit_null`: a null
    /// in the mask gives a null slot).
    init(mask: FilterMask) throws {
        var entries = try Self.reserve(mask.resultCount, for: "a filter's result")
        mask.forEachResultSlot { slot in entries.append(slot) }
        self.init(entries: entries, sourceShift: 63)
    }
}

/// Finds which of several arrays laid end to end holds a slot: a table of buckets of
/// `2^bucketShift` slots gives the array holding each bucket's first slot, and the few
/// boundaries inside a bucket are stepped over.
private struct SourceFinder {
    /// Where each array starts, then the total.
    let starts: [Int]
    let buckets: [Int32]
    let bucketShift: Int

    init(lengths: [Int]) {
        var starts: [Int] = []
        var total = 0
        for length in lengths {
            starts.append(total)
            total += length
        }
        starts.append(total)
        // About four buckets per array, so that few buckets hold a boundary.
        let wanted = max(64, 4 * lengths.count)
        bucketShift = max(0, (Int.bitWidth - total.leadingZeroBitCount) - (Int.bitWidth - wanted.leadingZeroBitCount))
        var buckets: [Int32] = []
        var source = 0
        var bucketStart = 0
        while bucketStart < total {
            while bucketStart >= starts[source + 1] { source += 1 }
            buckets.append(Int32(truncatingIfNeeded: source))
            bucketStart += 1 << bucketShift
        }
        self.starts = starts
        self.buckets = buckets
    }

    func withTables<R>(_ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int32>, Int) -> R) -> R {
        starts.withUnsafeBufferPointer { starts in
            buckets.withUnsafeBufferPointer { body(starts, $0, bucketShift) }
        }
    }
}
