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
        // Which field of each record fills each column (its last field of that name), worked
        // out once for each run of records with the same names (records of one source share
        // them); the types inferred in the same pass.
        var names: [String] = []
        var positions: [String: Int] = [:]
        var inferences: [TypeInference.Column] = []
        var layouts: [[Int]] = []
        var layoutOfRecord: [Int] = []
        layoutOfRecord.reserveCapacity(records.count)
        var lastNames: [String]?
        // (Records are read in place, `records[row]`, not copied out one by one.)
        for row in records.indices {
            if lastNames == nil || records[row].names != lastNames {
                var layout = [Int](repeating: -1, count: names.count)
                for (field, name) in records[row].names.enumerated() {
                    let column: Int
                    if let position = positions[name] {
                        column = position
                    } else {
                        column = names.count
                        positions[name] = column
                        names.append(name)
                        inferences.append(TypeInference.Column(unions: unions))
                        layout.append(-1)
                    }
                    layout[column] = field
                }
                layouts.append(layout)
                lastNames = records[row].names
            }
            layoutOfRecord.append(layouts.count - 1)
            for (column, field) in layouts[layouts.count - 1].enumerated() where field >= 0 {
                do {
                    try inferences[column].add(records[row].values[field], row: row)
                } catch let conflict as TypeInference.Conflict {
                    throw ArrowError.invalidArgument(
                        "column '\(names[column])', row \(conflict.row): \(conflict.reason) (allow unions to keep both)")
                }
            }
        }
        // Then each record's values straight into the builders, nulls where it has no field.
        let types = inferences.map(\.dataType)
        let builders = try types.map(makeBuilder)
        for builder in builders { builder.reserve(records.count) }
        let appenders = builders.map(ValueAppender.init)
        for row in records.indices {
            let layout = layouts[layoutOfRecord[row]]
            for (column, appender) in appenders.enumerated() {
                let field = column < layout.count ? layout[column] : -1
                do {
                    if field >= 0 { try appender.append(records[row].values[field]) } else { try builders[column].appendNull() }
                } catch ArrowError.invalidArgument(let reason) {
                    throw ArrowError.invalidArgument("column '\(names[column])', \(reason)")
                }
            }
        }
        let fields = zip(names, types).map { Field($0, $1) }
        try self.init(schema: Schema(fields), columns: builders.map { $0.finishData() })
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
                let appender = ValueAppender(builder)
                for value in values { try appender.append(value) }
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
        let appender = ValueAppender(builder)
        for value in arrowValues { try appender.append(value) }
        self = builder.finishData()
    }
}
