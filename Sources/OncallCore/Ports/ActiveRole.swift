import Foundation

/// Which node runs the timers and sends notifications. With one node (SQLite) it always does;
/// with a shared database only the node holding the database's lock does, and the others take
/// over when it is gone.
public protocol ActiveRole: Sendable {
    /// This node's view of the role, for `oncallctl status` and `/metrics`.
    func state() async -> ActiveRoleState
    /// Runs `work` while this node is active: cancels it when the role is lost and starts it again
    /// when it is regained. Returns when the calling task is cancelled.
    func whileActive(_ work: @escaping @Sendable () async -> Void) async
}

/// Who holds the active role, as one node sees it.
public struct ActiveRoleState: Sendable, Equatable {
    /// This node's name.
    public var node: String
    /// Whether this node is the active one.
    public var active: Bool
    /// The active node's name, when known.
    public var activeNode: String?
    /// Since when the active node has held the role.
    public var since: Date?

    public init(node: String, active: Bool, activeNode: String?, since: Date?) {
        self.node = node
        self.active = active
        self.activeNode = activeNode
        self.since = since
    }
}

/// The role of a node that is alone (the embedded database): active from its start.
public struct SoleNode: ActiveRole {
    public let node: String
    public let since: Date

    public init(node: String, since: Date) {
        self.node = node
        self.since = since
    }

    public func state() async -> ActiveRoleState {
        ActiveRoleState(node: node, active: true, activeNode: node, since: since)
    }

    public func whileActive(_ work: @escaping @Sendable () async -> Void) async {
        await work()
    }
}
