/// One header field of a message, unfolded.
public struct MailHeader: Sendable, Equatable {
    /// The field name as written (`Subject`, `X-Mailer`); compare case-insensitively.
    public var name: String
    /// The value for display: unfolded, RFC 2047 encoded words decoded, control characters
    /// replaced by spaces. Structured fields (addresses, Message-IDs) should be parsed from
    /// `rawValue` instead, because a decoded display name may contain `,` or `<`.
    public var value: String
    /// The value unfolded but with encoded words left as they are. Raw 8-bit bytes have
    /// already been turned into text (UTF-8, else the charset fallback).
    public var rawValue: String

    /// A header from its parts.
    public init(name: String, value: String, rawValue: String) {
        self.name = name
        self.value = value
        self.rawValue = rawValue
    }
}
