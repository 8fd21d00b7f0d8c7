/// Reading and writing the JSON objects that canonical extension types serialize their
/// parameters as.
enum ExtensionMetadataJSON {
    /// The members of `text`, which must be one JSON object.
    static func object(_ text: String) throws -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(text.utf8))
        } catch let error as ArrowError {
            throw ArrowError.invalidData("the metadata is not valid JSON (\(error.reason))")
        }
        guard case .object(let members) = value else {
            throw ArrowError.invalidData("the metadata is \(value.kind), not a JSON object")
        }
        return members
    }

    /// The string under `key` of `object`; `nil` when absent.
    static func string(_ object: [String: JSONValue], _ key: String) throws -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let text) = value else {
            throw ArrowError.invalidData("the metadata's \"\(key)\" is \(value.kind), not a string")
        }
        return text
    }

    /// The array of integers under `key` of `object`; `nil` when absent.
    static func integers(_ object: [String: JSONValue], _ key: String) throws -> [Int]? {
        guard let value = object[key] else { return nil }
        guard case .array(let elements) = value else {
            throw ArrowError.invalidData("the metadata's \"\(key)\" is \(value.kind), not an array")
        }
        return try elements.map { element in
            guard case .number(let text) = element, let integer = Int(text) else {
                throw ArrowError.invalidData("the metadata's \"\(key)\" holds \(element.kind) that is not an integer")
            }
            return integer
        }
    }

    /// The array of strings under `key` of `object`; `nil` when absent.
    static func strings(_ object: [String: JSONValue], _ key: String) throws -> [String]? {
        guard let value = object[key] else { return nil }
        guard case .array(let elements) = value else {
            throw ArrowError.invalidData("the metadata's \"\(key)\" is \(value.kind), not an array")
        }
        return try elements.map { element in
            guard case .string(let text) = element else {
                throw ArrowError.invalidData("the metadata's \"\(key)\" holds \(element.kind), not only strings")
            }
            return text
        }
    }

    /// A JSON object of `members` in the given order, written without spaces, e.g.
    /// `{"shape":[2,2],"dim_names":["x","y"]}`.
    static func write(_ members: [(key: String, value: Member)]) -> String {
        var out = "{"
        for (position, member) in members.enumerated() {
            if position > 0 { out += "," }
            JSONText.appendString(member.key, to: &out)
            out += ":"
            switch member.value {
            case .string(let text):
                JSONText.appendString(text, to: &out)
            case .integers(let values):
                out += "[" + values.map(String.init).joined(separator: ",") + "]"
            case .strings(let values):
                out += "["
                for (index, text) in values.enumerated() {
                    if index > 0 { out += "," }
                    JSONText.appendString(text, to: &out)
                }
                out += "]"
            }
        }
        return out + "}"
    }

    /// A value of a member that ``write(_:)`` writes.
    enum Member {
        case string(String)
        case integers([Int])
        case strings([String])
    }
}
