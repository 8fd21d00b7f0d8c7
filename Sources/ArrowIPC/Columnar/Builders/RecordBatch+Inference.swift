/// Record batches made from values a program holds, their types inferred (see
/// ``TypeInference``): columns, rows or records, as Wolfram's `Export` takes a column
/// `{v1, v2, …}`, rows `{{v11, v12, …}, …}` or a dataset.
///
/// ```swift
/// let batch = try RecordBatch(inferring: ["city": ["Oslo", "Lima", nil], "area": [454.0, 2672.3, 96.0]])
/// let rows = try RecordBatch(inferringRows: [[1, "a"], [2, "b"]])          // Column1, Column2
/// let records = try RecordBatch(inferringRecords: [ArrowRecord(["x": .int(1)]), ArrowRecord(["y": .bool(true)])])
/// ```
///
/// A value that does not go with the others of its column is an error naming the column
/// and the row, unless `unions` asks for a dense union there. Every field is nullable.
extension RecordBatch {
    /// A batch of the named columns, in order.
    public init(inferring columns: KeyValuePairs<String, [any ArrowValueConvertible]>, unions: Bool = false) throws {
        try self.init(
            names: columns.map(\.key), columnValues: columns.map { $0.value.map(\.arrowValue) }, unions: unions)
    }

    /// A batch of `columns`, named `names` or `Column1`, `Column2`, …; throws when they differ
    /// in length.
    public init(inferringColumns columns: [[any ArrowValueConvertible]], names: [String]? = nil, unions: Bool = false) throws {
        try self.init(
            names: names ?? Self.defaultNames(columns.count), columnValues: columns.map { $0.map(\.arrowValue) }, unions: unions)
    }

    /// A batch of `rows`, each a list of one value per column, named `names` or `Column1`,
    /// `Column2`, …; throws when rows differ in length, naming the first that does.
    public init(inferringRows rows: [[any ArrowValueConvertible]], names: [String]? = nil, unions: Bool = false) throws {
        let width = names?.count ?? rows.first?.count ?? 0
        var columns = [[ArrowValue]](repeating: [], count: width)
        for index in columns.indices { columns[index].reserveCapacity(rows.count) }
        for (row, values) in rows.enumerated() {
            guard values.count == width else {
                throw ArrowError.invalidArgument("row \(row) has \(values.count) values, not \(width) as the rows before it")
            }
            for (column, value) in values.enumerated() { columns[column].append(value.arrowValue) }
        }
        try self.init(names: names ?? Self.defaultNames(width), columnValues: columns, unions: unions)
    }

    /// A batch of `records`: a column for each name any record has, in the order names first
    /// appear; a record without a name is null there.
    public init(inferringRecords records: [ArrowRecord], unions: Bool = false) throws {
        var names: [String] = []
        var positions: [String: Int] = [:]
        // The column of each field of a record, looked up once for each run of records with
        // the same names (records of one source share them).
        var recordColumns: [[Int]] = []
        recordColumns.reserveCapacity(records.count)
        var lastNames: [String]?
        for record in records {
            if let lastNames, record.names == lastNames, let last = recordColumns.last {
                recordColumns.append(last)
                continue
            }
            recordColumns.append(record.names.map { name in
                if let position = positions[name] { return position }
                positions[name] = names.count
                names.append(name)
                return names.count - 1
            })
            lastNames = record.names
        }
        var columns = [[ArrowValue]](repeating: [ArrowValue](repeating: .null, count: records.count), count: names.count)
        for (row, record) in records.enumerated() {
            for (field, column) in recordColumns[row].enumerated() {
                columns[column][row] = record.values[field]
            }
        }
        try self.init(names: names, columnValues: columns, unions: unions)
    }

    /// `Column1`, `Column2`, …, as Wolfram names columns without names.
    static func defaultNames(_ count: Int) -> [String] {
        (0..<count).map { "Column\($0 + 1)" }
    }

    private init(names: [String], columnValues: [[ArrowValue]], unions: Bool) throws {
        guard names.count == columnValues.count else {
            throw ArrowError.invalidArgument("\(names.count) names were given for \(columnValues.count) columns")
        }
        var fields: [Field] = []
        var columns: [ArrayData] = []
        for (name, values) in zip(names, columnValues) {
            do {
                let type = try TypeInference.type(of: values, unions: unions)
                let builder = try makeBuilder(type)
                builder.reserve(values.count)
                for value in values { try builder.append(value) }
                fields.append(Field(name, type))
                columns.append(builder.finishData())
            } catch ArrowError.invalidArgument(let reason) {
                throw ArrowError.invalidArgument("column '\(name)', \(reason)")
            }
        }
        try self.init(schema: Schema(fields), columns: columns)
    }
}

extension ArrayData {
    /// An array of `values`, its type inferred (see ``TypeInference``).
    public init(inferring values: [any ArrowValueConvertible], unions: Bool = false) throws {
        let arrowValues = values.map(\.arrowValue)
        let builder = try makeBuilder(try TypeInference.type(of: arrowValues, unions: unions))
        builder.reserve(arrowValues.count)
        for value in arrowValues { try builder.append(value) }
        self = builder.finishData()
    }
}
