import OncallCore

/// What the subject line says: reply and forward prefixes, and the incident tag we put there.
enum SubjectLine {
    /// Reply prefixes in the languages our reporters' mail clients use.
    static let replyPrefixes = ["re", "aw", "sv", "回复", "答复", "回覆", "答覆"]
    /// Forward prefixes.
    static let forwardPrefixes = ["fwd", "fw", "转发", "轉寄", "转寄"]

    /// The subject on one line: control characters and runs of spaces become one space.
    static func flattened(_ subject: String) -> String {
        var out = ""
        var lastWasSpace = false
        for character in subject {
            let isSpace = character.isWhitespace || character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control }
            if isSpace {
                if !lastWasSpace { out.append(" ") }
            } else {
                out.append(character)
            }
            lastWasSpace = isSpace
        }
        return out.intakeTrimmed
    }

    /// The subject without any leading `Re:`, `Fwd:`, `回复：`, `转发：` (repeated, in any order).
    static func withoutPrefixes(_ subject: String) -> String {
        var rest = Substring(flattened(subject))
        while let (_, after) = prefix(of: rest, among: replyPrefixes + forwardPrefixes) {
            rest = after
        }
        return rest.intakeTrimmed
    }

    /// The subject without leading reply prefixes (`Re:`, `回复：`); a forward prefix stops the stripping.
    static func withoutReplyPrefixes(_ subject: String) -> String {
        var rest = Substring(flattened(subject))
        while let (_, after) = prefix(of: rest, among: replyPrefixes) {
            rest = after
        }
        return rest.intakeTrimmed
    }

    /// Whether the subject starts with a forward prefix (possibly after reply prefixes).
    static func isForward(_ subject: String) -> Bool {
        var rest = Substring(flattened(subject))
        while let (matched, after) = prefix(of: rest, among: replyPrefixes + forwardPrefixes) {
            if forwardPrefixes.contains(matched) { return true }
            rest = after
        }
        return false
    }

    /// The leading prefix of `text` from `prefixes`, with its optional counter (`Re[2]:`,
    /// `RE(3):`) and its colon (`:` or `：`), and the text after it.
    private static func prefix(of text: Substring, among prefixes: [String]) -> (String, Substring)? {
        // `dropFirst` rather than `count`, which walks the whole subject: stripping a long run
        // of prefixes must stay linear.
        for prefix in prefixes where !text.dropFirst(prefix.count).isEmpty {
            guard text.prefix(prefix.count).lowercased() == prefix else { continue }
            var rest = text.dropFirst(prefix.count)
            if let open = rest.first, open == "[" || open == "(" {
                let digits = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
                let afterDigits = rest.dropFirst(1 + digits.count)
                if !digits.isEmpty, let close = afterDigits.first, close == "]" || close == ")" {
                    rest = afterDigits.dropFirst()
                }
            }
            rest = rest.drop { $0 == " " }
            guard let colon = rest.first, colon == ":" || colon == "：" else { continue }
            return (prefix, rest.dropFirst().drop { $0.isWhitespace })
        }
        return nil
    }

    /// The incident a subject names in brackets, `[INC-000123]` or `【INC-000123】`, as our
    /// notifications write it; the first valid one wins. A bare "INC-5" in prose is not taken,
    /// so a reporter mentioning an old incident does not turn a new report into a note.
    static func incidentNumber(in subject: String) -> IncidentNumber? {
        for bracket in brackets(in: Array(subject), within: 24) {
            let inside = bracket.inside.intakeTrimmed
            if inside.uppercased().hasPrefix("INC-"), let number = IncidentNumber(inside) { return number }
        }
        return nil
    }

    /// Every `[…]` or `【…】` in `characters`, by where it opens: the indices of its brackets and the
    /// text between, closed within `within` characters (a bracket left open is no tag).
    static func brackets(in characters: [Character], within limit: Int) -> [(open: Int, close: Int, inside: String)] {
        characters.indices.compactMap { index in
            let open = characters[index]
            guard open == "[" || open == "【" else { return nil }
            let close: Character = open == "[" ? "]" : "】"
            guard let end = characters[(index + 1)...].prefix(limit).firstIndex(of: close) else { return nil }
            return (index, end, String(characters[(index + 1)..<end]))
        }
    }
}
