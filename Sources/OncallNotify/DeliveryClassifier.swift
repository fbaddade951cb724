import Foundation
import OncallCurl

/// Decides whether a failed delivery is worth retrying, from what the far end answered.
///
/// The rule of thumb: anything about the connection or the server's load is retryable; anything
/// the server says about this message or our credentials is permanent.
public enum DeliveryClassifier {
    /// The longest piece of a response body kept in a detail.
    static let bodyLimit = 300

    // MARK: HTTP

    /// An HTTP answer: 2xx is delivered unless a chat robot's JSON says otherwise; 408, 429 and 5xx are
    /// retryable; other statuses (4xx, an unfollowed 3xx) are permanent.
    public static func classify(status: Int, body: Data, channel: ChannelKind) -> DeliveryOutcome {
        let detail = httpDetail(status: status, body: body)
        let chat = chatCode(body, channel: channel)
        // A robot that rate-limits us says so in its JSON, whatever the status.
        if let code = chat, isRetryableChatCode(code, channel: channel) { return .retryable(detail: detail) }
        switch status {
        case 200..<300:
            guard isChat(channel) else { return .delivered(detail: detail) }
            // A 200 without the robot's JSON (a proxy, a captive portal) is not proof of delivery.
            guard let code = chat else { return .retryable(detail: detail) }
            return code == 0 ? .delivered(detail: detail) : .permanent(detail: detail)
        case 408, 429, 500..<600: return .retryable(detail: detail)
        default: return .permanent(detail: detail)
        }
    }

    /// A transport failure of an HTTP request: only a request that cannot work (bad URL, unsupported
    /// scheme) is permanent; connection failures, timeouts and TLS errors are retryable.
    public static func classify(httpError error: CurlError) -> DeliveryOutcome {
        let detail = error.description
        switch error.code {
        case 1, 3: return .permanent(detail: detail)  // CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT
        default: return .retryable(detail: detail)
        }
    }

    /// `HTTP 503 Service Unavailable…`: the status and the start of the body on one line.
    static func httpDetail(status: Int, body: Data) -> String {
        let text = String(decoding: body.prefix(bodyLimit * 4), as: UTF8.self)
        let oneLine = TextEscaping.headerValue(text)
        let shown = oneLine.count > bodyLimit ? String(oneLine.prefix(bodyLimit)) + "…" : oneLine
        return shown.isEmpty ? "HTTP \(status)" : "HTTP \(status) \(shown)"
    }

    private static func isChat(_ channel: ChannelKind) -> Bool {
        channel == .wecom || channel == .dingtalk || channel == .feishu
    }

    /// The result code in a chat robot's JSON answer: WeCom and DingTalk `errcode`, Feishu `code` or the
    /// older `StatusCode`; nil when the body holds none.
    static func chatCode(_ body: Data, channel: ChannelKind) -> Int? {
        guard isChat(channel), let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        let keys = channel == .feishu ? ["code", "StatusCode"] : ["errcode"]
        for key in keys {
            if let number = object[key] as? NSNumber { return number.intValue }
            if let text = object[key] as? String, let number = Int(text) { return number }
        }
        return nil
    }

    /// Codes that mean "too many messages, slow down": WeCom 45009, DingTalk 130101, Feishu 9499 and 11232.
    private static func isRetryableChatCode(_ code: Int, channel: ChannelKind) -> Bool {
        switch channel {
        case .wecom: code == 45009
        case .dingtalk: code == 130101
        case .feishu: code == 9499 || code == 11232
        default: false
        }
    }

    // MARK: SMTP

    /// A failed SMTP transfer. libcurl reports a refused command as an error whose text carries the reply
    /// code (`RCPT failed: 550`, `MAIL failed: 452`, `DATA failed: 554`, `Authentication failed: 535`);
    /// a 5xx reply is permanent, a 4xx retryable. Login denied, a missing STARTTLS and a bad URL are
    /// permanent; connection failures, timeouts and anything without a reply code are retryable.
    public static func classify(smtpError error: CurlError) -> DeliveryOutcome {
        let detail = error.description
        switch error.code {
        case 67: return .permanent(detail: detail)  // CURLE_LOGIN_DENIED: wrong credentials stay wrong
        case 64: return .permanent(detail: detail)  // CURLE_USE_SSL_FAILED: TLS required but not offered
        case 1, 3: return .permanent(detail: detail)  // CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT
        default: break
        }
        // A connect error's text holds a port number, never a reply code.
        if error.kind == .couldNotConnect || error.kind == .couldNotResolveHost || error.kind == .timedOut {
            return .retryable(detail: detail)
        }
        if let reply = smtpReplyCode(in: error.detail) {
            return reply >= 500 ? .permanent(detail: detail) : .retryable(detail: detail)
        }
        return .retryable(detail: detail)
    }

    /// The SMTP reply code in libcurl's error text: three digits after `failed: `, `response: `, `denied: `
    /// or `code `; nil when there is none.
    static func smtpReplyCode(in text: String) -> Int? {
        for marker in ["failed: ", "response: ", "denied: ", "code "] {
            var search = text[...]
            while let range = search.range(of: marker) {
                let digits = search[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
                if digits.count == 3, let code = Int(digits), (400..<600).contains(code) { return code }
                search = search[range.upperBound...]
            }
        }
        return nil
    }
}
