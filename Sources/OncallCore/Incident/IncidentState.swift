/// Where an incident is in its life: reported → acknowledged → escalated → resolved → closed.
public enum IncidentState: String, Sendable, Codable, CaseIterable {
    /// Reported and not yet taken by anyone.
    case reported
    /// An engineer has taken it.
    case acknowledged
    /// The emergency group has it (after 10 minutes, at once for level 1, or by hand).
    case escalated
    /// The fault is fixed; the report is written next.
    case resolved
    /// Done; nothing more happens to it.
    case closed

    /// Whether the fault is still open (not yet resolved).
    public var isOpen: Bool {
        switch self {
        case .reported, .acknowledged, .escalated: true
        case .resolved, .closed: false
        }
    }
}
