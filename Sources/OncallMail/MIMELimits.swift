/// Bounds on the work the MIME parser does for one message.
///
/// Inbound mail comes from strangers, so every dimension that could make parsing slow or
/// memory-hungry has a ceiling. Exceeding one of the hard limits throws a `MIMEError` (the
/// caller quarantines the raw bytes); the soft one (`maxHeaderFieldBytes`) truncates and warns,
/// because a long `References` chain is normal mail and must not cost a message. Header sizes
/// default to the message limit: a 210 KB Subject folded over encoded words is real mail, and
/// header parsing is linear in its size, so a header's length alone refuses nothing.
public struct MIMELimits: Sendable, Equatable {
    /// The largest whole message accepted, in bytes (default 25 MiB, the usual provider limit).
    public var maxMessageBytes: Int
    /// The most MIME entities (multipart containers, leaves, forwarded messages) in one message.
    public var maxParts: Int
    /// The deepest nesting below the top-level message: each part inside a multipart is one
    /// level deeper, and a forwarded message is one level below its `message/rfc822` part, so
    /// the default allows about four forwards-as-attachment inside one another.
    public var maxDepth: Int
    /// The largest header block of one entity, folded lines included, in bytes (default: the
    /// message limit).
    public var maxHeaderBytes: Int
    /// The longest single unfolded header field; longer ones are truncated with a warning
    /// (default: the message limit, so only a tighter setting truncates).
    public var maxHeaderFieldBytes: Int
    /// The most header fields in one header block.
    public var maxHeaders: Int

    /// Limits with the documented defaults; pass any to override (nil header sizes follow
    /// `maxMessageBytes`).
    public init(
        maxMessageBytes: Int = 25 * 1024 * 1024,
        maxParts: Int = 200,
        maxDepth: Int = 10,
        maxHeaderBytes: Int? = nil,
        maxHeaderFieldBytes: Int? = nil,
        maxHeaders: Int = 500
    ) {
        self.maxMessageBytes = maxMessageBytes
        self.maxParts = maxParts
        self.maxDepth = maxDepth
        self.maxHeaderBytes = maxHeaderBytes ?? maxMessageBytes
        self.maxHeaderFieldBytes = maxHeaderFieldBytes ?? maxMessageBytes
        self.maxHeaders = maxHeaders
    }
}
