import Foundation

/// Values indexed by time, read from a file's time column (a date or timestamp column), as
/// Wolfram's `TimeSeries` (sorted by time, each time once) and `EventSeries` (in input order,
/// times may repeat) import them: see ``ArrowIPCSource/timeSeries(timeColumn:rows:columns:options:)``.
public struct TimeSeries: Sendable {
    /// The name of the time column.
    public let timeColumn: String
    /// The time column's type: `date32`, `date64` or `timestamp` (with its unit and zone).
    public let timeType: DataType
    /// The times as stored: days (`date32`), milliseconds (`date64`) or the timestamp's units
    /// since 1970-01-01 UTC, one per row.
    public let times: [Int64]
    /// The value columns, one row per time, aligned with ``times``.
    public let values: Table
    /// The time column followed by the value columns, in the series' order.
    public let table: Table

    /// The times as instants (to the precision of `Date`, about a microsecond today).
    public var dates: [Date] {
        times.compactMap { ArrowValue.instant($0, of: timeType).dateValue }
    }

    /// The number of rows.
    public var count: Int { times.count }

    /// The series of `table`, whose column 0 is the time column holding `times`.
    init(timeColumn: String, timeType: DataType, times: [Int64], table: Table) throws {
        self.timeColumn = timeColumn
        self.timeType = timeType
        self.times = times
        self.table = table
        values = try table.selecting(columns: Array(1..<table.schema.fields.count))
    }
}

extension ArrowIPCSource {
    /// The selected rows as a time series: the time column's values sorted ascending, the
    /// other selected columns (all others by default) aligned with them as ``TimeSeries/values``.
    ///
    /// `timeColumn` names the time column (`ImportOptions`' Wolfram name `"TimeColumn"`); by
    /// default the first date or timestamp column. Throws when the input has no date or
    /// timestamp column, the named one is not one, the time column has a null, or a time
    /// repeats (an event series allows that).
    public func timeSeries(
        timeColumn: String? = nil, rows: RowSelection = .all, columns: ColumnSelection? = nil,
        options: ImportOptions = ImportOptions()
    ) throws -> TimeSeries {
        let events = try eventSeries(timeColumn: timeColumn, rows: rows, columns: columns, options: options)
        // Ties broken by row, so equal times stay in input order, next to each other.
        let order = events.times.indices.sorted { (events.times[$0], $0) < (events.times[$1], $1) }
        let times = order.map { events.times[$0] }
        if let repeated = times.indices.dropFirst().first(where: { times[$0] == times[$0 - 1] }) {
            throw ArrowError.invalidArgument(
                "the time column '\(events.timeColumn)' holds the time \(ArrowValue.instant(times[repeated], of: events.timeType).description) more than once; "
                    + "a time series has one row per time (import an event series to keep repeated times)")
        }
        let table = order.elementsEqual(order.indices) ? events.table : try events.table.take(order)
        return try TimeSeries(timeColumn: events.timeColumn, timeType: events.timeType, times: times, table: table)
    }

    /// The selected rows as an event series: the time column's values in input order (times
    /// may repeat), the other selected columns aligned with them. Throws as
    /// ``timeSeries(timeColumn:rows:columns:options:)`` does, but for repeated times.
    public func eventSeries(
        timeColumn: String? = nil, rows: RowSelection = .all, columns: ColumnSelection? = nil,
        options: ImportOptions = ImportOptions()
    ) throws -> TimeSeries {
        let fields = schema.fields
        let timeIndex: Int
        if let timeColumn {
            guard let index = schema.index(of: timeColumn) else {
                throw ArrowError.invalidArgument("there is no column '\(timeColumn)' to take times from; the columns are \(columnLabels)")
            }
            guard fields[index].type.decodedType.storageType.isDateOrTimestamp else {
                throw ArrowError.invalidArgument(
                    "the column '\(timeColumn)' holds \(fields[index].type), not dates or timestamps, so it cannot be a time column")
            }
            timeIndex = index
        } else {
            guard let index = fields.firstIndex(where: { $0.type.decodedType.storageType.isDateOrTimestamp }) else {
                throw ArrowError.invalidArgument("the input has no date or timestamp column to index a time series by")
            }
            timeIndex = index
        }
        let valueIndices = try (columns?.resolve(schema: schema) ?? Array(fields.indices)).filter { $0 != timeIndex }
        if let names = options.columnNames, names.count != valueIndices.count {
            throw ArrowError.invalidArgument("\(names.count) column names were given for \(valueIndices.count) value columns")
        }
        let positions = [timeIndex] + valueIndices
        let table = try self.table(
            rows: rows, columns: ColumnSelection(positions: positions),
            options: ImportOptions(
                includeMetadata: options.includeMetadata,
                columnNames: options.columnNames.map { [fields[timeIndex].name] + $0 },
                schema: options.schema, lenient: options.lenient))
        let timeType = table.schema.fields[0].type.decodedType
        guard timeType.storageType.isDateOrTimestamp else {
            throw ArrowError.invalidArgument("the time column '\(fields[timeIndex].name)' is cast to \(timeType), not to dates or timestamps")
        }
        let times = try Self.times(of: table, name: fields[timeIndex].name)
        return try TimeSeries(timeColumn: fields[timeIndex].name, timeType: timeType, times: times, table: table)
    }

    /// The stored integers of column 0 of `table`, a date or timestamp column (plain or
    /// encoded); throws at the first null.
    private static func times(of table: Table, name: String) throws -> [Int64] {
        let (bytes, overflow) = table.rowCount.multipliedReportingOverflow(by: MemoryLayout<Int64>.stride)
        guard !overflow, bytes <= machineMemorySize / 2 else {
            throw ArrowError.invalidArgument(
                "the time column '\(name)' claims \(table.rowCount) rows, more times than this machine's memory holds")
        }
        var times: [Int64] = []
        times.reserveCapacity(table.rowCount)
        for batch in table.batches {
            let column = batch.columnData[0]
            for row in 0..<column.length {
                switch try column.value(at: row) {
                case .date32(let days): times.append(Int64(days))
                case .date64(let milliseconds): times.append(milliseconds)
                case .timestamp(let value, _, _): times.append(value)
                default:
                    throw ArrowError.invalidData(
                        "the time column '\(name)' has a null at row \(times.count); every row of a series needs a time")
                }
            }
        }
        return times
    }
}

extension ArrowValue {
    /// The value of raw time `raw` of a time column of type `type`.
    static func instant(_ raw: Int64, of type: DataType) -> ArrowValue {
        switch type.storageType {
        case .date32: return .date32(Int32(truncatingIfNeeded: raw))
        case .date64: return .date64(raw)
        case .timestamp(let unit, let zone): return .timestamp(raw, unit, timeZone: zone)
        default: return .int(raw)
        }
    }
}
