import Foundation

/// Why an inbound request was refused, with the HTTP status to answer.
///
/// | status | code | meaning | the lead's answer |
/// |---|---|---|---|
/// | 200 | `ignored` | authentic, but nothing to store (an SNS `UnsubscribeConfirmation`) | 200, store nothing |
/// | 400 | `malformed` | the request is not the provider's format (bad form, bad JSON, invalid UTF-8) | 400, store nothing |
/// | 401 | `unauthorized` | missing or wrong credentials or signature, stale timestamp, replayed token, wrong SNS topic, untrusted certificate | 401, store nothing |
/// | 413 | `too_large` | the body is over `limits.maxMessageBytes` | 413 |
/// | 415 | `unsupported_media_type` | a content type the endpoint does not read | 415 |
/// | 422 | `unparseable` | authentic, but the message inside cannot be understood | quarantine `raw`, answer 2xx |
///
/// Only 422 carries `raw`: the authenticated message bytes to keep in the quarantine, so that
/// nothing authentic is dropped and the provider stops retrying. `rawContentType` says what
/// they are: `message/rfc822` for MIME that the parser refused (a retry can feed them to
/// `MIMEParser` again) or `application/json` for a provider payload whose structure was wrong.
public struct InboundError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status to answer.
    public var status: Int
    /// A stable machine-readable code (`unauthorized`, `malformed`, …).
    public var code: String
    /// A sentence for logs and the response body; never contains a secret.
    public var message: String
    /// For 422 only: the authentic bytes to quarantine.
    public var raw: Data?
    /// For 422 only: the media type of `raw`.
    public var rawContentType: String?

    /// An error from its parts.
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - code: The machine-readable code.
    ///   - message: The sentence.
    ///   - raw: Bytes to quarantine (422).
    ///   - rawContentType: What `raw` is.
    public init(status: Int, code: String, message: String, raw: Data? = nil, rawContentType: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.raw = raw
        self.rawContentType = rawContentType
    }

    /// `401 unauthorized: …`
    public var description: String { "\(status) \(code): \(message)" }

    /// True for the 422 that asks for quarantine.
    public var isUnparseable: Bool { status == 422 && raw != nil }

    /// 401: credentials or signature missing or wrong.
    public static func unauthorized(_ message: String) -> InboundError {
        InboundError(status: 401, code: "unauthorized", message: message)
    }

    /// 400: not the provider's format.
    public static func malformed(_ message: String) -> InboundError {
        InboundError(status: 400, code: "malformed", message: message)
    }

    /// 413: the body is over the limit.
    public static func tooLarge(size: Int, limit: Int) -> InboundError {
        InboundError(status: 413, code: "too_large", message: "the body is \(size) bytes, over the limit of \(limit)")
    }

    /// 415: a content type this endpoint does not read.
    public static func unsupportedMediaType(_ message: String) -> InboundError {
        InboundError(status: 415, code: "unsupported_media_type", message: message)
    }

    /// 200: authentic, nothing to do; thrown rather than returned because no payload case fits.
    public static func ignored(_ message: String) -> InboundError {
        InboundError(status: 200, code: "ignored", message: message)
    }

    /// 422: authentic but not understood; `raw` goes to the quarantine.
    public static func unparseable(raw: Data, contentType: String, reason: String) -> InboundError {
        InboundError(status: 422, code: "unparseable", message: reason, raw: raw, rawContentType: contentType)
    }
}
