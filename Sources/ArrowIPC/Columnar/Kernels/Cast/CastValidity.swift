/// The validity of a cast's result: the input's, less the slots whose value does not
/// convert. A lenient cast clears their bits (copying the bitmap the first time); a strict
/// cast throws a ``SlotFailure`` at the first of them instead.
struct CastValidity: ~Copyable {
    /// The input's validity bits, or `nil` when it has no nulls.
    private let bits: UnsafeRawPointer?
    /// Keeps `bits` alive.
    private let bitmap: ArrowBuffer?
    private let offset: Int
    private let length: Int
    private let nullCount: Int
    private let lenient: Bool
    /// The type values are cast to, for failures.
    private let targetType: DataType
    /// The result's bitmap, from bit 0, once a slot has been rejected.
    private var rejected: HeapAllocation?

    /// The validity of a cast of `data` to `targetType`; `lenient` nulls the slots that do not
    /// convert.
    init(_ data: ArrayData, to targetType: DataType, lenient: Bool) {
        bitmap = data.nullCount > 0 ? data.validity : nil
        bits = bitmap?.baseAddress
        offset = data.offset
        length = data.length
        nullCount = data.nullCount
        self.lenient = lenient
        self.targetType = targetType
    }

    /// Whether slot `slot` of the input is valid (rejections aside).
    @inline(__always)
    func isValid(_ slot: Int) -> Bool {
        guard let bits else { return true }
        return bits.arrowBit(offset &+ slot)
    }

    /// Records that the value in valid slot `slot` does not convert, because of `reason`:
    /// nulls it (lenient) or throws (strict).
    mutating func reject(_ slot: Int, value: @autoclosure () -> String, reason: @autoclosure () -> String) throws {
        guard lenient else {
            throw SlotFailure(slot: slot, value: value(), targetType: targetType, reason: reason())
        }
        let target: HeapAllocation
        if let rejected {
            target = rejected
        } else {
            target = HeapAllocation(byteCount: Bitmap.byteCount(length))
            if let bits {
                Bitmap.copy(bits, from: offset, count: length, to: target.pointer)
            } else {
                target.pointer.initializeMemory(as: UInt8.self, repeating: 0xFF, count: Bitmap.byteCount(length))
            }
            rejected = target
        }
        let byte = target.pointer.load(fromByteOffset: slot >> 3, as: UInt8.self)
        target.pointer.storeBytes(of: byte & ~(1 << UInt8(slot & 7)), toByteOffset: slot >> 3, as: UInt8.self)
    }

    /// The result's bitmap from bit 0 (`nil` when no slot is null) and its null count.
    consuming func finish() -> (validity: ArrowBuffer?, nullCount: Int) {
        if let rejected {
            let buffer = ArrowBuffer(owner: rejected, baseAddress: UnsafeRawPointer(rejected.pointer), count: Bitmap.byteCount(length))
            let nullCount = length - Bitmap.countSetBits(buffer.baseAddress, offset: 0, length: length)
            return (nullCount == 0 ? nil : buffer, nullCount)
        }
        guard let bitmap, let bits else { return (nil, 0) }
        if offset & 7 == 0, let slice = bitmap.slice(offset: offset >> 3, length: Bitmap.byteCount(length)) {
            return (slice, nullCount)
        }
        let copy = ArrowBuffer(count: Bitmap.byteCount(length)) { target in
            if let base = target.baseAddress { Bitmap.copy(bits, from: offset, count: length, to: base) }
        }
        return (copy, nullCount)
    }
}

extension Bitmap {
    /// Copies bits `start..<start+count` of `source` to bits `0..<count` of `target`, a byte at
    /// a time; the bits of the last byte past `count` are copied too (or zero).
    static func copy(_ source: UnsafeRawPointer, from start: Int, count: Int, to target: UnsafeMutableRawPointer) {
        let byteCount = byteCount(count)
        let first = start >> 3
        let shift = UInt8(start & 7)
        if shift == 0 {
            target.copyMemory(from: source + first, byteCount: byteCount)
            return
        }
        // Each target byte takes the high bits of one source byte and the low bits of the next;
        // the next is read only when it holds bits of the range.
        let lastSourceByte = (start + count - 1) >> 3
        for index in 0..<byteCount {
            let low = source.load(fromByteOffset: first + index, as: UInt8.self) >> shift
            let nextIndex = first + index + 1
            let high = nextIndex <= lastSourceByte ? source.load(fromByteOffset: nextIndex, as: UInt8.self) << (8 - shift) : 0
            target.storeBytes(of: low | high, toByteOffset: index, as: UInt8.self)
        }
    }
}
