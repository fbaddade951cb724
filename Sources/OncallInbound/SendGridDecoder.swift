import Foundation
import OncallMail

/// SendGrid Inbound Parse posts (`multipart/form-data`), in both of its modes.
///
/// - Raw ("POST the raw, full MIME message"): the `email` field holds the whole message and
///   goes to `MIMEParser`, like any MTA delivery.
/// - Parsed: SendGrid splits the message into `from`, `to`, `cc`, `subject`, `text`, `html`,
///   `headers` (the raw header block), `envelope`, `attachment-info`, `attachmentN` files and
///   `charsets`. The text fields are *not* converted to UTF-8: each arrives in the charset
///   that `charsets` names for it (an Outlook message in GB2312 posts GB2312 bytes in `subject`
///   and `text`), so every field is decoded with its own charset.
///
/// SendGrid signs nothing on Inbound Parse; the endpoint is authenticated by basic auth or a
/// `?key=` secret in the configured URL (`Credentials.requireSendGrid`), checked before this.
enum SendGridDecoder {
    /// Decodes an already authenticated post.
    static func decode(_ request: InboundHTTPRequest, integration: InboundIntegration) throws(InboundError) -> InboundPayload {
        let form = try FormData.parse(request)
        let envelope = envelopeFields(form.text("envelope"))
        if let email = form.field("email"), !email.data.isEmpty {
            let mail = try ProviderMail.parseMIME(email.data, limits: integration.limits)
            return .mail(mail, envelopeTo: envelope.to, eventID: nil)
        }
        guard form.field("headers") != nil || form.field("from") != nil || form.field("text") != nil else {
            throw .malformed("neither a raw (email) nor a parsed (headers, from, text) Inbound Parse post")
        }
        return .mail(parsedMail(form, envelopeFrom: envelope.from, limits: integration.limits), envelopeTo: envelope.to, eventID: nil)
    }

    /// The mail from parsed mode's fields.
    static func parsedMail(_ form: FormData, envelopeFrom: String?, limits: MIMELimits) -> ParsedMail {
        var warnings: [String] = []
        let charsets = charsetMap(form.text("charsets"))
        func text(_ name: String) -> String? {
            guard let field = form.field(name), !field.isFile else { return nil }
            let decoded = field.text(charset: charsets[name])
            if let warning = decoded.warning { warnings.append(warning) }
            return decoded.text
        }

        var mail = headerMail(form.field("headers")?.data, limits: limits, warnings: &warnings)
        // The decoded fields win for what they carry: `subject` arrives in its own charset,
        // already free of encoded words, and is what SendGrid displays.
        if let subject = text("subject") { mail.subject = subject }
        if mail.from.isEmpty, let from = text("from") { mail.from = MailAddress.parseList(from) }
        if mail.to.isEmpty, let to = text("to") { mail.to = MailAddress.parseList(to) }
        if mail.cc.isEmpty, let cc = text("cc") { mail.cc = MailAddress.parseList(cc) }
        if mail.returnPath == nil, let envelopeFrom { mail.returnPath = ProviderMail.returnPath(envelopeFrom) }
        ProviderMail.setBodies(&mail, text: text("text"), html: text("html"))

        let info = attachmentInfo(form.text("attachment-info"))
        let contentIDs = invertedContentIDs(form.text("content-ids"))
        mail.attachments = attachmentFields(form).map { field in
            let details = info[field.name] ?? [:]
            let contentID = details["content-id"] ?? contentIDs[field.name]
            return ProviderMail.attachment(
                filename: field.filename ?? details["filename"] ?? details["name"],
                contentType: field.contentType ?? details["type"], data: field.data,
                contentID: contentID, isInline: contentID != nil)
        }
        if let declared = text("attachments").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
           declared != mail.attachments.count {
            warnings.append("attachments says \(declared) but the post has \(mail.attachments.count) attachment parts")
        }
        if let warning = form.unnamedPartsWarning { warnings.append(warning) }
        let digest = form.contentDigest(excluding: [])
        mail.rawSize = digest.size
        mail.rawSHA256 = digest.sha256
        mail.warnings = warnings + mail.warnings
        return mail
    }

    /// The raw header block parsed as a message without a body: the headers in order, and the
    /// address, date and threading fields read from their raw values.
    static func headerMail(_ block: Data?, limits: MIMELimits, warnings: inout [String]) -> ParsedMail {
        guard var bytes = block.map(Array.init), !bytes.isEmpty else {
            warnings.append("the post has no headers field; addresses and threading come from the fields only")
            return ParsedMail()
        }
        while let last = bytes.last, last == 0x0D || last == 0x0A || last == 0x20 || last == 0x09 { bytes.removeLast() }
        bytes.append(contentsOf: Array("\r\n\r\n".utf8))
        do {
            let parsed = try MIMEParser.parse(bytes: bytes, limits: limits)
            // Keep what the headers say, not what the parser made of the missing body.
            var mail = ProviderMail.fromHeaders([])
            mail.headers = parsed.headers
            mail.subject = parsed.subject
            mail.from = parsed.from
            mail.sender = parsed.sender
            mail.to = parsed.to
            mail.cc = parsed.cc
            mail.replyTo = parsed.replyTo
            mail.date = parsed.date
            mail.messageID = parsed.messageID
            mail.inReplyTo = parsed.inReplyTo
            mail.references = parsed.references
            mail.returnPath = parsed.returnPath
            return mail
        } catch {
            warnings.append("the headers field could not be parsed (\(error.description)); using the fields only")
            return ParsedMail()
        }
    }

    /// `attachment1` … `attachmentN` file parts, in numeric order.
    static func attachmentFields(_ form: FormData) -> [FormField] {
        form.fields.compactMap { field -> (Int, FormField)? in
            guard field.name.hasPrefix("attachment"), let number = Int(field.name.dropFirst("attachment".count)) else {
                return nil
            }
            return (number, field)
        }
        .sorted { $0.0 < $1.0 }
        .map(\.1)
    }

    /// `charsets`: `{"subject":"gb2312","text":"gb2312","from":"UTF-8"}`.
    static func charsetMap(_ json: String?) -> [String: String] {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            return [:]
        }
        return object.compactMapValues { $0 as? String }
    }

    /// `envelope`: `{"to":["faults+wms@example.com"],"from":"bounce@example.net"}`.
    static func envelopeFields(_ json: String?) -> (to: [String], from: String?) {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            return ([], nil)
        }
        let to: [String]
        if let list = object["to"] as? [Any] {
            to = list.compactMap { $0 as? String }
        } else {
            to = ProviderMail.recipients(object["to"] as? String)
        }
        return (to, object["from"] as? String)
    }

    /// `attachment-info`: `{"attachment1":{"filename":"a.pdf","type":"application/pdf","content-id":"…"}}`.
    static func attachmentInfo(_ json: String?) -> [String: [String: String]] {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            return [:]
        }
        return object.compactMapValues { ($0 as? [String: Any])?.compactMapValues { $0 as? String } }
    }

    /// `content-ids`: `{"ii_1234": "attachment1"}`, inverted to field name → Content-ID.
    static func invertedContentIDs(_ json: String?) -> [String: String] {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            return [:]
        }
        var map: [String: String] = [:]
        for (contentID, value) in object {
            if let field = value as? String { map[field] = contentID }
        }
        return map
    }
}
