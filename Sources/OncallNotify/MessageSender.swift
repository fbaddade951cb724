import Foundation
import OncallCore
import OncallCurl
import OncallSupport

/// Sends one outbox message through its channel, as the settings in force describe it.
public struct MessageSender: Sendable {
    /// Drives many transfers on one thread (libcurl's multi interface); nil sends each on its own thread.
    let multi: CurlMulti?
    /// The domain of the Message-IDs this sender writes.
    let messageIDDomain: MessageIDDomain

    public init(multi: CurlMulti? = nil, messageIDDomain: MessageIDDomain = .standard) {
        self.multi = multi
        self.messageIDDomain = messageIDDomain
    }

    public func send(_ message: OutboxMessage, settings: DeliverySettings, now: Date) async -> DeliveryOutcome {
        guard let channel = ChannelKind(rawValue: message.channel) else {
            return .permanent(detail: "unknown channel '\(message.channel)'")
        }
        let extras = (try? JSONSerialization.jsonObject(with: Data(message.extras.utf8))) as? [String: Any] ?? [:]
        switch channel {
        case .email:
            guard let smtp = settings.smtp else { return .permanent(detail: "notify.smtp is not configured") }
            let sender = SMTPSender(url: smtp.url, from: smtp.from, username: smtp.username, password: smtp.password, requireTLS: smtp.requireTLS)
            let name = extras["name"] as? String
            let email = OutgoingEmail(
                from: smtp.from, to: [name.map { "\($0) <\(message.target)>" } ?? message.target],
                subject: message.subject, textBody: message.body, htmlBody: extras["html"] as? String,
                // The message id is the idempotency key; all mail about one incident threads on its root id.
                messageID: messageIDDomain.messageID(localPart: message.id), inReplyTo: nil,
                references: message.incident.map { [Self.threadID($0, domain: messageIDDomain)] } ?? [],
                extraHeaders: message.incident.map { [("X-Oncalld-Incident", $0.description)] } ?? [])
            return await sender.send(email, date: now, multi: multi)
        case .sms:
            guard let sms = settings.sms else { return .permanent(detail: "notify.sms is not configured") }
            return await WebhookSender.send(sms.request(phone: message.target, text: message.body, idempotencyKey: message.id), channel: .sms, multi: multi)
        case .webhook, .wecom, .dingtalk, .feishu, .slack:
            guard let webhook = settings.webhooks.first(where: { $0.name == message.target }) else {
                return .permanent(detail: "no webhook named '\(message.target)' in notify.webhooks")
            }
            let mentions = extras["mentions"] as? [String] ?? []
            let mobiles = extras["mobiles"] as? [String] ?? []
            let request = switch webhook.kind {
            case .wecom:
                WeComRobot.request(webhookURL: webhook.url, text: message.body, mentionUserIDs: mentions, mentionMobiles: mobiles, idempotencyKey: message.id)
            case .dingtalk:
                DingTalkRobot.request(
                    webhookURL: webhook.url, secret: webhook.secret, text: message.body, atMobiles: mobiles, atUserIds: mentions,
                    timestamp: now, idempotencyKey: message.id)
            case .feishu:
                FeishuRobot.request(
                    webhookURL: webhook.url, secret: webhook.secret, text: message.body,
                    mentionOpenIDs: zip(mentions, extras["names"] as? [String] ?? mentions).map { (id: $0, name: $1) },
                    timestamp: now, idempotencyKey: message.id)
            case .slack:
                SlackWebhook.request(
                    webhookURL: webhook.url, text: message.body + (mentions.isEmpty ? "" : "\n" + mentions.map { "<@\($0)>" }.joined(separator: " ")),
                    idempotencyKey: message.id)
            default:
                GenericWebhook.request(
                    url: webhook.url, secret: webhook.secret,
                    body: (try? JSONSerialization.data(withJSONObject: extras["event"] ?? [:], options: [.sortedKeys])) ?? Data("{}".utf8),
                    idempotencyKey: message.id, timestamp: now)
            }
            return await WebhookSender.send(request, channel: webhook.kind, multi: multi)
        }
    }

    /// The Message-ID every email about an incident refers to, so mail clients thread them.
    public static func threadID(_ incident: IncidentNumber, domain: MessageIDDomain = .standard) -> String {
        domain.messageID(localPart: incident.description.lowercased())
    }
}
