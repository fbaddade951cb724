import Crypto
import Foundation
import OncallCurl

/// 飞书 / Lark 自定义机器人: a text message to a robot's webhook (`https://open.feishu.cn/open-apis/bot/v2/hook/…`),
/// with `timestamp` and `sign` in the body when the robot has a secret (签名校验).
public enum FeishuRobot {
    private struct Payload: Encodable {
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
        var payload = Payload(content: .init(text: fullText))
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
