import Foundation

/// One timestamped entry of a visit's history; the caller copies each onto the incident's timeline.
public struct VisitEvent: Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Sent to the engineer (details: engineer, branch, region, sla, attempt, accept_by, arrive_by, warranty, chargeable, site?, skill?, fallback?).
        case dispatched
        /// The engineer took it.
        case accepted
        /// The engineer set off.
        case enRoute = "en_route"
        /// The engineer arrived.
        case onSite = "on_site"
        /// The work is done (details: summary?).
        case completed
        /// The engineer turned it down (details: reason?).
        case declined
        /// Called off (details: reason).
        case cancelled
        /// The in-warranty customer was phoned back (details: note?).
        case calledBack = "called_back"
        /// The out-of-warranty customer confirmed the chargeable repair.
        case repairConfirmed = "repair_confirmed"
    }

    /// What happened.
    public var kind: Kind
    /// When.
    public var at: Date
    /// Who reported it (`unix:alice`, `link:zhao.lei`, or `oncalld`).
    public var actor: String
    /// Kind-specific facts, e.g. `engineer`, `branch`, `arrive_by`, `reason`, `summary`.
    public var details: [String: String]

    /// An event.
    public init(kind: Kind, at: Date, actor: String, details: [String: String] = [:]) {
        self.kind = kind
        self.at = at
        self.actor = actor
        self.details = details
    }
}
