/// Builds strings or byte strings with `Offset`-wide offsets: ``StringBuilder`` (`string`),
/// ``LargeStringBuilder`` (`large_string`), ``BinaryBuilder`` (`binary`) and
/// ``LargeBinaryBuilder`` (`large_binary`).
///
/// A string column takes `String`s and ``ArrowValue/binary(_:)`` values that are valid UTF-8;
/// a binary column takes bytes and strings (their UTF-8). More bytes than the offsets can
/// address (2^31 - 1 for the 32-bit ones) is an error naming the slot.
public final class VariableWidthBuilder<Offset: ArrowOffset>: TruncatableBuilder {
    public let type: DataType
    private let isText: Bool
    @exclusivity(unchecked) @usableFromInline var offsets = BufferBuilder(capacity: 0)
    @exclusivity(unchecked) @usableFromInline var bytes = BufferBuilder(capacity: 0)
    @exclusivity(unchecked) @usableFromInline var validity = BitmapBuilder(capacity: 0)
    @exclusivity(unchecked) @usableFromInline var slotCount = 0

    public var count: Int { slotCount }

    /// A builder of strings (`string` or `large_string` by the offsets), or with `binary` of
    /// byte strings (`binary`, `large_binary`): `StringBuilder()`, `StringBuilder(binary: true)`.
    public init(binary: Bool = false) {
        let text = !binary
        isText = text
        type = switch (text, Offset.isLarge) {
        case (true, false): .utf8
        case (true, true): .largeUtf8
        case (false, false): .binary
        case (false, true): .largeBinary
        }
        offsets.append(Offset.zero)
    }

    /// Appends the bytes at `value`, or a null for `nil`; a string builder checks that they
    /// are UTF-8.
    public func append(bytes value: UnsafeRawBufferPointer?) throws {
        guard let value else { return appendNull() }
        if isText, UTF8Validation.firstInvalidByte(value) != nil {
            throw ArrowError.invalidArgument("slot \(count): the bytes are not UTF-8, so they cannot be a \(type) value")
        }
        try appendChecked(value)
    }

    /// Appends `value`'s bytes, or a null for `nil`.
    public func append(_ value: [UInt8]?) throws {
        guard let value else { return appendNull() }
        try value.withUnsafeBytes { try append(bytes: $0) }
    }

    /// Appends `value`'s UTF-8, or a null for `nil`.
    @inlinable
    public func append(_ value: String?) throws {
        guard var value else { return appendNull() }
        try value.withUTF8 { try appendChecked(UnsafeRawBufferPointer($0)) }
    }

    /// Appends each of `values`, `nil` meaning null.
    public func append(contentsOf values: some Sequence<String?>) throws {
        for value in values { try append(value) }
    }

    /// Appends bytes known to suit the type.
    @inlinable
    func appendChecked(_ value: UnsafeRawBufferPointer) throws {
        let end = bytes.count + value.count
        guard end <= Int(Offset.max) else { throw tooManyBytes() }
        bytes.append(contentsOf: value)
        offsets.append(Offset(truncatingIfNeeded: end))
        validity.append(true)
        slotCount += 1
    }

    @usableFromInline
    func tooManyBytes() -> ArrowError {
        ArrowError.invalidArgument("slot \(count): \(type) offsets address at most \(Offset.max) bytes; use the large type for more")
    }

    @inlinable
    public func appendNull() {
        offsets.append(Offset(truncatingIfNeeded: bytes.count))
        validity.append(false)
        slotCount += 1
    }

    public func append(_ value: ArrowValue) throws {
        switch value {
        case .null: appendNull()
        case .string(let text): try append(text)
        case .binary(let data): try data.withUnsafeBytes { try append(bytes: $0) }
        default: throw mismatch(value)
        }
    }

    @inlinable
    public func reserve(_ additional: Int) {
        offsets.reserve(max(additional, 0) &* MemoryLayout<Offset>.size)
    }

    /// The array of the values appended; the builder is then empty.
    public func finishData() -> ArrayData {
        let length = slotCount
        slotCount = 0
        let offsetBuffer = offsets.take()
        offsets.append(Offset.zero)
        let data = bytes.take()
        let (bitmap, nullCount) = validity.takeValidity()
        return ArrayData(type: type, length: length, nullCount: nullCount, validity: bitmap, buffers: [offsetBuffer, data])
    }

    func truncate(to newCount: Int) {
        guard newCount < count, newCount >= 0 else { return }
        let end = offsets.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: newCount * MemoryLayout<Offset>.size, as: Offset.self) }
        bytes.truncate(to: Int(end))
        offsets.truncate(to: (newCount + 1) * MemoryLayout<Offset>.size)
        validity.truncate(to: newCount)
        slotCount = newCount
    }
}

/// Builds `string` arrays.
public typealias StringBuilder = VariableWidthBuilder<Int32>
/// Builds `large_string` arrays.
public typealias LargeStringBuilder = VariableWidthBuilder<Int64>

