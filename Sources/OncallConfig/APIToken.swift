/// A bearer token for the TCP API. Its secret never appears in descriptions or logs.
public struct APIToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// Who or what holds the token (e.g. `local-admin`); shown in audit logs.
    public var name: String
    /// The bearer secret, read from `token_file` at load time.
    public var secret: String

    /// Creates a token.
    public init(name: String, secret: String) {
        self.name = name
        self.secret = secret
    }

    /// `APIToken(local-admin, secret: <redacted>)`.
    public var description: String { "APIToken(\(name), secret: <redacted>)" }

    /// The same as `description`; default struct printing would otherwise show the secret.
    public var debugDescription: String { description }

    /// A mirror without the secret, so `dump(_:)` and reflection-based loggers cannot leak it.
    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "secret": "<redacted>"], displayStyle: .struct)
    }
}
