/// Replaces some characters by entities: the one mechanism behind HTML escaping and the
/// markup dialects (Slack mrkdwn) that reuse a subset of HTML's entities.
public struct CharacterEscaper: Sendable {
    /// Character → its replacement; every other character is copied as is.
    public let entities: [Character: String]

    /// An escaper for these replacements.
    public init(_ entities: [Character: String]) {
        self.entities = entities
        var ascii = [String?](repeating: nil, count: 128)
        for (character, entity) in entities where character.utf8.count == 1 && character.utf8.first! < 0x80 {
            ascii[Int(character.utf8.first!)] = entity
        }
        asciiEntities = ascii
        nonASCIIEntities = entities.filter { !($0.key.utf8.count == 1 && $0.key.utf8.first! < 0x80) }
    }

    /// The single-byte (ASCII) replacements by byte, for the scan that finds whether any is needed.
    private let asciiEntities: [String?]
    /// Replacements of other characters; with any, every text takes the slow path.
    private let nonASCIIEntities: [Character: String]

    /// `text` with every listed character replaced. With only ASCII replacements (HTML's), it works on
    /// the contiguous UTF-8 bytes and returns text that needs none as is: this runs for every line of
    /// every composed message.
    public func escape(_ text: some StringProtocol) -> String {
        var text = String(text)
        guard nonASCIIEntities.isEmpty else {
            var result = ""
            result.reserveCapacity(text.utf8.count)
            for character in text {
                if let entity = entities[character] { result += entity } else { result.append(character) }
            }
            return result
        }
        let table = asciiEntities
        return text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: { $0 < 0x80 && table[Int($0)] != nil }) else { return nil }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                if byte < 0x80, let entity = table[Int(byte)] { escaped += entity.utf8 } else { escaped.append(byte) }
            }
            return String(decoding: escaped, as: UTF8.self)
        } ?? text
    }

    /// Text safe inside HTML elements and double- or single-quoted attributes.
    public static let html = CharacterEscaper(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"])
}

/// HTML-escapes text (`&`, `<`, `>`, `"`, `'`) for pages and mail built by hand.
public func htmlEscape(_ text: some StringProtocol) -> String {
    CharacterEscaper.html.escape(text)
}
