/// Casts of decimals (32 to 256 bits) to and from integers, floating-point numbers, strings and
/// other decimals.
///
/// As pyarrow's safe casts: a value rescaled to fewer digits after the point must lose none
/// (`1.555` is not a `decimal128(5, 2)`); a value must fit the target's precision; decimals
/// cast to integers must be whole and in range; floats cast to decimals are rounded from their
/// exact binary value to the nearest, halves to even (0.125 is 0.12), and NaN and infinities
/// fail. Unlike pyarrow, which refuses an integer type whose every value might not fit
/// (`int32` needs a precision of 10 plus the scale), integers are checked one by one.
extension Caster {
    func castDecimals(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        switch (DecimalShape(data.type), DecimalShape(target)) {
        case (let source?, let destination?):
            return try makeDecimals(data, to: target, destination) { slot in
                let (negative, magnitude) = source.read(data, slot)
                return destination.rescaled(negative, magnitude, from: source.scale)
            }
        case (nil, let destination?):
            return try numbersToDecimals(data, to: target, destination)
        case (let source?, nil):
            return try decimalsToNumbers(data, source, to: target)
        case (nil, nil):
            throw unsupported(data.type, target)
        }
    }

    /// Decimals as pyarrow writes them: the digits with the point placed by the scale
    /// (`123.45`, `-0.05`, `0.00`), or, when the scale is negative or the value small
    /// (`1E-7`, `0E-10`, `1.23E+4`), the digits in exponent form as Java's `BigDecimal` writes
    /// them.
    func formatDecimals(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        guard let source = DecimalShape(data.type) else { throw unsupported(data.type, target) }
        return try formatSlots(data, to: target, bytesPerSlot: source.precision + 2) { slot, out in
            let text = source.text(data, slot)
            let count = min(text.utf8.count, TextBuilder.scratchCapacity)
            var copy = text
            copy.withUTF8 { out.update(from: $0.baseAddress!, count: count) }
            return count
        }
    }

    /// Decimals read from text as pyarrow reads them: an optional sign, digits with an
    /// optional point, an optional exponent (`1.5`, `-.5`, `1e2`, `1.5E-3`); the value must
    /// have no more digits after the point than the scale (once the exponent is applied) and
    /// fit the precision.
    func parseDecimals(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        guard let destination = DecimalShape(target) else { throw unsupported(data.type, target) }
        guard let result = try data.visitByteSlots(DecimalParser(data: data, target: target, destination: destination, caster: self)) else {
            throw unsupported(data.type, target)
        }
        return result
    }

    // MARK: - Loops

    /// Decimals of `target` (of `shape`): `value(slot)` gives a valid slot's sign and
    /// magnitude at the target's scale, or why it has none; values beyond the precision fail.
    fileprivate func makeDecimals(
        _ data: ArrayData, to target: DataType, _ shape: DecimalShape, _ value: (Int) -> DecimalResult
    ) throws -> ArrayData {
        var validity = CastValidity(data, to: target, lenient: lenient)
        let width = shape.byteWidth
        let values = try ArrowBuffer(count: data.length * width) { out in
            guard let base = out.baseAddress else { return }
            base.initializeMemory(as: UInt8.self, repeating: 0, count: out.count)
            for slot in 0..<data.length where validity.isValid(slot) {
                switch value(slot) {
                case .value(let negative, let magnitude):
                    if magnitude.isBelow(powerOfTen: shape.precision), let words = magnitude.signedWords(negative: negative),
                       ArrowDecimal(storage: words, precision: shape.precision, scale: shape.scale).fits(byteWidth: width) {
                        for index in 0..<width / 4 {
                            let word = words[index / 2] >> UInt64(index % 2 * 32)
                            base.storeBytes(of: UInt32(truncatingIfNeeded: word), toByteOffset: slot * width + index * 4, as: UInt32.self)
                        }
                    } else {
                        try validity.reject(slot, value: describe(data, slot), reason: "beyond the precision of \(target)")
                    }
                case .failure(let reason):
                    try validity.reject(slot, value: describe(data, slot), reason: reason)
                }
            }
        }
        let (bitmap, nullCount) = validity.finish()
        return ArrayData(type: target, length: data.length, nullCount: nullCount, validity: bitmap, buffers: [values])
    }

