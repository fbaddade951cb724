import OncallSupport

/// Turns a report's Markdown into HTML: headings, paragraphs, lists, tables, block quotes, code,
/// emphasis and links. Raw HTML is never passed through: every character of the source reaches
/// the page escaped, and the only tags in the output are the ones made here. Two pieces of HTML
/// the domain's documents use are understood rather than shown: comments (editing hints) are
/// left out, and `<br>` (a line break inside a table cell) breaks the line.
enum MarkdownRenderer {
    static func html(_ markdown: String) -> String {
        let text = withoutComments(markdown.replacingOccurrences(of: "\r\n", with: "\n"))
        return blocks(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// The text without `<!-- … -->`; an unclosed comment stays, to be shown escaped.
    private static func withoutComments(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<!--"), let close = rest[open.upperBound...].range(of: "-->") {
            result += rest[..<open.lowerBound]
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    // MARK: - Blocks

    private static func blocks(_ lines: [String]) -> String {
        var html = ""
        var paragraph: [String] = []
        var index = 0

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            html += "<p>" + paragraph.enumerated().map { offset, line in
                let hardBreak = offset < paragraph.count - 1 && (line.hasSuffix("  ") || line.hasSuffix("\\"))
                let text = hardBreak && line.hasSuffix("\\") ? String(line.dropLast()) : line
                return inline(text.trimmingCharacters(in: .whitespaces)) + (hardBreak ? "<br>" : "")
            }.joined(separator: "\n") + "</p>\n"
            paragraph = []
        }

        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                flushParagraph()
                index += 1
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flushParagraph()
                let fence = String(trimmed.prefix(3))
                var code: [String] = []
                index += 1
                while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix(fence) {
                    code.append(lines[index])
                    index += 1
                }
                index += 1
                html += "<pre><code>" + htmlEscape(code.joined(separator: "\n")) + "</code></pre>\n"
            } else if let (level, text) = heading(trimmed) {
                flushParagraph()
                html += "<h\(level)>\(inline(text))</h\(level)>\n"
                index += 1
            } else if isRule(trimmed) {
                flushParagraph()
                html += "<hr>\n"
                index += 1
            } else if index + 1 < lines.count, trimmed.contains("|"), isTableSeparator(lines[index + 1]) {
                flushParagraph()
                var rows: [String] = []
                var next = index + 2
                while next < lines.count, lines[next].contains("|"), !lines[next].trimmingCharacters(in: .whitespaces).isEmpty {
                    rows.append(lines[next])
                    next += 1
                }
                html += table(header: line, rows: rows)
                index = next
            } else if trimmed.hasPrefix(">") {
                flushParagraph()
                var quoted: [String] = []
                while index < lines.count, case let text = lines[index].trimmingCharacters(in: .whitespaces), text.hasPrefix(">") {
                    quoted.append(String(text.dropFirst().drop { $0 == " " }))
                    index += 1
                }
                html += "<blockquote>\n" + blocks(quoted) + "</blockquote>\n"
            } else if let marker = listMarker(line) {
                flushParagraph()
                let (list, next) = self.list(lines, from: index, ordered: marker.ordered, indent: marker.indent)
                html += list
                index = next
            } else {
                paragraph.append(line)
                index += 1
            }
        }
        flushParagraph()
        return html
    }

