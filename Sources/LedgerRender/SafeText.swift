import LedgerCore

/// Text a user, a file or the ledger supplied (a recipient, a reason, a path, a header's
/// architecture), as each output format must show it: never as structure of that format. One
/// place for the rules every renderer follows.
///
/// - Control characters (NUL, ESC, CR, C1), formatting characters (right-to-left overrides,
///   zero-width spaces) and line or paragraph separators are shown as `\uXXXX`, never sent as
///   themselves: no terminal escape sequence, no hidden or reordered text.
/// - Inside one line of a report (`line`), newlines and tabs are shown the same way, so free text
///   never starts a line of its own (a forged `VERDICT:` line or a Markdown heading).
/// - Markdown (`markdown`) also backslash-escapes every ASCII punctuation character, so no text
///   becomes emphasis, a link, a heading, a table cell or raw HTML; HTML escapes its five characters.
public enum SafeText {
    /// `text` with every hidden character shown as `\uXXXX` (JSON's notation, so the result is
    /// still valid JSON when `text` was); newlines and tabs kept when `keepingLines`.
    public static func visible(_ text: String, keepingLines: Bool) -> String {
        // Nearly all text is printable ASCII: one pass over the bytes says so.
        let plain = text.utf8.allSatisfy { byte in
            (0x20..<0x7f).contains(byte) || (keepingLines && (byte == 0x0a || byte == 0x09))
        }
        if plain { return text }
        guard text.unicodeScalars.contains(where: { isHidden($0, keepingLines: keepingLines) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isHidden(scalar, keepingLines: keepingLines) {
                out.append(contentsOf: escaped(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Free text inside one line of a text report or a terminal line.
    public static func line(_ text: String) -> String { visible(text, keepingLines: false) }

    /// Free text inside one line of Markdown: `line`, with ASCII punctuation backslash-escaped.
    public static func markdown(_ text: String) -> String {
        var out = ""
        for character in line(text) {
            if let ascii = character.asciiValue, isPunctuation(ascii) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Free text in HTML text or a quoted attribute: `line` (or `visible` keeping newlines and
    /// tabs, for a `<pre>` block), with `& < > " '` as entities.
    public static func html(_ text: String, keepingLines: Bool = false) -> String {
        var out = ""
        for character in visible(text, keepingLines: keepingLines) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func isHidden(_ scalar: Unicode.Scalar, keepingLines: Bool) -> Bool {
        if keepingLines && (scalar == "\n" || scalar == "\t") { return false }
        return FreeText.isHidden(scalar)
    }

    /// `\uXXXX`, as a UTF-16 surrogate pair above U+FFFF.
    static func escaped(_ scalar: Unicode.Scalar) -> String {
        func hex(_ unit: UInt32) -> String {
            let digits = String(unit, radix: 16, uppercase: true)
            return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
        guard scalar.value > 0xFFFF else { return hex(scalar.value) }
        let value = scalar.value - 0x10000
        return hex(0xD800 + (value >> 10)) + hex(0xDC00 + (value & 0x3FF))
    }

    static func isPunctuation(_ byte: UInt8) -> Bool {
        (33...47).contains(byte) || (58...64).contains(byte) || (91...96).contains(byte) || (123...126).contains(byte)
    }
}
