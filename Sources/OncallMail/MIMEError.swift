/// Why a message was refused by `MIMEParser`.
///
/// Every case means "keep the raw bytes in quarantine": the parser never drops content silently,
/// it either returns a `ParsedMail` (possibly with warnings) or one of these.
public enum MIMEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message is larger than `MIMELimits.maxMessageBytes`.
    case tooLarge(size: Int, limit: Int)
    /// Multiparts or forwarded messages nest deeper than `MIMELimits.maxDepth`.
    case tooDeep(limit: Int)
    /// The message has more MIME entities than `MIMELimits.maxParts`.
    case tooManyParts(limit: Int)
    /// One header block is larger than `MIMELimits.maxHeaderBytes`.
    case headerTooLong(limit: Int)
    /// One header block has more fields than `MIMELimits.maxHeaders`.
    case tooManyHeaders(limit: Int)
    /// The bytes are not an RFC 5322 message at all (empty, or no header field to start with).
    case notAMessage(reason: String)

    /// A sentence for logs and the quarantine listing.
    public var description: String {
        switch self {
        case let .tooLarge(size, limit): "message is \(size) bytes, over the limit of \(limit)"
        case let .tooDeep(limit): "MIME parts nest deeper than \(limit) levels"
        case let .tooManyParts(limit): "message has more than \(limit) MIME parts"
        case let .headerTooLong(limit): "a header block is longer than \(limit) bytes"
        case let .tooManyHeaders(limit): "a header block has more than \(limit) fields"
        case let .notAMessage(reason): "not a mail message: \(reason)"
        }
    }
}
