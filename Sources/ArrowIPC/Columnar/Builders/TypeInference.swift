/// The Arrow type that holds a column of ``ArrowValue``s, as Wolfram's `Export` and pyarrow's
/// `pa.array` infer it: integers `int64` (`uint64` when one is past `Int64.max` and none is
/// negative), floats `double`, integers mixed with floats `double`, decimals a `decimal128`
/// (`decimal256` past 38 digits) with the largest scale and the digits the values need,
/// dates `date32` (`date64` when mixed with `date64`), dates mixed with timestamps and
/// timestamps of several units the finest unit, lists `list` of their items' type, records
/// `struct` of every field seen (in the order first seen; a record without a field is null
/// there), maps `map`, UUIDs `arrow.uuid`, nothing but nulls `null`. Every field is nullable.
///
/// Values that no one type holds — a string among numbers, a timestamp in two time zones —
/// are an error naming the row, unless `unions` asks for a dense union with one member per
/// kind of value.
public enum TypeInference {
    /// The type of `values`; throws at the first value that does not go with those before it.
    public static func type(of values: some Sequence<ArrowValue>, unions: Bool = false) throws -> DataType {
        do {
            return try firstConflictChecked(values, unions: unions)
        } catch let conflict as Conflict {
            throw ArrowError.invalidArgument("row \(conflict.row): \(conflict.reason) (allow unions to keep both)")
        }
    }

    /// A value that does not go with those before it: its row and why.
    struct Conflict: Error {
        let row: Int
        let reason: String
    }

    /// ``type(of:unions:)``, throwing a ``Conflict`` at the first value that does not go with
    /// those before it.
    static func firstConflictChecked(_ values: some Sequence<ArrowValue>, unions: Bool) throws -> DataType {
        var column = Column(unions: unions)
        for (row, value) in values.enumerated() {
            try column.add(value, row: row)
        }
        return column.dataType
    }

    /// The type of a column, inferred value by value.
    struct Column {
        private var inferred = Inferred.null
        private let unions: Bool

        init(unions: Bool) {
            self.unions = unions
        }

        /// Takes in `value`, of row `row`; throws a ``Conflict`` when it does not go with the
        /// values before it (and no union is allowed).
        mutating func add(_ value: ArrowValue, row: Int) throws {
            let next = Inferred(value)
            if let merged = inferred.merged(with: next) {
                inferred = merged
            } else if unions {
                inferred = inferred.unioned(with: next)
            } else {
                throw Conflict(
                    row: row, reason: "the \(value.kindName) \(shortText(value)) does not go with the \(inferred.dataType) values before it")
            }
        }

        /// The type of the values taken in.
        var dataType: DataType { inferred.dataType }
    }

    /// `value`'s text for a message, strings quoted (`"x"`), cut after 40 characters.
    static func shortText(_ value: ArrowValue) -> String {
        var text = ""
        value.appendText(.nested, to: &text)
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}

/// What the values seen so far need, before it becomes a ``DataType``. Only the cases that
/// hold another directly are indirect, so that scalars take no allocation.
private enum Inferred: Equatable {
    case null
    case bool
    /// Integers: whether one is negative, whether one is past `Int64.max`.
    case integer(negative: Bool, large: Bool)
    case double
    /// Decimals: the largest scale and the most digits before the point.
    case decimal(scale: Int, integerDigits: Int)
    case string
    case binary
    case date32
    case date64
    case time(TimeUnit)
    case timestamp(TimeUnit, String?)
    case duration(TimeUnit)
    case yearMonth
    case dayTime
    case monthDayNano
    case uuid
    indirect case list(Inferred)
    case record([String], [Inferred])
    indirect case map(Inferred, Inferred)
    case union([Inferred])

    init(_ value: ArrowValue) {
        switch value {
        case .null: self = .null
        case .bool: self = .bool
        case .int(let number): self = .integer(negative: number < 0, large: false)
        case .uint(let number): self = .integer(negative: false, large: number > UInt64(Int64.max))
        case .float16, .float, .double: self = .double
        case .decimal(let decimal): self = .decimal(scale: decimal.scale, integerDigits: decimal.integerDigits)
        case .string: self = .string
        case .binary: self = .binary
        case .date32: self = .date32
        case .date64: self = .date64
        case .time(_, let unit): self = .time(unit)
        case .timestamp(_, let unit, let zone): self = .timestamp(unit, zone)
        case .duration(_, let unit): self = .duration(unit)
        case .yearMonthInterval: self = .yearMonth
        case .dayTimeInterval: self = .dayTime
        case .monthDayNanoInterval: self = .monthDayNano
        case .uuid: self = .uuid
        case .list(let items):
            var item = Inferred.null
            for element in items { item = item.merged(with: Inferred(element)) ?? item.unioned(with: Inferred(element)) }
            self = .list(item)
        case .struct(let record):
            self = .record(record.names, record.values.map(Inferred.init))
        case .map(let entries):
            var key = Inferred.null
            var item = Inferred.null
            for entry in entries {
                key = key.merged(with: Inferred(entry.key)) ?? key.unioned(with: Inferred(entry.key))
                item = item.merged(with: Inferred(entry.value)) ?? item.unioned(with: Inferred(entry.value))
            }
            self = .map(key, item)
        }
    }

