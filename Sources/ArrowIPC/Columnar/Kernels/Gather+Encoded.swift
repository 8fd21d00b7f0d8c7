/// Taking encoded slots: dictionary-encoded arrays take their indices and keep the
/// dictionary; run-end encoded arrays stay run-end encoded.
extension Gather {
    /// Dictionary-encoded slots: the selected indices over the sources' dictionary. Sources
    /// whose dictionaries are not all prefixes of the longest (as after dictionary deltas) are
    /// first concatenated, which merges their dictionaries.
    func dictionaries(_ type: DataType, indexType: DataType, valueType: DataType) throws -> ArrayData {
        guard indexType.isInteger, let width = indexType.byteWidth else {
            throw ArrowError.invalidArgument("dictionary indices of type \(indexType) are not integers")
        }
        // The default validation made sure every source has a dictionary of the value type.
        let dictionaries = sources.compactMap(\.dictionary)
        let dictionary: ArrayData
        if let longest = dictionaries.max(by: { $0.length < $1.length }) {
            if sources.count > 1 && !dictionaries.allSatisfy({ $0.isPrefix(of: longest) }) {
                let combined = try ArrayData.concatenate(sources)
                return try Gather(sources: [combined], selection: selection.collapsed(lengths: sources.map(\.length)))
                    .result(type)
            }
            dictionary = longest
        } else {
            dictionary = try Gather(sources: [], selection: Selection(entries: [], sourceShift: 63)).result(valueType)
        }
        let (validity, nullCount) = try validityBitmap()
        let indices = try fixedWidth(width: width) { $0.buffers[0] }
        return ArrayData(
            type: type, length: selection.count, nullCount: nullCount, validity: validity,
            buffers: [indices], dictionary: dictionary)
    }

    /// Run-end encoded slots: a run-end encoded result whose runs join the neighbouring
    /// selected slots of one source run (and neighbouring null entries, one null value).
    func runs(_ type: DataType, runEndType: DataType, valueType: DataType) throws -> ArrayData {
        switch runEndType {
        case .int16: return try runs(type, Int16.self, runEndType: runEndType, valueType: valueType)
        case .int32: return try runs(type, Int32.self, runEndType: runEndType, valueType: valueType)
        case .int64: return try runs(type, Int64.self, runEndType: runEndType, valueType: valueType)
        default: throw ArrowError.invalidArgument("run ends must be int16, int32 or int64, not \(runEndType)")
        }
    }

    private func runs<End: FixedWidthInteger & BitwiseCopyable>(
        _ type: DataType, _: End.Type, runEndType: DataType, valueType: DataType
    ) throws -> ArrayData {
        let count = selection.count
        guard count <= Int(End.max) else {
            throw ArrowError.invalidArgument(
                "a run-end encoded result of \(count) slots does not fit its \(runEndType) run ends")
        }
        let width = MemoryLayout<End>.size
        let values = sources.map { $0.children[1] }
        let shift = try Selection.shift(sourceCount: sources.count, lengths: values.map(\.length))
        let endBases = sources.map { $0.children[0].buffers[0].baseAddress + $0.children[0].offset &* width }
        let runCounts = sources.map { $0.children[0].length }
        let logicalOffsets = sources.map(\.offset)
        var runEnds = try Selection.reserve(count, for: "the runs of \(count) slots")
        var valueEntries = try Selection.reserve(count, for: "the runs of \(count) slots")
        try withExtendedLifetime(sources) {
            try withEntries { entries, entryShift, mask in
                var previous = -2
                for position in 0..<count {
                    let entry = entries[position]
                    var key = -1
                    if entry >= 0 {
                        let source = entry &>> entryShift
                        let logical = logicalOffsets[source] &+ (entry & mask)
                        // The first run ending after the slot.
                        let ends = endBases[source]
                        var low = 0
                        var high = runCounts[source]
                        while low < high {
                            let middle = (low &+ high) &>> 1
                            if Int(ends.loadUnaligned(fromByteOffset: middle &* width, as: End.self)) > logical {
                                high = middle
                            } else {
                                low = middle &+ 1
                            }
                        }
                        guard low < runCounts[source] else {
                            throw ArrowError.invalidArgument(
                                "slot \(entry & mask) of a run-end encoded array is past its runs (its run ends are not valid)")
                        }
                        key = source &<< shift | low
                    }
                    if key == previous {
                        runEnds[runEnds.count - 1] = position + 1
                    } else {
                        runEnds.append(position + 1)
                        valueEntries.append(key)
                    }
                    previous = key
                }
            }
        }
        let endsBuffer = try ArrowBuffer.kernelResult(count: runEnds.count * width, for: "\(runEnds.count) run ends") { output in
            for (run, end) in runEnds.enumerated() {
                output.storeBytes(of: End(truncatingIfNeeded: end), toByteOffset: run * width, as: End.self)
            }
        }
        let endsChild = ArrayData(type: runEndType, length: runEnds.count, nullCount: 0, validity: nil, buffers: [endsBuffer])
        let valuesChild = try Gather(sources: values, selection: Selection(entries: valueEntries, sourceShift: shift))
            .result(valueType)
        return ArrayData(type: type, length: count, validity: nil, buffers: [], children: [endsChild, valuesChild])
    }
}
