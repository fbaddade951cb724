import Foundation

/// Builds one header field, folded so no line passes 76 characters (RFC 2047's limit for lines that
/// hold encoded words; RFC 5322 asks for 78), with RFC 2047 `=?UTF-8?B?…?=` words for non-ASCII text.
struct MIMEHeaderWriter {
    /// The longest line this writer makes, unless a single unbreakable token is longer.
    static let lineLimit = 76
    /// RFC 2047: an encoded word is at most 75 characters.
    static let encodedWordLimit = 75
    /// `=?UTF-8?B?` and `?=`.
    private static let encodedWordOverhead = 12

    private var lines: [String]
    /// Whether a token follows the header name on the first line yet (never fold right after the name).
    private var hasToken = false

    init(name: String) {
        lines = [name + ":"]
    }

    /// The header field, lines joined with CRLF, without a final CRLF.
    var text: String { lines.joined(separator: "\r\n") }

    /// Appends a token that must not be broken, after one space; the space becomes a fold if the token does not fit.
    mutating func append(token: String) {
        let current = lines[lines.count - 1]
        if !hasToken || current.count + 1 + token.count <= Self.lineLimit {
            lines[lines.count - 1] = current + " " + token
        } else {
            lines.append(" " + token)
        }
        hasToken = true
    }

    /// Appends unstructured text (a subject, a header value): plain words when it is ASCII that folds cleanly,
    /// encoded words otherwise. CR/LF must already be gone (`TextEscaping.headerValue`).
    mutating func append(text: String) {
        if Self.needsEncoding(text) {
            append(encoded: text)
        } else {
            for word in text.split(separator: " ") { append(token: String(word)) }
        }
    }

    /// Appends a display name: atoms as they are, a quoted string for ASCII with specials, encoded words otherwise.
    mutating func append(displayName name: String) {
        if Self.needsEncoding(name) {
            append(encoded: name)
        } else if name.unicodeScalars.allSatisfy({ $0 == " " || Self.isAtext($0) }) {
            for word in name.split(separator: " ") { append(token: String(word)) }
        } else {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            append(token: "\"" + escaped + "\"")
        }
    }

    /// Appends `text` as encoded words, each filling what is left of its line, split between characters
    /// (between Unicode scalars only for a character too long for one word), never inside a UTF-8 sequence.
    mutating func append(encoded text: String) {
        let freshLineBytes = Self.bytesFitting(Self.encodedWordLimit)
        var pending: [UInt8] = []
        var capacity = nextWordCapacity()
        for unit in Self.units(of: text, maxBytes: freshLineBytes) {
            if pending.count + unit.count > capacity, !pending.isEmpty {
                append(token: Self.encodedWord(pending))
                pending = []
                capacity = nextWordCapacity()
            }
            // Too little room left on this line even for this unit: the word goes on a new line.
            if unit.count > capacity { capacity = freshLineBytes }
            pending += unit
        }
        if !pending.isEmpty || text.isEmpty { append(token: Self.encodedWord(pending)) }
    }

    /// Whether unstructured ASCII text must still be encoded: non-ASCII, something a decoder would take for an
    /// encoded word, spacing that folding would lose, or a word too long for a line.
    static func needsEncoding(_ text: String) -> Bool {
        guard text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else { return true }
        if text.contains("=?") || text.contains("  ") || text.hasPrefix(" ") || text.hasSuffix(" ") { return true }
        return text.split(separator: " ").contains { $0.count > lineLimit - 1 }
    }

    /// Bytes the next encoded word may carry: what fits on the current line, or a whole fresh line's worth
    /// when too little is left.
    private func nextWordCapacity() -> Int {
        let current = lines[lines.count - 1]
        let room = min(Self.lineLimit - current.count - 1, Self.encodedWordLimit)
        let fitting = Self.bytesFitting(room)
        return fitting >= 4 || !hasToken ? max(fitting, 4) : Self.bytesFitting(Self.encodedWordLimit)
    }

    /// The most bytes an encoded word of at most `characters` characters carries (base64: 4 characters per 3 bytes).
    private static func bytesFitting(_ characters: Int) -> Int {
        max(0, (characters - encodedWordOverhead) / 4 * 3)
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// The UTF-8 of each character, or of each scalar for a character longer than `maxBytes`.
    private static func units(of text: String, maxBytes: Int) -> [[UInt8]] {
        var units: [[UInt8]] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if bytes.count <= maxBytes {
                units.append(bytes)
            } else {
                for scalar in character.unicodeScalars { units.append(Array(String(scalar).utf8)) }
            }
        }
        return units
    }

    /// RFC 5322 `atext`: what a display-name word may hold without quoting.
    private static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
    }
}
