import Foundation
import OncallMail

/// Amazon SES email receiving through an SNS HTTPS subscription.
///
/// The body is an SNS envelope (`SNSMessage`). Before anything in it is believed: the topic
/// must be the pinned one and the signature must verify with a configured certificate. Then a
/// `SubscriptionConfirmation` becomes `.subscriptionConfirmation` (an operator confirms it by
/// hand), and a `Notification` carries SES's JSON in `Message`:
/// `{"notificationType":"Received","receipt":{…,"recipients":[…],"action":{"type":"SNS",
/// "encoding":"UTF8"|"BASE64"}},"mail":{…,"messageId":…},"content":"<the message>"}`.
/// `content` is the raw MIME, as text or (when the receipt rule's SNS action says BASE64, the
/// only way to keep 8-bit bytes intact) base64.
///
/// The SNS `Timestamp` (when the notification was published) is not checked against `now`:
/// SNS retries a delivery for up to an hour, the signature already proves SNS sent it, and a
/// replayed notification is a duplicate that dedup on the SES `messageId` answers.
enum SESDecoder {
    /// Verifies and decodes an SNS delivery.
    static func decode(_ request: InboundHTTPRequest, integration: InboundIntegration, now: Date) throws(InboundError) -> InboundPayload {
        let message = try SNSMessage.parse(request.body)
        guard let pinned = integration.topicARN, !pinned.isEmpty else {
            throw .unauthorized("integration '\(integration.name)' has no SNS topic ARN configured")
        }
        // The ARN is not secret, so a plain comparison leaks nothing.
        guard message.topicARN == pinned else {
            throw .unauthorized("SNS topic '\(message.topicARN)' is not the configured topic")
        }
        try SNSSignatureVerifier.verify(message, trustedPEM: integration.trustedCertificatesPEM, now: now)

        switch message.type {
        case "SubscriptionConfirmation":
            return .subscriptionConfirmation(subscribeURL: message.subscribeURL ?? "", topicARN: message.topicARN)
        case "UnsubscribeConfirmation":
            throw .ignored("SNS UnsubscribeConfirmation for \(message.topicARN): nothing to store")
        default:
            return try notification(message, limits: integration.limits)
        }
    }

    /// The mail inside a verified SES `Received` notification.
    static func notification(_ message: SNSMessage, limits: MIMELimits) throws(InboundError) -> InboundPayload {
        let raw = Data(message.message.utf8)
        func unreadable(_ reason: String) -> InboundError {
            .unparseable(raw: raw, contentType: "application/json", reason: "SES notification: \(reason)")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: raw)) as? [String: Any] else {
            throw unreadable("the SNS Message is not a JSON object")
        }
        let type = object["notificationType"] as? String ?? object["eventType"] as? String ?? ""
        guard type == "Received" else {
            // A bounce or delivery report sent to the inbound topic by mistake: authentic, and
            // kept so the operator sees the misconfiguration.
            throw unreadable("notification type '\(type)' is not 'Received' and carries no inbound mail")
        }
        let receipt = object["receipt"] as? [String: Any] ?? [:]
        let mailInfo = object["mail"] as? [String: Any] ?? [:]
        let action = receipt["action"] as? [String: Any] ?? [:]
        let recipients = (receipt["recipients"] as? [Any])?.compactMap { $0 as? String }
            ?? (mailInfo["destination"] as? [Any])?.compactMap { $0 as? String } ?? []
        let eventID = (mailInfo["messageId"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        guard let content = object["content"] as? String, !content.isEmpty else {
            // Only the SNS action includes the message; an S3 or Lambda action's notification
            // does not. Keep the notification so the operator sees the misconfiguration.
            throw unreadable("no 'content': the receipt rule's action is '\(action["type"] as? String ?? "?")', not SNS")
        }
        let bytes = try mimeBytes(content, encoding: action["encoding"] as? String, raw: raw)
        let mail = try ProviderMail.parseMIME(bytes, limits: limits)
        return .mail(mail, envelopeTo: recipients, eventID: eventID)
    }

    /// The message bytes of `content`: base64-decoded when the action's encoding says BASE64,
    /// else its UTF-8 text. Without an encoding, text that does not start like a header block
    /// but is valid base64 is taken as base64.
    static func mimeBytes(_ content: String, encoding: String?, raw: Data) throws(InboundError) -> Data {
        let label = encoding?.uppercased().filter { $0.isLetter || $0.isNumber }
        let stripped = content.filter { !$0.isWhitespace }
        switch label {
        case "BASE64":
            guard let data = Data(base64Encoded: stripped) else {
                throw .unparseable(raw: raw, contentType: "application/json", reason: "SES notification: content is not base64")
            }
            return data
        case "UTF8":
            return Data(content.utf8)
        default:
            let firstLine = content.prefix { $0 != "\n" && $0 != "\r" }
            if !firstLine.contains(":"), let data = Data(base64Encoded: stripped) { return data }
            return Data(content.utf8)
        }
    }
}
