extension Metadata {
    /// Appends the pairs as a JSON object, in order; a repeated key appears twice (JSON
    /// readers usually keep the last).
    func appendJSON(to out: inout String) {
        out += "{"
        for (position, entry) in enumerated() {
            if position > 0 { out += "," }
            JSONText.appendString(entry.key, to: &out)
            out += ":"
            JSONText.appendString(entry.value, to: &out)
        }
        out += "}"
    }
}
