import Foundation

/// Dictionary encoding (pyarrow's `dictionary_encode`): each distinct value stored once, in a
/// dictionary in order of first appearance, and each slot as its `int32` index there (a null
/// slot as a null index). Values are compared by their bytes, straight from the buffers, so
/// no Swift value is made per slot: the way to group rows by a column (give each group the
/// index of its value) at the speed of a hash of bytes.
extension ArrayData {
    /// This array dictionary-encoded: a `dictionary<int32, type>` array of the same length.
    /// Takes `string`, `large_string`, `binary`, `large_binary` and the fixed-width primitive
    /// types (integers, floats, dates, times, timestamps, durations, decimals, fixed-size
    /// binary); throws ``ArrowError/invalidArgument(_:)`` for others, and for an array that
    /// does not pass validation at the default level. Floats are compared by their bits (so
    /// `0.0` and `-0.0` are two entries, and each NaN bit pattern one).
    public func dictionaryEncoded() throws -> ArrayData {
        try validateAsKernelInput()
        var table = DistinctValues()
        let indices = Int32Builder()
        indices.reserve(length)
        switch type {
        case .utf8, .binary:
            try encode(VariableWidthStorage<Int32>(self), into: &table, indices)
        case .largeUtf8, .largeBinary:
            try encode(VariableWidthStorage<Int64>(self), into: &table, indices)
        default:
            guard let width = type.byteWidth, width > 0, let values = buffers.first?.baseAddress else {
                throw ArrowError.invalidArgument("dictionary encoding takes strings, binary and fixed-width primitive types, not \(type)")
            }
            for slot in 0..<length {
                if isNull(slot) {
                    indices.appendNull()
                } else {
                    let bytes = UnsafeRawBufferPointer(start: values + (offset + slot) * width, count: width)
                    indices.append(try table.index(of: bytes, at: slot))
                }
            }
        }
        let dictionary = try take(table.firstSlots)
        let encoded = indices.finishData()
        return ArrayData(
            type: .dictionary(index: .int32, value: type, ordered: false), length: length, nullCount: encoded.nullCount,
            validity: encoded.validity, buffers: encoded.buffers, dictionary: dictionary)
    }

    private func encode<Offset>(
        _ storage: VariableWidthStorage<Offset>, into table: inout DistinctValues, _ indices: Int32Builder
    ) throws {
        for slot in 0..<length {
            try storage.withUnsafeBytes(at: slot) { bytes in
                if let bytes {
                    indices.append(try table.index(of: bytes, at: slot))
                } else {
                    indices.appendNull()
                }
            }
        }
    }
}

extension ArrowArray {
    /// This array dictionary-encoded (see ``ArrayData/dictionaryEncoded()``).
    ///
    /// ```swift
    /// let symbols = try StringArray(["AB", "CD", nil, "AB"]).dictionaryEncoded()
    /// try symbols.indices(as: Int32Array.self)    // [0, 1, nil, 0]
    /// try symbols.dictionary.strings              // ["AB", "CD"]
    /// ```
    public func dictionaryEncoded() throws -> DictionaryArray {
        DictionaryArray(unchecked: try data.dictionaryEncoded())
    }
}

/// The distinct values met so far, as byte strings in the buffers of the array being encoded:
/// an open-addressing hash table of their indices, and the slot each was first met at.
private struct DistinctValues {
    /// The slot of the first appearance of each distinct value, by index.
    private(set) var firstSlots: [Int] = []
    /// Where each distinct value's bytes are (they stay in the array's buffers).
    private var values: [UnsafeRawBufferPointer] = []
    private var hashes: [UInt64] = []
    /// Table positions holding an index into ``values`` plus one; zero for an empty position.
    private var positions: [Int32]
    private var mask: Int

    init() {
        let capacity = 1 << 10
        positions = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// The index of the value `bytes` (of slot `slot`), given the next index when it is new.
    mutating func index(of bytes: UnsafeRawBufferPointer, at slot: Int) throws -> Int32 {
        let hash = Self.hash(bytes)
        var position = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(positions[position])
            if stored == 0 { break }
            if hashes[stored - 1] == hash, Self.equal(values[stored - 1], bytes) { return Int32(stored - 1) }
            position = (position + 1) & mask
        }
        guard values.count < Int(Int32.max) - 1 else {
            throw ArrowError.invalidArgument("dictionary encoding: more than \(Int32.max - 1) distinct values")
        }
        let index = values.count
        values.append(bytes)
        hashes.append(hash)
        firstSlots.append(slot)
        positions[position] = Int32(index + 1)
        if values.count * 2 > positions.count { grow() }
        return Int32(index)
    }

    /// Doubles the table and puts every value back in.
    private mutating func grow() {
        let capacity = positions.count * 2
        positions = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        for (index, hash) in hashes.enumerated() {
            var position = Int(truncatingIfNeeded: hash) & mask
            while positions[position] != 0 { position = (position + 1) & mask }
            positions[position] = Int32(index + 1)
        }
    }

    private static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard let first = a.baseAddress, let second = b.baseAddress, a.count > 0 else { return true }
        return memcmp(first, second, a.count) == 0
    }

    /// A 64-bit hash of `bytes`: eight bytes at a time, multiplied and folded, then mixed.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var start = 0
        while start + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
            start += 8
        }
        if start < bytes.count {
            var tail: UInt64 = 0
            for offset in start..<bytes.count { tail |= UInt64(bytes[offset]) << UInt64((offset - start) * 8) }
            hash = (hash ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        hash ^= hash >> 31
        hash = hash &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 32)
    }
}
