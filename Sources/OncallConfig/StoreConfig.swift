import Foundation

/// Where the incidents live (`store.*`): the embedded SQLite file under `state_dir` (the default),
/// or one PostgreSQL database shared by two or more nodes (`store.url` or `store.url_file`).
/// Read at start only: a SIGHUP reload keeps the store the daemon opened.
public struct StoreConfig: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `postgres://user:password@host:port/database`; nil for the embedded SQLite file.
    public var url: String?
    /// This node's name in the active-role record (`store.node`; the host name by default).
    public var node: String

    public init(url: String? = nil, node: String = ProcessInfo.processInfo.hostName) {
        self.url = url
        self.node = node
    }

    /// `StoreConfig(postgresql, node: a)` or `StoreConfig(sqlite, node: a)`: the URL holds a password, so it is never shown.
    public var description: String { "StoreConfig(\(url == nil ? "sqlite" : "postgresql"), node: \(node))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["url": url == nil ? "none" : "<redacted>", "node": node], displayStyle: .struct)
    }
}
