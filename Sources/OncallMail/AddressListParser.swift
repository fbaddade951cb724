/// A forgiving RFC 5322 address-list parser.
///
/// It tokenizes once (quoted strings, comments, angle addresses, separators) and then builds
/// mailboxes, so a display name with a comma in quotes or in an encoded word never splits an
/// address. Outlook's `;` separators, groups (`undisclosed-recipients:;`), `addr (Name)`
/// comments and bare `Name addr@host` are accepted.
enum AddressListParser {
    private enum Token {
        case word(String)
        case quoted(String)
        case comment(String)
        case angle(String)
        case comma
        case semicolon
        case colon
    }

    /// The mailboxes in `value`.
    static func parse(_ value: String) -> [MailAddress] {
        let tokens = tokenize(Array(value.unicodeScalars))
        var result: [MailAddress] = []
        var current: [Token] = []
        // Kept as a flag so that a run of colons does not rescan the tokens each time.
        var currentHasAngle = false
        var inGroup = false

        func finish() {
            if let address = mailbox(from: current) { result.append(address) }
            current.removeAll()
            currentHasAngle = false
        }

        for token in tokens {
            switch token {
            case .comma:
                finish()
            case .semicolon:
                // Ends a group, or (Outlook habit) separates addresses.
                finish()
                inGroup = false
            case .colon:
                // `Group name: a@x, b@y;` — the words so far were the group's name. A colon after
                // an angle address or without a name is noise.
                if !inGroup, !currentHasAngle {
                    current.removeAll()
                    inGroup = true
                } else {
                    current.append(.word(":"))
                }
            case .angle:
                current.append(token)
                currentHasAngle = true
            default:
                current.append(token)
            }
            // A hostile header could hold thousands of addresses; nobody mails that many people.
            if result.count >= 1000 { break }
        }
        finish()
        return result
    }

    /// One mailbox from the tokens between separators, or nil when there is no address.
    private static func mailbox(from tokens: [Token]) -> MailAddress? {
        var phrase: [String] = []
        var comments: [String] = []
        var angle: String?
        for token in tokens {
            switch token {
            case let .word(text): phrase.append(text)
            case let .quoted(text): phrase.append(text)
            case let .comment(text): comments.append(text)
            case let .angle(text): if angle == nil { angle = text }
            default: break
            }
        }

        var address: String
        var name: String
        if let angle {
            address = angle
            name = phrase.joined(separator: " ")
            if name.isEmpty, let comment = comments.first { name = comment }
        } else if phrase.count > 1, let index = phrase.firstIndex(where: isWholeAddress) {
            // `Name addr@host` (a common mistake): the word holding a whole address wins and
            // the other words are the name.
            address = phrase[index]
            var rest = phrase
            rest.remove(at: index)
            name = rest.joined(separator: " ")
            if name.isEmpty, let comment = comments.first { name = comment }
        } else {
            // `local@domain`, possibly cut up by comments or a quoted local part.
            address = phrase.joined()
            name = comments.first ?? ""
        }

        address = cleanAddress(address)
        guard !address.isEmpty else { return nil }
        name = EncodedWords.decode(name).trimmingCharacters(in: " \t\"'")
        name = name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : String($0) }.joined()
        let displayName: String? = name.isEmpty || name == address ? nil : name
        return MailAddress(name: displayName, address: address)
    }

    /// True for a word that is a complete `local@domain` by itself.
    private static func isWholeAddress(_ word: String) -> Bool {
        guard let at = word.firstIndex(of: "@") else { return false }
        return at != word.startIndex && word.index(after: at) != word.endIndex && !word.hasSuffix(".")
    }

    /// Drops an obsolete source route (`@relay:user@host`), spaces and a `mailto:` prefix.
    private static func cleanAddress(_ raw: String) -> String {
        var address = raw.trimmedWhitespace
        if address.hasPrefix("@"), let colon = address.firstIndex(of: ":") {
            address = String(address[address.index(after: colon)...])
        }
        if address.lowercased().hasPrefix("mailto:") { address = String(address.dropFirst(7)) }
        address.removeAll { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        return address
    }

    /// Splits the value into tokens; unterminated quotes, comments and angles run to the end.
    private static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        var word = String.UnicodeScalarView()
        func flushWord() {
            if !word.isEmpty { tokens.append(.word(String(word))) }
            word = String.UnicodeScalarView()
        }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case " ", "\t", "\r", "\n":
                flushWord()
                index += 1
            case "\"":
                flushWord()
                // An unterminated quote is read as if it were not there, so that
                // `"Name <a@b>` still yields the address.
                guard scalars[(index + 1)...].contains("\"") else {
                    index += 1
                    continue
                }
                var text = String.UnicodeScalarView()
                index += 1
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                    text.append(scalars[index])
                    index += 1
                }
                index += 1
                tokens.append(.quoted(String(text)))
            case "(":
                flushWord()
                var depth = 0
                var text = String.UnicodeScalarView()
                while index < scalars.count {
                    let current = scalars[index]
                    if current == "\\", index + 1 < scalars.count {
                        text.append(scalars[index + 1])
                        index += 2
                        continue
                    }
                    if current == "(" {
                        depth += 1
                        if depth > 1 { text.append(current) }
                    } else if current == ")" {
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            break
                        }
                        text.append(current)
                    } else {
                        text.append(current)
                    }
                    index += 1
                }
                tokens.append(.comment(String(String(text).trimmedWhitespace)))
            case "<":
                flushWord()
                var text = String.UnicodeScalarView()
                index += 1
                while index < scalars.count, scalars[index] != ">" {
                    text.append(scalars[index])
                    index += 1
                }
                index += 1
                tokens.append(.angle(String(text)))
            case ",":
                flushWord()
                tokens.append(.comma)
                index += 1
            case ";":
                flushWord()
                tokens.append(.semicolon)
                index += 1
            case ":":
                flushWord()
                tokens.append(.colon)
                index += 1
            case ">", ")":
                index += 1
            default:
                word.append(scalar)
                index += 1
            }
        }
        flushWord()
        return tokens
    }
}
