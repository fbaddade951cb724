import GRDB

/// The archive's index for two-character Chinese (and Japanese, Korean) terms, which the trigram
/// index cannot find: every pair of adjacent characters in a run of such characters becomes one
/// token of `incidentSearchBigram`, so `登录` is an index lookup rather than a scan of every report.
public enum ArchiveBigrams {
    /// `oncall_bigrams(text)`: the space-separated bigrams of `text`, for the index's one column.
    /// Registered on every connection of the store (and by anything else that fills the table).
    public static let function = DatabaseFunction("oncall_bigrams", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return "" }
        return tokens(of: text)
    }

    /// The bigrams of every run of ideographs, kana or hangul in `text`, each once, space-separated.
    static func tokens(of text: String) -> String {
        var seen = Set<String>()
        var tokens: [String] = []
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            guard isIndexed(scalar) else {
                previous = nil
                continue
            }
            if let previous {
                var pair = String(Character(previous))
                pair.unicodeScalars.append(scalar)
                if seen.insert(pair).inserted { tokens.append(pair) }
            }
            previous = scalar
        }
        return tokens.joined(separator: " ")
    }

    /// A search term this index answers exactly: two indexed characters.
    static func answers(_ term: String) -> Bool {
        let scalars = Array(term.unicodeScalars)
        return scalars.count == 2 && scalars.allSatisfy(isIndexed)
    }

    /// Characters written without spaces between words: CJK ideographs, kana and hangul. The
    /// `unicode61` tokenizer keeps each pair together as one token (they are letters to it).
    static func isIndexed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isIdeographic { return true }
        switch scalar.value {
        case 0x30A0, 0x30FB: return false  // ゠ and ・ are punctuation, which the tokenizer splits on
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: return true
        default: return false
        }
    }
}
