/// The key spellings of `ArrowEncoder.KeyEncodingStrategy.convertToSnakeCase` and
/// `ArrowDecoder.KeyDecodingStrategy.convertFromSnakeCase`, with `JSONEncoder`'s rules.
enum SnakeCase {
    /// `myURLProperty` → `my_url_property`: an underscore before each word, words starting at
    /// an upper-case letter after a lower-case letter or digit, or at the last capital of a run
    /// of capitals followed by a lower-case letter; then all lower case. Leading and trailing
    /// underscores stay.
    static func fromCamelCase(_ key: String) -> String {
        let characters = Array(key)
        guard let first = characters.firstIndex(where: { $0 != "_" }) else { return key }
        let last = characters.lastIndex(where: { $0 != "_" }) ?? first
        var result = String(characters[..<first])
        for index in first...last {
            let character = characters[index]
            if index > first, character.isUppercase {
                let previous = characters[index - 1]
                let nextIsLower = index < last && characters[index + 1].isLowercase
                if previous != "_" && (!previous.isUppercase || nextIsLower) {
                    result.append("_")
                }
            }
            result += character.lowercased()
        }
        result += String(characters[(last + 1)...])
        return result
    }

    /// `my_url_property` → `myUrlProperty`: the words between underscores joined, the first
    /// lower-cased and the others capitalized; a name without inner underscores is kept as
    /// it is, and leading and trailing underscores stay.
    static func toCamelCase(_ name: String) -> String {
        guard let first = name.firstIndex(where: { $0 != "_" }),
              let last = name.lastIndex(where: { $0 != "_" }) else { return name }
        let core = name[first...last]
        let words = core.split(separator: "_")
        guard words.count > 1 else { return name }
        let joined = words[0].lowercased() + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
        return String(name[..<first]) + joined + String(name[name.index(after: last)...])
    }
}
