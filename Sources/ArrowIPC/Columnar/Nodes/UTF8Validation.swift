/// Checking that bytes are well-formed UTF-8 (Unicode Table 3-7): no overlong forms, no
/// surrogates, nothing above U+10FFFF, no truncated sequences.
enum UTF8Validation {
    /// The position of the first byte that does not start a well-formed sequence, or `nil`
    /// when all of `bytes` is well-formed.
    static func firstInvalidByte(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var index = 0
        while index < count {
            // Eight ASCII bytes at a time.
            if count - index >= 8,
               base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = base.load(fromByteOffset: index, as: UInt8.self)
            if lead < 0x80 {
                index += 1
                continue
            }
            // The sequence length and the allowed range of the second byte.
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard count - index >= length else { return index }
            let second = base.load(fromByteOffset: index + 1, as: UInt8.self)
            guard second >= low && second <= high else { return index }
            for continuation in 2..<length
            where base.load(fromByteOffset: index + continuation, as: UInt8.self) & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }
}
