/// One email to send: what `EmailFormatter` turns into an RFC 5322 message.
public struct OutgoingEmail: Sendable {
    /// The `From:` mailbox: `oncalld@example.com` or `oncalld 值班系统 <oncalld@example.com>`.
    public var from: String
    /// The `To:` mailboxes, each in the same forms as `from`; also the SMTP envelope recipients.
    public var to: [String]
    /// The subject; non-ASCII is sent as RFC 2047 encoded words.
    public var subject: String
    /// The plain-text body.
    public var textBody: String
    /// An HTML alternative; when present the message is `multipart/alternative`.
    public var htmlBody: String?
    /// The Message-ID without angle brackets, e.g. `3f2a…@oncalld.example.com`. Keep it stable across
    /// retries of one delivery: a duplicate after a crash then carries the same id.
    public var messageID: String
    /// The Message-ID (without angle brackets) this one answers, for threading.
    public var inReplyTo: String?
    /// Message-IDs (without angle brackets) of the thread, oldest first.
    public var references: [String]
    /// More header fields, e.g. `("X-Oncalld-Incident", "INC-000123")`. Names that the formatter writes
    /// itself (`Subject`, `Content-Type`, …) and invalid names are dropped.
    public var extraHeaders: [(String, String)]

    public init(
        from: String, to: [String], subject: String, textBody: String, htmlBody: String? = nil, messageID: String,
        inReplyTo: String? = nil, references: [String] = [], extraHeaders: [(String, String)] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.extraHeaders = extraHeaders
    }
}
