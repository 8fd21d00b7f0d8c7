/// JSON string literals and the hexadecimal text of bytes.
enum JSONText {
    /// Appends `string` as a JSON string literal: quotes, backslashes and control characters
    /// escaped (`\n`, `\t`, … or `\u00XX`), everything else — non-ASCII included — kept as UTF-8.
    static func appendString(_ string: String, to out: inout String) {
        var string = string
        let escaped: [UInt8]? = string.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            guard needsEscaping(bytes) else { return nil }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            escape(bytes) { escaped.append($0) }
            return escaped
        }
        out += "\""
        if let escaped { out += String(decoding: escaped, as: UTF8.self) } else { out += string }
        out += "\""
    }

    /// Whether `bytes` hold a byte that a JSON string literal escapes.
    @inline(__always)
    static func needsEscaping(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
    }

    /// Hands `emit` the bytes of `bytes` as they stand inside a JSON string literal: quotes,
    /// backslashes and control characters escaped, every other byte as it is.
    @inline(__always)
    static func escape(_ bytes: UnsafeRawBufferPointer, _ emit: (UInt8) -> Void) {
        let hexDigits: StaticString = "0123456789abcdef"
        for byte in bytes {
            let letter: UInt8
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): letter = byte
            case 0x0A: letter = UInt8(ascii: "n")
            case 0x0D: letter = UInt8(ascii: "r")
            case 0x09: letter = UInt8(ascii: "t")
            case 0x08: letter = UInt8(ascii: "b")
            case 0x0C: letter = UInt8(ascii: "f")
            case ..<0x20:
                emit(UInt8(ascii: "\\"))
                emit(UInt8(ascii: "u"))
                emit(UInt8(ascii: "0"))
                emit(UInt8(ascii: "0"))
                emit(hexDigits.utf8Start[Int(byte >> 4)])
                emit(hexDigits.utf8Start[Int(byte & 15)])
                continue
            default:
                emit(byte)
                continue
            }
            emit(UInt8(ascii: "\\"))
            emit(letter)
        }
    }

    /// The lowercase hexadecimal digits of `bytes`, two per byte.
    static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        let hexDigits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            hexDigits.withUTF8Buffer { digits in
                for (index, byte) in bytes.enumerated() {
                    buffer[2 * index] = digits[Int(byte >> 4)]
                    buffer[2 * index + 1] = digits[Int(byte & 15)]
                }
            }
            return bytes.count * 2
        }
    }
}
