import Foundation

/// Builds `fixed_size_binary` arrays: every value exactly ``byteWidth`` bytes.
public final class FixedSizeBinaryBuilder: TruncatableBuilder {
    public let type: DataType
    /// The bytes of each value.
    public let byteWidth: Int
    @exclusivity(unchecked) private var slots: FixedWidthSlots

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
        slots = FixedWidthSlots(width: width)
    }

    public var count: Int { slots.count }

    /// Appends the bytes at `value`, or a null for `nil`; throws unless they are
    /// ``byteWidth`` bytes.
    public func append(bytes value: UnsafeRawBufferPointer?) throws {
        guard let value else { return appendNull() }
        guard value.count == byteWidth else {
            throw ArrowError.invalidArgument("slot \(count): \(value.count) bytes are not a value of \(type)")
        }
        slots.append(bytes: value)
    }

    /// Appends `value`'s bytes, or a null for `nil`.
    public func append(_ value: [UInt8]?) throws {
        guard let value else { return appendNull() }
        try value.withUnsafeBytes { try append(bytes: $0) }
    }

    public func appendNull() {
        slots.appendNull()
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
        slots.reserve(additional)
    }

    public func finishData() -> ArrayData {
        slots.finish(as: type)
    }

    func truncate(to newCount: Int) {
        slots.truncate(to: newCount)
    }
}
