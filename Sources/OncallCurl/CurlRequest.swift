import Foundation

/// One transfer for libcurl's easy interface: an HTTP request, or (with a mail envelope) an SMTP message.
///
/// Nothing here knows about oncalld; the same type serves the control-socket client, webhooks and mail.
public struct CurlRequest: Sendable {
    /// The HTTP method (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD`, …). Ignored for mail transfers.
    public var method: String
    /// The full URL, e.g. `https://example.org/hook`, `http://localhost/v1/incidents`, `smtp://mail.example.org:587`.
    public var url: String
    /// Request headers in order; a header with an empty value is sent as `Name;` (libcurl's empty-header syntax).
    public var headers: [(String, String)]
    /// The request body; for mail transfers, the whole RFC 5322 message.
    public var body: Data?
    /// Connect to this Unix domain socket instead of the URL's host (`CURLOPT_UNIX_SOCKET_PATH`).
    public var unixSocketPath: String?
    /// The limit for the whole transfer (`CURLOPT_TIMEOUT_MS`); zero means no limit.
    public var timeout: Duration
    /// The limit for connecting (`CURLOPT_CONNECTTIMEOUT_MS`); zero means libcurl's default (300 s).
    public var connectTimeout: Duration
    /// User name for the server (`CURLOPT_USERNAME`), e.g. for SMTP AUTH or HTTP basic auth.
    public var username: String?
    /// Password for the server (`CURLOPT_PASSWORD`).
    public var password: String?
    /// Refuse to go on without TLS (`CURLOPT_USE_SSL = CURLUSESSL_ALL`): STARTTLS for `smtp://`.
    public var requireTLS: Bool
    /// The SMTP envelope sender (`CURLOPT_MAIL_FROM`), e.g. `<oncalld@example.org>`.
    public var mailFrom: String?
    /// The SMTP envelope recipients (`CURLOPT_MAIL_RCPT`). When not empty, the body is uploaded as a mail message.
    public var mailRecipients: [String]

    /// - Parameters:
    ///   - method: the HTTP method; `GET` by default.
    ///   - url: the full URL.
    ///   - headers: request headers, in order.
    ///   - body: the request body, if any.
    ///   - unixSocketPath: a Unix domain socket to connect to instead of the URL's host.
    ///   - timeout: the limit for the whole transfer.
    ///   - connectTimeout: the limit for connecting.
    public init(
        method: String = "GET", url: String, headers: [(String, String)] = [], body: Data? = nil,
        unixSocketPath: String? = nil, timeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(10),
        username: String? = nil, password: String? = nil, requireTLS: Bool = false,
        mailFrom: String? = nil, mailRecipients: [String] = []
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.unixSocketPath = unixSocketPath
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.username = username
        self.password = password
        self.requireTLS = requireTLS
        self.mailFrom = mailFrom
        self.mailRecipients = mailRecipients
    }

    /// Whether this transfer uploads a mail message rather than making an HTTP request.
    var isMail: Bool { !mailRecipients.isEmpty }
}
