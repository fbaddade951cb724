import Foundation
import OncallCurl

/// An HTTP SMS gateway described by configuration: a method, a URL template, headers and a body template
/// in which `{{phone}}` and `{{text}}` stand for the recipient and the message.
///
/// Each placeholder is escaped for where it stands: percent-encoded in the URL, JSON-string-escaped in a
/// body whose `Content-Type` is JSON (put the placeholder inside the quotes: `"to":"{{phone}}"`),
/// form-encoded in an `application/x-www-form-urlencoded` body, as is in any other body. Success is any 2xx.
public struct SMSGateway: Sendable {
    /// `POST`, `GET`, `PUT`, …
    public var method: String
    /// E.g. `https://sms.example.com/send?to={{phone}}&msg={{text}}`.
    public var urlTemplate: String
    /// Request headers; placeholders in values are replaced with CR/LF removed.
    public var headers: [(String, String)]
    /// The body template; nil for none.
    public var bodyTemplate: String?
    /// The limit for one whole request.
    public var timeout: Duration

    public init(
        method: String = "POST", urlTemplate: String, headers: [(String, String)] = [], bodyTemplate: String? = nil,
        timeout: Duration = .seconds(15)
    ) {
        self.method = method
        self.urlTemplate = urlTemplate
        self.headers = headers
        self.bodyTemplate = bodyTemplate
        self.timeout = timeout
    }

    /// The request that sends `text` to `phone`.
    public func request(phone: String, text: String, idempotencyKey: String? = nil) -> CurlRequest {
        let url = Self.fill(urlTemplate, phone: phone, text: text, escape: TextEscaping.percentEncoded)
        var requestHeaders = headers.map { name, value in
            (name, Self.fill(value, phone: phone, text: text, escape: TextEscaping.headerValue))
        }
        if let idempotencyKey { requestHeaders.append(("Idempotency-Key", TextEscaping.headerValue(idempotencyKey))) }
        let body = bodyTemplate.map { template in
            Data(Self.fill(template, phone: phone, text: text, escape: bodyEscaping).utf8)
        }
        return CurlRequest(
            method: method, url: url, headers: requestHeaders, body: body, timeout: timeout,
            connectTimeout: min(timeout, .seconds(10)))
    }

    /// The escaping the body's declared content type calls for.
    private var bodyEscaping: (String) -> String {
        let contentType = headers.first { $0.0.caseInsensitiveCompare("Content-Type") == .orderedSame }?.1.lowercased() ?? ""
        if contentType.contains("json") { return TextEscaping.jsonStringContent }
        if contentType.contains("x-www-form-urlencoded") { return TextEscaping.formEncoded }
        return { $0 }
    }

    /// `template` with each placeholder replaced in one pass, so text that itself holds `{{phone}}` stays text.
    static func fill(_ template: String, phone: String, text: String, escape: (String) -> String) -> String {
        let values = ["{{phone}}": escape(phone), "{{text}}": escape(text)]
        var result = ""
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            let candidate = rest[open.lowerBound...]
            if let (placeholder, value) = values.first(where: { candidate.hasPrefix($0.key) }) {
                result += value
                rest = candidate.dropFirst(placeholder.count)
            } else {
                result += "{{"
                rest = candidate.dropFirst(2)
            }
        }
        return result + rest
    }
}
