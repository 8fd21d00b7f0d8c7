import Foundation

/// Builds `fixed_size_binary` arrays: every value exactly ``byteWidth`` bytes.
public final class FixedSizeBinaryBuilder: TruncatableBuilder {
    public let type: DataType
    /// The bytes of each value.
    public let byteWidth: Int
    private var values = BufferBuilder(capacity: 0)
    private var validity = BitmapBuilder(capacity: 0)
    public private(set) var count = 0

    /// A builder of values of `byteWidth` bytes.
    public convenience init(byteWidth: Int) throws {
        try self.init(type: .fixedSizeBinary(byteWidth: byteWidth))
    }

    /// A builder of `type`, a `fixed_size_binary` type.
    init(type: DataType) throws {
        guard case .fixedSizeBinary(let width) = type, width >= 0 else {
            throw ArrowError.invalidArgument("\(type) is not a fixed-size binary type with a width of 0 or more")
        }
        self.type = type
        byteWidth = width
    }

    /// Appends the bytes at `value`, or a null for `nil`; throws unless they are
    /// ``byteWidth`` bytes.
    public func append(bytes value: UnsafeRawBufferPointer?) throws {
        guard let value else { return appendNull() }
        guard value.count == byteWidth else {
            throw ArrowError.invalidArgument("slot \(count): \(value.count) bytes are not a value of \(type)")
        }
        values.append(contentsOf: value)
        validity.append(true)
        count += 1
    }

    /// Appends `value`'s bytes, or a null for `nil`.
    public func append(_ value: [UInt8]?) throws {
        guard let value else { return appendNull() }
        try value.withUnsafeBytes { try append(bytes: $0) }
    }

    public func appendNull() {
        values.appendZeros(byteWidth)
        validity.append(false)
        count += 1
    }

    public func append(_ value: ArrowValue) throws {
        switch value {
        case .null: appendNull()
        case .binary(let data): try data.withUnsafeBytes { try append(bytes: $0) }
        case .uuid(let id) where byteWidth == 16:
            try withUnsafeBytes(of: id.uuid) { try append(bytes: $0) }
        default: throw mismatch(value)
        }
    }

    public func reserve(_ additional: Int) {
        values.reserve(max(additional, 0) &* byteWidth)
    }

    public func finishData() -> ArrayData {
        let length = count
        count = 0
        let buffer = values.take()
        let (bitmap, nullCount) = validity.takeValidity()
        return ArrayData(type: type, length: length, nullCount: nullCount, validity: bitmap, buffers: [buffer])
    }

    func truncate(to newCount: Int) {
        guard newCount < count, newCount >= 0 else { return }
        values.truncate(to: newCount * byteWidth)
        validity.truncate(to: newCount)
        count = newCount
    }
}
