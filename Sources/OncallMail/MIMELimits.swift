/// Bounds on the work the MIME parser does for one message.
///
/// Inbound mail comes from strangers, so every dimension that could make parsing slow or
/// memory-hungry has a ceiling. Exceeding one of the hard limits throws a `MIMEError` (the
/// caller quarantines the raw bytes); the soft one (`maxHeaderFieldBytes`) truncates and warns,
/// because a long `References` chain is normal mail and must not cost a message.
public struct MIMELimits: Sendable, Equatable {
    /// The largest whole message accepted, in bytes (default 25 MiB, the usual provider limit).
    public var maxMessageBytes: Int
    /// The most MIME entities (multipart containers, leaves, forwarded messages) in one message.
    public var maxParts: Int
    /// The deepest nesting below the top-level message: each part inside a multipart is one
    /// level deeper, and a forwarded message is one level below its `message/rfc822` part, so
    /// the default allows about four forwards-as-attachment inside one another.
    public var maxDepth: Int
    /// The largest header block of one entity, folded lines included, in bytes.
    public var maxHeaderBytes: Int
    /// The longest single unfolded header field; longer ones are truncated with a warning.
    public var maxHeaderFieldBytes: Int
    /// The most header fields in one header block.
    public var maxHeaders: Int

    /// Limits with the documented defaults; pass any to override.
    public init(
        maxMessageBytes: Int = 25 * 1024 * 1024,
        maxParts: Int = 200,
        maxDepth: Int = 10,
        maxHeaderBytes: Int = 64 * 1024,
        maxHeaderFieldBytes: Int = 16 * 1024,
        maxHeaders: Int = 500
    ) {
        self.maxMessageBytes = maxMessageBytes
        self.maxParts = maxParts
        self.maxDepth = maxDepth
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderFieldBytes = maxHeaderFieldBytes
        self.maxHeaders = maxHeaders
    }
}
