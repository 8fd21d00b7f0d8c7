/// Text prepared for a terminal: control characters made visible, display width measured in
/// columns, and cells cut to a width with an ellipsis.
enum TerminalText {
    /// `text` with control characters written as escapes (`\n`, `\r`, `\t`, `\u{1b}`), so a
    /// value cannot break a table's lines or send commands to the terminal.
    static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where isControl(scalar): result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The number of terminal columns `text` takes: two for wide East Asian characters and
    /// emoji, none for zero-width marks, one otherwise.
    static func width(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.reduce(0) { $0 + width($1) }
    }

    /// `text` cut to at most `maxWidth` columns, ending in `…` when cut; `maxWidth` is at least 1.
    static func truncated(_ text: String, width: Int, maxWidth: Int) -> (text: String, width: Int) {
        guard width > maxWidth else { return (text, width) }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = self.width(character)
            if used + characterWidth > maxWidth - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return (result + "…", used + 1)
    }

    private static func width(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if isWide(first.value) || character.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) {
            return 2
        }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: return 1
        }
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }

    /// East Asian Wide and Fullwidth blocks.
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
