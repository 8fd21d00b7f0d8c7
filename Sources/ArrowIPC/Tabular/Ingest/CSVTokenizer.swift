#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits CSV text (RFC 4180) into records and fields, in place: fields separated by the
/// delimiter; records ended by LF, CRLF or CR; a field that starts with `"` is quoted, may
/// hold delimiters, line breaks and doubled quotes (`""` for `"`), and must end at a
/// delimiter or the end of its record after its closing quote. A quote inside an unquoted
/// field is kept as it is.
struct CSVTokenizer {
    private let delimiter: UInt8
    /// The delimiter in every byte of a word, for finding it eight bytes at a time.
    private let delimiterWord: UInt64
    /// The null spellings (unquoted), by length: bit `n` of `nullLengths` is set when one
    /// has `n` bytes (lengths above 63 are checked through the list).
    private let nullValues: [[UInt8]]
    private let nullLengths: UInt64
    private let hasLongNull: Bool

    init(delimiter: UInt8, nullValues: [String]) {
        self.delimiter = delimiter
        delimiterWord = UInt64(delimiter) &* 0x0101_0101_0101_0101
        self.nullValues = nullValues.map { Array($0.utf8) }
        var lengths: UInt64 = 0
        var long = false
        for value in self.nullValues {
            if value.count < 64 { lengths |= 1 << UInt64(value.count) } else { long = true }
        }
        nullLengths = lengths
        hasLongNull = long
    }

    /// A record with a field past the column limit: where that field starts.
    struct TooManyFields: Error {
        let line: Int
        let column: Int
    }

    /// How reading one record ended.
    enum Outcome {
        /// A record was read; the next starts at `next`. `blank` when it was an empty line.
        case record(next: Int, blank: Bool)
        /// The record runs past the bytes that have arrived: read more and try again.
        case needsMore
        /// No record: the input has ended.
        case endOfInput
    }

    /// Reads the record at `start` of `bytes[0..<count]` (`bytes[count]` is writable),
    /// appending its fields to `fields` and counting its line breaks in `line`; `atEnd` says
    /// whether the input ends at `count`. On ``Outcome/needsMore`` the caller forgets the
    /// fields appended and restores `line`. A record with more fields than `fields`' column
    /// count (once the first record set it) throws.
    @inline(__always)
    func readRecord(
        _ bytes: UnsafeMutablePointer<UInt8>, count: Int, from start: Int, atEnd: Bool,
        line: inout Int, into fields: inout CSVFields
    ) throws -> Outcome {
        // A record may not have more fields than the first (or the most any may have): one
        // of millions of delimiters ends here, not after its fields are stored.
        let fieldLimit = fields.columnCount > 0 ? fields.columnCount : CSVReadOptions.maximumColumnCount
        if start >= count { return atEnd ? .endOfInput : .needsMore }
        // A sentinel: every unquoted field ends by `count` at the latest.
        bytes[count] = 0x0A
        var position = start
        var fieldNumber = 0
        let firstLine = line
        while true {
            fieldNumber += 1
            if fieldNumber > fieldLimit { throw TooManyFields(line: line, column: fieldNumber) }
            if bytes[position] == UInt8(ascii: "\"") {
                // A quoted field: up to a quote that is not doubled.
                let contentStart = position + 1
                var scan = contentStart
                var escaped = false
                while true {
                    guard let quote = Self.find(UInt8(ascii: "\""), in: bytes, from: scan, to: count) else {
                        guard atEnd else { return .needsMore }
                        throw ArrowError.text(
                            line: firstLine + Self.lineBreaks(bytes, from: start, to: position), column: fieldNumber,
                            "a quoted field is not closed: the input ends inside it")
                    }
                    if quote + 1 == count && !atEnd { return .needsMore }
                    if quote + 1 < count && bytes[quote + 1] == UInt8(ascii: "\"") {
                        escaped = true
                        scan = quote + 2
                        continue
                    }
                    line += Self.lineBreaks(bytes, from: contentStart, to: quote)
                    fields.append(start: contentStart, end: quote, flags: escaped ? CSVFields.escapedFlag : 0)
                    position = quote + 1
                    break
                }
                if position == count {
                    guard atEnd else { return .needsMore }
                    line += 1
                    return .record(next: position, blank: false)
                }
                let next = bytes[position]
                if next == delimiter {
                    position += 1
                    if position == count && !atEnd { return .needsMore }
                    continue
                }
                if next == 0x0A || next == 0x0D {
                    return try endOfLine(bytes, count: count, at: position, atEnd: atEnd, line: &line, blank: false)
                }
                throw ArrowError.text(
                    line: line, column: fieldNumber,
                    "a quoted field goes on after its closing quote (a quote inside a quoted field is written twice: \"\")")
            }
            // An unquoted field: up to the delimiter or the end of the line.
            let fieldStart = position
            position = scanUnquoted(bytes, from: position)
            let length = position - fieldStart
            let isNull = nullLengths & (length < 64 ? 1 << UInt64(length) : 0) != 0 || (hasLongNull && length >= 64)
                ? isNullValue(bytes + fieldStart, length) : false
            fields.append(start: fieldStart, end: position, flags: isNull ? CSVFields.nullFlag : 0)
            if position == count {
                guard atEnd else { return .needsMore }
                line += 1
                return .record(next: position, blank: fieldNumber == 1 && length == 0)
            }
            if bytes[position] == delimiter {
                position += 1
                if position == count && !atEnd { return .needsMore }
                continue
            }
            return try endOfLine(bytes, count: count, at: position, atEnd: atEnd, line: &line, blank: fieldNumber == 1 && length == 0)
        }
    }

