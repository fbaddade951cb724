/// A mailbox as a header shows it: an optional display name and an address (`张伟 <zhang.wei@example.com>`).
public struct MailboxAddress: Sendable, Equatable {
    /// The display name, e.g. `张伟`; nil when there is none.
    public var name: String?
    /// The bare address, e.g. `zhang.wei@example.com`.
    public var address: String

    /// A mailbox from its parts; control characters, spaces and `<>,;` are removed from the address
    /// (they could end the header or add recipients), CR/LF from the name.
    public init(name: String? = nil, address: String) {
        let cleanName = name.map(TextEscaping.headerValue)
        self.name = cleanName?.isEmpty == false ? cleanName : nil
        self.address = String(address.unicodeScalars.filter { scalar in
            scalar.value > 0x20 && scalar.value != 0x7F && !"<>,;\"".unicodeScalars.contains(scalar)
        }.map(Character.init))
    }

    /// Parses `zhang.wei@example.com`, `<zhang.wei@example.com>`, `张伟 <zhang.wei@example.com>` or
    /// `"Zhang, Wei" <zhang.wei@example.com>`.
    public init(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
            self.init(address: trimmed)
            return
        }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            // A quoted-string: drop the quotes and undo its backslash escapes.
            var unescaped = ""
            var escaping = false
            for character in name.dropFirst().dropLast() {
                if escaping || character != "\\" {
                    unescaped.append(character)
                    escaping = false
                } else {
                    escaping = true
                }
            }
            name = unescaped
        }
        self.init(name: name.isEmpty ? nil : name, address: address)
    }

    /// `name <address>` in the form ``init(parsing:)`` reads back: the name quoted (backslashes and quotes escaped)
    /// when it holds anything but letters, digits and spaces; the bare address when there is no name.
    public static func format(name: String?, address: String) -> String {
        MailboxAddress(name: name, address: address).formatted
    }

    /// This mailbox as ``format(name:address:)`` writes it (raw UTF-8; `EmailFormatter` does the RFC 2047 encoding).
    public var formatted: String {
        guard let name else { return address }
        let plain = name.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " }
        if plain { return "\(name) <\(address)>" }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\" <\(address)>"
    }

    /// The address in angle brackets, as SMTP's `MAIL FROM` and `RCPT TO` want it.
    public var envelope: String { "<\(address)>" }
}