    /// Slot `slot` of `data` written for a message.
    fileprivate func describe(_ data: ArrayData, _ slot: Int) -> String {
        if let shape = DecimalShape(data.type) { return shape.text(data, slot) }
        return data.valueDescription(at: slot)
    }

    private func numbersToDecimals(_ data: ArrayData, to target: DataType, _ shape: DecimalShape) throws -> ArrayData {
        guard let kind = NumberKind(data.type), kind != .boolean else { throw unsupported(data.type, target) }
        return try kind.visit(NumbersToDecimals(data: data, target: target, shape: shape, caster: self))
    }

    private func decimalsToNumbers(_ data: ArrayData, _ shape: DecimalShape, to target: DataType) throws -> ArrayData {
        guard let kind = NumberKind(target), kind != .boolean else { throw unsupported(data.type, target) }
        return try kind.visit(DecimalsToNumbers(data: data, target: target, shape: shape, caster: self))
    }
}

/// A decimal value for ``Caster/makeDecimals(_:to:_:_:)``: a sign and magnitude at the
/// target's scale, or why the source value has none.
private enum DecimalResult {
    case value(negative: Bool, magnitude: WideMagnitude)
    case failure(String)
}

/// The precision, scale and width of a decimal type.
private struct DecimalShape {
    let precision: Int
    let scale: Int
    let byteWidth: Int

    init?(_ type: DataType) {
        switch type {
        case .decimal32(let precision, let scale), .decimal64(let precision, let scale),
             .decimal128(let precision, let scale), .decimal256(let precision, let scale):
            self.precision = precision
            self.scale = scale
            byteWidth = type.byteWidth ?? 16
        default:
            return nil
        }
    }

    /// The sign and magnitude of slot `slot` of `data`, a decimal array of this shape.
    func read(_ data: ArrayData, _ slot: Int) -> (negative: Bool, magnitude: WideMagnitude) {
        let words = unscaled(data, slot)
        return (words[3] >> 63 == 1, WideMagnitude(signed: words))
    }

    func unscaled(_ data: ArrayData, _ slot: Int) -> SIMD4<UInt64> {
        let start = data.buffers[0].baseAddress + (data.offset + slot) * byteWidth
        return ArrowDecimal.unscaledWords(UnsafeRawBufferPointer(start: start, count: byteWidth))
    }

    /// `magnitude` at scale `from` moved to this shape's scale: exactly, or the digits that
    /// would be lost, or the overflow, as a failure.
    func rescaled(_ negative: Bool, _ magnitude: WideMagnitude, from: Int) -> DecimalResult {
        if scale >= from {
            guard let scaled = magnitude.multiplied(byPowerOfTen: scale - from) else { return .failure("beyond the precision of this type") }
            return .value(negative: negative, magnitude: scaled)
        }
        let (quotient, exact) = magnitude.divided(byPowerOfTen: from - scale, rounding: .truncate)
        guard exact else { return .failure("more digits after the point than the scale \(scale) holds") }
        return .value(negative: negative, magnitude: quotient)
    }

    /// Slot `slot` as pyarrow writes decimals (see ``Caster/formatDecimals(_:to:)``).
    func text(_ data: ArrayData, _ slot: Int) -> String {
        let words = unscaled(data, slot)
        let integer = DecimalText.string(words, scale: 0)
        let negative = integer.hasPrefix("-")
        let digits = negative ? integer.dropFirst() : Substring(integer)
        let adjusted = digits.count - 1 - scale
        if scale >= 0 && adjusted >= -6 {
            return DecimalText.string(words, scale: scale)
        }
        var text = negative ? "-" : ""
        text += digits.prefix(1)
        if digits.count > 1 { text += "." + digits.dropFirst() }
        text += adjusted < 0 ? "E" : "E+"
        text += String(adjusted)
        return text
    }
}

// MARK: - Numbers

private struct NumbersToDecimals: NumberVisitor {
    let data: ArrayData
    let target: DataType
    let shape: DecimalShape
    let caster: Caster

    func visitBoolean() throws -> ArrayData { throw caster.unsupported(data.type, target) }

    func visitInteger<I: CastInteger>(_: I.Type) throws -> ArrayData {
        let values = data.buffers[0].baseAddress + data.offset * MemoryLayout<I>.stride
        return try caster.makeDecimals(data, to: target, shape) { slot in
            let value = values.loadUnaligned(fromByteOffset: slot * MemoryLayout<I>.stride, as: I.self)
            return shape.rescaled(value < 0, WideMagnitude(UInt64(value.magnitude)), from: 0)
        }
    }

