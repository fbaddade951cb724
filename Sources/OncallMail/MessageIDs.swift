/// Message-ID lists from `Message-ID`, `In-Reply-To` and `References`.
public enum MessageIDs {
    /// The ids in `value` without angle brackets, in order, duplicates dropped.
    ///
    /// Ids are taken from `<…>`; a value without any (some mailers and providers drop the
    /// brackets) falls back to its words that contain `@`. Text outside brackets, such as the
    /// obsolete `In-Reply-To: message from Bob <id>`, is ignored. At most 500 ids are kept.
    public static func parse(_ value: String) -> [String] {
        var ids: [String] = []
        var seen: Set<String> = []
        func add(_ candidate: Substring) {
            let id = String(candidate).trimmedWhitespace
            guard !id.isEmpty, ids.count < 500, !seen.contains(id) else { return }
            seen.insert(id)
            ids.append(id)
        }
        var rest = Substring(value)
        var foundBracket = false
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: ">") else { break }
            foundBracket = true
            add(after[..<close])
            rest = after[after.index(after: close)...]
        }
        if !foundBracket {
            for word in value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\r" || $0 == "\n" })
            where word.contains("@") {
                add(Substring(word.trimmingCharacters(in: "<>")))
            }
        }
        return ids
    }
}
