/// The Swift types that `Encoder` and `Decoder` containers take directly (`Bool`, `String`,
/// the integers and floating-point numbers), with their Arrow type and value: what both
/// coders convert through, without allocating.
protocol CodableScalar {
    /// The Arrow type these values get when the schema comes from the Swift type.
    static var codableType: DataType { get }
    /// The value as an ``ArrowValue``.
    var codableValue: ArrowValue { get }
    /// The value the schema probe hands out when it has no sample: zero, `false` or `""`.
    static var placeholder: Self { get }
    /// `value` as this type when it converts exactly (floating-point numbers round to the
    /// nearest `Float`); `nil` otherwise.
    init?(codableValue value: ArrowValue)
    /// Appends the value to `writer`'s column, converted to its type; the common types go
    /// straight to the typed builders.
    func write(to writer: SlotWriter) throws
}

extension CodableScalar {
    func write(to writer: SlotWriter) throws {
        try writer.append(codableValue)
    }
}

extension CodableScalar where Self: FixedWidthInteger {
    static var placeholder: Self { 0 }

    @inline(__always)
    init?(codableValue value: ArrowValue) {
        switch value {
        case .int(let number): self.init(exactly: number)
        case .uint(let number): self.init(exactly: number)
        case .double(let number): self.init(exactly: number)
        case .float(let number), .float16(let number): self.init(exactly: number)
        default: return nil
        }
    }
}

extension Int: CodableScalar {
    static var codableType: DataType { .int64 }
    var codableValue: ArrowValue { .int(Int64(self)) }
    func write(to writer: SlotWriter) throws { try writer.append(int64: Int64(self)) }
}

extension Int8: CodableScalar {
    static var codableType: DataType { .int8 }
    var codableValue: ArrowValue { .int(Int64(self)) }
    func write(to writer: SlotWriter) throws { try writer.append(int64: Int64(self)) }
}

extension Int16: CodableScalar {
    static var codableType: DataType { .int16 }
    var codableValue: ArrowValue { .int(Int64(self)) }
    func write(to writer: SlotWriter) throws { try writer.append(int64: Int64(self)) }
}

extension Int32: CodableScalar {
    static var codableType: DataType { .int32 }
    var codableValue: ArrowValue { .int(Int64(self)) }
    func write(to writer: SlotWriter) throws { try writer.append(int64: Int64(self)) }
}

extension Int64: CodableScalar {
    static var codableType: DataType { .int64 }
    var codableValue: ArrowValue { .int(Int64(self)) }
    func write(to writer: SlotWriter) throws { try writer.append(int64: Int64(self)) }
}

extension UInt: CodableScalar {
    static var codableType: DataType { .uint64 }
    var codableValue: ArrowValue { .uint(UInt64(self)) }
}

extension UInt8: CodableScalar {
    static var codableType: DataType { .uint8 }
    var codableValue: ArrowValue { .uint(UInt64(self)) }
}

extension UInt16: CodableScalar {
    static var codableType: DataType { .uint16 }
    var codableValue: ArrowValue { .uint(UInt64(self)) }
}

extension UInt32: CodableScalar {
    static var codableType: DataType { .uint32 }
    var codableValue: ArrowValue { .uint(UInt64(self)) }
}

extension UInt64: CodableScalar {
    static var codableType: DataType { .uint64 }
    var codableValue: ArrowValue { .uint(UInt64(self)) }
}

extension Float: CodableScalar {
    static var codableType: DataType { .float32 }
    static var placeholder: Float { 0 }
    var codableValue: ArrowValue { .float(self) }

    init?(codableValue value: ArrowValue) {
        switch value {
        case .float(let number), .float16(let number): self = number
        case .double(let number):
            // Rounded to the nearest, as the builders do; a finite value beyond Float's range is not.
            guard Float(number).isFinite || !number.isFinite else { return nil }
            self.init(number)
        case .int(let number): self.init(exactly: number)
        case .uint(let number): self.init(exactly: number)
        default: return nil
        }
    }
}

extension Double: CodableScalar {
    static var codableType: DataType { .float64 }
    static var placeholder: Double { 0 }
    var codableValue: ArrowValue { .double(self) }
    func write(to writer: SlotWriter) throws { try writer.append(double: self) }

    init?(codableValue value: ArrowValue) {
        guard let number = value.doubleValue else { return nil }
        self = number
    }
}

extension Bool: CodableScalar {
    static var codableType: DataType { .boolean }
    static var placeholder: Bool { false }
    var codableValue: ArrowValue { .bool(self) }
    func write(to writer: SlotWriter) throws { try writer.append(bool: self) }

    init?(codableValue value: ArrowValue) {
        guard case .bool(let flag) = value else { return nil }
        self = flag
    }
}

extension String: CodableScalar {
    static var codableType: DataType { .utf8 }
    static var placeholder: String { "" }
    var codableValue: ArrowValue { .string(self) }
    func write(to writer: SlotWriter) throws { try writer.append(string: self) }

    init?(codableValue value: ArrowValue) {
        guard case .string(let text) = value else { return nil }
        self = text
    }
}
