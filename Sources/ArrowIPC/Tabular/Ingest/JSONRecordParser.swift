import Foundation

/// Reads the records of JSON text (RFC 8259) from a ``TextBuffer`` as ``ArrowValue``s,
/// counting lines and columns for errors: objects become ``ArrowValue/struct(_:)`` records
/// (a repeated key keeps its last value, as most JSON readers do), arrays
/// ``ArrowValue/list(_:)``, strings ``ArrowValue/string(_:)``, numbers `int` (`uint` past
/// `Int64.max`, `double` past `UInt64.max`) or `double` when written with a point or an
/// exponent, and `true`, `false`, `null`.
///
/// Strings must be UTF-8 without control characters; a `\u` escape of half a surrogate pair
/// must have its other half. Objects and arrays nest at most
/// ``ArrayData/maximumNestingDepth`` deep, and a record may have at most the options'
/// maximum size, so that no input makes the parser recurse or allocate without bound.
struct JSONRecordParser {
    private let buffer: TextBuffer
    private let layout: JSONReadOptions.Layout
    private let maximumRecordSize: Int
    private var position = 0
    /// The current line (1-based), and where it starts, counted from the input's first byte.
    private(set) var line = 1
    private var lineStart = 0
    /// Where the record being read starts in the buffer.
    private var recordStart = 0
    private var recordLine = 1
    /// Whether the parser is between records, where what it has read can be dropped.
    private var betweenRecords = true
    /// For ``JSONReadOptions/Layout/array``: whether the opening `[` and closing `]` were read.
    private var arrayOpened = false
    private var arrayClosed = false

    /// The bytes of the input read so far.
    var consumedCount: Int { buffer.discardedCount + position }

    init(buffer: TextBuffer, options: JSONReadOptions) {
        self.buffer = buffer
        layout = options.layout
        maximumRecordSize = options.maximumRecordSize
    }

    /// A record: its keys and values in order (each key once) and the line it starts on.
    struct Record {
        var names: [String]
        var values: [ArrowValue]
        var line: Int
    }

    /// The next record, or `nil` after the last.
    mutating func next() throws -> Record? {
        // Drop what was read once it fills half the buffer (not after each record: the rest
        // would be moved each time).
        if position > buffer.capacity / 2 {
            buffer.discard(upTo: position)
            position = 0
        }
        recordStart = position
        betweenRecords = true
        switch layout {
        case .lines:
            try skipWhitespace()
            guard let byte = try peek() else { return nil }
            betweenRecords = false
            recordStart = position
            guard byte == UInt8(ascii: "{") else {
                throw error("expected an object ('{') at the start of a record, found \(describe(byte))")
            }
            let record = try readRecord()
            while let byte = try peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { position += 1 }
            if let byte = try peek(), byte != 0x0A, byte != 0x0D {
                throw error("expected the end of the line after a record (JSON Lines has one object per line), found \(describe(byte))")
            }
            return record
        case .array:
            if arrayClosed { return nil }
            try skipWhitespace()
            if !arrayOpened {
                guard try peek() == UInt8(ascii: "[") else {
                    throw error("expected '[' at the start of a JSON document holding an array of objects, found \(describe(try peek()))")
                }
                position += 1
                arrayOpened = true
                try skipWhitespace()
                if try peek() == UInt8(ascii: "]") { return try closeArray() }
            } else {
                switch try peek() {
                case UInt8(ascii: ","):
                    position += 1
                    try skipWhitespace()
                case UInt8(ascii: "]"):
                    return try closeArray()
                case let byte:
                    throw error("expected ',' or ']' after a record of the array, found \(describe(byte))")
                }
            }
            betweenRecords = false
            recordStart = position
            guard try peek() == UInt8(ascii: "{") else {
                throw error("expected an object ('{') as the array's next record, found \(describe(try peek()))")
            }
            return try readRecord()
        }
    }

    /// Reads the closing `]` and checks that only white space follows.
    private mutating func closeArray() throws -> Record? {
        position += 1
        arrayClosed = true
        try skipWhitespace()
        if let byte = try peek() {
            throw error("expected the end of the input after the array, found \(describe(byte))")
        }
        return nil
    }

    private mutating func readRecord() throws -> Record {
        recordLine = line
        let (names, values) = try readObject(depth: 1)
        guard position - recordStart <= maximumRecordSize else { throw recordTooLong() }
        return Record(names: names, values: values, line: recordLine)
    }

    private func recordTooLong() -> ArrowError {
        ArrowError.text(
            line: recordLine, "a record longer than \(maximumRecordSize) bytes (the most a record may have): is a string not closed?")
    }

    // MARK: - Values

