/// When the session cookies carry the `Secure` attribute.
public enum WebCookieSecurity: String, Sendable, CaseIterable {
    case always
    case never
    /// When the request came through a TLS-terminating proxy that says so with `X-Forwarded-Proto: https`.
    case auto
}
