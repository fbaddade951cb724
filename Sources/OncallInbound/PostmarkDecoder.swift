import Foundation
import OncallMail

/// Postmark inbound webhook JSON.
///
/// Postmark has already parsed the message: `FromFull`, `ToFull`, `CcFull`, `Subject`,
/// `TextBody`, `HtmlBody`, `Headers` (`[{Name, Value}]`, where the real `Message-ID`,
/// `In-Reply-To` and `References` live) and `Attachments` (`[{Name, Content, ContentType,
/// ContentLength, ContentID}]`, content in base64). Its own `MessageID` is a Postmark id, stable
/// across its retries, and becomes the event id. Authenticated by basic auth in the webhook
/// URL, checked before this.
enum PostmarkDecoder {
    /// Decodes an already authenticated post.
    static func decode(_ request: InboundHTTPRequest, integration: InboundIntegration) throws(InboundError) -> InboundPayload {
        let body = request.body
        let object = try JSONBody.object(body, what: "Postmark")
        // From here the post is authentic and valid JSON: a structure we cannot read is a
        // message to keep, not a request to refuse.
        func unreadable(_ reason: String) -> InboundError {
            .unparseable(raw: body, contentType: "application/json", reason: "Postmark inbound JSON: \(reason)")
        }
        func string(_ key: String) throws(InboundError) -> String? {
            do { return try JSONBody.optionalString(object, key, path: "") } catch { throw unreadable(error.message) }
        }

        var headers: [MailHeader] = []
        if let list = object["Headers"], !(list is NSNull) {
            guard let entries = list as? [Any] else { throw unreadable("'Headers' must be a list") }
            for entry in entries {
                guard let header = entry as? [String: Any], let name = header["Name"] as? String else {
                    throw unreadable("each of 'Headers' must be {Name, Value}")
                }
                headers.append(ProviderMail.header(name: name, rawValue: header["Value"] as? String ?? ""))
            }
        }
        var mail = ProviderMail.fromHeaders(headers)
        if let subject = try string("Subject") { mail.subject = subject }
        if let from = address(object["FromFull"]) {
            mail.from = [from]
        } else if let from = try string("From"), mail.from.isEmpty {
            mail.from = MailAddress.parseList(from)
        }
        let to = addresses(object["ToFull"])
        if !to.isEmpty { mail.to = to } else if mail.to.isEmpty, let text = try string("To") { mail.to = MailAddress.parseList(text) }
        let cc = addresses(object["CcFull"])
        if !cc.isEmpty { mail.cc = cc } else if mail.cc.isEmpty, let text = try string("Cc") { mail.cc = MailAddress.parseList(text) }
        if mail.replyTo.isEmpty, let replyTo = try string("ReplyTo"), !replyTo.isEmpty { mail.replyTo = MailAddress.parseList(replyTo) }
        if mail.date == nil { mail.date = try string("Date").flatMap(MailDate.parse) }
        ProviderMail.setBodies(&mail, text: try string("TextBody"), html: try string("HtmlBody"))

        if let list = object["Attachments"], !(list is NSNull) {
            guard let entries = list as? [Any] else { throw unreadable("'Attachments' must be a list") }
            for (index, entry) in entries.enumerated() {
                guard let attachment = entry as? [String: Any] else { throw unreadable("Attachments[\(index)] must be an object") }
                let content = (attachment["Content"] as? String ?? "").filter { !$0.isWhitespace }
                guard let data = Data(base64Encoded: content) else {
                    throw unreadable("Attachments[\(index)].Content is not base64")
                }
                let contentID = (attachment["ContentID"] as? String).flatMap { $0.isEmpty ? nil : $0 }
                mail.attachments.append(ProviderMail.attachment(
                    filename: attachment["Name"] as? String, contentType: attachment["ContentType"] as? String,
                    data: data, contentID: contentID, isInline: contentID != nil))
            }
        }
        mail.rawSize = body.count
        mail.rawSHA256 = ProviderMail.sha256Hex([body])

        // OriginalRecipient is the envelope recipient (with its plus tag) when Postmark knows it.
        var envelopeTo: [String] = []
        if let original = try string("OriginalRecipient"), !original.isEmpty {
            envelopeTo = ProviderMail.recipients(original)
        } else {
            envelopeTo = mail.to.map(\.address)
        }
        let eventID = try string("MessageID").flatMap { $0.isEmpty ? nil : $0 }
        return .mail(mail, envelopeTo: envelopeTo, eventID: eventID)
    }

    /// `{"Email": "…", "Name": "…"}` as a mailbox; nil without an address.
    static func address(_ value: Any?) -> MailAddress? {
        guard let object = value as? [String: Any], let email = object["Email"] as? String, !email.isEmpty else { return nil }
        let name = (object["Name"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        return MailAddress(name: name, address: email)
    }

    /// A list of `{"Email", "Name"}` objects as mailboxes.
    static func addresses(_ value: Any?) -> [MailAddress] {
        (value as? [Any])?.compactMap(address) ?? []
    }
}
