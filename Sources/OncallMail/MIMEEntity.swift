/// One node of a parsed message: what each MIME part turned out to be.
///
/// Leaves are decoded as they are parsed (text to `String`, files to `MailAttachment`), so the
/// tree holds no raw bytes beyond what the caller keeps, and a forwarded message is already a
/// finished `ParsedMail` with its own warnings.
struct MIMEEntity {
    /// What a part holds.
    indirect enum Kind {
        /// An inline body part: text/plain (`isHTML == false`) or text/html, decoded.
        case text(isHTML: Bool, String)
        /// A file, inline image, signature or any other non-body part.
        case attachment(MailAttachment)
        /// A multipart container with its lowercased subtype (`mixed`, `alternative`).
        case multipart(subtype: String, [MIMEEntity])
        /// A `message/rfc822` part, parsed as a message of its own.
        case message(ParsedMail)
    }

    /// The part's content.
    var kind: Kind
}