    func visitFloat<F: CastFloat>(_: F.Type) throws -> ArrayData {
        let values = data.buffers[0].baseAddress + data.offset * MemoryLayout<F>.stride
        return try caster.makeDecimals(data, to: target, shape) { slot in
            Self.decimal(values.loadUnaligned(fromByteOffset: slot * MemoryLayout<F>.stride, as: F.self).doubleValue, scale: shape.scale)
        }
    }

    /// `value × 10^scale` rounded from the exact binary value to the nearest integer, halves
    /// to even.
    static func decimal(_ value: Double, scale: Int) -> DecimalResult {
        if value.isNaN { return .failure("not a number") }
        if value.isInfinite { return .failure("infinite") }
        let negative = value.sign == .minus && value != 0
        // value = significand × 2^exponent exactly.
        let bits = value.bitPattern
        let biased = Int((bits >> 52) & 0x7FF)
        let significand = biased == 0 ? bits & (1 << 52 - 1) : bits & (1 << 52 - 1) | 1 << 52
        let exponent = biased == 0 ? -1074 : biased - 1075
        let overflow = DecimalResult.failure("beyond the precision of this type")
        var magnitude = WideMagnitude(significand)
        if scale >= 0 {
            guard let scaled = magnitude.multiplied(byPowerOfTen: scale) else { return overflow }
            magnitude = scaled
            if exponent >= 0 {
                guard let shifted = magnitude.shiftedLeft(exponent) else { return overflow }
                magnitude = shifted
            } else {
                magnitude = magnitude.shiftedRight(-exponent, rounding: .halfEven).quotient
            }
        } else if exponent >= 0 {
            guard let shifted = magnitude.shiftedLeft(exponent) else { return overflow }
            magnitude = shifted.divided(byPowerOfTen: -scale, rounding: .halfEven).quotient
        } else {
            // significand / (2^-exponent × 10^-scale), one rounding; beyond 2^54 it rounds to 0.
            guard let divisor = WideMagnitude(1).multiplied(byPowerOfTen: -scale)?.shiftedLeft(-exponent),
                  let small = divisor.uint64, small <= 1 << 54 else {
                return .value(negative: negative, magnitude: .zero)
            }
            let (quotient, remainder) = (significand / small, significand % small)
            let roundsUp = remainder * 2 > small || (remainder * 2 == small && quotient & 1 == 1)
            magnitude = WideMagnitude(quotient + (roundsUp ? 1 : 0))
        }
        return .value(negative: negative && !magnitude.isZero, magnitude: magnitude)
    }
}

private struct DecimalsToNumbers: NumberVisitor {
    let data: ArrayData
    let target: DataType
    let shape: DecimalShape
    let caster: Caster

    func visitBoolean() throws -> ArrayData { throw caster.unsupported(data.type, target) }

    /// Whole decimals in range.
    func visitInteger<I: CastInteger>(_: I.Type) throws -> ArrayData {
        try caster.mapDecimals(data, shape, to: target, as: I.self) { negative, magnitude in
            let whole: WideMagnitude?
            if shape.scale >= 0 {
                let (quotient, exact) = magnitude.divided(byPowerOfTen: shape.scale, rounding: .truncate)
                guard exact else { return (nil, "not a whole number") }
                whole = quotient
            } else {
                whole = magnitude.multiplied(byPowerOfTen: -shape.scale)
            }
            let bound = negative ? I.min.magnitude : I.max.magnitude
            guard let small = whole?.uint64, small <= UInt64(bound) else {
                return (nil, "out of range (\(I.min) to \(I.max))")
            }
            return (negative ? I(truncatingIfNeeded: 0 &- small) : I(truncatingIfNeeded: small), "")
        }
    }

    /// The float nearest to each decimal.
    func visitFloat<F: CastFloat>(_: F.Type) throws -> ArrayData {
        try caster.mapDecimals(data, shape, to: target, as: F.self) { negative, magnitude in
            (F.nearest(negative: negative, magnitude: magnitude, scale: shape.scale), "")
        }
    }
}

