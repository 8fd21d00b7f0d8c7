import Foundation

/// How a value is written as text.
enum ValueTextStyle {
    /// Text of a top-level cell, for people and CSV: strings as they are.
    case text
    /// Text inside a list, struct or map: strings quoted and escaped as JSON strings.
    case nested
    /// JSON.
    case json

    /// The style of the values inside a list, struct or map written in this style.
    var inner: ValueTextStyle { self == .json ? .json : .nested }

    /// What separates the items of a list, struct or map.
    var separator: String { self == .json ? "," : ", " }
}

/// Text for people (`description`) and JSON, one definition per kind of value:
///
/// - booleans `true`/`false`; integers in decimal; floats in Swift's shortest round-trip form
///   (`1.0`, `0.1`, `1e-07`, `nan`, `inf`, `-inf`); decimals exactly (`-123.45`);
/// - dates, times, timestamps, durations and intervals as `TemporalText` writes them
///   (`2020-01-31`, `12:34:56.123`, `2020-01-01 00:00:00.123456`, zone-aware timestamps as the
///   wall time in their zone and its offset, `2024-03-01 09:30:00.000-05:00`, or `Z` in `UTC`,
///   `1500 ms`, `1M2d3000000ns`);
/// - strings as they are at the top level, quoted and escaped inside nested values; binary
///   as lowercase hexadecimal (`00ff`); UUIDs as `01234567-89ab-cdef-0123-456789abcdef`;
/// - lists `[1, 2, null]`, structs `{a: 1, b: "x"}`, maps `{"k1": 1, "k2": null}`.
///
/// In JSON: `null`, booleans, integers and finite floats as JSON numbers (NaN and infinities
/// as `null`); decimals, temporal values, binary and UUIDs as JSON strings of their text;
/// lists as arrays; structs as objects; maps as arrays of `{"key": …, "value": …}` objects.
extension ArrowValue: CustomStringConvertible {
    /// The value as text for people: the form `arrow-ipc cat` prints.
    public var description: String {
        var out = ""
        appendText(.text, to: &out)
        return out
    }

    /// The value as JSON text.
    public var json: String {
        var out = ""
        appendText(.json, to: &out)
        return out
    }

    /// Appends the value's text in `style` to `out`.
    func appendText(_ style: ValueTextStyle, to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .uint(let value): out += String(value)
        case .float16(let value):
            #if (os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64)
            Self.appendFloat(value, style, to: &out)
            #else
            Self.appendFloat(Float16(value), style, to: &out)
            #endif
        case .float(let value): Self.appendFloat(value, style, to: &out)
        case .double(let value): Self.appendFloat(value, style, to: &out)
        case .decimal(let value): Self.appendQuoted(value.description, style, to: &out)
        case .string(let value):
            if style == .text { out += value } else { JSONText.appendString(value, to: &out) }
        case .binary(let bytes): Self.appendQuoted(bytes.withUnsafeBytes(JSONText.hex), style, to: &out)
        case .date32(let days): Self.appendQuoted(TemporalText.date(days: Int64(days)), style, to: &out)
        case .date64(let milliseconds): Self.appendQuoted(TemporalText.date(milliseconds: milliseconds), style, to: &out)
        case .time(let value, let unit): Self.appendQuoted(TemporalText.time(value, unit: unit), style, to: &out)
        case .timestamp(let value, let unit, let timeZone):
            Self.appendQuoted(TemporalText.timestamp(value, unit: unit, timeZone: timeZone), style, to: &out)
        case .duration(let value, let unit): Self.appendQuoted(TemporalText.duration(value, unit: unit), style, to: &out)
        case .yearMonthInterval(let months): Self.appendQuoted("\(months)M", style, to: &out)
        case .dayTimeInterval(let value):
            Self.appendQuoted("\(value.days)d\(value.milliseconds)ms", style, to: &out)
        case .monthDayNanoInterval(let value):
            Self.appendQuoted("\(value.months)M\(value.days)d\(value.nanoseconds)ns", style, to: &out)
        case .uuid(let uuid): Self.appendQuoted(uuid.uuidString.lowercased(), style, to: &out)
        case .list(let items):
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += style.separator }
                item.appendText(style.inner, to: &out)
            }
            out += "]"
        case .struct(let record):
            out += "{"
            for position in record.indices {
                if position > 0 { out += style.separator }
                Self.appendFieldName(record.names[position], style, to: &out)
                record.values[position].appendText(style.inner, to: &out)
            }
            out += "}"
        case .map(let entries):
            Self.appendMapStart(style, to: &out)
            for (position, entry) in entries.enumerated() {
                if position > 0 { out += style.separator }
                Self.appendMapEntry(style, to: &out, key: { entry.key.appendText(style.inner, to: &$0) },
                                    value: { entry.value.appendText(style.inner, to: &$0) })
            }
            Self.appendMapEnd(style, to: &out)
        }
    }

    /// Appends `text` as it is, or as a JSON string in JSON.
    static func appendQuoted(_ text: String, _ style: ValueTextStyle, to out: inout String) {
        if style == .json {
            JSONText.appendString(text, to: &out)
        } else {
            out += text
        }
    }

    /// Appends a float in its shortest round-trip form; in JSON, NaN and infinities as `null`.
    static func appendFloat<F: BinaryFloatingPoint & CustomStringConvertible>(
        _ value: F, _ style: ValueTextStyle, to out: inout String
    ) {
        out += style == .json && !value.isFinite ? "null" : value.description
    }

    /// Appends a struct field's name and what follows it: `name: ` or `"name":`.
    static func appendFieldName(_ name: String, _ style: ValueTextStyle, to out: inout String) {
        if style == .json {
            JSONText.appendString(name, to: &out)
            out += ":"
        } else {
            out += name + ": "
        }
    }

    /// Opens a map: `{` in text, `[` in JSON.
    static func appendMapStart(_ style: ValueTextStyle, to out: inout String) {
        out += style == .json ? "[" : "{"
    }

    /// Closes a map: `}` in text, `]` in JSON.
    static func appendMapEnd(_ style: ValueTextStyle, to out: inout String) {
        out += style == .json ? "]" : "}"
    }

    /// Appends one map entry: `key: value` in text, `{"key":key,"value":value}` in JSON.
    static func appendMapEntry(
        _ style: ValueTextStyle, to out: inout String,
        key: (inout String) throws -> Void, value: (inout String) throws -> Void
    ) rethrows {
        if style == .json {
            out += "{\"key\":"
            try key(&out)
            out += ",\"value\":"
            try value(&out)
            out += "}"
        } else {
            try key(&out)
            out += ": "
            try value(&out)
        }
    }
}
