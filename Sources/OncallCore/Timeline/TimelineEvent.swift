import Foundation

/// One entry of an incident's append-only timeline: what happened, when, and who did it.
public struct TimelineEvent: Sendable, Equatable {
    /// What kind of thing happened; each kind's facts are a `TimelineFacts` case.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case reported, acknowledged, escalated, relevelled, note, resolved, closed
        /// A field visit step.
        case dispatch
        /// A visit deadline was missed.
        case slaBreach = "sla_breach"
        /// A fault-report step.
        case postmortem
        /// Arrived in a maintenance window: created, its pages held.
        case maintenanceHeld = "maintenance_held"
        /// Its window ended while it was open: paged as if new.
        case maintenanceReleased = "maintenance_released"
    }

    /// What happened, with its kind-specific facts.
    public var facts: TimelineFacts
    public var at: Date
    /// `unix:alice`, `token:monitoring`, or `oncalld` for the daemon's own timers.
    public var actor: String

    public init(_ facts: TimelineFacts, at: Date, actor: String) {
        self.facts = facts
        self.at = at
        self.actor = actor
    }

    public var kind: Kind { facts.kind }
    /// The facts as the map of strings stored and shown (the API's `details`).
    public var details: [String: String] { facts.details }
}
