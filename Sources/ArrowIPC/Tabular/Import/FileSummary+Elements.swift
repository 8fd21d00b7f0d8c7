/// The metadata elements of an input, all derived from its summary, as text for people and
/// as JSON for programs (the forms `arrow-ipc inspect --element NAME [--json]` prints).
///
/// JSON, one value per element, stable:
/// - `row-count`, `column-count`: a number; `dimensions`: `[rows, columns]`;
/// - `column-labels`: an array of names; `column-types`: an array of `{"name": …, "type": …}`,
///   types spelled as pyarrow prints them (`int64`, `large_string`, `timestamp[ms, tz=UTC]`);
/// - `schema`: `{"fields": [{"name", "type", "nullable", "metadata"}], "metadata": {…}}`;
/// - `meta-information`: `{"schema": {k: v}, "fields": {name: {k: v}}, "footer": {k: v},
///   "batches": [{k: v}, …]}`;
/// - `elements`: an array of element names; `summary`: the object ``FileSummary/json``
///   describes; `rules`: an object of every element above, by name.
extension FileSummary {
    /// The elements this input has: all of them, but ``ImportElement/timeSeries`` and
    /// ``ImportElement/eventSeries`` only when a column holds dates or timestamps.
    public var elements: [ImportElement] {
        let temporal = schema.fields.contains { $0.type.decodedType.storageType.isDateOrTimestamp }
        return ImportElement.allCases.filter { temporal || ($0 != .timeSeries && $0 != .eventSeries) }
    }

    /// The custom metadata of the schema, the fields, the footer and each batch.
    public var metaInformation: MetaInformation { MetaInformation(self) }

    /// The text of a metadata element; throws for the data elements, which are not text.
    public func text(of element: ImportElement) throws -> String {
        switch element {
        case .elements: return elements.map(\.rawValue).joined(separator: "\n")
        case .summary: return description
        case .schema: return schema.description
        case .columnLabels: return schema.fields.map(\.name).joined(separator: "\n")
        case .columnTypes: return schema.fields.map { "\($0.name): \($0.type)" }.joined(separator: "\n")
        case .columnCount: return String(columnCount)
        case .rowCount: return String(rowCount)
        case .dimensions: return "\(rowCount) rows, \(columnCount) columns"
        case .metaInformation: return metaInformation.text
        case .rules:
            return try ImportElement.metadataElements.map { element in
                let text = try self.text(of: element).split(separator: "\n", omittingEmptySubsequences: false)
                return "\(element):\n" + text.map { "  " + $0 }.joined(separator: "\n")
            }.joined(separator: "\n")
        case .table, .data, .dataset, .timeSeries, .eventSeries:
            throw Self.notMetadata(element)
        }
    }

    /// The JSON of a metadata element; throws for the data elements.
    public func json(of element: ImportElement) throws -> String {
        var out = ""
        switch element {
        case .elements:
            out = "[" + elements.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + "]"
        case .summary:
            out = json
        case .schema:
            out = "{\"fields\":["
            for (position, field) in schema.fields.enumerated() {
                out += position == 0 ? "{" : ",{"
                field.appendJSONNameAndType(to: &out)
                out += ",\"nullable\":\(field.isNullable),\"metadata\":"
                field.metadata.appendJSON(to: &out)
                out += "}"
            }
            out += "],\"metadata\":"
            schema.metadata.appendJSON(to: &out)
            out += "}"
        case .columnLabels:
            out = "["
            for (position, field) in schema.fields.enumerated() {
                if position > 0 { out += "," }
                JSONText.appendString(field.name, to: &out)
            }
            out += "]"
        case .columnTypes:
            out = "["
            for (position, field) in schema.fields.enumerated() {
                out += position == 0 ? "{" : ",{"
                field.appendJSONNameAndType(to: &out)
                out += "}"
            }
            out += "]"
        case .columnCount: out = String(columnCount)
        case .rowCount: out = String(rowCount)
        case .dimensions: out = "[\(rowCount),\(columnCount)]"
        case .metaInformation: out = metaInformation.json
        case .rules:
            out = "{" + (try ImportElement.metadataElements.map { "\"\($0.rawValue)\":" + (try json(of: $0)) }.joined(separator: ",")) + "}"
        case .table, .data, .dataset, .timeSeries, .eventSeries:
            throw Self.notMetadata(element)
        }
        return out
    }

    private static func notMetadata(_ element: ImportElement) -> ArrowError {
        ArrowError.invalidArgument(
            "'\(element)' is data, not metadata: print it with `arrow-ipc cat` or import it with ArrowIPCSource")
    }
}

extension Field {
    /// Appends `"name":…,"type":…`, the type spelled as pyarrow prints it.
    func appendJSONNameAndType(to out: inout String) {
        out += "\"name\":"
        JSONText.appendString(name, to: &out)
        out += ",\"type\":"
        JSONText.appendString("\(type)", to: &out)
    }
}
