/// Checks of text bytes for the writers, eight bytes at a time: whether a CSV field needs
/// quotes, a JSON string escapes, a table cell is printable ASCII — and, in the same pass,
/// whether every byte is ASCII.
///
/// Each check ORs, over the words of the text, a word whose top bits mark the bytes that
/// matter; the marks are exact as a whole (a mark can stray only above a byte that is itself
/// marked), which is all that is asked here. Byte order does not matter for that either.
enum TextScan {
    /// What a scan found.
    struct Result {
        /// Whether some byte is one the check looks for.
        let hasSpecial: Bool
        /// Whether every byte is below 0x80.
        let isASCII: Bool
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Marks the bytes of `word` equal to `byte`.
    @inline(__always)
    private static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & highs
    }

    /// Marks the bytes of `word` below `bound` (at most 0x80).
    @inline(__always)
    private static func below(_ word: UInt64, _ bound: UInt8) -> UInt64 {
        (word &- ones &* UInt64(bound)) & ~word & highs
    }

    /// A comma, a double quote, LF or CR: what makes a CSV field quoted.
    @inline(__always)
    static func csvSpecial(_ word: UInt64) -> UInt64 {
        equal(word, UInt8(ascii: ",")) | equal(word, UInt8(ascii: "\"")) | equal(word, 0x0A) | equal(word, 0x0D)
    }

    /// A control character, a double quote or a backslash: what a JSON string escapes.
    @inline(__always)
    static func jsonSpecial(_ word: UInt64) -> UInt64 {
        below(word, 0x20) | equal(word, UInt8(ascii: "\"")) | equal(word, UInt8(ascii: "\\"))
    }

    /// A byte outside printable ASCII (0x20 to 0x7E).
    @inline(__always)
    static func unprintable(_ word: UInt64) -> UInt64 {
        below(word, 0x20) | ((word | (word &+ ones)) & highs)
    }

    /// Scans `bytes` with `special`, a function marking bytes of a word as the ones above do.
    @inline(__always)
    static func scan(_ bytes: UnsafeRawBufferPointer, _ special: (UInt64) -> UInt64) -> Result {
        guard let start = bytes.baseAddress else { return Result(hasSpecial: false, isASCII: true) }
        let count = bytes.count
        var marks: UInt64 = 0
        var high: UInt64 = 0
        if count >= 8 {
            var index = 0
            while index + 8 < count {
                let word = start.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                marks |= special(word)
                high |= word
                index += 8
            }
            // The last eight bytes, overlapping words already read.
            let word = start.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            marks |= special(word)
            high |= word
        } else {
            // Fewer than eight bytes, in a word filled up with a letter no check marks.
            var word: UInt64 = ones &* UInt64(UInt8(ascii: "a"))
            for index in 0..<count {
                word = word << 8 | UInt64(start.load(fromByteOffset: index, as: UInt8.self))
            }
            marks = special(word)
            high = word
        }
        return Result(hasSpecial: marks != 0, isASCII: high & highs == 0)
    }
}
