/// The dictionaries a reader has seen, by id: what each dictionary batch message defines,
/// extends (a delta) or replaces, for the record batches that follow to refer to.
struct DictionaryMemo: Sendable {
    /// What a dictionary batch did to its id.
    enum Update: Equatable {
        /// The first dictionary of the id.
        case defined
        /// Values appended to the id's dictionary.
        case extended
        /// A new dictionary in place of the id's previous one.
        case replaced
    }

    /// The value type of every dictionary id the schema uses.
    private let valueTypes: [Int64: DataType]
    /// The current dictionary of each id defined so far.
    private(set) var dictionaries: [Int64: ArrayData] = [:]
    /// The dictionaries extended by deltas that grow in place (see ``DictionaryGrowth``), by id.
    private var growths: [Int64: DictionaryGrowth] = [:]

    /// A memo for the dictionary ids of `schema`'s fields, found at any depth, including inside
    /// the value types of other dictionaries. Throws when two fields share an id but not a value type.
    init(schema: Schema) throws {
        valueTypes = try schema.dictionaryValueTypes()
    }

    /// Whether the schema has any dictionary-encoded field.
    var isEmpty: Bool { valueTypes.isEmpty }

    /// The value type of dictionary `id`; an error naming the message (`context`) when no
    /// field of the schema uses the id.
    func valueType(of id: Int64, context: String) throws -> DataType {
        guard let valueType = valueTypes[id] else {
            let known = valueTypes.keys.sorted().map(String.init).joined(separator: ", ")
            throw ArrowError.invalidData(
                "\(context) defines dictionary id \(id), which no field of the schema uses (its ids: \(known.isEmpty ? "none" : known))")
        }
        return valueType
    }

    /// Defines, extends (`isDelta`) or replaces dictionary `id` with `values`, decoded from
    /// the dictionary batch message `context` names. A delta grows the dictionary in place
    /// when `growsInPlace` (its values are in native byte order); otherwise the dictionaries
    /// are joined in native order and given back in the file's.
    mutating func store(
        _ values: ArrayData, id: Int64, isDelta: Bool, growsInPlace: Bool, context: String
    ) throws -> Update {
        guard isDelta else {
            let update: Update = dictionaries[id] == nil ? .defined : .replaced
            dictionaries[id] = values
            growths[id] = nil
            return update
        }
        guard let previous = dictionaries[id] else {
            throw ArrowError.invalidData("\(context) is a delta for dictionary id \(id), which has not been defined before")
        }
        do {
            if growsInPlace {
                // Taken out of the memo while it grows, so that it is not shared (see DictionaryGrowth).
                var growth = try growths.removeValue(forKey: id) ?? DictionaryGrowth(previous)
                if let grown = try growth?.append(values) {
                    growths[id] = growth
                    dictionaries[id] = grown
                } else {
                    dictionaries[id] = try ArrayData.concatenate([previous, values])
                }
            } else {
                // Concatenation reads offsets: join in native order, then give back the file's.
                let joined = try ArrayData.concatenate([try previous.byteSwapped(), try values.byteSwapped()])
                dictionaries[id] = try joined.byteSwappedFromNative()
            }
        } catch let error as ArrowError {
            throw ArrowError.invalidData("\(context): the delta cannot extend dictionary id \(id): \(error.reason)")
        }
        return .extended
    }
}
