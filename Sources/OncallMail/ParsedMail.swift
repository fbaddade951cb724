import Foundation

/// A message as the rest of oncalld needs it: decoded headers, the readable body, attachments.
///
/// Built by `MIMEParser.parse`. Every string is already Unicode; where the parser had to guess
/// (an unknown charset, a missing boundary, a truncated header) it says so in `warnings`.
public struct ParsedMail: Sendable, Equatable {
    /// All header fields in order, unfolded (see `MailHeader` for decoded vs raw values).
    public var headers: [MailHeader]
    /// `Subject`, decoded; nil when absent.
    public var subject: String?
    /// The `From` mailboxes (usually one).
    public var from: [MailAddress]
    /// The `Sender` mailbox, when a list or a helpdesk system sent on someone's behalf.
    public var sender: MailAddress?
    /// The `To` mailboxes.
    public var to: [MailAddress]
    /// The `Cc` mailboxes.
    public var cc: [MailAddress]
    /// The `Reply-To` mailboxes.
    public var replyTo: [MailAddress]
    /// The `Date`, when present and parseable (RFC 5322 and the common obsolete forms).
    public var date: Date?
    /// The `Message-ID` without angle brackets.
    public var messageID: String?
    /// The `In-Reply-To` ids without angle brackets.
    public var inReplyTo: [String]
    /// The `References` ids without angle brackets, oldest first.
    public var references: [String]
    /// The `Return-Path` address without brackets: nil when the header is absent, empty for the
    /// null sender `<>` that bounces carry.
    public var returnPath: String?
    /// The readable body: the inline text/plain parts, else the HTML reduced to text, else (when
    /// neither shows anything) the text of the first forwarded message that has some. Line ends
    /// are `\n`.
    public var textBody: String?
    /// The inline text/html parts as decoded HTML, when there were any.
    public var htmlBody: String?
    /// Every attachment, including those of forwarded messages (flattened, in order).
    public var attachments: [MailAttachment]
    /// Messages forwarded as `message/rfc822` parts, parsed the same way.
    public var forwardedMessages: [ParsedMail]
    /// What the parser had to guess or drop: charset fallbacks, truncations, missing boundaries.
    public var warnings: [String]
    /// The size of the raw message in bytes.
    public var rawSize: Int
    /// The SHA-256 of the raw message, lowercase hex: a dedup key when there is no Message-ID.
    public var rawSHA256: String

    /// A parsed message from its parts (the parser builds these; tests may too).
    public init(
        headers: [MailHeader] = [], subject: String? = nil, from: [MailAddress] = [],
        sender: MailAddress? = nil, to: [MailAddress] = [], cc: [MailAddress] = [],
        replyTo: [MailAddress] = [], date: Date? = nil, messageID: String? = nil,
        inReplyTo: [String] = [], references: [String] = [], returnPath: String? = nil,
        textBody: String? = nil, htmlBody: String? = nil, attachments: [MailAttachment] = [],
        forwardedMessages: [ParsedMail] = [], warnings: [String] = [], rawSize: Int = 0,
        rawSHA256: String = ""
    ) {
        self.headers = headers
        self.subject = subject
        self.from = from
        self.sender = sender
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.date = date
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.returnPath = returnPath
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.attachments = attachments
        self.forwardedMessages = forwardedMessages
        self.warnings = warnings
        self.rawSize = rawSize
        self.rawSHA256 = rawSHA256
    }

    /// The decoded value of the first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The raw (not RFC 2047-decoded) value of the first header with this name.
    public func rawHeader(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.rawValue
    }

    /// The decoded values of every header with this name, in order (`Received`, `Delivered-To`).
    public func headers(named name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }
}
