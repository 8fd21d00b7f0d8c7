/// Casts to and from strings: numbers and booleans written and read as pyarrow writes and
/// reads them, and the bytes of strings and binaries moved between layouts.
extension Caster {
    // MARK: - Shared loops

    /// Text of type `target` for the slots of `data`: `write(slot, target)` writes valid
    /// slot `slot`'s text (at most ``TextBuilder/scratchCapacity`` bytes) and counts it.
    func formatSlots(
        _ data: ArrayData, to target: DataType, bytesPerSlot: Int,
        _ write: (Int, UnsafeMutablePointer<UInt8>) -> Int
    ) throws -> ArrayData {
        let validity = CastValidity(data, to: target, lenient: lenient)
        var builder = TextBuilder(length: data.length, bytesPerSlot: bytesPerSlot)
        for slot in 0..<data.length {
            if validity.isValid(slot) {
                builder.append { write(slot, $0) }
            } else {
                builder.appendEmpty()
            }
        }
        return try builder.finish(as: target, validity: validity.finish())
    }

    /// Fixed-width values of type `target` read from the strings or binaries of `data` by
    /// `parser`, which gives a valid slot's value or `nil` when its text does not spell one.
    func parseSlots<Parser: TextParser>(_ data: ArrayData, to target: DataType, _ parser: Parser) throws -> ArrayData {
        guard let result = try data.visitByteSlots(SlotParser(data: data, target: target, lenient: lenient, parser: parser)) else {
            throw unsupported(data.type, target)
        }
        return result
    }

    // MARK: - Numbers

    /// Booleans as `true` and `false`; integers in decimal; floating-point numbers in the
    /// fewest digits that read back as the same value (see ``NumberText``).
    func formatNumbers(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        guard let kind = NumberKind(data.type) else { throw unsupported(data.type, target) }
        return try kind.visit(NumberFormatter(data: data, target: target, caster: self))
    }

    /// Numbers and booleans read from text as pyarrow reads them: integers in decimal (an
    /// optional `-`, no `+`, no spaces) or as `0x` and hex digits; floating-point numbers with
    /// an optional sign, point and exponent, or `nan`, `inf`, `infinity` in any case;
    /// booleans as `true`, `false` (in any case), `1` or `0`. Integers out of range fail.
    func parseNumbers(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        guard let kind = NumberKind(target) else { throw unsupported(data.type, target) }
        return try kind.visit(NumberParser(data: data, target: target, caster: self))
    }

    // MARK: - Bytes between layouts

    /// Strings and binaries to strings and binaries: the same bytes in the target's layout.
    /// Binaries cast to strings must be valid UTF-8; cast to `fixed_size_binary[N]`, every
    /// value must have N bytes. Between `string` and `binary` and between the 32- and 64-bit
    /// offset forms, the data buffer is shared and only offsets are written.
    func castBytes(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        let checksUTF8 = CastFamily(target) == .text && CastFamily(data.type) != .text
        let sourceWidth = Self.offsetWidth(data.type)
        let targetWidth = Self.offsetWidth(target)
        if let sourceWidth, let targetWidth {
            let allUTF8 = try !checksUTF8 || data.visitByteSlots(FirstInvalidUTF8(data: data)) == .some(nil)
            if allUTF8, let reoffset = try reoffsetBytes(data, to: target, from: sourceWidth, to: targetWidth) {
                return reoffset
            }
        }
        let width: Int?
        if case .fixedSizeBinary(let byteWidth) = target { width = byteWidth } else { width = nil }
        let copier = ByteCopier(data: data, target: target, checksUTF8: checksUTF8, width: width, lenient: lenient)
        guard let result = try data.visitByteSlots(copier) else { throw unsupported(data.type, target) }
        return result
    }

    /// 4 or 8 for the layouts with offsets, `nil` for views and fixed-size binaries.
    private static func offsetWidth(_ type: DataType) -> Int? {
        switch type {
        case .utf8, .binary: return 4
        case .largeUtf8, .largeBinary: return 8
        default: return nil
        }
    }

