/// An array of decimals of any width: `decimal32`, `decimal64`, `decimal128` or `decimal256`.
///
/// A zero-copy view honoring the node's offset; each element is read into an
/// ``ArrowDecimal`` carrying the type's precision and scale. `Array(array)` gives
/// `[ArrowDecimal?]`.
public struct DecimalArray: ArrowArray, RandomAccessCollection, @unchecked Sendable {
    // The pointer points into a buffer that `data` keeps alive and nobody writes.
    /// The node this array reads.
    public let data: ArrayData
    /// The number of significant decimal digits of the type.
    public let precision: Int
    /// The number of digits after the decimal point of the type.
    public let scale: Int
    /// The bytes of one value: 4, 8, 16 or 32.
    public let byteWidth: Int
    private let values: UnsafeRawPointer

    /// Wraps `data`, which must be of a decimal type and pass ``ArrayData/validate(_:)`` at
    /// the default level.
    public init(_ data: ArrayData) throws {
        self.init(unchecked: try data.validated(for: "DecimalArray", readable: Self.decimalParameters(data.type) != nil))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        let (precision, scale, byteWidth) = Self.decimalParameters(data.type) ?? (0, 0, 16)
        self.data = data
        self.precision = precision
        self.scale = scale
        self.byteWidth = byteWidth
        values = data.buffers[0].baseAddress + data.offset &* byteWidth
    }

    /// An array of the decimal `type` holding `values`, `nil` meaning null; throws when `type`
    /// is not a decimal type, or a value has another scale or does not fit the type's width.
    public init(_ values: [ArrowDecimal?], type: DataType) throws {
        guard let (_, scale, _) = Self.decimalParameters(type) else {
            throw ArrowError.invalidArgument("\(type) is not a decimal type")
        }
        for (index, value) in values.enumerated() {
            if let value, value.scale != scale {
                throw ArrowError.invalidArgument("value \(index) has scale \(value.scale), the type \(type) has \(scale)")
            }
        }
        try self.init(storage: values.map { $0?.storage }, type: type)
    }

    /// An array of the decimal `type` whose unscaled values are `unscaled`, `nil` meaning null;
    /// throws when `type` is not a decimal type or a value does not fit its width.
    public init(unscaled: [Int128?], type: DataType) throws {
        try self.init(storage: unscaled.map { $0.map { ArrowDecimal($0, precision: 0, scale: 0).storage } }, type: type)
    }

    private init(storage: [SIMD4<UInt64>?], type: DataType) throws {
        guard let (precision, scale, byteWidth) = Self.decimalParameters(type) else {
            throw ArrowError.invalidArgument("\(type) is not a decimal type")
        }
        var buffer = BufferBuilder(capacity: storage.count * byteWidth)
        var validity = BitmapBuilder(capacity: storage.count)
        for (index, words) in storage.enumerated() {
            if let words {
                let value = ArrowDecimal(storage: words, precision: precision, scale: scale)
                guard value.fits(byteWidth: byteWidth) else {
                    throw ArrowError.invalidArgument("value \(index), \(value), does not fit in \(type)")
                }
                switch byteWidth {
                case 4: buffer.append(UInt32(truncatingIfNeeded: words[0]))
                case 8: buffer.append(words[0])
                case 16: buffer.append(words.lowHalf)
                default: buffer.append(words)
                }
            } else {
                buffer.appendZeros(byteWidth)
            }
            validity.append(words != nil)
        }
        let (bitmap, nullCount) = validity.finishValidity()
        self.init(unchecked: ArrayData(
            type: type, length: storage.count, nullCount: nullCount, validity: bitmap, buffers: [buffer.finish()]))
    }

    /// The precision, scale and byte width of a decimal type, or `nil` for other types.
    private static func decimalParameters(_ type: DataType) -> (precision: Int, scale: Int, byteWidth: Int)? {
        switch type {
        case .decimal32(let precision, let scale): return (precision, scale, 4)
        case .decimal64(let precision, let scale): return (precision, scale, 8)
        case .decimal128(let precision, let scale): return (precision, scale, 16)
        case .decimal256(let precision, let scale): return (precision, scale, 32)
        default: return nil
        }
    }

    /// The decimal in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> ArrowDecimal? {
        if data.isNull(position) {
            return nil
        }
        let words = ArrowDecimal.unscaledWords(
            UnsafeRawBufferPointer(start: values + position &* byteWidth, count: byteWidth))
        return ArrowDecimal(storage: words, precision: precision, scale: scale)
    }
}
