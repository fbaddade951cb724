import Foundation

/// A formatted message split the simple way the tests need: raw header fields (folds kept) and the body.
struct RawMessage {
    /// Each field as written, continuation lines included (joined with CRLF).
    var fields: [(name: String, raw: String)]
    var body: String
    var text: String

    init(_ data: Data) throws {
        text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw FixtureError.failed("no blank line after the header") }
        body = String(text[split.upperBound...])
        fields = []
        for line in text[..<split.lowerBound].components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !fields.isEmpty {
                fields[fields.count - 1].raw += "\r\n" + line
            } else {
                let name = line.prefix { $0 != ":" }
                fields.append((String(name), line))
            }
        }
    }

    /// The raw value (after `Name:`, folds kept) of the first field called `name`.
    func raw(_ name: String) -> String? {
        guard let field = fields.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) else { return nil }
        return String(field.raw.dropFirst(field.name.count + 1))
    }

    /// The value unfolded (CRLF before whitespace removed) and trimmed.
    func value(_ name: String) -> String? {
        raw(name)?.replacingOccurrences(of: "\r\n", with: "").trimmingCharacters(in: .whitespaces)
    }

    /// Every header line (continuations as their own lines).
    var headerLines: [String] { fields.flatMap { $0.raw.components(separatedBy: "\r\n") } }
}
