import Foundation
import OncallCore
import OncallCurl

/// 企业微信 群机器人: a text message to a group robot's webhook
/// (`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`).
///
/// As a channel it delivers `wecom` outbox messages to the configured webhook they name, mentioning the people in their `ChatPayload`.
public struct WeComRobot: WebhookChannel {
    public typealias Payload = ChatPayload
    public static let kind = ChannelKind.wecom
    public let multi: CurlMulti?

    public init(multi: CurlMulti? = nil) {
        self.multi = multi
    }

    /// WeCom refuses text content over 2048 bytes of UTF-8.
    public static let contentLimit = 2048

    private struct Body: Encodable {
        struct Text: Encodable {
            var content: String
            var mentioned_list: [String]
            var mentioned_mobile_list: [String]
        }

        var msgtype = "text"
        var text: Text
    }

    /// `{"msgtype":"text","text":{"content":…,"mentioned_list":[…],"mentioned_mobile_list":[…]}}`.
    /// `mentionUserIDs` are WeCom user ids (`@all` for everyone); the text is cut to fit ``contentLimit``.
    public static func request(
        webhookURL: String, text: String, mentionUserIDs: [String] = [], mentionMobiles: [String] = [],
        idempotencyKey: String? = nil, timeout: Duration = .seconds(15)
    ) -> CurlRequest {
        let payload = Body(text: .init(
            content: truncated(text, toUTF8Bytes: contentLimit), mentioned_list: mentionUserIDs,
            mentioned_mobile_list: mentionMobiles))
        return JSONPost.request(url: webhookURL, body: JSONPost.body(payload), idempotencyKey: idempotencyKey, timeout: timeout)
    }

    /// `text` cut at a character boundary so its UTF-8 fits `limit` bytes, ending in `…` when cut.
    static func truncated(_ text: String, toUTF8Bytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        let ellipsis = "…"
        var result = ""
        var bytes = ellipsis.utf8.count
        for character in text {
            let size = String(character).utf8.count
            if bytes + size > limit { break }
            result.append(character)
            bytes += size
        }
        return result + ellipsis
    }
}

extension WeComRobot {
    /// The message's body, mentioning the payload's WeCom user ids and mobiles.
    public func request(_ message: OutboxMessage, payload: ChatPayload, webhook: DeliverySettings.Webhook, now: Date) -> CurlRequest {
        Self.request(
            webhookURL: webhook.url, text: message.body, mentionUserIDs: payload.mentions, mentionMobiles: payload.mobiles,
            idempotencyKey: message.id)
    }
}
