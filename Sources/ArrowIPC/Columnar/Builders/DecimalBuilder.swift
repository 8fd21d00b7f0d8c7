/// Builds `decimal32`, `decimal64`, `decimal128` and `decimal256` arrays.
///
/// A value of another scale is moved to the builder's scale when no digit is lost (`1.5`
/// into scale 2 is `1.50`; `1.25` into scale 1 is an error), and an integer is a decimal of
/// scale 0. A value with more digits than the precision allows is an error, as in pyarrow.
public final class DecimalBuilder: TruncatableBuilder {
    public let type: DataType
    /// The precision and scale of the type.
    public let precision: Int, scale: Int
    private let byteWidth: Int
    @exclusivity(unchecked) private var slots: FixedWidthSlots

    /// A builder of `type`, a decimal type.
    public init(type: DataType) throws {
        switch type {
        case .decimal32(let precision, let scale): (self.precision, self.scale, byteWidth) = (precision, scale, 4)
        case .decimal64(let precision, let scale): (self.precision, self.scale, byteWidth) = (precision, scale, 8)
        case .decimal128(let precision, let scale): (self.precision, self.scale, byteWidth) = (precision, scale, 16)
        case .decimal256(let precision, let scale): (self.precision, self.scale, byteWidth) = (precision, scale, 32)
        default: throw ArrowError.invalidArgument("\(type) is not a decimal type")
        }
        guard precision >= 1, precision <= 76 else {
            throw ArrowError.invalidArgument("\(type) has a precision outside 1...76")
        }
        self.type = type
        slots = FixedWidthSlots(width: byteWidth)
    }

    public var count: Int { slots.count }

    /// Appends `value` moved to this builder's scale, or a null for `nil`.
    public func append(_ value: ArrowDecimal?) throws {
        guard let value else { return appendNull() }
        try appendUnscaled(WideMagnitude(signed: value.storage), negative: value.isNegative, scale: value.scale, shown: value.description)
    }

    /// Appends the integer `value` (a decimal of scale 0).
    public func append(_ value: Int64) throws {
        try appendUnscaled(WideMagnitude(value.magnitude), negative: value < 0, scale: 0, shown: String(value))
    }

    private func appendUnscaled(_ magnitude: WideMagnitude, negative: Bool, scale from: Int, shown: String) throws {
        var scaled = magnitude
        if scale >= from {
            guard let moved = magnitude.multiplied(byPowerOfTen: scale - from) else { throw tooWide(shown) }
            scaled = moved
        } else {
            let (quotient, exact) = magnitude.divided(byPowerOfTen: from - scale, rounding: .truncate)
            guard exact else {
                throw ArrowError.invalidArgument("slot \(count): \(shown) has more digits after the point than the scale of \(type)")
            }
            scaled = quotient
        }
        guard scaled.isBelow(powerOfTen: precision), let words = scaled.signedWords(negative: negative) else { throw tooWide(shown) }
        switch byteWidth {
        case 4: slots.append(UInt32(truncatingIfNeeded: words[0]))
        case 8: slots.append(words[0])
        case 16: slots.append(words.lowHalf)
        default: slots.append(words)
        }
    }

    private func tooWide(_ shown: String) -> ArrowError {
        ArrowError.invalidArgument("slot \(count): \(shown) has more digits than the precision of \(type) allows")
    }

    public func appendNull() {
        slots.appendNull()
    }

    public func append(_ value: ArrowValue) throws {
        switch value {
        case .null: appendNull()
        case .decimal(let decimal): try append(decimal)
        case .int(let integer): try append(integer)
        case .uint(let integer): try appendUnscaled(WideMagnitude(integer), negative: false, scale: 0, shown: String(integer))
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
