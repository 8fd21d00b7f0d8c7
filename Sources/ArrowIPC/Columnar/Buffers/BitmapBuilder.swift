/// Builds an Arrow bitmap (validity or boolean values), least-significant bit first, one bit at
/// a time, counting the set bits as it goes.
@usableFromInline
struct BitmapBuilder: ~Copyable {
    @usableFromInline var bytes: BufferBuilder
    @usableFromInline var pending: UInt8 = 0
    /// The number of bits appended.
    @usableFromInline var count = 0
    /// The number of `true` bits appended.
    @usableFromInline var setCount = 0

    /// A builder with room for `capacity` bits before it first grows.
    init(capacity: Int) {
        bytes = BufferBuilder(capacity: (max(capacity, 0) + 7) / 8)
    }

    /// Appends one bit.
    @inlinable
    mutating func append(_ bit: Bool) {
        let one = UInt8(bit ? 1 : 0)
        pending |= one << UInt8(count & 7)
        setCount &+= Int(one)
        count += 1
        if count & 7 == 0 {
            bytes.append(pending)
            pending = 0
        }
    }

    /// Appends `count` copies of `bit`.
    mutating func append(_ bit: Bool, count repeats: Int) {
        for _ in 0..<max(repeats, 0) { append(bit) }
    }

    /// The bit at `index`, below ``count``.
    func bit(at index: Int) -> Bool {
        let byte = index >> 3 < count >> 3 ? bytes.byte(at: index >> 3) : pending
        return byte >> UInt8(index & 7) & 1 == 1
    }

    /// Forgets the bits from `newCount` on (no more than ``count``).
    mutating func truncate(to newCount: Int) {
        let newCount = min(max(newCount, 0), count)
        guard newCount < count else { return }
        for index in newCount..<count where bit(at: index) { setCount -= 1 }
        let byte = newCount >> 3 < count >> 3 ? bytes.byte(at: newCount >> 3) : pending
        pending = byte & (UInt8(1 << (newCount & 7)) &- 1)
        bytes.truncate(to: newCount >> 3)
        count = newCount
    }

    /// The bitmap as ``finish()`` gives it, leaving this builder empty for the next one.
    mutating func take() -> ArrowBuffer {
        var finished = BitmapBuilder(capacity: 0)
        swap(&finished, &self)
        return finished.finish()
    }

    /// The bitmap as ``finishValidity()`` gives it, leaving this builder empty.
    mutating func takeValidity() -> (validity: ArrowBuffer?, nullCount: Int) {
        var finished = BitmapBuilder(capacity: 0)
        swap(&finished, &self)
        return finished.finishValidity()
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
