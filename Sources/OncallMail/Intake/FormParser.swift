/// Reads labelled lines ("问题主题：…", "【提出单位】…", "Subject: …") out of a mail body.
///
/// Helpdesks send the problem report form as text or as an HTML table (which the MIME reader
/// turns into "label：\tvalue" lines), so the rules are line based:
/// - a label starts a line (after spaces or a list bullet) and ends at `:` or `：`, or is
///   enclosed in `【】` or `[]` with the colon optional;
/// - the value is the rest of that line; an empty one is taken from the next line;
/// - a multi-line field (目前情况, 问题说明, 其他) continues until the next label or a blank line;
/// - the first occurrence of a label wins; a repeat, like every unlabelled line, is remainder.
enum FormParser {
    /// Longest label text considered, in characters; anything longer before a colon is prose.
    static let maxLabelLength = 24

    static func parse(_ text: String) -> ParsedForm {
        var form = ParsedForm()
        var remainder: [Substring] = []
        var current: (field: IntakeFormField, label: String, lines: [Substring])?

        func finish() {
            guard let open = current else { return }
            current = nil
            let value = String.intakeJoined(open.lines)
            guard !value.isEmpty else { return }
            form.fields[open.field] = value
            form.labels[open.field] = open.label
        }

        for line in text.intakeLines {
            if let (field, label, value) = labelled(line) {
                finish()
                if form.fields[field] != nil {
                    remainder.append(line)
                    continue
                }
                current = (field, label, value.intakeIsBlank ? [] : [Substring(value.intakeTrimmed)])
                if !field.isMultiline && !value.intakeIsBlank { finish() }
            } else if line.intakeIsBlank {
                // An empty multi-line label may have its value after a blank line; anything else ends here.
                if let open = current, open.lines.isEmpty, open.field.isMultiline { continue }
                finish()
                remainder.append(line)
            } else if current != nil {
                current!.lines.append(line)
                if !current!.field.isMultiline { finish() }
            } else {
                remainder.append(line)
            }
        }
        finish()
        form.remainder = String.intakeJoined(remainder)
        return form
    }

    /// The field, the label as written and the value of a labelled line; nil for any other line.
    static func labelled(_ line: Substring) -> (IntakeFormField, String, Substring)? {
        var rest = line.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        // Forms pasted from documents often keep their list bullets.
        if let bullet = rest.first, "-*•·●◆■".contains(bullet), rest.dropFirst().first?.isWhitespace == true {
            rest = rest.dropFirst().drop(while: \.isWhitespace)
        }
        if let open = rest.first, open == "【" || open == "[" {
            let close: Character = open == "【" ? "】" : "]"
            let inside = rest.dropFirst()
            guard let end = inside.prefix(maxLabelLength + 1).firstIndex(of: close) else { return nil }
            let label = inside[..<end]
            guard let field = IntakeFormField.byLabel[IntakeFormField.normalizedLabel(label)] else { return nil }
            var value = inside[inside.index(after: end)...].drop(while: \.isWhitespace)
            if let colon = value.first, colon == ":" || colon == "：" { value = value.dropFirst() }
            return (field, String(label).intakeTrimmed, value)
        }
        guard let colon = rest.prefix(maxLabelLength + 1).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let label = rest[..<colon]
        guard let field = IntakeFormField.byLabel[IntakeFormField.normalizedLabel(label)] else { return nil }
        return (field, label.intakeTrimmed.filter { $0 != "*" }, rest[rest.index(after: colon)...])
    }
}