    /// What holds both `self` and `other`, or `nil` when no one type does.
    func merged(with other: Inferred) -> Inferred? {
        switch (self, other) {
        case (.null, _): return other
        case (_, .null): return self
        case (.integer(let n1, let l1), .integer(let n2, let l2)):
            let negative = n1 || n2, large = l1 || l2
            return negative && large ? nil : .integer(negative: negative, large: large)
        case (.integer(_, false), .double), (.double, .integer(_, false)), (.double, .double): return .double
        case (.decimal(let s1, let d1), .decimal(let s2, let d2)): return .decimal(scale: max(s1, s2), integerDigits: max(d1, d2))
        case (.decimal(let scale, let digits), .integer(_, false)), (.integer(_, false), .decimal(let scale, let digits)):
            return .decimal(scale: scale, integerDigits: max(digits, 19))
        case (.date32, .date64), (.date64, .date32): return .date64
        case (.timestamp(let u1, let z1), .timestamp(let u2, let z2)):
            return z1 == z2 ? .timestamp(finer(u1, u2), z1) : nil
        case (.timestamp(let unit, let zone), .date32), (.timestamp(let unit, let zone), .date64),
             (.date32, .timestamp(let unit, let zone)), (.date64, .timestamp(let unit, let zone)):
            return .timestamp(unit, zone)
        case (.time(let u1), .time(let u2)): return .time(finer(u1, u2))
        case (.duration(let u1), .duration(let u2)): return .duration(finer(u1, u2))
        case (.list(let i1), .list(let i2)): return i1.merged(with: i2).map(Inferred.list)
        case (.map(let k1, let v1), .map(let k2, let v2)):
            guard let key = k1.merged(with: k2), let item = v1.merged(with: v2) else { return nil }
            return .map(key, item)
        case (.record(let names1, let types1), .record(let names2, let types2)):
            if names1 == names2 {
                var types = types1
                for index in types.indices {
                    guard let merged = types1[index].merged(with: types2[index]) else { return nil }
                    types[index] = merged
                }
                return .record(names1, types)
            }
            var names = names1, types = types1
            // Positions by name, so that records of many fields merge in linear time.
            var positions = Dictionary(names1.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            for (name, type) in zip(names2, types2) {
                if let index = positions[name] {
                    guard let merged = types[index].merged(with: type) else { return nil }
                    types[index] = merged
                } else {
                    positions[name] = names.count
                    names.append(name)
                    types.append(type)
                }
            }
            return .record(names, types)
        case (.union(let members), _):
            return members.contains(where: { $0.merged(with: other) != nil }) ? unioned(with: other) : nil
        default:
            return self == other ? self : nil
        }
    }

    /// A union of `self`'s kinds and `other`'s, merging `other` into a member where it goes.
    func unioned(with other: Inferred) -> Inferred {
        var members: [Inferred]
        if case .union(let existing) = self { members = existing } else { members = self == .null ? [] : [self] }
        let additions: [Inferred] = if case .union(let more) = other { more } else { other == .null ? [] : [other] }
        for addition in additions {
            if let index = members.firstIndex(where: { $0.merged(with: addition) != nil }), let merged = members[index].merged(with: addition) {
                members[index] = merged
            } else {
                members.append(addition)
            }
        }
        return members.count == 1 ? members[0] : .union(members)
    }

    private func finer(_ first: TimeUnit, _ second: TimeUnit) -> TimeUnit {
        first.perSecond >= second.perSecond ? first : second
    }

    var dataType: DataType {
        switch self {
        case .null: return .null
        case .bool: return .boolean
        case .integer(_, let large): return large ? .uint64 : .int64
        case .double: return .float64
        case .decimal(let scale, let digits):
            let precision = max(1, digits + max(scale, 0))
            return precision <= 38 ? .decimal128(precision: precision, scale: scale) : .decimal256(precision: min(precision, 76), scale: scale)
        case .string: return .utf8
        case .binary: return .binary
        case .date32: return .date32
        case .date64: return .date64
        case .time(let unit): return unit == .second || unit == .millisecond ? .time32(unit) : .time64(unit)
        case .timestamp(let unit, let zone): return .timestamp(unit, timeZone: zone)
        case .duration(let unit): return .duration(unit)
        case .yearMonth: return .interval(.yearMonth)
        case .dayTime: return .interval(.dayTime)
        case .monthDayNano: return .interval(.monthDayNano)
        case .uuid: return UUIDType().dataType
        case .list(let item): return .list(Field("item", item.dataType))
        case .record(let names, let types): return .struct(zip(names, types).map { Field($0, $1.dataType) })
        case .map(let key, let item):
            return .map(Field("entries", .struct([Field("key", key.dataType, nullable: false), Field("value", item.dataType)]), nullable: false), keysSorted: false)
        case .union(let members):
            return .union(.dense, members.map { Field($0.dataType.description, $0.dataType) }, typeIds: members.indices.map { Int32($0) })
        }
    }
}

extension ArrowDecimal {
    /// The digits before the point (0 for a value below 1).
    var integerDigits: Int {
        let text = description.drop { $0 == "-" }
        let whole = text.prefix { $0 != "." && $0 != "E" }
        return whole == "0" ? 0 : whole.count
    }
}
