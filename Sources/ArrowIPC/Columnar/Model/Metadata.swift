/// Custom key/value metadata, as Arrow attaches to schemas, fields, messages and file footers.
///
/// The pairs keep their order and keys may repeat, as the format allows; the subscript looks up
/// the first value stored under a key.
public struct Metadata: Sendable, Hashable, ExpressibleByDictionaryLiteral, RandomAccessCollection {
    /// One key/value pair.
    public struct Entry: Sendable, Hashable {
        /// The key; keys may repeat within one metadata list.
        public var key: String
        /// The value.
        public var value: String
        /// A pair of `key` and `value`.
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The pairs in their stored order.
    public var entries: [Entry]

    /// Metadata holding `entries` in order.
    public init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    /// Metadata holding the literal's pairs in order, e.g. `["unit": "m", "source": "sensor"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.entries = elements.map { Entry(key: $0.0, value: $0.1) }
    }

    /// The position of the first pair.
    public var startIndex: Int { entries.startIndex }
    /// The position after the last pair.
    public var endIndex: Int { entries.endIndex }
    /// The pair at `position`.
    public subscript(position: Int) -> Entry { entries[position] }

    /// The first value stored under `key`, or `nil`.
    public subscript(key: String) -> String? {
        entries.first(where: { $0.key == key })?.value
    }

    /// Appends a pair, keeping any earlier pair with the same key.
    public mutating func append(key: String, value: String) {
        entries.append(Entry(key: key, value: value))
    }
}
