/// Where an on-site visit stands: dispatched → accepted → en route → on site → completed,
/// or declined (then a new visit goes to someone else), or cancelled.
public enum VisitState: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Sent to the engineer, not yet accepted.
    case dispatched
    /// The engineer took it.
    case accepted
    /// The engineer is on the way.
    case enRoute = "en_route"
    /// The engineer is at the site.
    case onSite = "on_site"
    /// The work is done.
    case completed
    /// The engineer turned it down before accepting.
    case declined
    /// Called off (re-assigned, or no longer needed).
    case cancelled

    /// Whether the visit is still under way (the engineer counts as busy).
    public var isOpen: Bool {
        switch self {
        case .dispatched, .accepted, .enRoute, .onSite: true
        case .completed, .declined, .cancelled: false
        }
    }

    /// The raw value, e.g. `en_route`.
    public var description: String { rawValue }
}
