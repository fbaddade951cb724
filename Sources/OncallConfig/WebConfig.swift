/// The web view on the HTTP listener (`web.*`). Password hashes never appear in descriptions or dumps.
public struct WebConfig: Sendable, Equatable, CustomStringConvertible {
    public static let secureCookieModes = ["auto", "always", "never"]
    public static let roles = ["manager", "engineer"]
    /// Shortest and longest `web.session_lifetime`: 5m and 720h (30 days).
    public static let sessionLifetimeRange: ClosedRange<Duration> = .seconds(5 * 60) ... .seconds(30 * 24 * 3600)

    /// Serve the web view (`web.enabled`).
    public var enabled: Bool
    /// Whether session cookies are marked Secure (`web.secure_cookies`): `always`, `never`, or `auto`, when the
    /// request came through a TLS-terminating proxy that says so with `X-Forwarded-Proto: https`.
    public var secureCookies: String
    /// How long a login lasts (`web.session_lifetime`), 5m to 720h.
    public var sessionLifetime: Duration
    /// Who may log in, in file order (`web.users`); logins are unique.
    public var users: [WebUserConfig]

    /// The defaults are those of an empty config file: enabled, `auto` cookies, 8h sessions, no users.
    public init(
        enabled: Bool = true, secureCookies: String = "auto", sessionLifetime: Duration = .seconds(8 * 3600),
        users: [WebUserConfig] = []
    ) {
        self.enabled = enabled
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.users = users
    }

    /// The user with this login.
    public func user(_ login: String) -> WebUserConfig? { users.first { $0.login == login } }

    public var description: String {
        "WebConfig(enabled: \(enabled), secureCookies: \(secureCookies), sessionLifetime: "
            + "\(DurationParser.format(sessionLifetime)), users: \(users.map(\.login)), password hashes: <redacted>)"
    }
}

/// One entry of `web.users`. Its password hash never appears in descriptions, dumps or reflection.
public struct WebUserConfig: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The login name, `[a-z0-9._-]{1,64}`.
    public var login: String
    /// Display name: as configured, else the person's name, else the login.
    public var name: String
    /// The person id under `people` this login is (required for engineers: their reports are found by person).
    public var person: String?
    /// `manager` or `engineer`.
    public var role: String
    /// The bcrypt hash (`$2a$`/`$2b$`/`$2y$`), from `password_hash` or read from `password_hash_file`.
    public var passwordHash: String

    public init(login: String, name: String, person: String? = nil, role: String, passwordHash: String) {
        self.login = login
        self.name = name
        self.person = person
        self.role = role
        self.passwordHash = passwordHash
    }

    /// `WebUserConfig(zhang, role: manager, person: zhang.wei, passwordHash: <redacted>)`.
    public var description: String {
        "WebUserConfig(\(login), role: \(role), person: \(person ?? "none"), passwordHash: <redacted>)"
    }

    /// The same as `description`; default struct printing would otherwise show the hash.
    public var debugDescription: String { description }

    /// A mirror without the hash, so `dump(_:)` and reflection-based loggers cannot leak it.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["login": login, "name": name, "person": person as Any, "role": role, "passwordHash": "<redacted>"],
            displayStyle: .struct)
    }
}
