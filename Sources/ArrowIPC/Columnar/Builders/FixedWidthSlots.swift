/// The buffers of a builder of fixed-width slots — the values, `width` bytes each, and the
/// validity — which ``PrimitiveBuilder``, ``DecimalBuilder`` and ``FixedSizeBinaryBuilder``
/// fill.
@usableFromInline
struct FixedWidthSlots: ~Copyable {
    @usableFromInline let width: Int
    @usableFromInline var values = BufferBuilder(capacity: 0)
    @usableFromInline var validity = BitmapBuilder(capacity: 0)
    @usableFromInline var count = 0

    init(width: Int) {
        self.width = width
    }

    /// Appends a valid slot holding `value`, whose size is the width.
    @inlinable
    mutating func append<T: BitwiseCopyable>(_ value: T) {
        values.append(value)
        validity.append(true)
        count += 1
    }

    /// Appends a valid slot that `store` writes at the address it is given (as many bytes as
    /// the width), and returns `true`; when `store` returns `false`, appends nothing.
    mutating func append(storing store: (UnsafeMutableRawPointer) -> Bool) -> Bool {
        guard values.append(byteCount: width, writtenBy: store) else { return false }
        validity.append(true)
        count += 1
        return true
    }

    /// Appends a valid slot holding `bytes`, as many as the width.
    mutating func append(bytes: UnsafeRawBufferPointer) {
        values.append(contentsOf: bytes)
        validity.append(true)
        count += 1
    }

    /// Appends a null slot of zero bytes.
    @inlinable
    mutating func appendNull() {
        values.appendZeros(width)
        validity.append(false)
        count += 1
    }

    @inlinable
    mutating func reserve(_ additional: Int) {
        values.reserve(max(additional, 0) &* width)
    }

    /// The slots as an array of `type`; then empty.
    mutating func finish(as type: DataType) -> ArrayData {
        let length = count
        count = 0
        let buffer = values.take()
        let (bitmap, nullCount) = validity.takeValidity()
        return ArrayData(type: type, length: length, nullCount: nullCount, validity: bitmap, buffers: [buffer])
    }

    /// Forgets the slots from `newCount` on.
    mutating func truncate(to newCount: Int) {
        guard newCount < count, newCount >= 0 else { return }
        values.truncate(to: newCount * width)
        validity.truncate(to: newCount)
        count = newCount
    }
}
