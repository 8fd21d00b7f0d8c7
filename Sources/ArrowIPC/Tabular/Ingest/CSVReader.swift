import Foundation

/// Reads CSV or TSV text (RFC 4180) into record batches, one at a time, in bounded memory.
///
/// ```swift
/// let reader = try CSVReader(url: URL(fileURLWithPath: "trades.csv"))
/// print(reader.schema)                      // names from the header, types inferred
/// while let batch = try reader.next() { … }
/// let table = try CSVReader(data: Data("a,b\n1,x\n".utf8)).table()
/// ```
///
/// The text is UTF-8 (a byte-order mark at the start is skipped). Fields are separated by
/// ``CSVReadOptions/delimiter``; records end with LF, CRLF or CR; a field in double quotes
/// may hold delimiters, line breaks and doubled quotes. Every record has as many fields as
/// the header (or, without one, the first record). An empty line is skipped, except in input
/// of one column, where it is a null.
///
/// Each column's type is inferred from the first batch's text as ``TextTypeGuess`` describes
/// (`int64`, `double`, `bool`, `date32`, `timestamp`, `string`, or `null` for a column of
/// nulls), or given in ``CSVReadOptions/columnTypes`` and read straight into that type. A
/// field in ``CSVReadOptions/nullValues`` (unquoted) is null. Later batches are read into
/// the same types; a value that does not convert is an error naming its line and column,
/// unless ``CSVReadOptions/widensTypes`` lets the type widen.
///
/// Each batch holds up to ``CSVReadOptions/batchRowCount`` records (fewer when their text
/// passes 64 MiB); the reader holds one batch's text and fields at a time. An input has at
/// most ``CSVReadOptions/maximumColumnCount`` columns. Bad input — a
/// ragged record, a quote never closed, invalid UTF-8, a record longer than
/// ``CSVReadOptions/maximumRecordSize`` — throws ``ArrowError/invalidText(_:)`` naming the
/// line and column.
public final class CSVReader: TextBatchReader {
    /// The options the input is read with.
    public let options: CSVReadOptions
    /// The schema of the batches: the header's names (or `Column1`, `Column2`, …) and the
    /// types inferred from the first batch or given. Every field is nullable. When a type
    /// widens (``CSVReadOptions/widensTypes``), this is the schema of the latest batch.
    public private(set) var schema: Schema
    /// The records the types were inferred from (those of the first batch).
    public private(set) var inferenceRecordCount = 0

    private struct Column {
        var type: DataType
        /// Whether the type was given rather than inferred.
        let isGiven: Bool
    }

    private let buffer: TextBuffer
    private let tokenizer: CSVTokenizer
    private var fields = CSVFields()
    private var columns: [Column] = []
    /// The line of the next record.
    private var line = 1
    /// Where the next record starts in the buffer.
    private var position = 0
    /// The first batch, read to infer the types and not yet handed out.
    private var pending: RecordBatch?
    private var isFinished = false

    /// A batch ends once its text passes this many bytes, whatever its record count (its
    /// fields take up to 8 bytes for each byte of text).
    static let batchByteLimit = 1 << 26

    /// Reads the file, FIFO or device at `url`.
    public convenience init(url: URL, options: CSVReadOptions = CSVReadOptions()) throws {
        try self.init(buffer: try TextBuffer(url: url), options: options)
    }

    /// Reads `fileHandle` (standard input, a pipe, a socket) as its bytes arrive.
    public convenience init(fileHandle: FileHandle, options: CSVReadOptions = CSVReadOptions()) throws {
        try self.init(buffer: TextBuffer(fileHandle: fileHandle), options: options)
    }

    /// Reads `data`.
    public convenience init(data: Data, options: CSVReadOptions = CSVReadOptions()) throws {
        try self.init(buffer: TextBuffer(data: data), options: options)
    }

