import Crypto
import Foundation
import OncallCore
import OncallCurl

/// 飞书 / Lark 自定义机器人: a text message to a robot's webhook (`https://open.feishu.cn/open-apis/bot/v2/hook/…`),
/// with `timestamp` and `sign` in the body when the robot has a secret (签名校验).
///
/// As a channel it delivers `feishu` outbox messages to the configured webhook they name, mentioning the people in their `ChatPayload`.
public struct FeishuRobot: WebhookChannel {
    public typealias Payload = ChatPayload
    public static let kind = ChannelKind.feishu
    public let multi: CurlMulti?

    public init(multi: CurlMulti? = nil) {
        self.multi = multi
    }

    private struct Body: Encodable {
        struct Content: Encodable { var text: String }

        var timestamp: String?
        var sign: String?
        var msg_type = "text"
        var content: Content
    }

    /// `{"timestamp":"<s>","sign":…,"msg_type":"text","content":{"text":"… <at user_id=\"ou_x\">name</at>"}}`;
    /// the sign fields only when `secret` is given. `mentionOpenIDs` are (open_id, name) pairs; `all` mentions everyone.
    public static func request(
        webhookURL: String, secret: String?, text: String, mentionOpenIDs: [(id: String, name: String)] = [],
        timestamp: Date, idempotencyKey: String? = nil, timeout: Duration = .seconds(15)
    ) -> CurlRequest {
        let seconds = Int64(timestamp.timeIntervalSince1970.rounded(.down))
        let mentions = mentionOpenIDs.map { mention in
            "<at user_id=\"\(markupSafe(mention.id))\">\(markupSafe(mention.name))</at>"
        }
        let fullText = mentions.isEmpty ? text : text + "\n" + mentions.joined(separator: " ")
        var payload = Body(content: .init(text: fullText))
        if let secret {
            payload.timestamp = String(seconds)
            payload.sign = sign(secret: secret, seconds: seconds)
        }
        return JSONPost.request(url: webhookURL, body: JSONPost.body(payload), idempotencyKey: idempotencyKey, timeout: timeout)
    }

    /// base64(HMAC-SHA256(key: "<s>\n<secret>", message: empty)): Feishu keys the MAC with the string to sign.
    public static func sign(secret: String, seconds: Int64) -> String {
        let key = SymmetricKey(data: Data("\(seconds)\n\(secret)".utf8))
        return Data(HMAC<SHA256>.authenticationCode(for: Data(), using: key)).base64EncodedString()
    }

    /// Without `<`, `>` and `"`, a name or id cannot end the `<at>` element early.
    private static func markupSafe(_ text: String) -> String {
        String(text.filter { $0 != "<" && $0 != ">" && $0 != "\"" })
    }
}

extension FeishuRobot {
    /// The message's body with an `<at>` for each of the payload's open ids, signed at `now` with the webhook's secret.
    public func request(_ message: OutboxMessage, payload: ChatPayload, webhook: DeliverySettings.Webhook, now: Date) -> CurlRequest {
        Self.request(
            webhookURL: webhook.url, secret: webhook.secret, text: message.body, mentionOpenIDs: payload.namedMentions,
            timestamp: now, idempotencyKey: message.id)
    }
}
