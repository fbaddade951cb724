import Foundation

/// A snippet built in Swift, for a store whose full-text index has none of its own or where asking it costs more: a
/// short passage around the first case-insensitive occurrence of `term`, the match between `[` and `]`.
public enum ArchiveSnippet {
    public static func around(_ term: String, in texts: [String], before: Int = 8, after: Int = 16) -> String {
        for text in texts {
            guard let range = text.range(of: term, options: [.caseInsensitive]) else { continue }
            let start = text.index(range.lowerBound, offsetBy: -before, limitedBy: text.startIndex) ?? text.startIndex
            let end = text.index(range.upperBound, offsetBy: after, limitedBy: text.endIndex) ?? text.endIndex
            var passage = start == text.startIndex ? "" : "…"
            passage += text[start..<range.lowerBound]
            passage += "[" + text[range] + "]"
            passage += text[range.upperBound..<end]
            if end != text.endIndex { passage += "…" }
            return passage.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        }
        return ""
    }
}
