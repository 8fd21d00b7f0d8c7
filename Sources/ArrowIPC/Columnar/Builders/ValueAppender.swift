/// Appends ``ArrowValue``s to a builder, as ``ArrayBuilder/append(_:)-(ArrowValue)`` does, with
/// the values of the types inference gives plain Swift numbers, flags and strings (an `.int`
/// into `int64`, a `.double` into `double`, a `.bool`, a `.string` into `string`) stored
/// straight, without the builder's general conversion: what the inferring batch initializers
/// append through, a value at a time.
struct ValueAppender {
    private let appendValue: (ArrowValue) throws -> Void

    init(_ builder: any ArrayBuilder) {
        switch builder {
        case let integers as Int64Builder where integers.type == .int64:
            appendValue = { value in
                if case .int(let number) = value { integers.append(number) } else { try integers.append(value) }
            }
        case let doubles as Float64Builder where doubles.type == .float64:
            appendValue = { value in
                if case .double(let number) = value { doubles.append(number) } else { try doubles.append(value) }
            }
        case let flags as BooleanBuilder:
            appendValue = { value in
                if case .bool(let flag) = value { flags.append(flag) } else { try flags.append(value) }
            }
        case let strings as StringBuilder where strings.type == .utf8:
            appendValue = { value in
                if case .string(let text) = value { try strings.append(text) } else { try strings.append(value) }
            }
        default:
            appendValue = builder.append
        }
    }

    /// Appends `value`; throws as the builder does when it does not fit.
    func append(_ value: ArrowValue) throws {
        try appendValue(value)
    }
}