    private static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = rest.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("#") { text.removeLast() }
        return (hashes, text.trimmingCharacters(in: .whitespaces))
    }

    private static func isRule(_ line: String) -> Bool {
        let marks = line.filter { $0 != " " }
        guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
        return marks.allSatisfy { $0 == first }
    }

    private static func isTableSeparator(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.contains("-") && trimmed.allSatisfy { "|-: ".contains($0) }
    }

    private static func table(header: String, rows: [String]) -> String {
        var html = "<div class=\"scroll\"><table>\n<thead><tr>"
        for cell in cells(header) { html += "<th>\(inline(cell))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>" + cells(row).map { "<td>\(inline($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody></table></div>\n"
    }

    /// A row's cells: split at pipes not escaped with a backslash, outer pipes dropped.
    private static func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in row.trimmingCharacters(in: .whitespaces) {
            if character == "|", !escaped {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
            escaped = character == "\\" && !escaped
        }
        cells.append(current)
        if cells.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { cells.removeFirst() }
        if cells.count > 1, cells.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { cells.removeLast() }
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private struct ListMarker {
        let ordered: Bool
        let indent: Int
        /// Characters before the item's text (indent, marker and the space after it).
        let width: Int
    }

    private static func listMarker(_ line: String) -> ListMarker? {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " " {
            return ListMarker(ordered: false, indent: indent, width: indent + 2)
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if (1...9).contains(digits.count), let after = rest.dropFirst(digits.count).first, after == "." || after == ")",
           rest.dropFirst(digits.count + 1).first == " " {
            return ListMarker(ordered: true, indent: indent, width: indent + digits.count + 2)
        }
        return nil
    }

    /// One list and its items; lines indented past an item's marker (nested lists, continued text) belong to it.
    private static func list(_ lines: [String], from start: Int, ordered: Bool, indent: Int) -> (String, Int) {
        var html = ordered ? "<ol>\n" : "<ul>\n"
        var index = start
        while index < lines.count, let marker = listMarker(lines[index]), marker.indent == indent, marker.ordered == ordered {
            var item = [String(lines[index].dropFirst(marker.width))]
            index += 1
            while index < lines.count {
                let line = lines[index]
                let lineIndent = line.prefix { $0 == " " }.count
                let blank = line.trimmingCharacters(in: .whitespaces).isEmpty
                if blank {
                    // A blank line ends the item unless the next line still belongs to it.
                    guard index + 1 < lines.count, lines[index + 1].prefix(while: { $0 == " " }).count > indent,
                          !lines[index + 1].trimmingCharacters(in: .whitespaces).isEmpty
                    else { break }
                    item.append("")
                } else if lineIndent > indent {
                    item.append(String(line.dropFirst(min(lineIndent, marker.width))))
                } else if listMarker(line) == nil, !item.last!.isEmpty {
                    item.append(line)  // a lazy continuation of the item's paragraph
                } else {
                    break
                }
                index += 1
            }
            var body = blocks(item)
            // In a tight item (no blank line) the text shows without paragraph margins, as lists of short lines are meant to.
            if !item.contains(""), body.hasPrefix("<p>"), let end = body.range(of: "</p>\n") {
                let rest = body[end.upperBound...]
                body = String(body[body.index(body.startIndex, offsetBy: 3)..<end.lowerBound]) + (rest.isEmpty ? "" : "\n" + rest)
            }
            html += "<li>" + body + "</li>\n"
            if index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).isEmpty,
               index + 1 < lines.count, let next = listMarker(lines[index + 1]), next.indent == indent, next.ordered == ordered {
                index += 1  // a blank line between items keeps the list going
            }
        }
        return (html + (ordered ? "</ol>\n" : "</ul>\n"), index)
    }

    // MARK: - Inline

    /// Code spans verbatim (escaped); elsewhere emphasis, strike-through and safe links.
    static func inline(_ text: String) -> String {
        var html = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "`") {
            let ticks = rest[open...].prefix { $0 == "`" }
            let afterOpen = rest.index(open, offsetBy: ticks.count)
            guard let close = rest[afterOpen...].range(of: String(ticks)) else { break }
            html += decorate(rest[..<open])
            html += "<code>" + htmlEscape(rest[afterOpen..<close.lowerBound].trimmingCharacters(in: .whitespaces)) + "</code>"
            rest = rest[close.upperBound...]
        }
        return html + decorate(rest)
    }

    private static func decorate(_ text: Substring) -> String {
        var html = escapeKeepingBackslashEscapes(text)
        html = html.replacing(/\*\*(.+?)\*\*/) { "<strong>\($0.1)</strong>" }
        html = html.replacing(/__(.+?)__/) { "<strong>\($0.1)</strong>" }
        html = html.replacing(/\*([^*\s](?:[^*]*[^*\s])?)\*/) { "<em>\($0.1)</em>" }
        html = html.replacing(/~~(.+?)~~/) { "<del>\($0.1)</del>" }
        html = html.replacing(/\[([^\]]+)\]\(([^)\s]+)\)/) { match in
            let target = String(match.2)
            guard isSafeLink(target) else { return String(match.0) }
            return "<a href=\"\(target)\" rel=\"noreferrer\">\(match.1)</a>"
        }
        return html
    }

    /// Escapes for HTML; a backslash before punctuation becomes the character's numeric entity,
    /// so that it shows literally and no emphasis rule sees it.
    private static func escapeKeepingBackslashEscapes(_ text: Substring) -> String {
        var html = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "\\", next < text.endIndex, let scalar = text[next].unicodeScalars.first,
               text[next].unicodeScalars.count == 1, scalar.isASCII, "\\`*_{}[]()#+-.!|~<>&\"'".unicodeScalars.contains(scalar) {
                html += "&#\(scalar.value);"
                index = text.index(after: next)
            } else {
                html += htmlEscape(String(character))
                index = next
            }
        }
        for lineBreak in ["&lt;br&gt;", "&lt;br/&gt;", "&lt;br /&gt;"] {
            html = html.replacingOccurrences(of: lineBreak, with: "<br>")
        }
        return html
    }

    /// Web and mail links and links within this site; `javascript:` and other schemes stay text.
    private static func isSafeLink(_ escapedTarget: String) -> Bool {
        let lower = escapedTarget.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") || lower.hasPrefix("#") { return true }
        return lower.hasPrefix("/") && !lower.hasPrefix("//")
    }
}