    /// Reads the header and the first batch, and infers the types.
    private init(buffer: TextBuffer, options: CSVReadOptions) throws {
        let options = try options.validated()
        self.options = options
        self.buffer = buffer
        tokenizer = CSVTokenizer(delimiter: UInt8(ascii: options.delimiter), nullValues: options.nullValues)
        schema = Schema([])
        try skipByteOrderMark()
        var names: [String] = []
        if options.hasHeader {
            guard try readRecords(limit: 1) else {
                throw ArrowError.text(line: 1, "the input is empty: there is no header")
            }
            names = (0..<fields.columnCount).map { column in
                var text = CSVFieldText(bytes: buffer.bytes)
                return text.withText(fields.field(0, column)) { String(decoding: $0, as: UTF8.self) }
            }
            // (For messages about the first batch.)
            schema = Schema(names.map { Field($0, .null) })
        }
        let hasRecords = try readRecords(limit: options.batchRowCount)
        if !options.hasHeader { names = RecordBatch.defaultNames(fields.columnCount) }
        schema = Schema(names.map { Field($0, .null) })
        let given = try schema.casting(options.columnTypes)
        for field in given.fields where options.columnTypes[field.name] != nil {
            // A type no string casts to is the caller's mistake, found before any value.
            do {
                _ = try Caster(options: options.castOptions).cast(ArrayData.nulls(of: .utf8, length: 0), to: field.type)
            } catch let error as ArrowError {
                throw ArrowError.invalidArgument("column '\(field.name)': \(error.reason)")
            }
        }
        columns = given.fields.enumerated().map { index, field in
            let isGiven = options.columnTypes[field.name] != nil
            let type = isGiven ? field.type : hasRecords ? fields.guessType(index, bytes: buffer.bytes) : .null
            return Column(type: type, isGiven: isGiven)
        }
        schema = Schema(zip(names, columns).map { Field($0, $1.type) })
        inferenceRecordCount = fields.recordCount
        if hasRecords { pending = try buildBatch() }
    }

    /// The next batch, or `nil` after the last.
    public func next() throws -> RecordBatch? {
        if let pending {
            self.pending = nil
            return pending
        }
        guard !isFinished else { return nil }
        guard try readRecords(limit: options.batchRowCount) else {
            isFinished = true
            return nil
        }
        return try buildBatch()
    }

    // MARK: - Records