extension Caster {
    /// Numbers of `target` stored as `T` from the decimals of `data`: `convert` gives a valid
    /// slot's value, or `nil` and why.
    fileprivate func mapDecimals<T: CastNumber>(
        _ data: ArrayData, _ shape: DecimalShape, to target: DataType, as _: T.Type,
        _ convert: (_ negative: Bool, _ magnitude: WideMagnitude) -> (T?, String)
    ) throws -> ArrayData {
        var validity = CastValidity(data, to: target, lenient: lenient)
        let values = try ArrowBuffer(count: data.length * MemoryLayout<T>.stride) { out in
            guard let base = out.baseAddress else { return }
            base.initializeMemory(as: UInt8.self, repeating: 0, count: out.count)
            for slot in 0..<data.length where validity.isValid(slot) {
                let (negative, magnitude) = shape.read(data, slot)
                let (value, reason) = convert(negative, magnitude)
                if let value {
                    base.storeBytes(of: value, toByteOffset: slot * MemoryLayout<T>.stride, as: T.self)
                } else {
                    try validity.reject(slot, value: shape.text(data, slot), reason: reason)
                }
            }
        }
        let (bitmap, nullCount) = validity.finish()
        return ArrayData(type: target, length: data.length, nullCount: nullCount, validity: bitmap, buffers: [values])
    }
}

extension CastFloat {
    /// The value nearest to `±magnitude × 10^-scale`: for doubles of at most 53 bits and
    /// scales 0 to 22, one division of exact doubles; otherwise the decimal text read back,
    /// which rounds once.
    fileprivate static func nearest(negative: Bool, magnitude: WideMagnitude, scale: Int) -> Self {
        if Self.self == Double.self, let small = magnitude.uint64, small <= 1 << 53, (0...22).contains(scale) {
            let value = Double(small) / ExactPowersOfTen.doubles[scale]
            return Self(nearest: negative ? -value : value)
        }
        var digits = ""
        var rest = magnitude
        repeat {
            let (quotient, remainder) = rest.divided(by: NumberText.powersOfTen[19])
            let chunk = String(remainder)
            digits = (quotient.isZero ? chunk : String(repeating: "0", count: 19 - chunk.count) + chunk) + digits
            rest = quotient
        } while !rest.isZero
        var text = (negative ? "-" : "") + digits + "e" + String(-scale)
        return text.withUTF8 { Self.parse(UnsafeRawBufferPointer($0)) } ?? Self(nearest: .nan)
    }
}

private enum ExactPowersOfTen {
    /// 10^0 … 10^22, every one exact as a double.
    static let doubles: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}

// MARK: - Text

private struct DecimalParser: ByteSlotsVisitor {
    let data: ArrayData
    let target: DataType
    let destination: DecimalShape
    let caster: Caster

    func visit<Slots: ByteSlots>(_ slots: Slots) throws -> ArrayData {
        try caster.makeDecimals(data, to: target, destination) { slot in
            guard let (negative, digits, exponent) = Self.read(slots.bytes(slot)) else { return .failure("not a decimal number") }
            return destination.rescaled(negative, digits, from: -exponent)
        }
    }

    /// The sign, the digits as an integer and the power of ten they are multiplied by.
    static func read(_ text: UnsafeRawBufferPointer) -> (Bool, WideMagnitude, Int)? {
        var reader = FieldReader(text)
        let negative = reader.skip(UInt8(ascii: "-"))
        if !negative { _ = reader.skip(UInt8(ascii: "+")) }
        var digits = WideMagnitude.zero
        var digitCount = 0
        var exponent = 0
        var afterPoint = false
        while let byte = reader.next {
            if byte == UInt8(ascii: "."), !afterPoint {
                afterPoint = true
            } else if byte &- UInt8(ascii: "0") < 10 {
                guard let next = digits.multiplied(by: 10, adding: UInt64(byte - UInt8(ascii: "0"))) else { return nil }
                digits = next
                digitCount += 1
                if afterPoint { exponent -= 1 }
            } else {
                break
            }
            reader.position += 1
        }
        guard digitCount > 0 else { return nil }
        if reader.skip(UInt8(ascii: "e")) || reader.skip(UInt8(ascii: "E")) {
            let exponentNegative = reader.skip(UInt8(ascii: "-"))
            if !exponentNegative { _ = reader.skip(UInt8(ascii: "+")) }
            guard let value = reader.digits(upTo: 6), reader.next.map({ $0 &- UInt8(ascii: "0") >= 10 }) ?? true else { return nil }
            exponent += exponentNegative ? -Int(value) : Int(value)
        }
        guard reader.atEnd else { return nil }
        return (negative && !digits.isZero, digits, exponent)
    }
}
