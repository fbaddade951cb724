/// Where oncallctl looks for the daemon's socket.
enum SocketLocation {
    /// The packaged daemon's socket (systemd `RuntimeDirectory=oncalld`).
    static let systemPath = "/run/oncalld/oncalld.sock"
    /// The socket of a daemon run from a checkout (the README's local run), relative to the current directory.
    static let localPath = "run/oncalld.sock"
    /// The environment variable that names the socket.
    static let environmentKey = "ONCALLD_SOCKET"

    /// `--socket` if given, else `$ONCALLD_SOCKET` if set and not empty, else ``localPath`` if it exists, else ``systemPath``.
    static func resolve(option: String?, environment: [String: String], fileExists: (String) -> Bool) -> String {
        if let option, !option.isEmpty { return option }
        if let fromEnvironment = environment[environmentKey], !fromEnvironment.isEmpty { return fromEnvironment }
        if fileExists(localPath) { return localPath }
        return systemPath
    }
}
