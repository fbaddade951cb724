import Foundation

/// Text helpers for intake. Named `intake…` so they cannot collide with the MIME code's own
/// helpers in this module.
extension StringProtocol {
    /// Without leading and trailing white space, line breaks (including the ideographic space
    /// U+3000 and no-break space that Chinese and HTML mail use) and byte-order or zero-width marks.
    var intakeTrimmed: String {
        let isBlank: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{FEFF}" || $0 == "\u{200B}" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    /// Whether the line holds nothing visible.
    var intakeIsBlank: Bool { intakeTrimmed.isEmpty }
}

extension String {
    /// At most `limit` characters; a cut value ends in "…" so a reader sees that it was cut.
    func intakeLimited(_ limit: Int) -> String {
        guard count > limit else { return self }
        return String(prefix(max(0, limit - 1))) + "…"
    }

    /// Trimmed and limited, or nil when nothing is left: the form's optional fields are absent
    /// rather than empty.
    func intakeField(_ limit: Int) -> String? {
        let trimmed = intakeTrimmed
        return trimmed.isEmpty ? nil : trimmed.intakeLimited(limit)
    }

    /// The lines, split on `\n`, `\r\n` or a lone `\r`.
    var intakeLines: [Substring] {
        var lines: [Substring] = []
        var start = startIndex
        var index = startIndex
        while index < endIndex {
            // "\r\n" is a single Character in Swift, so one comparison covers both line-end forms.
            let character = self[index]
            if character == "\n" || character == "\r\n" || character == "\r" {
                lines.append(self[start..<index])
                start = self.index(after: index)
            }
            index = self.index(after: index)
        }
        lines.append(self[start..<endIndex])
        return lines
    }

    /// Lines joined back with `\n`, runs of blank lines reduced to one, trailing spaces removed,
    /// and the whole trimmed: the shape stored in the incident.
    static func intakeJoined(_ lines: [Substring]) -> String {
        var out: [Substring] = []
        var previousBlank = true
        for line in lines {
            var line = line
            while let last = line.last, last.isWhitespace { line = line.dropLast() }
            let blank = line.isEmpty
            if blank && previousBlank { continue }
            out.append(line)
            previousBlank = blank
        }
        return out.joined(separator: "\n").intakeTrimmed
    }
}
