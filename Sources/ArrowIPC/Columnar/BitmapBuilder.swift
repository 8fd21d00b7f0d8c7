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