    /// `data` with its offsets rewritten at `targetWidth` bytes each, pointing into the same
    /// data buffer; `nil` when an offset does not fit 32 bits (then the bytes are copied).
    private func reoffsetBytes(_ data: ArrayData, to target: DataType, from sourceWidth: Int, to targetWidth: Int) throws -> ArrayData? {
        if sourceWidth == targetWidth { return data.viewed(as: target) }
        let source = data.buffers[0].baseAddress + data.offset * sourceWidth
        let count = data.length + 1
        let emptyOffsets = data.length == 0 && data.buffers[0].count < (data.offset + 1) * sourceWidth
        var fits = true
        let offsets = ArrowBuffer(count: count * targetWidth) { out in
            guard let base = out.baseAddress else { return }
            for index in 0..<count {
                let value = emptyOffsets ? 0 : (sourceWidth == 4
                    ? Int64(source.loadUnaligned(fromByteOffset: index * 4, as: Int32.self))
                    : source.loadUnaligned(fromByteOffset: index * 8, as: Int64.self))
                if targetWidth == 8 {
                    base.storeBytes(of: value, toByteOffset: index * 8, as: Int64.self)
                } else {
                    fits = fits && value <= Int64(Int32.max)
                    base.storeBytes(of: Int32(truncatingIfNeeded: value), toByteOffset: index * 4, as: Int32.self)
                }
            }
        }
        guard fits else { return nil }
        let (validity, nullCount) = CastValidity(data, to: target, lenient: true).finish()
        return ArrayData(
            type: target, length: data.length, nullCount: nullCount, validity: validity, buffers: [offsets, data.buffers[1]])
    }
}

// MARK: - Visitors

/// Writes each valid number as text.
private struct NumberFormatter: NumberVisitor {
    let data: ArrayData
    let target: DataType
    let caster: Caster

    func visitBoolean() throws -> ArrayData {
        let bits = data.buffers[0].baseAddress
        let offset = data.offset
        return try caster.formatSlots(data, to: target, bytesPerSlot: 5) { slot, out in
            let text: StaticString = bits.arrowBit(offset + slot) ? "true" : "false"
            out.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
            return text.utf8CodeUnitCount
        }
    }

    func visitInteger<I: CastInteger>(_: I.Type) throws -> ArrayData { try format(I.self) }
    func visitFloat<F: CastFloat>(_: F.Type) throws -> ArrayData { try format(F.self) }

    private func format<N: CastNumber>(_: N.Type) throws -> ArrayData {
        let values = data.buffers[0].baseAddress + data.offset * MemoryLayout<N>.stride
        return try caster.formatSlots(data, to: target, bytesPerSlot: 12) { slot, out in
            values.loadUnaligned(fromByteOffset: slot &* MemoryLayout<N>.stride, as: N.self).writeText(to: out)
        }
    }
}

/// Reads each valid string as a number.
private struct NumberParser: NumberVisitor {
    let data: ArrayData
    let target: DataType
    let caster: Caster

    func visitBoolean() throws -> ArrayData {
        // Parsed into bytes, then packed into bits.
        let bytes = try caster.parseSlots(data, to: .uint8, BooleanText())
        let values = bytes.buffers[0].baseAddress
        var bits = BitmapBuilder(capacity: bytes.length)
        for slot in 0..<bytes.length { bits.append(values.load(fromByteOffset: slot, as: UInt8.self) != 0) }
        return ArrayData(
            type: target, length: bytes.length, nullCount: bytes.nullCount, validity: bytes.validity, buffers: [bits.finish()])
    }

    func visitInteger<I: CastInteger>(_: I.Type) throws -> ArrayData {
        try caster.parseSlots(data, to: target, NumberParsing<I>(target: target))
    }

    func visitFloat<F: CastFloat>(_: F.Type) throws -> ArrayData {
        try caster.parseSlots(data, to: target, NumberParsing<F>(target: target))
    }
}

/// How a cast from strings reads one value.
protocol TextParser {
    associatedtype Value: BitwiseCopyable
    /// The value `text` spells, or `nil`.
    func parse(_ text: UnsafeRawBufferPointer) -> Value?
    /// Why `text`, which does not parse, does not.
    func reason(_ text: UnsafeRawBufferPointer) -> String
}

