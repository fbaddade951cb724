import Foundation

/// `GET /v1/status`: which store the daemon uses and which node runs the timers and sends notifications.
public struct StatusDTO: Codable, Sendable, Equatable {
    /// `sqlite` or `postgresql`.
    public var store: String
    /// The answering node's name.
    public var node: String
    /// Whether the answering node is the active one.
    public var active: Bool
    /// The active node's name, when known.
    public var activeNode: String?
    /// Since when the active node has been active.
    public var activeSince: Date?

    enum CodingKeys: String, CodingKey {
        case store, node, active
        case activeNode = "active_node"
        case activeSince = "active_since"
    }

    public init(store: String, node: String, active: Bool, activeNode: String?, activeSince: Date?) {
        self.store = store
        self.node = node
        self.active = active
        self.activeNode = activeNode
        self.activeSince = activeSince
    }
}
