/// What can be asked of an Arrow input, as Wolfram's `Import["file.arrow", element]` names
/// them. Raw values are the names `arrow-ipc inspect --element` takes.
public enum ImportElement: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Which elements the input has.
    case elements
    /// Format, size, schema, counts, compression, metadata (``FileSummary``).
    case summary
    /// The ``Schema``.
    case schema
    /// The column names.
    case columnLabels = "column-labels"
    /// The column names and their types.
    case columnTypes = "column-types"
    /// The number of columns.
    case columnCount = "column-count"
    /// The number of rows.
    case rowCount = "row-count"
    /// Rows and columns.
    case dimensions
    /// Custom metadata of the schema, the fields, the footer and each batch.
    case metaInformation = "meta-information"
    /// Every element above at once (Wolfram's "Rules").
    case rules
    /// The data as a ``Table``.
    case table
    /// The data as rows of ``ArrowValue``s.
    case data
    /// The data as records (``ArrowRecord``).
    case dataset
    /// Values indexed by a time column, sorted by time.
    case timeSeries = "time-series"
    /// Values indexed by a time column, in input order, times possibly repeated.
    case eventSeries = "event-series"

    /// The elements read from metadata and message headers only, without the data.
    public static let metadataElements: [ImportElement] = [
        .elements, .summary, .schema, .columnLabels, .columnTypes, .columnCount, .rowCount, .dimensions, .metaInformation,
    ]

    /// The element's name.
    public var description: String { rawValue }
}

/// The custom metadata of an input, each level in its place: the schema's, each field's (by
/// column, in order), the file footer's, and each batch's message.
public struct MetaInformation: Sendable, Hashable {
    /// The schema's metadata.
    public var schema: Metadata
    /// Each column's name and field metadata, in column order (columns without metadata too).
    public var fields: [ColumnMetadata]
    /// The file footer's metadata (empty for a stream).
    public var footer: Metadata
    /// Each batch's message metadata, in order.
    public var batches: [Metadata]

    /// The metadata `summary` describes.
    init(_ summary: FileSummary) {
        schema = summary.schema.metadata
        fields = summary.schema.fields.map { ColumnMetadata(name: $0.name, metadata: $0.metadata) }
        footer = summary.footerMetadata
        batches = summary.batches.map(\.metadata)
    }

    /// `{"schema": {k: v}, "fields": {name: {k: v}}, "footer": {k: v}, "batches": [{k: v}, …]}`;
    /// fields without metadata are left out of `"fields"`.
    public var json: String {
        var out = "{\"schema\":"
        schema.appendJSON(to: &out)
        out += ",\"fields\":{"
        var first = true
        for field in fields where !field.metadata.isEmpty {
            if !first { out += "," }
            first = false
            JSONText.appendString(field.name, to: &out)
            out += ":"
            field.metadata.appendJSON(to: &out)
        }
        out += "},\"footer\":"
        footer.appendJSON(to: &out)
        out += ",\"batches\":["
        for (position, metadata) in batches.enumerated() {
            if position > 0 { out += "," }
            metadata.appendJSON(to: &out)
        }
        out += "]}"
        return out
    }

    /// Each level under a `-- … metadata --` heading, as pyarrow writes metadata; levels
    /// without metadata are left out, and "no custom metadata" when there is none at all.
    public var text: String {
        var lines: [String] = []
        if !schema.isEmpty {
            lines.append("-- schema metadata --")
            lines += schema.lines(indent: "")
        }
        for field in fields where !field.metadata.isEmpty {
            lines.append("-- field metadata: \(field.name) --")
            lines += field.metadata.lines(indent: "")
        }
        if !footer.isEmpty {
            lines.append("-- footer metadata --")
            lines += footer.lines(indent: "")
        }
        for (position, metadata) in batches.enumerated() where !metadata.isEmpty {
            lines.append("-- batch \(position) metadata --")
            lines += metadata.lines(indent: "")
        }
        return lines.isEmpty ? "no custom metadata" : lines.joined(separator: "\n")
    }
}

/// A column's name and its field's custom metadata.
public struct ColumnMetadata: Sendable, Hashable {
    /// The column's name.
    public var name: String
    /// The field's metadata.
    public var metadata: Metadata
}
