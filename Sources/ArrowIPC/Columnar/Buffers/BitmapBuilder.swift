/// Builds an Arrow bitmap (validity or boolean values), least-significant bit first, one bit at
/// a time, counting the set bits as it goes.
struct BitmapBuilder: ~Copyable {
    private var bytes: BufferBuilder
    private var pending: UInt8 = 0
    /// The number of bits appended.
    private(set) var count = 0
    /// The number of `true` bits appended.
    private(set) var setCount = 0

    /// A builder with room for `capacity` bits before it first grows.
    init(capacity: Int) {
        bytes = BufferBuilder(capacity: (max(capacity, 0) + 7) / 8)
    }

    /// Appends one bit.
    @inline(__always)
    mutating func append(_ bit: Bool) {
        if bit {
            pending |= 1 << UInt8(count & 7)
            setCount += 1
        }
        count += 1
        if count & 7 == 0 {
            bytes.append(pending)
            pending = 0
        }
    }

    /// The bitmap, its last byte zero-padded.
    consuming func finish() -> ArrowBuffer {
        if count & 7 != 0 {
            bytes.append(pending)
        }
        return bytes.finish()
    }

    /// The bitmap as a validity buffer: `nil` when every bit is set (no nulls), with the null count.
    consuming func finishValidity() -> (validity: ArrowBuffer?, nullCount: Int) {
        let nullCount = count - setCount
        if nullCount == 0 {
            return (nil, 0)
        }
        return (finish(), nullCount)
    }
}

extension BitmapBuilder {
    /// The validity bitmap and null count for `length` slots from `flags` (`true` = valid):
    /// no bitmap when `flags` is `nil` or all `true`; throws when `flags` has another count.
    static func validity(from flags: [Bool]?, length: Int) throws -> (validity: ArrowBuffer?, nullCount: Int) {
        guard let flags else { return (nil, 0) }
        guard flags.count == length else {
            throw ArrowError.invalidArgument("\(flags.count) validity flags were given for \(length) slots")
        }
        var bits = BitmapBuilder(capacity: length)
        for flag in flags {
            bits.append(flag)
        }
        return bits.finishValidity()
    }
}