/// Numbers, as ``CastNumber/parse(_:)`` reads them.
private struct NumberParsing<Number: CastNumber>: TextParser {
    let target: DataType

    @inline(__always)
    func parse(_ text: UnsafeRawBufferPointer) -> Number? { Number.parse(text) }

    func reason(_ text: UnsafeRawBufferPointer) -> String {
        Number.self is any CastInteger.Type ? "not an integer in the range of \(target)" : "not a number"
    }
}

/// Booleans as bytes, 1 or 0.
private struct BooleanText: TextParser {
    func parse(_ text: UnsafeRawBufferPointer) -> UInt8? { NumberText.boolean(text).map { $0 ? 1 : 0 } }
    func reason(_ text: UnsafeRawBufferPointer) -> String { "not true, false, 1 or 0" }
}

/// The loop of ``Caster/parseSlots(_:to:_:)`` over one layout.
private struct SlotParser<Parser: TextParser>: ByteSlotsVisitor {
    let data: ArrayData
    let target: DataType
    let lenient: Bool
    let parser: Parser

    func visit<Slots: ByteSlots>(_ slots: Slots) throws -> ArrayData {
        var validity = CastValidity(data, to: target, lenient: lenient)
        let values = try ArrowBuffer(count: data.length &* MemoryLayout<Parser.Value>.stride) { out in
            guard let base = out.baseAddress else { return }
            // Not captured from outside the closure, which is specialized with its captures as
            // arguments: a constant, the null slots' zeros are one store rather than a memset.
            let width = MemoryLayout<Parser.Value>.stride
            for slot in 0..<data.length {
                if validity.isValid(slot) {
                    let text = slots.bytes(slot)
                    if let value = parser.parse(text) {
                        base.storeBytes(of: value, toByteOffset: slot &* width, as: Parser.Value.self)
                        continue
                    }
                    try validity.reject(slot, value: data.valueDescription(at: slot), reason: parser.reason(text))
                }
                (base + slot &* width).initializeMemory(as: UInt8.self, repeating: 0, count: width)
            }
        }
        let (bitmap, nullCount) = validity.finish()
        return ArrayData(type: target, length: data.length, nullCount: nullCount, validity: bitmap, buffers: [values])
    }
}

/// The first valid slot whose bytes are not UTF-8, or `nil`.
private struct FirstInvalidUTF8: ByteSlotsVisitor {
    let data: ArrayData

    func visit<Slots: ByteSlots>(_ slots: Slots) throws -> Int? {
        let validity = CastValidity(data, to: .utf8, lenient: true)
        for slot in 0..<data.length where validity.isValid(slot) && UTF8Validation.firstInvalidByte(slots.bytes(slot)) != nil {
            return slot
        }
        return nil
    }
}

/// Copies each valid slot's bytes into the target's layout, checking UTF-8 or the width.
private struct ByteCopier: ByteSlotsVisitor {
    let data: ArrayData
    let target: DataType
    let checksUTF8: Bool
    let width: Int?
    let lenient: Bool

    func visit<Slots: ByteSlots>(_ slots: Slots) throws -> ArrayData {
        var validity = CastValidity(data, to: target, lenient: lenient)
        var builder = TextBuilder(length: data.length, bytesPerSlot: width ?? 16)
        for slot in 0..<data.length {
            guard validity.isValid(slot) else {
                builder.appendEmpty()
                continue
            }
            let bytes = slots.bytes(slot)
            if checksUTF8, let bad = UTF8Validation.firstInvalidByte(bytes) {
                try validity.reject(slot, value: data.valueDescription(at: slot), reason: "not UTF-8 (at byte \(bad))")
                builder.appendEmpty()
            } else if let width, bytes.count != width {
                try validity.reject(slot, value: data.valueDescription(at: slot), reason: "\(bytes.count) bytes, not \(width)")
                builder.appendEmpty()
            } else {
                builder.append(bytes)
            }
        }
        return try builder.finish(as: target, validity: validity.finish())
    }
}
