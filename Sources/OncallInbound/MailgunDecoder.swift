import Crypto
import Foundation
import OncallMail
import OncallSupport

/// Mailgun route `forward()` posts: the fully parsed form and the raw `body-mime` variant.
///
/// Mailgun sends `application/x-www-form-urlencoded`, or `multipart/form-data` when the
/// message has attachments (`attachment-1` … `attachment-N` file parts). A route whose URL
/// ends in `mime` gets `body-mime` (the whole message) instead of the parsed fields. Both
/// carry `timestamp`, `token` and `signature` = hex(HMAC-SHA256(signing key, timestamp+token)).
enum MailgunDecoder {
    /// Form fields that authenticate the post rather than describe the message; left out of
    /// the content digest so a re-post of the same message digests the same.
    static let signatureFields: Set<String> = ["timestamp", "token", "signature"]

    /// Verifies the signature, the timestamp window and the replay guard, then decodes.
    static func decode(
        _ request: InboundHTTPRequest, integration: InboundIntegration, now: Date, seenToken: @Sendable (String) -> Bool
    ) throws(InboundError) -> InboundPayload {
        let form = try FormData.parse(request)
        try verify(form, integration: integration, now: now, seenToken: seenToken)
        let envelopeTo = ProviderMail.recipients(form.text("recipient"))
        if let mime = form.field("body-mime"), !mime.data.isEmpty {
            return .mail(try ProviderMail.parseMIME(mime.data, limits: integration.limits), envelopeTo: envelopeTo, eventID: nil)
        }
        return .mail(parsedMail(form), envelopeTo: envelopeTo, eventID: nil)
    }

    // MARK: - Signature

    /// Checks, in this order: signature present, HMAC right, timestamp within the window, token
    /// unseen. The replay store is consulted last so unsigned posts cannot probe or fill it.
    static func verify(
        _ form: FormData, integration: InboundIntegration, now: Date, seenToken: @Sendable (String) -> Bool
    ) throws(InboundError) {
        guard let key = integration.signingKey, !key.isEmpty else {
            throw .unauthorized("integration '\(integration.name)' has no Mailgun signing key configured")
        }
        guard let timestamp = form.text("timestamp"), let token = form.text("token"),
              let signature = form.text("signature"), !timestamp.isEmpty, !token.isEmpty
        else { throw .unauthorized("the post has no Mailgun signature (timestamp, token, signature)") }
        guard let given = Hex.decode(signature.trimmingCharacters(in: .whitespaces)), given.count == SHA256.byteCount else {
            throw .unauthorized("the Mailgun signature is not a hex HMAC-SHA256")
        }
        // isValidAuthenticationCode compares in constant time.
        let valid = HMAC<SHA256>.isValidAuthenticationCode(
            given, authenticating: Data((timestamp + token).utf8), using: SymmetricKey(data: Data(key.utf8)))
        guard valid else { throw .unauthorized("the Mailgun signature does not match") }
        guard let seconds = Int64(timestamp.trimmingCharacters(in: .whitespaces)) else {
            throw .unauthorized("the Mailgun timestamp is not a number")
        }
        let skew = integration.maxTimestampSkew.components
        let allowed = Double(skew.seconds) + Double(skew.attoseconds) / 1e18
        let offset = now.timeIntervalSince1970 - Double(seconds)
        guard abs(offset) <= allowed else {
            throw .unauthorized("the Mailgun timestamp is \(Int(offset)) s from now, outside ±\(Int(allowed)) s")
        }
        guard !seenToken(token) else { throw .unauthorized("the Mailgun token was used before (replay)") }
    }

    // MARK: - Parsed form

    /// The mail from the parsed fields; `message-headers` supplies the raw headers (so display
    /// names and Message-IDs are read from raw values) and the fields fill what it lacks.
    static func parsedMail(_ form: FormData) -> ParsedMail {
        var warnings: [String] = []
        func text(_ name: String) -> String? {
            guard let field = form.field(name), !field.isFile else { return nil }
            let decoded = field.text()
            if let warning = decoded.warning { warnings.append(warning) }
            return decoded.text
        }

        var headers: [MailHeader] = []
        if let json = text("message-headers") {
            if let parsed = messageHeaders(json) {
                headers = parsed
            } else {
                warnings.append("message-headers is not a JSON list of [name, value] pairs; using the form fields")
            }
        }
        var mail = ProviderMail.fromHeaders(headers)
        if let subject = text("subject") { mail.subject = subject }
        if mail.from.isEmpty, let from = text("from") { mail.from = MailAddress.parseList(from) }
        if mail.to.isEmpty, let to = text("To") { mail.to = MailAddress.parseList(to) }
        if mail.cc.isEmpty, let cc = text("Cc") { mail.cc = MailAddress.parseList(cc) }
        if mail.messageID == nil { mail.messageID = text("Message-Id").flatMap { MessageIDs.parse($0).first } }
        if mail.inReplyTo.isEmpty { mail.inReplyTo = text("In-Reply-To").map(MessageIDs.parse) ?? [] }
        if mail.references.isEmpty { mail.references = text("References").map(MessageIDs.parse) ?? [] }
        // `sender` is the SMTP MAIL FROM, which is what Return-Path records; empty for bounces.
        if mail.returnPath == nil, let sender = text("sender") { mail.returnPath = ProviderMail.returnPath(sender) }
        if mail.date == nil { mail.date = text("Date").flatMap(MailDate.parse) }
        ProviderMail.setBodies(&mail, text: text("body-plain"), html: text("body-html"))

        let contentIDs = contentIDMap(text("content-id-map"))
        mail.attachments = attachmentFields(form).map { field in
            let contentID = contentIDs[field.name]
            return ProviderMail.attachment(
                filename: field.filename, contentType: field.contentType, data: field.data,
                contentID: contentID, isInline: contentID != nil)
        }
        if let declared = text("attachment-count").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
           declared != mail.attachments.count {
            warnings.append("attachment-count says \(declared) but the post has \(mail.attachments.count) attachment parts")
        }
        if let warning = form.unnamedPartsWarning { warnings.append(warning) }
        let digest = form.contentDigest(excluding: signatureFields)
        mail.rawSize = digest.size
        mail.rawSHA256 = digest.sha256
        mail.warnings = warnings
        return mail
    }

    /// `attachment-1` … `attachment-N` in numeric order (`attachment-10` after `attachment-9`).
    static func attachmentFields(_ form: FormData) -> [FormField] {
        form.fields.compactMap { field -> (Int, FormField)? in
            guard field.name.hasPrefix("attachment-"), let number = Int(field.name.dropFirst("attachment-".count)) else {
                return nil
            }
            return (number, field)
        }
        .sorted { $0.0 < $1.0 }
        .map(\.1)
    }

    /// `message-headers`: a JSON list of `[name, value]` pairs, in message order.
    static func messageHeaders(_ json: String) -> [MailHeader]? {
        guard let list = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any] else { return nil }
        var headers: [MailHeader] = []
        for entry in list {
            guard let pair = entry as? [Any], pair.count == 2, let name = pair[0] as? String, let value = pair[1] as? String else {
                return nil
            }
            headers.append(ProviderMail.header(name: name, rawValue: value))
        }
        return headers
    }

    /// `content-id-map`: `{"<cid>": "attachment-1"}`, inverted to field name → Content-ID.
    static func contentIDMap(_ json: String?) -> [String: String] {
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
