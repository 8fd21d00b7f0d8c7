/// Taking binary and string slots: offsets and bytes, or views.
extension Gather {
    /// Binary and string slots with `Offset`-wide offsets: new offsets, then the selected bytes.
    /// Throws, before allocating the bytes, when they do not fit the offsets.
    func variableWidth<Offset: ArrowOffset>(_ type: DataType, _: Offset.Type) throws -> ArrayData {
        let count = selection.count
        let (validity, nullCount) = try validityBitmap()
        let ranges = try SelectedRanges(
            self, Offset.self, layout: .offsets, validity: validity, limits: sources.map { $0.buffers[1].count },
            what: "bytes")
        let dataBases = sources.map { $0.buffers[1].baseAddress }
        let dataCounts = sources.map { $0.buffers[1].count }
        let data = try withExtendedLifetime(sources) {
            try ArrowBuffer.kernelResult(count: ranges.total, slack: 32, for: "\(ranges.total) bytes of \(type) values") { output in
                dataBases.withUnsafeBufferPointer { dataBases in
                    dataCounts.withUnsafeBufferPointer { dataCounts in
                        ranges.forEach { position, source, start, length in
                            (output + ranges.outputStart(position)).copyBlocks(
                                from: dataBases[source] + start, count: length,
                                sourceReadable: dataCounts[source] &- start)
                        }
                    }
                }
            }
        }
        return ArrayData(
            type: type, length: count, nullCount: nullCount, validity: validity, buffers: [ranges.offsets, data])
    }

    /// Binary and string views: the selected views (zero for null entries), their data buffer
    /// numbers moved past the data buffers of the sources before theirs; the result holds
    /// every source's data buffers, shared.
    func views(_ type: DataType) throws -> ArrayData {
        let (validity, nullCount) = try validityBitmap()
        var dataBuffers: [ArrowBuffer] = []
        var bufferShifts: [Int32] = []
        for source in sources {
            guard dataBuffers.count <= Int(Int32.max) - source.buffers.count else {
                throw ArrowError.invalidArgument("the views would need more than 2^31 data buffers")
            }
            bufferShifts.append(Int32(dataBuffers.count))
            dataBuffers.append(contentsOf: source.buffers.dropFirst())
        }
        // The views are copied as 16-byte values; then long views get their new buffer number.
        let needsShifts = bufferShifts.contains { $0 != 0 }
        let views = try fixedWidth(width: 16, nullFill: 0, { $0.buffers[0] }) { views in
            guard needsShifts else { return }
            withEntries { entries, shift, _ in
                for position in 0..<entries.count where entries[position] >= 0 {
                    let view = views + position &* 16
                    if view.loadUnaligned(as: Int32.self) > 12 {
                        let index = view.loadUnaligned(fromByteOffset: 8, as: Int32.self)
                        view.storeBytes(
                            of: index &+ bufferShifts[entries[position] &>> shift], toByteOffset: 8, as: Int32.self)
                    }
                }
            }
        }
        return ArrayData(
            type: type, length: selection.count, nullCount: nullCount, validity: validity,
            buffers: [views] + dataBuffers)
    }
}

/// The ranges a selection picks from offsets (of bytes for binary and strings, of child slots
/// for lists): each selected slot's range checked against its source's `limit`, the result's
/// offsets (starting at 0), and where each range starts in its source.
struct SelectedRanges {
    /// How a node gives the range of a slot.
    enum Layout {
        /// `offsets[slot]..<offsets[slot + 1]`, from the first buffer.
        case offsets
        /// `offsets[slot]..<offsets[slot] + sizes[slot]`, from the first two buffers (list views).
        case offsetsAndSizes
    }

    /// The result's offsets, `count + 1` of them.
    let offsets: ArrowBuffer
    /// The sum of the ranges' lengths.
    let total: Int
    /// For each entry, the start of its range in its source (0 for null slots).
    private let starts: [Int]
    private let selection: Selection
    private let offsetWidth: Int

    /// The ranges of `gather`'s selected slots; empty for the null slots of the result, whose
    /// validity is `validity`. Throws when a range is not inside `limits[source]` (`unit`
    /// names what it counts), or the total does not fit `Offset`.
    init<Offset: ArrowOffset>(
        _ gather: Gather, _: Offset.Type, layout: Layout, validity: ArrowBuffer?, limits: [Int], what unit: String
    ) throws {
        let count = gather.selection.count
        let width = MemoryLayout<Offset>.size
        let bases = gather.slotBases(width: width) { $0.buffers[0] }
        let sizeBases = layout == .offsetsAndSizes ? gather.slotBases(width: width) { $0.buffers[1] } : bases
        let endStep = layout == .offsets ? width : 0
        let resultBits = validity?.baseAddress
        var total = 0
        var starts = try Selection.reserve(count, for: "the ranges of \(count) slots")
        let offsets = try withExtendedLifetime(gather.sources) {
            try ArrowBuffer.kernelResult(count: (count + 1) * width, for: "\(count + 1) offsets") { output in
                output.storeBytes(of: Offset.zero, as: Offset.self)
                try gather.withEntries { entries, shift, mask in
                    for position in 0..<count {
                        let entry = entries[position]
                        var start = 0
                        if entry >= 0 && resultBits?.arrowBit(position) ?? true {
                            let source = entry &>> shift
                            let slot = (entry & mask) &* width
                            start = Int(bases[source].loadUnaligned(fromByteOffset: slot, as: Offset.self))
                            // The next offset, or the size added to this one.
                            let next = Int(sizeBases[source].loadUnaligned(fromByteOffset: slot &+ endStep, as: Offset.self))
                            let end = layout == .offsets ? next : (next >= 0 ? start &+ next : -1)
                            guard start >= 0, start <= end, end <= limits[source] else {
                                throw ArrowError.invalidArgument(
                                    "slot \(entry & mask) has the range \(start)..<\(end), outside the \(limits[source]) \(unit) of its array (its offsets are not valid)")
                            }
                            guard end - start <= Int(Offset.max) - total else {
                                throw ArrowError.invalidArgument(
                                    "the result of taking \(count) slots spans more than \(Offset.max) \(unit), too many for \(width * 8)-bit offsets")
                            }
                            total += end - start
                        }
                        starts.append(start)
                        output.storeBytes(of: Offset(truncatingIfNeeded: total), toByteOffset: (position + 1) * width, as: Offset.self)
                    }
                }
            }
        }
        self.offsets = offsets
        self.total = total
        self.starts = starts
        selection = gather.selection
        offsetWidth = width
    }

    /// Where the range of entry `position` starts in the result.
    @inline(__always)
    func outputStart(_ position: Int) -> Int {
        offsetWidth == 4
            ? Int(offsets.baseAddress.loadUnaligned(fromByteOffset: position &* 4, as: Int32.self))
            : Int(offsets.baseAddress.loadUnaligned(fromByteOffset: position &* 8, as: Int64.self))
    }

    /// Calls `body` with each non-empty range: the entry's position, its source, and the
    /// range's start and length in the source.
    func forEach(_ body: (_ position: Int, _ source: Int, _ start: Int, _ length: Int) throws -> Void) rethrows {
        let shift = selection.sourceShift
        try selection.entries.withUnsafeBufferPointer { entries in
            try starts.withUnsafeBufferPointer { starts in
                var previous = 0
                for position in 0..<entries.count {
                    let next = outputStart(position &+ 1)
                    let length = next &- previous
                    if length > 0 {
                        try body(position, entries[position] &>> shift, starts[position], length)
                    }
                    previous = next
                }
            }
        }
    }
}
