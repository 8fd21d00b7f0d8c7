/// Builds `string_view` or `binary_view` arrays: values of up to 12 bytes inside their
/// 16-byte view, longer ones in data buffers of up to 2^31 - 1 bytes each.
public final class ViewBuilder: TruncatableBuilder {
    public let type: DataType
    @exclusivity(unchecked) private var views = BufferBuilder(capacity: 0)
    @exclusivity(unchecked) private var validity = BitmapBuilder(capacity: 0)
    /// The data buffers filled, and the one being filled.
    @exclusivity(unchecked) private var filled: [ArrowBuffer] = []
    @exclusivity(unchecked) private var current = BufferBuilder(capacity: 0)
    @exclusivity(unchecked) public private(set) var count = 0

    /// A builder of `string_view`, or with `binary` of `binary_view`.
    public convenience init(binary: Bool = false) {
        self.init(unchecked: binary ? .binaryView : .utf8View)
    }

    init(unchecked type: DataType) {
        self.type = type
    }

    /// Appends `value`'s UTF-8, or a null for `nil`.
    public func append(_ value: String?) throws {
        guard var value else { return appendNull() }
        try value.withUTF8 { try appendChecked(UnsafeRawBufferPointer($0)) }
    }

    /// Appends the bytes at `value`, or a null for `nil`; a `string_view` builder checks that
    /// they are UTF-8.
    public func append(bytes value: UnsafeRawBufferPointer?) throws {
        guard let value else { return appendNull() }
        if type == .utf8View, UTF8Validation.firstInvalidByte(value) != nil {
            throw ArrowError.invalidArgument("slot \(count): the bytes are not UTF-8, so they cannot be a \(type) value")
        }
        try appendChecked(value)
    }

    private func appendChecked(_ value: UnsafeRawBufferPointer) throws {
        guard value.count <= Int(Int32.max) else {
            throw ArrowError.invalidArgument("slot \(count): a view holds at most \(Int32.max) bytes, not \(value.count)")
        }
        var view = SIMD2<UInt64>(0, 0)
        withUnsafeMutableBytes(of: &view) { raw in
            raw.storeBytes(of: Int32(truncatingIfNeeded: value.count), as: Int32.self)
            let prefix = min(value.count, value.count <= 12 ? 12 : 4)
            UnsafeMutableRawBufferPointer(rebasing: raw[4..<(4 + prefix)])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: value[..<prefix]))
            guard value.count > 12 else { return }
            if current.count + value.count > Int(Int32.max) {
                filled.append(current.take())
            }
            raw.storeBytes(of: Int32(truncatingIfNeeded: filled.count), toByteOffset: 8, as: Int32.self)
            raw.storeBytes(of: Int32(truncatingIfNeeded: current.count), toByteOffset: 12, as: Int32.self)
            current.append(contentsOf: value)
        }
        views.append(view)
        validity.append(true)
        count += 1
    }

    public func appendNull() {
        views.appendZeros(16)
        validity.append(false)
        count += 1
    }

    public func append(_ value: ArrowValue) throws {
        switch value {
        case .null: appendNull()
        case .string(let text): try append(text)
        case .binary(let data): try data.withUnsafeBytes { try append(bytes: $0) }
        default: throw mismatch(value)
        }
    }

    public func reserve(_ additional: Int) {
        views.reserve(max(additional, 0) &* 16)
    }

    public func finishData() -> ArrayData {
        let length = count
        count = 0
        let viewBuffer = views.take()
        var data = filled
        filled = []
        if current.count > 0 { data.append(current.take()) }
        let (bitmap, nullCount) = validity.takeValidity()
        return ArrayData(type: type, length: length, nullCount: nullCount, validity: bitmap, buffers: [viewBuffer] + data)
    }

    func truncate(to newCount: Int) {
        guard newCount < count, newCount >= 0 else { return }
        // The first long value dropped marks where the data ends; only the buffer being
        // filled can hold it, as truncation follows a single failed nested append.
        for slot in newCount..<count {
            let (length, buffer, offset) = views.withUnsafeBytes { raw in
                (raw.loadUnaligned(fromByteOffset: slot * 16, as: Int32.self),
                 raw.loadUnaligned(fromByteOffset: slot * 16 + 8, as: Int32.self),
                 raw.loadUnaligned(fromByteOffset: slot * 16 + 12, as: Int32.self))
            }
            if length > 12, Int(buffer) == filled.count {
                current.truncate(to: Int(offset))
                break
            }
        }
        views.truncate(to: newCount * 16)
        validity.truncate(to: newCount)
        count = newCount
    }
}

/// Builds `string_view` arrays.
public typealias StringViewBuilder = ViewBuilder
