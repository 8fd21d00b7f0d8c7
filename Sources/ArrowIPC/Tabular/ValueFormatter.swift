/// Formats single values of an array as text for people and CSV, or as JSON, in the forms
/// ``ArrowValue``'s `description` and `json` describe (`2020-01-31`, `[1, 2, null]`,
/// `{a: 1, b: "x"}`, NaN as `null` in JSON, …).
///
/// Slots are read through the library's one checked slot reader, so a malformed array
/// (offsets past the data, dictionary indices past the dictionary, unknown union type ids)
/// throws ``ArrowError/invalidData(_:)``. Nested values are written as they are read, so a
/// value whose text passes the length limit stops there instead of being built whole.
public enum ValueFormatter {
    /// The most bytes one value is written as (256 MiB): a list of billions of elements,
    /// which a small file can declare, is refused rather than built.
    public static let maximumLength = 1 << 28

    /// The text of slot `index`, or `nil` when the value is null. With `truncatingAt`, text
    /// longer than that many bytes is cut there (at a character boundary) and ends in `…`;
    /// without it, a value longer than ``maximumLength`` is an error.
    public static func text(_ data: ArrayData, at index: Int, truncatingAt cut: Int? = nil) throws -> String? {
        if try isNull(data, at: index) { return nil }
        var out = ""
        do {
            try append(data, index, .text, limit: cut ?? maximumLength, to: &out)
        } catch is TooLong {
            guard let cut else { throw TooLong.error(index) }
            var shortened = ""
            for character in out {
                if shortened.utf8.count + character.utf8.count > cut { break }
                shortened.append(character)
            }
            return shortened + "…"
        }
        return out
    }

    /// The JSON text of slot `index` (`null` when the value is null).
    public static func json(_ data: ArrayData, at index: Int) throws -> String {
        var out = ""
        try appendJSON(data, index, to: &out)
        return out
    }

    /// Appends the JSON text of slot `index` to `out`; a value longer than ``maximumLength``
    /// is an error.
    static func appendJSON(_ data: ArrayData, _ index: Int, to out: inout String) throws {
        do {
            try append(data, index, .json, limit: out.utf8.count + maximumLength, to: &out)
        } catch is TooLong {
            throw TooLong.error(index)
        }
    }

    /// Thrown inside the formatter when a value's text passes its limit.
    struct TooLong: Error {
        static func error(_ index: Int) -> ArrowError {
            ArrowError.notSupported("the value in slot \(index) is longer than \(maximumLength) bytes when written out")
        }
    }

    /// Whether the value at slot `index` is null, looking through dictionaries, unions and
    /// run-end encoding to the value itself.
    public static func isNull(_ data: ArrayData, at index: Int) throws -> Bool {
        try data.isNullValue(at: index)
    }

    /// Appends the value at slot `index` of `data` to `out` in `style`; nulls as `null`.
    /// Lists, structs and maps are written item by item, stopping once `out` passes `limit`;
    /// other values are read as an ``ArrowValue`` and written as its text.
    static func append(_ data: ArrayData, _ index: Int, _ style: ValueTextStyle, limit: Int, to out: inout String) throws {
        guard let (node, index) = try data.valueSlot(at: index) else {
            out += "null"
            return
        }
        switch node.type {
        case .list, .largeList, .listView, .largeListView, .fixedSizeList:
            let slot = try node.checkedSlot(index)
            let child = try node.checkedChild(0)
            let range = try node.childRange(slot: slot)
            out += "["
            for element in range {
                guard out.utf8.count <= limit else { throw TooLong() }
                if element != range.lowerBound { out += style.separator }
                try append(child, element, style.inner, limit: limit, to: &out)
            }
            out += "]"
        case .struct(let fields):
            let slot = try node.checkedSlot(index)
            out += "{"
            for (position, field) in fields.enumerated() {
                if position > 0 { out += style.separator }
                ArrowValue.appendFieldName(field.name, style, to: &out)
                try append(try node.checkedChild(position), slot, style.inner, limit: limit, to: &out)
            }
            out += "}"
        case .map:
            let slot = try node.checkedSlot(index)
            let entries = try node.checkedChild(0)
            let keys = try entries.checkedChild(0)
            let values = try entries.checkedChild(1)
            let range = try node.childRange(slot: slot)
            ArrowValue.appendMapStart(style, to: &out)
            for entry in range {
                guard out.utf8.count <= limit else { throw TooLong() }
                if entry != range.lowerBound { out += style.separator }
                let position = try entries.checkedSlot(entry)
                try ArrowValue.appendMapEntry(
                    style, to: &out,
                    key: { try append(keys, position, style.inner, limit: limit, to: &$0) },
                    value: { try append(values, position, style.inner, limit: limit, to: &$0) })
            }
            ArrowValue.appendMapEnd(style, to: &out)
        case .extension(_, let storage, _) where !node.type.hasValuesOfItsOwn:
            try append(node.viewed(as: storage), index, style, limit: limit, to: &out)
        default:
            var budget = 1
            try node.storedValue(at: index, budget: &budget).appendText(style, to: &out)
        }
    }
}
