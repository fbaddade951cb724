import Foundation

/// A non-body part of a message: a file, an inline image, a signature.
public struct MailAttachment: Sendable, Equatable {
    /// The file name (RFC 2231 or RFC 2047 decoded), reduced to its last path component with
    /// control characters removed; it is for display and never safe to use as a path.
    public var filename: String?
    /// The media type, lowercased, without parameters (`application/pdf`).
    public var contentType: String
    /// The decoded size in bytes.
    public var size: Int
    /// The SHA-256 of the decoded bytes, lowercase hex.
    public var sha256: String
    /// The decoded bytes.
    public var data: Data
    /// True when the part was marked `inline` (or is an image referenced from HTML).
    public var isInline: Bool
    /// The `Content-ID` without angle brackets, for `cid:` references from HTML.
    public var contentID: String?

    /// An attachment from its parts; `size` and `sha256` are not computed here.
    public init(
        filename: String?, contentType: String, size: Int, sha256: String, data: Data,
        isInline: Bool, contentID: String?
    ) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.data = data
        self.isInline = isInline
        self.contentID = contentID
    }
}
