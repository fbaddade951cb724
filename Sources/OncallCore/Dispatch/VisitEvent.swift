import Foundation

/// One timestamped entry of a visit's history; the caller copies each onto the incident's timeline.
public struct VisitEvent: Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Sent to the engineer (facts: engineer, branch, region, sla, attempt, acceptBy, arriveBy, warranty, chargeable, site?, skill?, fallback?).
        case dispatched
        /// The engineer took it.
        case accepted
        /// The engineer set off.
        case enRoute = "en_route"
        /// The engineer arrived.
        case onSite = "on_site"
        /// The work is done (facts: summary?).
        case completed
        /// The engineer turned it down (facts: reason?).
        case declined
        /// Called off (facts: reason).
        case cancelled
        /// The in-warranty customer was phoned back (facts: note?).
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
    /// What the kind says besides.
    public var facts: Facts

    /// An event.
    public init(kind: Kind, at: Date, actor: String, facts: Facts = Facts()) {
        self.kind = kind
        self.at = at
        self.actor = actor
        self.facts = facts
    }

    /// The facts as the map of strings the API shows.
    public var details: [String: String] { facts.details }
}
