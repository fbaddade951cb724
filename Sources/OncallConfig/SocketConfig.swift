/// The local Unix-domain socket that `oncallctl` talks to (`socket.*` in the config).
public struct SocketConfig: Sendable, Equatable {
    /// Where the socket is created (`socket.path`).
    public var path: String
    /// Permission bits applied to the socket file, e.g. `0o660` (`socket.mode`, written "0660").
    public var mode: Int
    /// Group that owns the socket file, so its members may connect; nil keeps the daemon's group.
    public var group: String?
    /// Unix users allowed to connect besides root, the daemon's user and members of `group` (`socket.allowed_users`).
    public var allowedUsers: [String]

    /// Creates a socket configuration; the defaults are those of an empty config file.
    public init(
        path: String = "/run/oncalld/oncalld.sock", mode: Int = 0o660, group: String? = nil,
        allowedUsers: [String] = []
    ) {
        self.path = path
        self.mode = mode
        self.group = group
        self.allowedUsers = allowedUsers
    }
}
