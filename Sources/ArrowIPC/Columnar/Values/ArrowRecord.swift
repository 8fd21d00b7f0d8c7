/// Named values in order: a row of a record batch, or a struct value.
///
/// `record["Area"]` is the value of the first field called `Area`, or ``ArrowValue/null``
/// when the record has no such field, so code reading optional columns needs no checks. Names
/// may repeat, as they may in a schema. Iterating gives `(name, value)` pairs in order.
public struct ArrowRecord: Sendable, Hashable, RandomAccessCollection, CustomStringConvertible {
    /// The field names, in order.
    public let names: [String]
    /// The values, one per name, in order.
    public let values: [ArrowValue]

    /// A record of `names` and `values`; throws when their counts differ.
    public init(names: [String], values: [ArrowValue]) throws {
        guard names.count == values.count else {
            throw ArrowError.invalidArgument("a record needs one value per name: \(names.count) names, \(values.count) values")
        }
        self.init(checkedNames: names, values: values)
    }

    /// A record of `(name, value)` pairs in order.
    public init(_ fields: KeyValuePairs<String, ArrowValue>) {
        self.init(checkedNames: fields.map(\.key), values: fields.map(\.value))
    }

    init(checkedNames names: [String], values: [ArrowValue]) {
        self.names = names
        self.values = values
    }

    /// The value of the first field called `name`, or ``ArrowValue/null`` when there is none.
    public subscript(name: String) -> ArrowValue {
        names.firstIndex(of: name).map { values[$0] } ?? .null
    }

    /// Whether a field is called `name`.
    public func contains(_ name: String) -> Bool {
        names.contains(name)
    }

    /// `0`.
    public var startIndex: Int { 0 }
    /// The number of fields.
    public var endIndex: Int { names.count }

    /// The name and value of field `position`.
    public subscript(position: Int) -> (name: String, value: ArrowValue) {
        (names[position], values[position])
    }

    /// `{name: value, …}`, values as ``ArrowValue/description`` writes nested values.
    public var description: String {
        ArrowValue.struct(self).description
    }
}
