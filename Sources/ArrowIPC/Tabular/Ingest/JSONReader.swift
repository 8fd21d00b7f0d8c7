import Foundation

/// Reads JSON Lines (one object per line) or a JSON array of objects into record batches, one
/// at a time, in bounded memory: a batch holds up to ``JSONReadOptions/batchRowCount``
/// records, fewer when their text passes 16 MiB or their columns times their records 2^22.
///
/// ```swift
/// let reader = try JSONReader(url: URL(fileURLWithPath: "events.jsonl"))
/// while let batch = try reader.next() { … }
/// let table = try JSONReader(data: Data(#"[{"a": 1}, {"a": 2.5}]"#.utf8), options: JSONReadOptions(layout: .array)).table()
/// ```
///
/// Each key becomes a column, in the order keys first appear; a record without a key is null
/// there. Types are inferred from the first batch as ``TypeInference`` infers them from the
/// values (integers `int64`, numbers `double`, booleans `bool`, strings `string`, objects
/// `struct`, arrays `list`, nothing but nulls `null`), except that a place where every string
/// is an ISO 8601 date or timestamp becomes `date32` or a timestamp (see ``TextTypeGuess``).
/// Values that no one type holds (a string among numbers) are an error naming the line and
/// the key. ``JSONReadOptions/columnTypes`` gives a column's type instead.
///
/// Later batches are read into the same types; a value that does not fit, or a key the first
/// batch did not have, is an error naming its line and key, unless
/// ``JSONReadOptions/widensTypes`` lets the type widen (or adds the column). Bad input — a
/// syntax error, invalid UTF-8, nesting deeper than ``ArrayData/maximumNestingDepth``, a
/// record longer than ``JSONReadOptions/maximumRecordSize`` — throws
/// ``ArrowError/invalidText(_:)`` naming the line and column.
public final class JSONReader: TextBatchReader {
    /// The options the input is read with.
    public let options: JSONReadOptions
    /// The schema of the batches: a field for each key, with the type inferred from the
    /// first batch or given. Every field is nullable. When a type widens or a column is added
    /// (``JSONReadOptions/widensTypes``), this is the schema of the latest batch.
    public private(set) var schema = Schema([])
    /// The records the types were inferred from (those of the first batch).
    public private(set) var inferenceRecordCount = 0

    private struct Column {
        let name: String
        var type: DataType
        /// Whether the type was given rather than inferred.
        let isGiven: Bool
    }

    /// The values of a batch's records, column by column, and the line of each record.
    private struct Block {
        var columns: [[ArrowValue]]
        var lines: [Int] = []
        var count: Int { lines.count }
    }

    private var parser: JSONRecordParser
    private var columns: [Column] = []
    private var positions: [String: Int] = [:]
    /// Whether the first batch has been read (and the types inferred).
    private var inferred = false
    private var pending: RecordBatch?
    private var isFinished = false

    /// A batch ends once its text passes this many bytes, whatever its record count: its
    /// values take several times the memory of their text.
    static let batchByteLimit = 1 << 24
    /// A batch also ends once its records times its columns pass this (each a value, or a
    /// null for a key a record lacks).
    static let batchValueLimit = 1 << 22

    /// Reads the file, FIFO or device at `url`.
    public convenience init(url: URL, options: JSONReadOptions = JSONReadOptions()) throws {
        try self.init(buffer: try TextBuffer(url: url), options: options)
    }

    /// Reads `fileHandle` (standard input, a pipe, a socket) as its bytes arrive.
    public convenience init(fileHandle: FileHandle, options: JSONReadOptions = JSONReadOptions()) throws {
        try self.init(buffer: TextBuffer(fileHandle: fileHandle), options: options)
    }

    /// Reads `data`.
    public convenience init(data: Data, options: JSONReadOptions = JSONReadOptions()) throws {
        try self.init(buffer: TextBuffer(data: data), options: options)
    }

    /// Reads the first batch and infers the types.
    private init(buffer: TextBuffer, options: JSONReadOptions) throws {
        let options = try options.validated()
        self.options = options
        parser = JSONRecordParser(buffer: buffer, options: options)
        let block = try readBlock()
        // Given columns that no record of the first batch has come last.
        for name in options.columnTypes.keys.sorted() where positions[name] == nil {
            addColumn(name)
        }
        var first = block
        while first.columns.count < columns.count {
            first.columns.append([ArrowValue](repeating: .null, count: first.count))
        }
        for index in columns.indices {
            if let given = options.columnTypes[columns[index].name] {
                columns[index].type = given
            } else {
                columns[index].type = try inferType(index, first)
            }
        }
        inferred = true
        inferenceRecordCount = first.count
        schema = Schema(columns.map { Field($0.name, $0.type) })
        if first.count > 0 { pending = try buildBatch(first) }
    }

    /// The next batch, or `nil` after the last.
    public func next() throws -> RecordBatch? {
        if let pending {
            self.pending = nil
            return pending
        }
        guard !isFinished else { return nil }
        let block = try readBlock()
        guard block.count > 0 else {
            isFinished = true
            return nil
        }
        return try buildBatch(block)
    }

    // MARK: - Records

    private func addColumn(_ name: String) {
        positions[name] = columns.count
        columns.append(Column(name: name, type: .null, isGiven: options.columnTypes[name] != nil))
    }

