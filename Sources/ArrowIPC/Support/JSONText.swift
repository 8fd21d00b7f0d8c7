/// JSON string literals and the hexadecimal text of bytes.
enum JSONText {
    /// Appends `string` as a JSON string literal: quotes, backslashes and control characters
    /// escaped (`\n`, `\t`, … or `\u00XX`), everything else — non-ASCII included — kept as UTF-8.
    static func appendString(_ string: String, to out: inout String) {
        var string = string
        let needsEscape = string.withUTF8 { bytes in
            bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
        }
        out += "\""
        guard needsEscape else {
            out += string
            out += "\""
            return
        }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(string.utf8.count + 16)
        let hexDigits = Array("0123456789abcdef".utf8)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: escaped += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: escaped += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: escaped += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: escaped += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: escaped += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case ..<0x20:
                escaped += Array("\\u00".utf8)
                escaped += [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]]
            default:
                escaped.append(byte)
            }
        }
        out += String(decoding: escaped, as: UTF8.self)
        out += "\""
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
