/// Schemas and fields print as pyarrow prints them: one `name: type` line per field (`not
/// null` for a non-nullable one), each level of custom metadata under a `-- … metadata --`
/// heading, values quoted and long ones shortened.
extension Schema: CustomStringConvertible {
    /// The fields, one per line, then the schema metadata.
    public var description: String {
        var lines = fields.flatMap { $0.lines(indent: "") }
        if !metadata.isEmpty {
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

    /// `name: type`, with ` not null` when the field is not nullable.
    var header: String {
        "\(name): \(type)" + (isNullable ? "" : " not null")
    }

    /// The field's line and, indented below it, its metadata.
    func lines(indent: String) -> [String] {
        var lines = [indent + header]
        if !metadata.isEmpty {
            lines.append(indent + "  -- field metadata --")
            lines += metadata.lines(indent: indent + "  ")
        }
        return lines
    }
}

extension Metadata {
    /// The longest value shown whole; longer ones show their start and how many characters
    /// were left out, as pyarrow does.
    static let shownValueLength = 80

    /// One `key: 'value'` line per entry.
    func lines(indent: String) -> [String] {
        entries.map { entry in
            let value = entry.value
            guard value.count > Self.shownValueLength else { return "\(indent)\(entry.key): '\(value)'" }
            return "\(indent)\(entry.key): '\(value.prefix(Self.shownValueLength))' + \(value.count - Self.shownValueLength)"
        }
    }
}
