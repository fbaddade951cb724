import Foundation

extension PostmortemDocument {
    /// The four written sections of an edited document.
    ///
    /// Each runs from its `## ` heading (in either language, so a Chinese report edited under
    /// English headings still reads) to the next `## ` or `# ` heading; headings inside fenced
    /// code blocks do not count. HTML comments (the hints of an untouched draft) and surrounding
    /// blank lines are dropped. Everything outside the four is ignored: it is regenerated.
    public static func sections(from markdown: String) throws(PostmortemError) -> PostmortemSections {
        var bodies: [PostmortemSection: [Substring]] = [:]
        var current: PostmortemSection?
        var fence: Substring?
        let lines = markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            if let open = fence {
                if closesFence(line, opened: open) { fence = nil }
            } else if let marker = fenceMarker(line) {
                fence = marker
            } else if let heading = heading(line) {
                current = heading.level == 2 ? section(named: heading.text) : nil
                if let current {
                    guard bodies[current] == nil else { throw .invalidDocument("repeated heading \(quoted(current))") }
                    bodies[current] = []
                }
                continue
            }
            if let current { bodies[current, default: []].append(line) }
        }
        var sections = PostmortemSections()
        for section in PostmortemSection.allCases {
            guard let body = bodies[section] else { throw .invalidDocument("missing heading \(quoted(section))") }
            sections[section] = trimmedBlankLines(withoutComments(body.joined(separator: "\n")))
        }
        return sections
    }

    /// `'## 原因' (cause)`.
    private static func quoted(_ section: PostmortemSection) -> String {
        "'## \(section.heading(.zh))' (\(section.heading(.en).lowercased()))"
    }

    private static func section(named text: String) -> PostmortemSection? {
        PostmortemSection.allCases.first { section in
            ReportLanguage.allCases.contains { section.heading($0).lowercased() == text.lowercased() }
        }
    }

    /// An ATX heading of level 1 or 2: up to three spaces, `#` or `##`, a space, the text, optional closing `#`s.
    private static func heading(_ line: Substring) -> (level: Int, text: String)? {
        let indented = line.prefix { $0 == " " }
        guard indented.count <= 3 else { return nil }
        let rest = line.dropFirst(indented.count)
        let hashes = rest.prefix { $0 == "#" }
        guard (1...2).contains(hashes.count) else { return nil }
        let afterHashes = rest.dropFirst(hashes.count)
        guard afterHashes.isEmpty || afterHashes.first == " " || afterHashes.first == "\t" else { return nil }
        var text = afterHashes.trimmingCharacters(in: .whitespaces)
        // Closing #s count only after a space, so "## C#" keeps its "#".
        let closing = text.reversed().prefix { $0 == "#" }.count
        if closing == text.count {
            text = ""
        } else if closing > 0, let before = text.dropLast(closing).last, before == " " || before == "\t" {
            text = text.dropLast(closing).trimmingCharacters(in: .whitespaces)
        }
        return (hashes.count, text)
    }

    /// The run of backticks or tildes (three or more) that opens a fenced code block on this line.
    private static func fenceMarker(_ line: Substring) -> Substring? {
        let indented = line.prefix { $0 == " " }
        guard indented.count <= 3, let first = line.dropFirst(indented.count).first, first == "`" || first == "~" else { return nil }
        let marker = line.dropFirst(indented.count).prefix { $0 == first }
        return marker.count >= 3 ? marker : nil
    }

    private static func closesFence(_ line: Substring, opened: Substring) -> Bool {
        guard let marker = fenceMarker(line), marker.first == opened.first, marker.count >= opened.count else { return false }
        return line.drop { $0 == " " }.dropFirst(marker.count).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// The text with every `<!-- … -->` removed; an unclosed comment runs to the end.
    private static func withoutComments(_ text: String) -> String {
        var result = ""
        var rest = text[...]
        while let open = rest.range(of: "<!--") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "-->") else { return result }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    private static func trimmedBlankLines(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let isBlank: (Substring) -> Bool = { $0.allSatisfy(\.isWhitespace) }
        guard let first = lines.firstIndex(where: { !isBlank($0) }), let last = lines.lastIndex(where: { !isBlank($0) }) else { return "" }
        return lines[first...last].joined(separator: "\n")
    }
}
