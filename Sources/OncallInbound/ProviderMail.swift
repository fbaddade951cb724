import Crypto
import Foundation
import OncallMail
import OncallSupport

/// Builds a `ParsedMail` from a provider's pre-parsed fields, the same shape `MIMEParser`
/// gives for raw mail, so the intake never needs to know which provider a message came from.
enum ProviderMail {
    /// A mail whose address, date and threading fields come from `headers` (raw values, so
    /// display names are decoded by the address parser and Message-IDs keep their brackets).
    static func fromHeaders(_ headers: [MailHeader]) -> ParsedMail {
        func raw(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.rawValue
        }
        func all(_ name: String) -> String? {
            let values = headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.rawValue)
            return values.isEmpty ? nil : values.joined(separator: ", ")
        }
        var mail = ParsedMail(headers: headers)
        mail.subject = headers.first { $0.name.caseInsensitiveCompare("Subject") == .orderedSame }?.value
        mail.from = all("From").map(MailAddress.parseList) ?? []
        mail.sender = raw("Sender").flatMap { MailAddress.parseList($0).first }
        mail.to = all("To").map(MailAddress.parseList) ?? []
        mail.cc = all("Cc").map(MailAddress.parseList) ?? []
        mail.replyTo = all("Reply-To").map(MailAddress.parseList) ?? []
        mail.date = raw("Date").flatMap(MailDate.parse)
        mail.messageID = raw("Message-ID").flatMap { MessageIDs.parse($0).first }
        mail.inReplyTo = raw("In-Reply-To").map(MessageIDs.parse) ?? []
        mail.references = raw("References").map(MessageIDs.parse) ?? []
        mail.returnPath = raw("Return-Path").map(returnPath)
        return mail
    }

    /// A header from a provider's (name, raw value) pair, with the display value decoded.
    static func header(name: String, rawValue: String) -> MailHeader {
        let unfolded = rawValue.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
        let decoded = unfolded.contains("=?") ? EncodedWords.decode(unfolded) : unfolded
        let display = String(String.UnicodeScalarView(decoded.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
        return MailHeader(name: name, value: display, rawValue: unfolded)
    }

    /// The address of a `Return-Path` value without brackets; `""` for the null sender `<>`.
    static func returnPath(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            .trimmingCharacters(in: .whitespaces)
    }

    /// Text with `\n` line ends, or nil when empty (the `ParsedMail` convention).
    static func normalizedText(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalized.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : normalized
    }

    /// Sets the bodies the way `MIMEParser` does: text if any, else the HTML reduced to text.
    static func setBodies(_ mail: inout ParsedMail, text: String?, html: String?) {
        mail.htmlBody = html.flatMap { $0.isEmpty ? nil : $0 }
        mail.textBody = normalizedText(text) ?? mail.htmlBody.flatMap { normalizedText(HTMLText.readableText($0)) }
    }

    /// An attachment with its size and digest computed.
    static func attachment(filename: String?, contentType: String?, data: Data, contentID: String? = nil, isInline: Bool = false) -> MailAttachment {
        let type = contentType.map { ParameterizedValue.parse($0).value } ?? ""
        return MailAttachment(
            filename: sanitizedFilename(filename), contentType: type.isEmpty ? "application/octet-stream" : type,
            size: data.count, sha256: sha256Hex([data]), data: data, isInline: isInline,
            contentID: contentID.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) }.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The last path component without control characters; names are for display, never paths.
    static func sanitizedFilename(_ name: String?) -> String? {
        guard let name else { return nil }
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let visible = String(String.UnicodeScalarView(last.unicodeScalars.filter { !($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }))
        var cleaned = visible.trimmingCharacters(in: .whitespaces)
        if cleaned == "." || cleaned == ".." { cleaned = "" }
        if cleaned.count > 255 { cleaned = String(cleaned.prefix(255)) }
        return cleaned.isEmpty ? nil : cleaned
    }

    /// Lowercase hex SHA-256 of the concatenated chunks.
    static func sha256Hex(_ chunks: [Data]) -> String {
        var hasher = SHA256()
        for chunk in chunks { hasher.update(data: chunk) }
        return Hex.string(hasher.finalize())
    }

    /// Parses raw MIME, turning a parser refusal into the 422 that quarantines the bytes.
    static func parseMIME(_ data: Data, limits: MIMELimits) throws(InboundError) -> ParsedMail {
        do {
            return try MIMEParser.parse(data, limits: limits)
        } catch {
            throw .unparseable(raw: data, contentType: "message/rfc822", reason: error.description)
        }
    }

    /// Envelope recipients from a comma- or space-separated list (`a@x, b@y`).
    static func recipients(_ list: String?) -> [String] {
        guard let list else { return [] }
        return list.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<>")) }
            .filter { !$0.isEmpty }
    }
}