    /// The next batch's records.
    private func readBlock() throws -> Block {
        var block = Block(columns: [[ArrowValue]](repeating: [], count: columns.count))
        for index in block.columns.indices { block.columns[index].reserveCapacity(min(options.batchRowCount, 1 << 16)) }
        let start = parser.consumedCount
        while block.count < options.batchRowCount, parser.consumedCount - start < Self.batchByteLimit,
              block.count * columns.count < Self.batchValueLimit, let record = try parser.next() {
            for (name, value) in zip(record.names, record.values) {
                if positions[name] == nil {
                    if inferred && !options.widensTypes {
                        throw ArrowError.text(
                            line: record.line, field: name,
                            "a key that none of the first \(inferenceRecordCount) records has, which the types were inferred from (give the column's type, or let types widen to add it)")
                    }
                    guard columns.count < JSONReadOptions.maximumKeyCount else {
                        throw ArrowError.text(
                            line: record.line, field: name, "more than \(JSONReadOptions.maximumKeyCount) keys in all, the most columns an input may have")
                    }
                    addColumn(name)
                    block.columns.append([ArrowValue](repeating: .null, count: block.count))
                }
                if let index = positions[name] { block.columns[index].append(value) }
            }
            block.lines.append(record.line)
            for index in block.columns.indices where block.columns[index].count < block.count {
                block.columns[index].append(.null)
            }
        }
        return block
    }

    // MARK: - Types

    /// The type of column `index` of `block`: inferred from its values, strings that are all
    /// dates or timestamps read as such.
    private func inferType(_ index: Int, _ block: Block) throws -> DataType {
        let values = block.columns[index]
        do {
            return TemporalStrings.refine(try TypeInference.firstConflictChecked(values, unions: false), values)
        } catch let conflict as TypeInference.Conflict {
            throw ArrowError.text(line: block.lines[conflict.row], field: columns[index].name, conflict.reason)
        }
    }

    // MARK: - Batches

    private func buildBatch(_ block: Block) throws -> RecordBatch {
        var arrays: [ArrayData] = []
        arrays.reserveCapacity(columns.count)
        for index in columns.indices { arrays.append(try column(index, block)) }
        if schema.fields.count != columns.count || zip(schema.fields, columns).contains(where: { $0.type != $1.type }) {
            schema = Schema(columns.map { Field($0.name, $0.type) })
        }
        return try RecordBatch(schema: schema, columns: arrays)
    }

    /// Column `index` of `block` in its type; a type that may widen, widened where it must.
    private func column(_ index: Int, _ block: Block) throws -> ArrayData {
        let column = columns[index]
        let values = block.columns[index]
        do {
            if column.type == .null && !column.isGiven && options.widensTypes && values.contains(where: { !$0.isNull }) {
                // A column added by this batch, or one of nulls so far.
                columns[index].type = try inferType(index, block)
                return try build(values, as: columns[index].type, index, block)
            }
            return try build(values, as: column.type, index, block)
        } catch let failure as ValueFailure {
            if !column.isGiven && options.widensTypes,
               let widened = TypeWidening.widened(column.type, try inferType(index, block)), widened != column.type,
               let result = try? build(values, as: widened, index, block) {
                columns[index].type = widened
                return result
            }
            let inferred = column.isGiven
                ? "" : " (the type inferred from the first \(inferenceRecordCount) records; give the column's type, or let types widen)"
            throw ArrowError.text(line: block.lines[failure.row], field: column.name, failure.reason + inferred)
        }
    }

    /// A value of `row` that does not fit its column's type, and why.
    private struct ValueFailure: Error {
        let row: Int
        let reason: String
    }

    /// `values` as an array of `type`. A given type reads a column of strings as a cast
    /// from strings does; other values convert as a builder converts them.
    private func build(_ values: [ArrowValue], as type: DataType, _ index: Int, _ block: Block) throws -> ArrayData {
        let lenient = columns[index].isGiven && options.castOptions.mode == .lenient
        if columns[index].isGiven, [.number, .decimal, .temporal, .binary].contains(CastFamily(type)),
           values.contains(where: { !$0.isNull }), values.allSatisfy({ value in
               if case .string = value { return true }
               return value.isNull
           }) {
            let strings = try makeBuilder(.utf8)
            for value in values { try strings.append(value) }
            do {
                return try Caster(options: options.castOptions).cast(strings.finishData(), to: type)
            } catch let failure as SlotFailure {
                throw ValueFailure(row: failure.slot, reason: "cannot read \(failure.value) as \(failure.targetType): \(failure.reason)")
            }
        }
        let builder = try makeBuilder(type)
        builder.reserve(values.count)
        let coerces = TemporalStrings.needsCoercion(type)
        for (row, value) in values.enumerated() {
            do {
                try builder.append(coerces ? TemporalStrings.coerce(value, to: type) : value)
            } catch ArrowError.invalidArgument(let reason) {
                if lenient {
                    try builder.appendNull()
                    continue
                }
                let detail = reason.hasPrefix("slot ") ? "" : ": \(reason)"
                throw ValueFailure(
                    row: row, reason: "the \(value.kindName) \(TypeInference.shortText(value)) does not fit \(type)\(detail)")
            }
        }
        return builder.finishData()
    }
}
