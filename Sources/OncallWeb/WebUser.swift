/// Someone who may sign in to the web view, as the daemon's configuration lists them.
public struct WebUser: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        /// Reads everything (open incidents, incidents, archive, reports, statistics) and changes nothing.
        case manager
        /// Reads open incidents and incidents, and writes the reports they own.
        case engineer
    }

    /// What they type to sign in.
    public var login: String
    public var displayName: String
    /// The configured person id: it decides which reports they own and whether they are in the emergency group.
    public var person: String?
    public var role: Role
    /// A bcrypt hash (`$2b$12$…`), as `PasswordHasher.hash` makes.
    public var passwordHash: String

    public init(login: String, displayName: String, person: String?, role: Role, passwordHash: String) {
        self.login = login
        self.displayName = displayName
        self.person = person
        self.role = role
        self.passwordHash = passwordHash
    }
}