    private func skipByteOrderMark() throws {
        while buffer.count < 3, try buffer.readMore(limit: TextBuffer.initialCapacity) == .read {}
        let bytes = buffer.bytes
        if buffer.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// Reads up to `limit` records into ``fields`` (the bytes before ``position`` are
    /// dropped first) and checks that their text is UTF-8; whether there was one.
    private func readRecords(limit: Int) throws -> Bool {
        buffer.discard(upTo: position)
        position = 0
        // The loop works on locals: properties of a class would be checked for exclusive
        // access at every record.
        var records = CSVFields()
        swap(&records, &fields)
        defer { swap(&records, &fields) }
        records.removeAll()
        var line = self.line
        var position = 0
        defer {
            self.line = line
            self.position = position
        }
        let tokenizer = self.tokenizer
        while records.recordCount < limit && position < Self.batchByteLimit {
            let recordLine = line
            let firstField = records.fieldCount
            let outcome: CSVTokenizer.Outcome
            do {
                outcome = try tokenizer.readRecord(
                    buffer.bytes, count: buffer.count, from: position, atEnd: buffer.isAtEnd, line: &line, into: &records)
            } catch let extra as CSVTokenizer.TooManyFields {
                guard records.columnCount > 0 else {
                    throw ArrowError.text(
                        line: extra.line, column: extra.column,
                        "more than \(CSVReadOptions.maximumColumnCount) fields, the most a record may have")
                }
                throw ragged(extra.column, columns: records.columnCount, line: extra.line)
            }
            switch outcome {
            case .needsMore:
                records.truncateFields(to: firstField)
                line = recordLine
                try readMore(from: position, recordLine: recordLine)
            case .endOfInput:
                return try checkUTF8(records, end: position)
            case .record(let next, let blank):
                guard next - position <= options.maximumRecordSize else { throw recordTooLong(line: recordLine) }
                let count = records.fieldCount - firstField
                if blank && records.columnCount != 1 {
                    records.truncateFields(to: firstField)
                } else {
                    if records.columnCount == 0 && records.recordCount == 0 && records.fieldCount == count {
                        records.columnCount = count
                    }
                    guard count == records.columnCount else { throw ragged(count, columns: records.columnCount, line: recordLine) }
                    records.endRecord(line: recordLine, offset: position)
                }
                position = next
            }
        }
        return try checkUTF8(records, end: position)
    }

    /// Reads more input for the record at `position`, which started on `recordLine`.
    private func readMore(from position: Int, recordLine: Int) throws {
        let limit = position + options.maximumRecordSize
        if try buffer.readMore(limit: limit) == .full || buffer.count - position > options.maximumRecordSize {
            throw recordTooLong(line: recordLine)
        }
    }

    private func recordTooLong(line: Int) -> ArrowError {
        ArrowError.text(
            line: line, "a record longer than \(options.maximumRecordSize) bytes (the most a record may have): is a quote not closed?")
    }

    private func ragged(_ count: Int, columns: Int, line: Int) -> ArrowError {
        let source = options.hasHeader ? "the header has" : "the first record has"
        if count > columns {
            return ArrowError.text(line: line, column: columns + 1, "a field past the last column (\(source) \(columns))")
        }
        return ArrowError.text(line: line, column: count, "the record ends after \(count) field\(count == 1 ? "" : "s"), \(source) \(columns)")
    }

    /// Throws for the first byte of `records`' text (up to `end`) that is not UTF-8; whether
    /// there are records.
    private func checkUTF8(_ records: borrowing CSVFields, end: Int) throws -> Bool {
        guard let bad = UTF8Validation.firstInvalidByte(UnsafeRawBufferPointer(start: buffer.bytes, count: end)) else {
            return records.recordCount > 0
        }
        let reason = String(format: "invalid UTF-8 (the byte 0x%02x)", buffer.bytes[bad])
        guard records.recordCount > 0 else { throw ArrowError.text(line: line, reason) }
        // The record holding it (the last that starts at or before it), and its field.
        var record = 0
        var low = 0, high = records.recordCount - 1
        while low <= high {
            let middle = (low + high) / 2
            if records.recordOffsets[middle] <= bad { record = middle; low = middle + 1 } else { high = middle - 1 }
        }
        var column = 0
        for index in 0..<records.columnCount where CSVFields.start(records.field(record, index)) <= bad { column = index }
        let line = records.recordLines[record] + CSVTokenizer.lineBreaks(buffer.bytes, from: records.recordOffsets[record], to: bad)
        let name = column < schema.fields.count ? schema.fields[column].name : nil
        throw ArrowError.text(line: line, column: column + 1, field: name, reason)
    }

    // MARK: - Batches

    /// The batch of the records in ``fields``, its columns built on all cores.
    private func buildBatch() throws -> RecordBatch {
        nonisolated(unsafe) var built = [(data: ArrayData, type: DataType)?](repeating: nil, count: columns.count)
        try built.withUnsafeMutableBufferPointer { built in
            // Each slot is written by the one thread that builds its column.
            nonisolated(unsafe) let built = built
            try runConcurrently(
                Array(columns.indices), parallel: fields.recordCount >= Self.parallelThreshold, makeState: {}
            ) { index, _ in
                built[index] = try column(index)
            }
        }
        let arrays = built.compactMap { $0?.data }
        for (index, column) in built.enumerated() {
            if let type = column?.type { columns[index].type = type }
        }
        if zip(schema.fields, columns).contains(where: { $0.type != $1.type }) {
            schema = Schema(zip(schema.fields, columns).map { Field($0.name, $1.type) })
        }
        return try RecordBatch(schema: schema, columns: arrays)
    }

    /// Batches of fewer records build their columns on one thread.
    static let parallelThreshold = 4096

    /// Column `index` of the records in ``fields``, and its type: the column's, or the type it
    /// widened to.
    private func column(_ index: Int) throws -> (data: ArrayData, type: DataType) {
        let column = columns[index]
        let text = fields.textColumn(index, bytes: buffer.bytes)
        if column.type == .utf8 { return (text, .utf8) }
        let caster = Caster(options: column.isGiven ? options.castOptions : .strict)
        do {
            return (try caster.cast(text, to: column.type), column.type)
        } catch let failure as SlotFailure {
            if !column.isGiven && options.widensTypes,
               let widened = TypeWidening.widened(column.type, fields.guessType(index, bytes: buffer.bytes)),
               widened != column.type, let result = try? caster.cast(text, to: widened) {
                return (result, widened)
            }
            let inferred = column.isGiven
                ? "" : " (the type inferred from the first \(inferenceRecordCount) records; give the column's type, or let types widen)"
            throw ArrowError.text(
                line: fields.line(of: failure.slot, index, bytes: buffer.bytes), column: index + 1, field: schema.fields[index].name,
                "cannot read \(failure.value) as \(failure.targetType): \(failure.reason)\(inferred)")
        }
    }
}
