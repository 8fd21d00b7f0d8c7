/// Schemas and fields print as pyarrow prints them: one `name: type` line per field (`not
/// null` for a non-nullable one), the children of nested types below it (`child 0, item:
/// int32`, four more spaces per level), each level of custom metadata under a `-- … metadata
/// --` heading, values quoted and long ones shortened.
extension Schema: CustomStringConvertible {
    /// The fields, one per line, then the schema metadata.
    public var description: String {
        var lines = fields.flatMap { $0.lines(depth: 0) }
        if !metadata.isEmpty {
            if lines.isEmpty { lines = [""] }  // pyarrow leaves the fields' line empty
            lines.append("-- schema metadata --")
            lines += metadata.lines(indent: "")
        }
        return lines.joined(separator: "\n")
    }
}

extension Field: CustomStringConvertible {
    /// `Field<name: type>`, or `Field<name: type not null>`.
    public var description: String {
        "Field<\(header)>"
    }

    /// `name: type`, with ` not null` when the field is not nullable; a name or a type text
    /// over 100 characters is cut there (`… (... 40 chars omitted)`), as pyarrow cuts them.
    var header: String {
        "\(Self.shortened(name)): \(Self.shortened(type.description))" + (isNullable ? "" : " not null")
    }

    /// The longest name or type text shown whole.
    static let shownTextLength = 100

    private static func shortened(_ text: String) -> String {
        guard text.count > shownTextLength else { return text }
        return "\(text.prefix(shownTextLength)) (... \(text.count - shownTextLength) chars omitted)"
    }

    /// The field's line, its children's lines and its metadata, for a field at `depth` (0 for
    /// a column, 1 for its children, …), indented as pyarrow indents them.
    func lines(depth: Int, position: Int = 0) -> [String] {
        let indent = depth == 0 ? "" : String(repeating: " ", count: 2 + 4 * (depth - 1))
        var lines = [indent + (depth == 0 ? "" : "child \(position), ") + header]
        for (position, child) in type.children.enumerated() {
            lines += child.lines(depth: depth + 1, position: position)
        }
        if !metadata.isEmpty {
            let metadataIndent = String(repeating: " ", count: 2 * (depth + 1))
            lines.append(metadataIndent + "-- field metadata --")
            lines += metadata.lines(indent: metadataIndent)
        }
        return lines
    }
}

extension Metadata {
    /// The most characters of key and value together shown whole; a longer entry shows the
    /// start of its value and how many characters were left out, as pyarrow does.
    static let shownEntryLength = 70

    /// One `key: 'value'` line per entry.
    func lines(indent: String) -> [String] {
        entries.map { entry in
            let (key, value) = (entry.key, entry.value)
            guard key.count + value.count > Self.shownEntryLength else { return "\(indent)\(key): '\(value)'" }
            let shown = Swift.max(0, Self.shownEntryLength - key.count)
            return "\(indent)\(key): '\(value.prefix(shown))' + \(value.count - shown)"
        }
    }
}
