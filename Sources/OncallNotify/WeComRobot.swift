import Foundation
import OncallCurl

/// 企业微信 群机器人: a text message to a group robot's webhook
/// (`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`).
public enum WeComRobot {
    /// WeCom refuses text content over 2048 bytes of UTF-8.
    public static let contentLimit = 2048

    private struct Payload: Encodable {
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
        let payload = Payload(text: .init(
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
