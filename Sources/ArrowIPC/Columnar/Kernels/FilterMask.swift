/// What a filter does with a slot whose mask value is null (pyarrow's
/// `null_selection_behavior`).
public enum NullSelectionBehavior: Sendable, Hashable {
    /// The slot is left out, as for `false` (pyarrow's `drop`, the default).
    case drop
    /// The result has a null slot there (pyarrow's `emit_null`).
    case emitNull
}

/// A filter's mask as whole 64-bit words from bit 0, whatever the offset of the boolean array
/// it came from: bit `i` of `kept` is set when slot `i` is kept with its value; bit `i` of
/// `nulls` (emitting nulls, when the mask has some) when it becomes a null slot.
struct FilterMask {
    /// The number of slots the mask covers.
    let length: Int
    let kept: [UInt64]
    let nulls: [UInt64]?
    /// The number of slots of the result: kept ones and null ones.
    let resultCount: Int

    /// The mask `mask` (a boolean array), with its nulls treated as `nullSelection` says.
    init(_ mask: ArrayData, nullSelection: NullSelectionBehavior) throws {
        guard mask.type.storageType == .boolean else {
            throw ArrowError.invalidArgument("a filter's mask must be of type bool, not \(mask.type)")
        }
        do {
            try mask.validate(.default)
        } catch let error as ArrowError {
            throw ArrowError.invalidArgument("the filter's mask is not a valid array: \(error.reason)")
        }
        let length = mask.length
        self.length = length
        let wordCount = (length + 63) / 64
        let start = mask.offset
        let end = mask.offset + length
        let values = mask.buffers[0].baseAddress
        let validity = mask.nullCount > 0 ? mask.validity?.baseAddress : nil
        var nulls: [UInt64]? = nil
        var kept = withExtendedLifetime(mask) {
            [UInt64](unsafeUninitializedCapacity: wordCount) { words, initialized in
                for word in 0..<wordCount {
                    words[word] = values.arrowBitWord(from: start + word * 64, end: end)
                }
                initialized = wordCount
            }
        }
        if let validity {
            let valid = withExtendedLifetime(mask) {
                (0..<wordCount).map { validity.arrowBitWord(from: start + $0 * 64, end: end) }
            }
            for word in 0..<wordCount { kept[word] &= valid[word] }
            if nullSelection == .emitNull {
                // Past the end, `valid` is zero too: keep those bits clear.
                nulls = (0..<wordCount).map { word in
                    let inRange: UInt64 = word == wordCount - 1 && length % 64 != 0 ? (1 << UInt64(length % 64)) - 1 : ~0
                    return ~valid[word] & inRange
                }
            }
        }
        self.kept = kept
        self.nulls = nulls
        resultCount = Self.count(kept) + (nulls.map(Self.count) ?? 0)
    }

    /// The mask `flags`.
    init(_ flags: [Bool]) {
        length = flags.count
        let wordCount = (length + 63) / 64
        kept = flags.withUnsafeBufferPointer { flags in
            [UInt64](unsafeUninitializedCapacity: wordCount) { words, initialized in
                for word in 0..<wordCount {
                    var bits: UInt64 = 0
                    let base = word * 64
                    for bit in 0..<min(64, flags.count - base) where flags[base + bit] {
                        bits |= 1 << UInt64(bit)
                    }
                    words[word] = bits
                }
                initialized = wordCount
            }
        }
        nulls = nil
        resultCount = Self.count(kept)
    }

    /// Whether taking the kept slots by index beats scanning the mask for them: when the mask
    /// keeps few slots, the loads of a gather overlap better than loads found one by one
    /// between the mask's words; a mask that makes null slots always goes through the take.
    var prefersTake: Bool {
        nulls != nil || resultCount * Self.takeRatio < length
    }

    /// Masks keeping fewer than one slot in this many go through the take kernel (measured on
    /// the benchmark tables: taking wins at 10% of the rows kept and loses at 20%).
    static let takeRatio = 8

    private static func count(_ words: [UInt64]) -> Int {
        words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// Throws unless the mask covers `length` slots.
    func check(length: Int) throws {
        guard self.length == length else {
            throw ArrowError.invalidArgument("a filter's mask has \(self.length) slots, but the array has \(length)")
        }
    }

    /// Calls `body` with each slot the result holds, in order: the slot's position when kept,
    /// -1 when it becomes a null slot.
    func forEachResultSlot(_ body: (Int) -> Void) {
        for word in kept.indices {
            var bits = kept[word] | (nulls?[word] ?? 0)
            let nullBits = nulls?[word] ?? 0
            while bits != 0 {
                let bit = bits.trailingZeroBitCount
                body(nullBits & (1 << UInt64(bit)) != 0 ? -1 : word * 64 + bit)
                bits &= bits - 1
            }
        }
    }
}
