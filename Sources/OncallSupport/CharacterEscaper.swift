/// Replaces some characters by entities: the one mechanism behind HTML escaping and the
/// markup dialects (Slack mrkdwn) that reuse a subset of HTML's entities.
public struct CharacterEscaper: Sendable {
    /// Character → its replacement; every other character is copied as is.
    public let entities: [Character: String]

    /// An escaper for these replacements.
    public init(_ entities: [Character: String]) {
        self.entities = entities
    }

    /// `text` with every listed character replaced.
    public func escape(_ text: some StringProtocol) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            if let entity = entities[character] { result += entity } else { result.append(character) }
        }
        return result
    }

    /// Text safe inside HTML elements and double- or single-quoted attributes.
    public static let html = CharacterEscaper(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"])
}

/// HTML-escapes text (`&`, `<`, `>`, `"`, `'`) for pages and mail built by hand.
public func htmlEscape(_ text: some StringProtocol) -> String {
    CharacterEscaper.html.escape(text)
}
