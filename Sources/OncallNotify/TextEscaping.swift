import Foundation
import OncallSupport

/// Escaping for each place text is put: URLs, form bodies, JSON strings, HTML, Slack mrkdwn, mail headers.
public enum TextEscaping {
    /// Percent-encodes everything but RFC 3986 unreserved characters, so the result is safe in any URL part.
    public static func percentEncoded(_ text: String) -> String { FormURLEncoding.percentEncoded(text) }

    /// `application/x-www-form-urlencoded`: like ``percentEncoded(_:)`` but a space becomes `+`.
    public static func formEncoded(_ text: String) -> String { FormURLEncoding.formEncoded(text) }

    /// The inside of a JSON string literal (no surrounding quotes).
    public static func jsonStringContent(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            // U+2028/2029 are valid JSON but break JavaScript consumers that eval or embed it.
            case "\u{2028}", "\u{2029}": result += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Text safe inside HTML elements and double- or single-quoted attributes (``OncallSupport/htmlEscape(_:)``).
    public static func html(_ text: String) -> String { htmlEscape(text) }

    /// Slack mrkdwn: only `&`, `<` and `>` are control characters there.
    public static func slack(_ text: String) -> String { slackEscaper.escape(text) }

    private static let slackEscaper = CharacterEscaper(["&": "&amp;", "<": "&lt;", ">": "&gt;"])

    /// One header line's worth of text: CR, LF and other control characters become a space (a CRLF pair one
    /// space), so a value can never start a new header (header injection).
    public static func headerValue(_ text: String) -> String {
        // Most values are one clean line: no control character (ASCII below 0x20 or DEL, or a C1 or
        // line-separator scalar, whose UTF-8 starts 0xC2 or 0xE2) and no space at either end.
        func isSpace(_ scalar: Unicode.Scalar?) -> Bool {
            scalar.map { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator } ?? false
        }
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }),
           !isSpace(text.unicodeScalars.first), !isSpace(text.unicodeScalars.last)
        {
            return text
        }
        var result = ""
        var lastWasReplaced = false
        for scalar in text.unicodeScalars {
            let isControl = scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                || scalar == "\u{2028}" || scalar == "\u{2029}"
            if isControl {
                if !lastWasReplaced { result.unicodeScalars.append(" ") }
                lastWasReplaced = true
            } else {
                result.unicodeScalars.append(scalar)
                lastWasReplaced = false
            }
        }
        return result.trimmingCharacters(in: .whitespaces)
    }
}
