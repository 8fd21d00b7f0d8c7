/// Builds a ``BooleanArray``.
public final class BooleanBuilder: TruncatableBuilder {
    public let type = DataType.boolean
    @exclusivity(unchecked) private var values = BitmapBuilder(capacity: 0)
    @exclusivity(unchecked) private var validity = BitmapBuilder(capacity: 0)
    @exclusivity(unchecked) public private(set) var count = 0

    /// An empty builder.
    public init() {}

    /// Appends `value`.
    @inline(__always)
    public func append(_ value: Bool) {
        values.append(value)
        validity.append(true)
        count += 1
    }

    /// Appends `value`, or a null for `nil`.
    public func append(_ value: Bool?) {
        if let value { append(value) } else { appendNull() }
    }

    /// Appends each of `values`, `nil` meaning null.
    public func append(contentsOf values: some Sequence<Bool?>) {
        for value in values { append(value) }
    }

    public func appendNull() {
        values.append(false)
        validity.append(false)
        count += 1
    }

    public func append(_ value: ArrowValue) throws {
        switch value {
        case .null: appendNull()
        case .bool(let flag): append(flag)
        default: throw mismatch(value)
        }
    }

    public func reserve(_ additional: Int) {}

    /// The array of the values appended; the builder is then empty.
    public func finish() -> BooleanArray {
        BooleanArray(unchecked: finishData())
    }

    public func finishData() -> ArrayData {
        let length = count
        count = 0
        let bits = values.take()
        let (bitmap, nullCount) = validity.takeValidity()
        return ArrayData(type: type, length: length, nullCount: nullCount, validity: bitmap, buffers: [bits])
    }

    func truncate(to newCount: Int) {
        guard newCount < count else { return }
        values.truncate(to: newCount)
        validity.truncate(to: newCount)
        count = newCount
    }
}

/// Builds a ``NullArray``: every slot null.
public final class NullBuilder: TruncatableBuilder {
    public let type = DataType.null
    @exclusivity(unchecked) public private(set) var count = 0

    /// An empty builder.
    public init() {}

    public func appendNull() { count += 1 }

    public func append(_ value: ArrowValue) throws {
        guard case .null = value else { throw mismatch(value) }
        count += 1
    }

    public func reserve(_ additional: Int) {}

    public func finishData() -> ArrayData {
        defer { count = 0 }
        return ArrayData(type: .null, length: count, nullCount: count, validity: nil, buffers: [])
    }

    func truncate(to newCount: Int) { count = min(count, max(newCount, 0)) }
}
