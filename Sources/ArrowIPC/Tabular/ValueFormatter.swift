/// Formats single values of an array as text for people and CSV, or as JSON.
///
/// Text (``text(_:at:)``):
/// - booleans `true`/`false`; integers in decimal; floats in Swift's shortest round-trip form
///   (`1.0`, `0.1`, `1e-07`, `nan`, `inf`, `-inf`); decimals exactly, as ``DecimalText`` writes them (`-123.45`);
/// - dates, times, timestamps, durations and intervals as ``TemporalText`` describes
///   (`2020-01-31`, `12:34:56.123`, `2020-01-01 00:00:00.123456`, zone-aware ones as the UTC
///   instant with a `Z` suffix, `1500 ms`, `1M2d3000000ns`);
/// - strings as they are (invalid UTF-8 repaired with U+FFFD); binary and fixed-size binary as
///   lowercase hexadecimal (`00ff`);
/// - lists `[1, 2, null]`, structs `{a: 1, b: "x"}`, maps `{"k1": 1, "k2": null}`; inside
///   these, strings are quoted and escaped as JSON strings;
/// - dictionary-encoded values as the dictionary value, unions as the chosen child's value,
///   run-end encoded arrays as the run's value, extension types as their storage, except
///   `arrow.uuid` as `01234567-89ab-cdef-0123-456789abcdef` and `arrow.bool8` as `true`/`false`
///   (in JSON too).
///
/// JSON (``json(_:at:)``): `null`, booleans, integers and finite floats as JSON numbers (NaN and
/// infinities as `null`); decimals, dates, times, timestamps, durations and intervals as JSON
/// strings of their text; strings escaped (control characters as `\n` or `\u00XX`, non-ASCII
/// kept as UTF-8); binary as a string of lowercase hex; lists as arrays; structs as objects;
/// maps as arrays of `{"key": …, "value": …}` objects (map keys need not be strings).
///
/// Every read is bounds-checked: malformed arrays (offsets past the data, dictionary indices
/// past the dictionary, unknown union type ids) throw ``ArrowError/invalidData(_:)``.
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
        let slot = try data.checkedSlot(index)
        if try validityIsNull(data, slot) { return true }
        switch data.type {
        case .union:
            let (child, childIndex) = try unionMember(data, slot: slot)
            return try isNull(child, at: childIndex)
        case .dictionary(let indexType, _, _):
            let (dictionary, key) = try dictionaryEntry(data, slot: slot, indexType: indexType)
            return try isNull(dictionary, at: key)
        case .runEndEncoded:
            let (values, run) = try runValue(data, slot: slot)
            return try isNull(values, at: run)
        case .extension(_, let storage, _):
            return try isNull(data.viewed(as: storage), at: index)
        default:
            return false
        }
    }

    /// How a value is written.
    enum Style {
        /// Text of a top-level cell: strings as they are.
        case text
        /// Text inside a list, struct or map: strings quoted.
        case nested
        /// JSON.
        case json
    }

    /// Appends the value at slot `index` of `data` to `out` in `style`; nulls as `null`.
    static func append(_ data: ArrayData, _ index: Int, _ style: Style, limit: Int, to out: inout String) throws {
        let slot = try data.checkedSlot(index)
        if try validityIsNull(data, slot) {
            out += "null"
            return
        }
        switch data.type {
        case .null:
            out += "null"
        case .boolean:
            out += try data.checkedBit(buffer: 0, slot: slot) ? "true" : "false"
        case .int8: out += String(try data.checkedLoad(Int8.self, buffer: 0, element: slot))
        case .int16: out += String(try data.checkedLoad(Int16.self, buffer: 0, element: slot))
        case .int32: out += String(try data.checkedLoad(Int32.self, buffer: 0, element: slot))
        case .int64: out += String(try data.checkedLoad(Int64.self, buffer: 0, element: slot))
        case .uint8: out += String(try data.checkedLoad(UInt8.self, buffer: 0, element: slot))
        case .uint16: out += String(try data.checkedLoad(UInt16.self, buffer: 0, element: slot))
        case .uint32: out += String(try data.checkedLoad(UInt32.self, buffer: 0, element: slot))
        case .uint64: out += String(try data.checkedLoad(UInt64.self, buffer: 0, element: slot))
        case .float16:
            let bits = try data.checkedLoad(UInt16.self, buffer: 0, element: slot)
            appendFloat(half: bits, style, to: &out)
        case .float32:
            let value = try data.checkedLoad(Float.self, buffer: 0, element: slot)
            out += style == .json && !value.isFinite ? "null" : value.description
        case .float64:
            let value = try data.checkedLoad(Double.self, buffer: 0, element: slot)
            out += style == .json && !value.isFinite ? "null" : value.description
        case .decimal32(_, let scale): appendQuoted(try decimalText(data, slot, width: 4, scale: scale), style, to: &out)
        case .decimal64(_, let scale): appendQuoted(try decimalText(data, slot, width: 8, scale: scale), style, to: &out)
        case .decimal128(_, let scale): appendQuoted(try decimalText(data, slot, width: 16, scale: scale), style, to: &out)
        case .decimal256(_, let scale): appendQuoted(try decimalText(data, slot, width: 32, scale: scale), style, to: &out)
        case .date32:
            let days = try data.checkedLoad(Int32.self, buffer: 0, element: slot)
            appendQuoted(TemporalText.date(days: Int64(days)), style, to: &out)
        case .date64:
            let milliseconds = try data.checkedLoad(Int64.self, buffer: 0, element: slot)
            appendQuoted(TemporalText.date(milliseconds: milliseconds), style, to: &out)
        case .time32(let unit):
            let value = try data.checkedLoad(Int32.self, buffer: 0, element: slot)
            appendQuoted(TemporalText.time(Int64(value), unit: unit), style, to: &out)
        case .time64(let unit):
            let value = try data.checkedLoad(Int64.self, buffer: 0, element: slot)
            appendQuoted(TemporalText.time(value, unit: unit), style, to: &out)
        case .timestamp(let unit, let timeZone):
            let value = try data.checkedLoad(Int64.self, buffer: 0, element: slot)
            let zoned = !(timeZone ?? "").isEmpty
            appendQuoted(TemporalText.timestamp(value, unit: unit, zoned: zoned), style, to: &out)
        case .duration(let unit):
            let value = try data.checkedLoad(Int64.self, buffer: 0, element: slot)
            appendQuoted(TemporalText.duration(value, unit: unit), style, to: &out)
        case .interval(let unit):
            appendQuoted(try intervalText(data, slot: slot, unit: unit), style, to: &out)
        case .binary, .largeBinary:
            let range = try data.checkedRange(slot: slot, large: data.type.isLarge)
            let hex = try data.withCheckedBytes(buffer: 1, range: range, JSONText.hex)
            appendQuoted(hex, style, to: &out)
        case .utf8, .largeUtf8:
            let range = try data.checkedRange(slot: slot, large: data.type.isLarge)
            let string = try data.withCheckedBytes(buffer: 1, range: range) { String(decoding: $0, as: UTF8.self) }
            appendString(string, style, to: &out)
        case .binaryView:
            let hex = try withViewBytes(data, slot: slot, JSONText.hex)
            appendQuoted(hex, style, to: &out)
        case .utf8View:
            let string = try withViewBytes(data, slot: slot) { String(decoding: $0, as: UTF8.self) }
            appendString(string, style, to: &out)
        case .fixedSizeBinary(let width):
            let start = try product(slot, width, data)
            let hex = try data.withCheckedBytes(buffer: 0, range: start..<(start + width), JSONText.hex)
            appendQuoted(hex, style, to: &out)
        case .list:
            try appendList(data, elements: try data.checkedRange(slot: slot, large: false), style, limit: limit, to: &out)
        case .largeList:
            try appendList(data, elements: try data.checkedRange(slot: slot, large: true), style, limit: limit, to: &out)
        case .listView:
            try appendList(data, elements: try listViewRange(data, slot: slot, large: false), style, limit: limit, to: &out)
        case .largeListView:
            try appendList(data, elements: try listViewRange(data, slot: slot, large: true), style, limit: limit, to: &out)
        case .fixedSizeList(_, let size):
            let start = try product(slot, size, data)
            try appendList(data, elements: start..<(start + size), style, limit: limit, to: &out)
        case .struct(let fields):
            try appendStruct(data, fields: fields, slot: slot, style, limit: limit, to: &out)
        case .map:
            try appendMap(data, slot: slot, style, limit: limit, to: &out)
        case .union:
            let (child, childIndex) = try unionMember(data, slot: slot)
            try append(child, childIndex, style, limit: limit, to: &out)
        case .dictionary(let indexType, _, _):
            let (dictionary, key) = try dictionaryEntry(data, slot: slot, indexType: indexType)
            try append(dictionary, key, style, limit: limit, to: &out)
        case .runEndEncoded:
            let (values, run) = try runValue(data, slot: slot)
            try append(values, run, style, limit: limit, to: &out)
        case .extension(UUIDType.extensionName, UUIDType.storage, _):
            let start = try product(slot, 16, data)
            let uuid = try data.withCheckedBytes(buffer: 0, range: start..<(start + 16), uuidText)
            appendQuoted(uuid, style, to: &out)
        case .extension(Bool8Type.extensionName, .int8, _):
            out += try data.checkedLoad(Int8.self, buffer: 0, element: slot) != 0 ? "true" : "false"
        case .extension(_, let storage, _):
            try append(data.viewed(as: storage), index, style, limit: limit, to: &out)
        }
    }

    /// 16 bytes as a UUID in its canonical form: lowercase hex digits grouped 8-4-4-4-12.
    private static func uuidText(_ bytes: UnsafeRawBufferPointer) -> String {
        let hex = JSONText.hex(bytes)
        var text = ""
        for (position, digit) in hex.enumerated() {
            if position == 8 || position == 12 || position == 16 || position == 20 { text += "-" }
            text.append(digit)
        }
        return text
    }

    // MARK: - Scalars

    private static func validityIsNull(_ data: ArrayData, _ slot: Int) throws -> Bool {
        switch data.type {
        case .null: return true
        case .union, .runEndEncoded: return false
        default: return try data.checkedValidityIsNull(slot)
        }
    }

    /// Appends `text` as it is, or as a JSON string in JSON.
    private static func appendQuoted(_ text: String, _ style: Style, to out: inout String) {
        if style == .json {
            JSONText.appendString(text, to: &out)
        } else {
            out += text
        }
    }

    /// Appends a string value: as it is at the top level, quoted and escaped elsewhere.
    private static func appendString(_ string: String, _ style: Style, to out: inout String) {
        if style == .text {
            out += string
        } else {
            JSONText.appendString(string, to: &out)
        }
    }

    private static func appendFloat(half bits: UInt16, _ style: Style, to out: inout String) {
        #if (os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64)
        // Float16 does not exist on Intel Macs: widen the bits to a Float (exactly).
        let value = Float(HalfFloat.double(bits))
        #else
        let value = Float16(bitPattern: bits)
        #endif
        out += style == .json && !value.isFinite ? "null" : value.description
    }

    /// The text of the `width`-byte decimal at `slot`, as ``DecimalText`` writes it.
    private static func decimalText(_ data: ArrayData, _ slot: Int, width: Int, scale: Int) throws -> String {
        let start = try product(slot, width, data)
        let words = try data.withCheckedBytes(buffer: 0, range: start..<(start + width), ArrowDecimal.unscaledWords)
        return DecimalText.string(words, scale: scale)
    }

    private static func intervalText(_ data: ArrayData, slot: Int, unit: IntervalUnit) throws -> String {
        switch unit {
        case .yearMonth:
            return String(try data.checkedLoad(Int32.self, buffer: 0, element: slot)) + "M"
        case .dayTime:
            let first = try product(slot, 2, data)
            let days = try data.checkedLoad(Int32.self, buffer: 0, element: first)
            let milliseconds = try data.checkedLoad(Int32.self, buffer: 0, element: first + 1)
            return "\(days)d\(milliseconds)ms"
        case .monthDayNano:
            let first = try product(slot, 4, data)
            let months = try data.checkedLoad(Int32.self, buffer: 0, element: first)
            let days = try data.checkedLoad(Int32.self, buffer: 0, element: first + 1)
            let nanoseconds = try data.checkedLoad(Int64.self, buffer: 0, element: first / 2 + 1)
            return "\(months)M\(days)d\(nanoseconds)ns"
        }
    }

    /// Calls `body` with the bytes of the binary or string view at `slot`: inline for up to 12
    /// bytes, else in the variadic data buffer the view names.
    private static func withViewBytes<R>(
        _ data: ArrayData, slot: Int, _ body: (UnsafeRawBufferPointer) throws -> R
    ) throws -> R {
        let start = try product(slot, 16, data)
        let first = start / 4
        let length = Int(try data.checkedLoad(Int32.self, buffer: 0, element: first))
        guard length >= 0 else {
            throw ArrowError.invalidData("a \(data.type) array has the negative length \(length) at slot \(slot)")
        }
        if length <= 12 {
            return try data.withCheckedBytes(buffer: 0, range: (start + 4)..<(start + 4 + length), body)
        }
        let bufferIndex = Int(try data.checkedLoad(Int32.self, buffer: 0, element: first + 2))
        let offset = Int(try data.checkedLoad(Int32.self, buffer: 0, element: first + 3))
        guard bufferIndex >= 0, offset >= 0 else {
            throw ArrowError.invalidData(
                "a \(data.type) array's view at slot \(slot) names buffer \(bufferIndex) at offset \(offset)")
        }
        return try data.withCheckedBytes(buffer: 1 + bufferIndex, range: offset..<(offset + length), body)
    }

    /// `slot * factor`, throwing instead of overflowing.
    private static func product(_ slot: Int, _ factor: Int, _ data: ArrayData) throws -> Int {
        let (result, overflow) = slot.multipliedReportingOverflow(by: factor)
        guard !overflow, factor >= 0, result <= Int.max - factor else {
            throw ArrowError.invalidData("slot \(slot) of a \(data.type) array is beyond any buffer")
        }
        return result
    }

    // MARK: - Nested values

    /// The child slots `offsets[slot]..<offsets[slot] + sizes[slot]` of a list view.
    private static func listViewRange(_ data: ArrayData, slot: Int, large: Bool) throws -> Range<Int> {
        let start = try data.checkedOffset(buffer: 0, element: slot, large: large)
        let size = try data.checkedOffset(buffer: 1, element: slot, large: large)
        let (end, overflow) = start.addingReportingOverflow(size)
        guard !overflow else {
            throw ArrowError.invalidData("a \(data.type) array's list at slot \(slot) ends past any possible child")
        }
        return start..<end
    }

    private static func appendList(
        _ data: ArrayData, elements: Range<Int>, _ style: Style, limit: Int, to out: inout String
    ) throws {
        let child = try data.checkedChild(0)
        try data.checkChildRange(elements, child: child)
        let separator = style == .json ? "," : ", "
        let inner: Style = style == .json ? .json : .nested
        out += "["
        for element in elements {
            guard out.utf8.count <= limit else { throw TooLong() }
            if element != elements.lowerBound { out += separator }
            try append(child, element, inner, limit: limit, to: &out)
        }
        out += "]"
    }

    private static func appendStruct(
        _ data: ArrayData, fields: [Field], slot: Int, _ style: Style, limit: Int, to out: inout String
    ) throws {
        out += "{"
        for (position, field) in fields.enumerated() {
            if position > 0 { out += style == .json ? "," : ", " }
            if style == .json {
                JSONText.appendString(field.name, to: &out)
                out += ":"
            } else {
                out += field.name + ": "
            }
            try append(try data.checkedChild(position), slot, style == .json ? .json : .nested, limit: limit, to: &out)
        }
        out += "}"
    }

    private static func appendMap(_ data: ArrayData, slot: Int, _ style: Style, limit: Int, to out: inout String) throws {
        let entries = try data.checkedChild(0)
        let range = try data.checkedRange(slot: slot, large: false)
        try data.checkChildRange(range, child: entries)
        let keys = try entries.checkedChild(0)
        let values = try entries.checkedChild(1)
        let inner: Style = style == .json ? .json : .nested
        out += style == .json ? "[" : "{"
        for entry in range {
            guard out.utf8.count <= limit else { throw TooLong() }
            let position = try entries.checkedSlot(entry)
            if style == .json {
                out += entry == range.lowerBound ? "{\"key\":" : ",{\"key\":"
                try append(keys, position, inner, limit: limit, to: &out)
                out += ",\"value\":"
                try append(values, position, inner, limit: limit, to: &out)
                out += "}"
            } else {
                if entry != range.lowerBound { out += ", " }
                try append(keys, position, inner, limit: limit, to: &out)
                out += ": "
                try append(values, position, inner, limit: limit, to: &out)
            }
        }
        out += style == .json ? "]" : "}"
    }

    /// The child array and its slot holding a union's value at `slot`.
    private static func unionMember(_ data: ArrayData, slot: Int) throws -> (ArrayData, Int) {
        guard case .union(let mode, _, let typeIds) = data.type else {
            throw ArrowError.invalidArgument("a \(data.type) array is not a union")
        }
        let typeId = try data.checkedLoad(Int8.self, buffer: 0, element: slot)
        guard let childIndex = typeIds.firstIndex(of: Int32(typeId)) else {
            throw ArrowError.invalidData("a union array has the unknown type id \(typeId) at slot \(slot)")
        }
        let child = try data.checkedChild(childIndex)
        switch mode {
        case .sparse:
            return (child, slot)
        case .dense:
            let offset = Int(try data.checkedLoad(Int32.self, buffer: 1, element: slot))
            guard offset >= 0 else {
                throw ArrowError.invalidData("a dense union array has the negative offset \(offset) at slot \(slot)")
            }
            return (child, offset)
        }
    }

    /// The dictionary and the key of a dictionary-encoded array's value at `slot`.
    private static func dictionaryEntry(_ data: ArrayData, slot: Int, indexType: DataType) throws -> (ArrayData, Int) {
        guard let dictionary = data.dictionary else {
            throw ArrowError.invalidData("a dictionary-encoded array has no dictionary")
        }
        let key = try data.checkedInteger(indexType, buffer: 0, element: slot)
        guard key >= 0, key < dictionary.length else {
            throw ArrowError.invalidData(
                "dictionary index \(key) at slot \(slot) is outside a dictionary of \(dictionary.length) values")
        }
        return (dictionary, key)
    }

    /// The values child and the run holding a run-end encoded array's value at `slot`.
    private static func runValue(_ data: ArrayData, slot: Int) throws -> (ArrayData, Int) {
        let runEnds = try data.checkedChild(0)
        let values = try data.checkedChild(1)
        // The first run whose end lies beyond the slot.
        var low = 0
        var high = runEnds.length
        while low < high {
            let middle = low + (high - low) / 2
            if try runEnds.checkedInteger(runEnds.type, buffer: 0, element: try runEnds.checkedSlot(middle)) > slot {
                high = middle
            } else {
                low = middle + 1
            }
        }
        guard low < runEnds.length else {
            throw ArrowError.invalidData("slot \(slot) of a run-end encoded array lies beyond its last run")
        }
        return (values, low)
    }
}
