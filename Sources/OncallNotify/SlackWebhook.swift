import Foundation
import OncallCore
import OncallCurl

/// A Slack incoming webhook (`https://hooks.slack.com/services/…`).
///
/// As a channel it delivers `slack` outbox messages to the configured webhook they name, mentioning the people in their `ChatPayload`.
public struct SlackWebhook: WebhookChannel {
    public typealias Payload = ChatPayload
    public static let kind = ChannelKind.slack
    public let multi: CurlMulti?

    public init(multi: CurlMulti? = nil) {
        self.multi = multi
    }

    private struct Body: Encodable { var text: String }

    /// `{"text":…}` with `&`, `<` and `>` escaped (Slack's mrkdwn control characters).
    public static func request(
        webhookURL: String, text: String, idempotencyKey: String? = nil, timeout: Duration = .seconds(15)
    ) -> CurlRequest {
        JSONPost.request(
            url: webhookURL, body: JSONPost.body(Body(text: TextEscaping.slack(text))), idempotencyKey: idempotencyKey,
            timeout: timeout)
    }
}

extension SlackWebhook {
    /// The message's body, then a line of `<@id>` mentions for the payload's Slack user ids.
    public func request(_ message: OutboxMessage, payload: ChatPayload, webhook: DeliverySettings.Webhook, now: Date) -> CurlRequest {
        let mentions = payload.mentions.isEmpty ? "" : "\n" + payload.mentions.map { "<@\($0)>" }.joined(separator: " ")
        return Self.request(webhookURL: webhook.url, text: message.body + mentions, idempotencyKey: message.id)
    }
}
