import Foundation
import OncallCore
import OncallCurl
import OncallSupport

/// Email through the configured SMTP relay (`notify.smtp`), to the message's target address.
public struct EmailChannel: NotificationChannel {
    public static let kind = ChannelKind.email
    let multi: CurlMulti?
    /// The domain of the Message-IDs this channel writes.
    let messageIDDomain: MessageIDDomain

    public init(multi: CurlMulti? = nil, messageIDDomain: MessageIDDomain = .standard) {
        self.multi = multi
        self.messageIDDomain = messageIDDomain
    }

    public func deliver(_ message: OutboxMessage, payload: EmailPayload, settings: DeliverySettings, now: Date) async -> DeliveryOutcome {
        guard let smtp = settings.smtp else { return .permanent(detail: "notify.smtp is not configured") }
        let sender = SMTPSender(url: smtp.url, from: smtp.from, username: smtp.username, password: smtp.password, requireTLS: smtp.requireTLS)
        return await sender.send(Self.email(message, payload: payload, from: smtp.from, domain: messageIDDomain), date: now, multi: multi)
    }

    /// The email for `message`: to the target under the payload's name, threaded on its incident.
    static func email(_ message: OutboxMessage, payload: EmailPayload, from: String, domain: MessageIDDomain = .standard) -> OutgoingEmail {
        OutgoingEmail(
            from: from, to: [payload.name.map { "\($0) <\(message.target)>" } ?? message.target],
            subject: message.subject, textBody: message.body, htmlBody: payload.html,
            // The message id is the idempotency key; all mail about one incident threads on its root id.
            messageID: domain.messageID(localPart: message.id), inReplyTo: nil,
            references: message.incident.map { [threadID($0, domain: domain)] } ?? [],
            extraHeaders: message.incident.map { [("X-Oncalld-Incident", $0.description)] } ?? [])
    }

    /// The Message-ID every email about an incident refers to, so mail clients thread them.
    public static func threadID(_ incident: IncidentNumber, domain: MessageIDDomain = .standard) -> String {
        domain.messageID(localPart: incident.description.lowercased())
    }
}
