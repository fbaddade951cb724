/// Finds the known name closest to a misspelt one, for "did you mean …?" hints.
enum KeySuggester {
    /// The candidate within a small edit distance of `word` (scaled to its length), or nil.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        if let exact = candidates.first(where: { $0.lowercased() == lowered }) { return exact }
        // An abbreviation ("warn", "crit") is closer in intent than its edit distance says.
        let extensions = candidates.filter { $0.lowercased().hasPrefix(lowered) }
        if word.count >= 3, let shortest = extensions.min(by: { $0.count < $1.count }) {
            return shortest
        }
        // One edit per three characters, at most three: "escalaton" finds "escalation", "foo" finds nothing.
        let limit = max(1, min(3, word.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Levenshtein distance over characters (insert, delete, substitute; transposition costs two).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// " (did you mean 'x'?)" or "" — the suffix error messages append.
    static func hint(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
