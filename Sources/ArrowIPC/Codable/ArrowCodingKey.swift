/// A coding key the Arrow encoder and decoder make themselves: a row or list position
/// (`Index 3`, as `JSONEncoder` names positions), a column name, or a key met in a value.
struct ArrowCodingKey: CodingKey, Sendable {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = "Index \(intValue)"
        self.intValue = intValue
    }

    /// A copy of `key`, both its spellings.
    init(_ key: any CodingKey) {
        stringValue = key.stringValue
        intValue = key.intValue
    }
}

extension ArrowCodingKey {
    /// A coding path written for people, its first key the row: `row 17, legs[2].price`.
    static func describe(_ path: [any CodingKey]) -> String {
        guard let first = path.first else { return "the top level" }
        let row = first.intValue.map { "row \($0)" } ?? first.stringValue
        let keys = describeKeys(Array(path.dropFirst()))
        return keys.isEmpty ? row : row + ", " + keys
    }

    /// Coding keys written for people: `legs[2].price`.
    static func describeKeys(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue, key.stringValue == "Index \(index)" {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }
}