    private mutating func readValue(depth: Int) throws -> ArrowValue {
        guard let byte = try peek() else { throw error("expected a value, found the end of the input") }
        switch byte {
        case UInt8(ascii: "{"):
            let (names, values) = try readObject(depth: depth + 1)
            return .struct(ArrowRecord(checkedNames: names, values: values))
        case UInt8(ascii: "["):
            return .list(try readArray(depth: depth + 1))
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try readNumber()
        default:
            throw error("expected a value, found \(describe(byte))")
        }
    }

    /// The object at ``position`` (its `{`): keys in order of first appearance, each with
    /// its last value.
    private mutating func readObject(depth: Int) throws -> ([String], [ArrowValue]) {
        try checkDepth(depth)
        position += 1
        var names: [String] = []
        var values: [ArrowValue] = []
        /// Positions by key, made once an object has many keys (so repeated keys are found
        /// without scanning every key before).
        var positions: [String: Int]?
        try skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            position += 1
            return (names, values)
        }
        while true {
            guard let byte = try peek(), byte == UInt8(ascii: "\"") else {
                throw error("expected a key (a string in double quotes) in an object, found \(describe(try peek()))")
            }
            let key = try readString()
            try skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else {
                throw error("expected ':' after a key in an object, found \(describe(try peek()))")
            }
            position += 1
            try skipWhitespace()
            let value = try readValue(depth: depth)
            if positions == nil && names.count >= 16 {
                positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            }
            if let existing = positions.map({ $0[key] }) ?? names.firstIndex(of: key) {
                values[existing] = value
            } else {
                guard names.count < JSONReadOptions.maximumKeyCount else {
                    throw error("an object with more than \(JSONReadOptions.maximumKeyCount) keys, the most one may have")
                }
                positions?[key] = names.count
                names.append(key)
                values.append(value)
            }
            try skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","):
                position += 1
                try skipWhitespace()
            case UInt8(ascii: "}"):
                position += 1
                return (names, values)
            case let byte:
                throw error("expected ',' or '}' after a value in an object, found \(describe(byte))")
            }
        }
    }

    private mutating func readArray(depth: Int) throws -> [ArrowValue] {
        try checkDepth(depth)
        position += 1
        var items: [ArrowValue] = []
        try skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            position += 1
            return items
        }
        while true {
            items.append(try readValue(depth: depth))
            try skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","):
                position += 1
                try skipWhitespace()
            case UInt8(ascii: "]"):
                position += 1
                return items
            case let byte:
                throw error("expected ',' or ']' after a value in an array, found \(describe(byte))")
            }
        }
    }

    private func checkDepth(_ depth: Int) throws {
        guard depth <= ArrayData.maximumNestingDepth else {
            throw error("objects and arrays nested more than \(ArrayData.maximumNestingDepth) deep")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws {
        let start = position
        for index in 0..<word.utf8CodeUnitCount {
            guard try peek() == word.utf8Start[index] else {
                position = start
                throw error("expected a value, found \(describe(try peek()))")
            }
            position += 1
        }
    }

    /// A number as JSON writes them: `-`, then `0` or digits not starting with 0, then
    /// optionally `.` and digits, then optionally `e` or `E`, a sign and digits.
    private mutating func readNumber() throws -> ArrowValue {
        let start = position
        var isInteger = true
        if try peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = try peek(), first &- UInt8(ascii: "0") < 10 else {
            throw error("expected a digit in a number, found \(describe(try peek()))")
        }
        position += 1
        if first != UInt8(ascii: "0") { try skipDigits() }
        if try peek() == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            try requireDigits()
        }
        if let byte = try peek(), byte | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if let sign = try peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            try requireDigits()
        }
        let text = UnsafeRawBufferPointer(start: buffer.bytes + start, count: position - start)
        if isInteger {
            if let value = NumberText.integer(text, as: Int64.self) { return .int(value) }
            if let value = NumberText.integer(text, as: UInt64.self) { return .uint(value) }
        }
        return .double(NumberText.double(text) ?? .nan)
    }

    private mutating func skipDigits() throws {
        while let byte = try peek(), byte &- UInt8(ascii: "0") < 10 { position += 1 }
    }

    private mutating func requireDigits() throws {
        guard let byte = try peek(), byte &- UInt8(ascii: "0") < 10 else {
            throw error("expected a digit in a number, found \(describe(try peek()))")
        }
        try skipDigits()
    }

    /// The string at ``position`` (its opening quote), escapes undone.
    private mutating func readString() throws -> String {
        let opening = position
        position += 1
        var decoded: [UInt8]?
        var runStart = position
        while true {
            guard let byte = try peek() else {
                position = opening
                throw error("a string is not closed: the input ends inside it")
            }
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 {
                throw error(String(format: "a control character (0x%02x) in a string (write it as an escape: \\n, \\t, \\u00XX)", byte))
            }
            guard byte == UInt8(ascii: "\\") else {
                position += 1
                continue
            }
            if decoded == nil { decoded = [] }
            decoded?.append(contentsOf: UnsafeBufferPointer(start: buffer.bytes + runStart, count: position - runStart))
            position += 1
            try readEscape(into: &decoded)
            runStart = position
        }
        // Escapes are ASCII, so the raw bytes are UTF-8 exactly when the string is.
        let raw = UnsafeRawBufferPointer(start: buffer.bytes + opening + 1, count: position - opening - 1)
        if let bad = UTF8Validation.firstInvalidByte(raw) {
            position = opening + 1 + bad
            throw error(String(format: "invalid UTF-8 in a string (the byte 0x%02x)", buffer.bytes[position]))
        }
        let tail = UnsafeBufferPointer(start: buffer.bytes + runStart, count: position - runStart)
        position += 1
        guard var decoded else { return String(decoding: tail, as: UTF8.self) }
        decoded.append(contentsOf: tail)
        return String(decoding: decoded, as: UTF8.self)
    }

    /// The escape after a backslash, appended to `decoded` as UTF-8.
    private mutating func readEscape(into decoded: inout [UInt8]?) throws {
        guard let byte = try peek() else { throw error("a string is not closed: the input ends inside it") }
        let simple: UInt8? = switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): byte
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
        if let simple {
            position += 1
            decoded?.append(simple)
            return
        }
        guard byte == UInt8(ascii: "u") else {
            throw error("an unknown escape '\\\(describeCharacter(byte))' in a string")
        }
        position += 1
        var scalar = try readHex4()
        if scalar >= 0xD800 && scalar < 0xDC00 {
            guard try peek() == UInt8(ascii: "\\") else { throw error("half a surrogate pair in a \\u escape, without its low half") }
            position += 1
            guard try peek() == UInt8(ascii: "u") else { throw error("half a surrogate pair in a \\u escape, without its low half") }
            position += 1
            let low = try readHex4()
            guard low >= 0xDC00 && low < 0xE000 else { throw error("half a surrogate pair in a \\u escape, without its low half") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if scalar >= 0xDC00 && scalar < 0xE000 {
            throw error("the low half of a surrogate pair in a \\u escape, without its high half")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw error("a \\u escape that is not a character") }
        decoded?.append(contentsOf: Array(String(Character(unicode)).utf8))
    }

    private mutating func readHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = try peek() else { throw error("a string is not closed: the input ends inside it") }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("expected four hex digits after \\u, found \(describe(byte))")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    // MARK: - Bytes

    /// The byte at ``position``, reading more input when needed; `nil` at the end.
    @inline(__always)
    private mutating func peek() throws -> UInt8? {
        if position < buffer.count { return buffer.bytes[position] }
        return try readMore() ? buffer.bytes[position] : nil
    }

    private mutating func readMore() throws -> Bool {
        if betweenRecords {
            buffer.discard(upTo: position)
            position = 0
            recordStart = 0
        }
        while position >= buffer.count {
            switch try buffer.readMore(limit: recordStart + maximumRecordSize) {
            case .read: continue
            case .ended: return false
            case .full:
                throw recordTooLong()
            }
        }
        return true
    }

    /// Skips white space (space, tab, line breaks), counting lines.
    private mutating func skipWhitespace() throws {
        while let byte = try peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                position += 1
            case 0x0A:
                position += 1
                line += 1
                lineStart = buffer.discardedCount + position
            case 0x0D:
                position += 1
                if try peek() != 0x0A {
                    line += 1
                    lineStart = buffer.discardedCount + position
                }
            default:
                return
            }
        }
    }

    // MARK: - Errors

    /// The error `reason` at ``position``: its line, and its character in the line.
    private func error(_ reason: String) -> ArrowError {
        let here = buffer.discardedCount + position
        let column: Int
        if lineStart >= buffer.discardedCount {
            var characters = 0
            for offset in (lineStart - buffer.discardedCount)..<position where buffer.bytes[offset] & 0xC0 != 0x80 { characters += 1 }
            column = characters + 1
        } else {
            column = here - lineStart + 1
        }
        return ArrowError.text(line: line, column: column, reason)
    }

    /// `byte` for a message: `'x'`, `'\u{7}'`, or "the end of the input" for `nil`.
    private func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "the end of the input" }
        if byte == 0x0A || byte == 0x0D { return "a line break" }
        return "'\(describeCharacter(byte))'"
    }

    private func describeCharacter(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : String(format: "\\x%02x", byte)
    }
}
