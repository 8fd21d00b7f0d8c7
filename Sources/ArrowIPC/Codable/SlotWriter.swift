import Foundation

/// Appends scalar values to one column's builder for ``EncodingNode``: the common types
/// straight into their typed builders, anything else through ``ArrayBuilder/append(_:)``,
/// which converts exactly or throws.
///
/// A class, so that a node appends through its writer without copying the builders it holds.
class SlotWriter {
    let builder: any ArrayBuilder
    let type: DataType

    init(_ builder: any ArrayBuilder) {
        self.builder = builder
        type = builder.type
    }

    /// Appends `value`, converted to the column's type; throws ``ArrowError`` when it does not convert.
    func append(_ value: ArrowValue) throws {
        try builder.append(value)
    }

    // The common scalars, without making an ``ArrowValue`` where the column's type takes them
    // as they are (the typed writers override these).

    func append(int64 value: Int64) throws {
        try append(.int(value))
    }

    func append(double value: Double) throws {
        try append(.double(value))
    }

    func append(bool value: Bool) throws {
        try append(.bool(value))
    }

    func append(string value: String) throws {
        try append(.string(value))
    }

    /// Appends a count of the unit of a timestamp column, or of a date column's unit (days
    /// for `date32`, milliseconds for `date64`).
    func append(count: Int64) throws {
        try builder.append(.int(count))
    }

    /// Appends a decimal, moved to the column's scale when no digit is lost.
    func append(decimal: ArrowDecimal) throws {
        try builder.append(.decimal(decimal))
    }

    /// Appends bytes.
    func append(data: Data) throws {
        try builder.append(.binary(Array(data)))
    }

    /// The writer of `builder`: a typed one for the common types.
    static func make(_ builder: any ArrayBuilder) -> SlotWriter {
        switch builder {
        case let typed as PrimitiveBuilder<Int64>: Int64SlotWriter(typed)
        case let typed as PrimitiveBuilder<Int32>: Int32SlotWriter(typed)
        case let typed as PrimitiveBuilder<Double>: Float64SlotWriter(typed)
        case let typed as BooleanBuilder: BooleanSlotWriter(typed)
        case let typed as StringBuilder where typed.type == .utf8: StringSlotWriter(typed)
        case let typed as StringBuilder where typed.type == .binary: BinarySlotWriter(typed)
        case let typed as DecimalBuilder: DecimalSlotWriter(typed)
        default: SlotWriter(builder)
        }
    }
}

/// `int64` columns, and the `Int64` counts of timestamps, `date64` and durations.
private final class Int64SlotWriter: SlotWriter {
    let typed: PrimitiveBuilder<Int64>
    /// Whether the column is `int64`, which takes integers as they are.
    let isInteger: Bool
    init(_ typed: PrimitiveBuilder<Int64>) { self.typed = typed; isInteger = typed.type == .int64; super.init(typed) }

    override func append(_ value: ArrowValue) throws {
        if case .int(let number) = value, isInteger { return typed.append(number) }
        try typed.append(value)
    }

    override func append(int64 value: Int64) throws {
        if isInteger { return typed.append(value) }
        try typed.append(.int(value))
    }

    override func append(count: Int64) { typed.append(count) }
}

/// `int32` columns, and the days of `date32`.
private final class Int32SlotWriter: SlotWriter {
    let typed: PrimitiveBuilder<Int32>
    /// Whether the column is `int32`, which takes integers that fit as they are.
    let isInteger: Bool
    init(_ typed: PrimitiveBuilder<Int32>) { self.typed = typed; isInteger = typed.type == .int32; super.init(typed) }

    override func append(_ value: ArrowValue) throws {
        if case .int(let number) = value, isInteger, let narrow = Int32(exactly: number) { return typed.append(narrow) }
        try typed.append(value)
    }

    override func append(int64 value: Int64) throws {
        if isInteger, let narrow = Int32(exactly: value) { return typed.append(narrow) }
        try typed.append(.int(value))
    }
}

private final class Float64SlotWriter: SlotWriter {
    let typed: PrimitiveBuilder<Double>
    init(_ typed: PrimitiveBuilder<Double>) { self.typed = typed; super.init(typed) }

    override func append(_ value: ArrowValue) throws {
        if case .double(let number) = value { return typed.append(number) }
        try typed.append(value)
    }

    override func append(double value: Double) { typed.append(value) }
}

private final class BooleanSlotWriter: SlotWriter {
    let typed: BooleanBuilder
    init(_ typed: BooleanBuilder) { self.typed = typed; super.init(typed) }

    override func append(_ value: ArrowValue) throws {
        if case .bool(let flag) = value { return typed.append(flag) }
        try typed.append(value)
    }

    override func append(bool value: Bool) { typed.append(value) }
}

private final class StringSlotWriter: SlotWriter {
    let typed: StringBuilder
    init(_ typed: StringBuilder) { self.typed = typed; super.init(typed) }

    override func append(_ value: ArrowValue) throws {
        if case .string(let text) = value { return try typed.append(text) }
        try typed.append(value)
    }

    override func append(string value: String) throws {
        // Read in place where the text is contiguous (native strings), without copying it.
        let appended: Void? = try value.utf8.withContiguousStorageIfAvailable { try typed.appendChecked(UnsafeRawBufferPointer($0)) }
        if appended == nil { try typed.append(value) }
    }
}

private final class BinarySlotWriter: SlotWriter {
    let typed: VariableWidthBuilder<Int32>
    init(_ typed: VariableWidthBuilder<Int32>) { self.typed = typed; super.init(typed) }

    override func append(data: Data) throws {
        try data.withUnsafeBytes { try typed.append(bytes: $0) }
    }
}

private final class DecimalSlotWriter: SlotWriter {
    let typed: DecimalBuilder
    init(_ typed: DecimalBuilder) { self.typed = typed; super.init(typed) }

    override func append(decimal: ArrowDecimal) throws {
        try typed.append(decimal)
    }
}
