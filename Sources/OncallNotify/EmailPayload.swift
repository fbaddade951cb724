/// An email's extras: `{"html":…,"name":…}`.
public struct EmailPayload: ChannelPayload {
    /// The HTML alternative to the text body; nil for a text-only email.
    public var html: String?
    /// The recipient's display name, for the `To:` header.
    public var name: String?

    public init(html: String? = nil, name: String? = nil) {
        self.html = html
        self.name = name
    }
}
