/// JSON has no dates: they come as strings. A place of a column (the column, a struct field,
/// list items) where every string is an ISO 8601 date or timestamp is read as `date32` or a
/// timestamp, as CSV text is (see ``TextTypeGuess``); anywhere else strings stay strings.
enum TemporalStrings {
    /// `type`, inferred from `values`, with each `string` place where every string is an ISO
    /// date or timestamp made `date32` or a timestamp.
    static func refine(_ type: DataType, _ values: [ArrowValue]) -> DataType {
        switch type {
        case .utf8:
            var guess = TextTypeGuess()
            for value in values {
                guard case .string(var text) = value else { continue }
                text.withUTF8 { guess.addTemporalOnly(UnsafeRawBufferPointer($0)) }
                if !guess.mayBeTemporal { break }
            }
            return guess.temporalType ?? .utf8
        case .list(let item):
            var items: [ArrowValue] = []
            for case .list(let elements) in values { items.append(contentsOf: elements) }
            let refined = refine(item.type, items)
            return refined == item.type ? type : .list(Field(item.name, refined, nullable: item.isNullable))
        case .struct(let fields):
            let places = Dictionary(fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
            var fieldValues = [[ArrowValue]](repeating: [], count: fields.count)
            for case .struct(let record) in values {
                for (name, value) in record { if let place = places[name] { fieldValues[place].append(value) } }
            }
            var refined = fields
            for index in refined.indices { refined[index].type = refine(fields[index].type, fieldValues[index]) }
            return .struct(refined)
        default:
            return type
        }
    }

    /// Whether values of `type` must go through ``coerce(_:to:)`` before a builder takes
    /// them: the type has dates, timestamps or structs in it.
    static func needsCoercion(_ type: DataType) -> Bool {
        switch type {
        case .date32, .timestamp, .struct: return true
        case .list(let item): return needsCoercion(item.type)
        default: return false
        }
    }

    /// `value` ready for a builder of `type`: strings where `type` has a date or a timestamp
    /// read as one, and records put in the order of their struct's fields (missing keys
    /// null). Throws ``ArrowError/invalidArgument(_:)`` for a string that is not a date or
    /// timestamp of the type, and for a key the struct lacks.
    static func coerce(_ value: ArrowValue, to type: DataType) throws -> ArrowValue {
        switch (value, type) {
        case (.string(var text), .date32):
            let days = text.withUTF8 { TemporalParser.iso(UnsafeRawBufferPointer($0), dateOnly: true)?.days }
            guard let days, let value = Int32(exactly: days) else {
                throw ArrowError.invalidArgument("the string \(TypeInference.shortText(value)) is not a date (YYYY-MM-DD)")
            }
            return .date32(value)
        case (.string(var text), .timestamp(let unit, let zone)):
            let reading = TimestampReading(unit: unit, zoned: zone != nil, strict: true, rule: nil)
            let result: Result<Int64, ArrowError> = text.withUTF8 { bytes in
                guard let fields = TemporalParser.iso(UnsafeRawBufferPointer(bytes), dateOnly: false) else {
                    return .failure(.invalidArgument("the string \(TypeInference.shortText(value)) is not a timestamp (YYYY-MM-DD[THH[:MM[:SS[.fff]]]])"))
                }
                guard let stored = reading.value(fields) else {
                    return .failure(.invalidArgument("the string \(TypeInference.shortText(value)) does not fit \(type): \(reading.problem(fields))"))
                }
                return .success(stored)
            }
            return .timestamp(try result.get(), unit, timeZone: zone)
        case (.list(let items), .list(let item)):
            return .list(try items.map { try coerce($0, to: item.type) })
        case (.struct(let record), .struct(let fields)):
            let names = fields.map(\.name)
            var values: [ArrowValue]
            if record.names == names {
                values = record.values
            } else {
                let places = Dictionary(fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
                values = [ArrowValue](repeating: .null, count: fields.count)
                for (name, fieldValue) in record {
                    guard let place = places[name] else {
                        throw ArrowError.invalidArgument("the key '\(name)' is not a field of \(type)")
                    }
                    values[place] = fieldValue
                }
            }
            for index in values.indices where needsCoercion(fields[index].type) {
                values[index] = try coerce(values[index], to: fields[index].type)
            }
            return .struct(ArrowRecord(checkedNames: names, values: values))
        default:
            return value
        }
    }
}
