import Crypto
import Foundation
import OncallCore
import OncallCurl
import OncallSupport

/// A generic HTTP webhook: the caller's JSON body, signed so the receiver can tell it came from oncalld.
///
/// Headers: `Idempotency-Key`, `X-Oncalld-Timestamp: <unix seconds>` and, with a secret,
/// `X-Oncalld-Signature: sha256=<hex(HMAC-SHA256(key: secret, message: "<timestamp>.<body>"))>`.
///
/// As a channel it delivers `webhook` outbox messages, posting their `WebhookPayload`'s event to the configured webhook they name.
public struct GenericWebhook: WebhookChannel {
    public typealias Payload = WebhookPayload
    public static let kind = ChannelKind.webhook
    public let multi: CurlMulti?

    public init(multi: CurlMulti? = nil) {
        self.multi = multi
    }

    /// The header that carries the signature.
    public static let signatureHeader = "X-Oncalld-Signature"
    /// The header that carries the signing time, in Unix seconds.
    public static let timestampHeader = "X-Oncalld-Timestamp"

    /// A POST of `body` to `url`, signed when `secret` is given.
    public static func request(
        url: String, secret: String?, body: Data, idempotencyKey: String, timestamp: Date, timeout: Duration = .seconds(15)
    ) -> CurlRequest {
        let seconds = String(Int64(timestamp.timeIntervalSince1970.rounded(.down)))
        var headers = [(timestampHeader, seconds)]
        if let secret { headers.append((signatureHeader, signature(secret: secret, timestamp: seconds, body: body))) }
        return JSONPost.request(url: url, body: body, idempotencyKey: idempotencyKey, extraHeaders: headers, timeout: timeout)
    }

    /// `sha256=<lowercase hex>` of HMAC-SHA256(key: secret, message: "<timestamp>.<body>").
    public static func signature(secret: String, timestamp: String, body: Data) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: signedMessage(timestamp: timestamp, body: body), using: key(secret))
        return "sha256=" + Hex.string(mac)
    }

    /// Whether `signatureHeader` (`sha256=<hex>`) signs `timestamp` and `body` with `secret`, compared in
    /// constant time. With `now`, the timestamp must also be within `tolerance` of it (replay protection).
    public static func verify(
        signatureHeader: String, timestamp: String, body: Data, secret: String, now: Date? = nil,
        tolerance: TimeInterval = 300
    ) -> Bool {
        let header = signatureHeader.trimmingCharacters(in: .whitespaces)
        guard header.lowercased().hasPrefix("sha256="), let mac = bytes(hex: header.dropFirst("sha256=".count)) else {
            return false
        }
        if let now {
            guard let seconds = TimeInterval(timestamp), abs(now.timeIntervalSince1970 - seconds) <= tolerance else {
                return false
            }
        }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: signedMessage(timestamp: timestamp, body: body), using: key(secret))
    }

    private static func key(_ secret: String) -> SymmetricKey { SymmetricKey(data: Data(secret.utf8)) }

    private static func signedMessage(timestamp: String, body: Data) -> Data {
        Data((timestamp + ".").utf8) + body
    }

    /// 32 bytes from 64 hex digits; nil for anything else.
    private static func bytes(hex: Substring) -> Data? {
        guard hex.count == 64 else { return nil }
        var result = Data(capacity: 32)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            result.append(byte)
            index = next
        }
        return result
    }
}

extension GenericWebhook {
    /// The payload's event as the JSON body, signed at `now` with the webhook's secret.
    public func request(_ message: OutboxMessage, payload: WebhookPayload, webhook: DeliverySettings.Webhook, now: Date) -> CurlRequest {
        Self.request(url: webhook.url, secret: webhook.secret, body: JSONPost.body(payload.event), idempotencyKey: message.id, timestamp: now)
    }
}
