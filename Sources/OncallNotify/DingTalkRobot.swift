import Crypto
import Foundation
import OncallCore
import OncallCurl

/// 钉钉 自定义机器人: a text message to a robot's webhook (`https://oapi.dingtalk.com/robot/send?access_token=…`),
/// signed (加签) when the robot has a secret.
///
/// As a channel it delivers `dingtalk` outbox messages to the configured webhook they name, mentioning the people in their `ChatPayload`.
public struct DingTalkRobot: WebhookChannel {
    public typealias Payload = ChatPayload
    public static let kind = ChannelKind.dingtalk
    public let multi: CurlMulti?

    public init(multi: CurlMulti? = nil) {
        self.multi = multi
    }

    private struct Body: Encodable {
        struct Text: Encodable { var content: String }
        struct At: Encodable {
            var atMobiles: [String]
            var atUserIds: [String]
            var isAtAll = false
        }

        var msgtype = "text"
        var text: Text
        var at: At
    }

    /// `{"msgtype":"text","text":{"content":…},"at":{"atMobiles":[…],"atUserIds":[…],"isAtAll":false}}`, posted to
    /// ``signedURL(_:secret:timestamp:)`` when `secret` is given.
    public static func request(
        webhookURL: String, secret: String?, text: String, atMobiles: [String] = [], atUserIds: [String] = [],
        timestamp: Date, idempotencyKey: String? = nil, timeout: Duration = .seconds(15)
    ) -> CurlRequest {
        let payload = Body(text: .init(content: text), at: .init(atMobiles: atMobiles, atUserIds: atUserIds))
        let url = secret.map { signedURL(webhookURL, secret: $0, timestamp: timestamp) } ?? webhookURL
        return JSONPost.request(url: url, body: JSONPost.body(payload), idempotencyKey: idempotencyKey, timeout: timeout)
    }

    /// The webhook URL with `&timestamp=<ms>&sign=<sign>` appended (DingTalk rejects a timestamp more than an hour off).
    public static func signedURL(_ webhookURL: String, secret: String, timestamp: Date) -> String {
        let milliseconds = Self.milliseconds(timestamp)
        let separator = webhookURL.contains("?") ? "&" : "?"
        return webhookURL + separator + "timestamp=\(milliseconds)&sign="
            + TextEscaping.percentEncoded(sign(secret: secret, milliseconds: milliseconds))
    }

    /// base64(HMAC-SHA256(key: secret, message: "<ms>\n<secret>")), before URL-encoding.
    public static func sign(secret: String, milliseconds: Int64) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(milliseconds)\n\(secret)".utf8), using: key)
        return Data(mac).base64EncodedString()
    }

    /// Whole milliseconds since 1970, as DingTalk's `timestamp` wants them.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}

extension DingTalkRobot {
    /// The message's body, at-ing the payload's mobiles and DingTalk user ids, signed at `now` with the webhook's secret.
    public func request(_ message: OutboxMessage, payload: ChatPayload, webhook: DeliverySettings.Webhook, now: Date) -> CurlRequest {
        Self.request(
            webhookURL: webhook.url, secret: webhook.secret, text: message.body, atMobiles: payload.mobiles, atUserIds: payload.mentions,
            timestamp: now, idempotencyKey: message.id)
    }
}
