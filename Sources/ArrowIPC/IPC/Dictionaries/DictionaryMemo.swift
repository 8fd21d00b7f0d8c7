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

    /// Decodes a dictionary batch message (`header`, `body`) and defines, extends or replaces
    /// its id's dictionary. Nested dictionary-encoded fields of the values resolve against the
    /// dictionaries already defined. `context` names the message in errors.
    @discardableResult
    mutating func apply(
        _ header: DictionaryBatchHeader, body: ArrowBuffer, version: MetadataVersion, endianness: Endianness,
        options: ArrowReadOptions, context: String
    ) throws -> Update {
        let id = header.id
        guard let valueType = valueTypes[id] else {
            let known = valueTypes.keys.sorted().map(String.init).joined(separator: ", ")
            throw ArrowError.invalidData(
                "\(context) defines dictionary id \(id), which no field of the schema uses (its ids: \(known.isEmpty ? "none" : known))")
        }
        let schema = Schema([Field("dictionary \(id)", valueType)])
        let batch = try RecordBatchDecoder.decode(
            schema: schema, header: header.data, body: body, metadata: [:], projection: nil, options: options,
            context: context, version: version, endianness: endianness, dictionaries: dictionaries)
        let values = batch.columnData[0]
        guard header.isDelta else {
            let update: Update = dictionaries[id] == nil ? .defined : .replaced
            dictionaries[id] = values
            growths[id] = nil
            return update
        }
        guard let previous = dictionaries[id] else {
            throw ArrowError.invalidData("\(context) is a delta for dictionary id \(id), which has not been defined before")
        }
        do {
            if endianness == .native || options.ensureNativeByteOrder {
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