    /// The record ends at the line break at `position` (LF, CR or CRLF).
    @inline(__always)
    private func endOfLine(
        _ bytes: UnsafeMutablePointer<UInt8>, count: Int, at position: Int, atEnd: Bool, line: inout Int, blank: Bool
    ) throws -> Outcome {
        line += 1
        if bytes[position] == 0x0D {
            if position + 1 == count && !atEnd { return .needsMore }
            if position + 1 < count && bytes[position + 1] == 0x0A { return .record(next: position + 2, blank: blank) }
        }
        return .record(next: position + 1, blank: blank)
    }

    /// The position of the first delimiter, CR or LF from `position` on (there is one: the
    /// sentinel). Eight bytes at a time: a byte of the word is one of them when the word XOR
    /// that byte repeated has a zero byte there.
    @inline(__always)
    private func scanUnquoted(_ bytes: UnsafeMutablePointer<UInt8>, from start: Int) -> Int {
        var position = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while true {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes + position).loadUnaligned(as: UInt64.self))
            let d = word ^ delimiterWord
            let n = word ^ 0x0A0A_0A0A_0A0A_0A0A
            let r = word ^ 0x0D0D_0D0D_0D0D_0D0D
            let zeros = ((d &- ones) & ~d | (n &- ones) & ~n | (r &- ones) & ~r) & highs
            if zeros != 0 {
                // The lowest flagged byte is exact (only bytes above a true zero can be flagged wrongly).
                return position + zeros.trailingZeroBitCount >> 3
            }
            position += 8
        }
    }

    private func isNullValue(_ start: UnsafeMutablePointer<UInt8>, _ length: Int) -> Bool {
        for value in nullValues where value.count == length {
            let matches = value.withUnsafeBufferPointer { spelling in
                guard let base = spelling.baseAddress else { return true }
                return memcmp(start, base, length) == 0
            }
            if matches { return true }
        }
        return false
    }

    /// The position of the first `byte` in `bytes[from..<to]`, or `nil`.
    @inline(__always)
    static func find(_ byte: UInt8, in bytes: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let found = memchr(bytes + from, Int32(byte), to - from) else { return nil }
        return bytes.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The line breaks in `bytes[from..<to]`: each LF, and each CR not followed by LF.
    static func lineBreaks(_ bytes: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> Int {
        var breaks = 0
        var position = from
        while position < to {
            let byte = bytes[position]
            if byte == 0x0A || (byte == 0x0D && (position + 1 >= to || bytes[position + 1] != 0x0A)) { breaks += 1 }
            position += 1
        }
        return breaks
    }
}
