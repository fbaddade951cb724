import Foundation

/// One entry of an incident's append-only timeline: what happened, when, and who did it.
public struct TimelineEvent: Sendable, Equatable {
    /// What kind of thing happened.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case reported, acknowledged, escalated, relevelled, note, resolved, closed
        /// A field visit step (`step`: dispatched, accepted, en_route, on_site, completed, declined, cancelled, …).
        case dispatch
        /// A visit deadline was missed (`deadline`: accept, arrival, callback, repair).
        case slaBreach = "sla_breach"
        /// A fault-report step (`step`: drafted, edited, submitted, rejected, approved, reminded).
        case postmortem
    }

    public var kind: Kind
    public var at: Date
    /// `unix:alice`, `token:monitoring`, or `oncalld` for the daemon's own timers.
    public var actor: String
    /// Kind-specific facts, e.g. `reason`, `from_level`, `to_level`, `text`.
    public var details: [String: String]

    public init(kind: Kind, at: Date, actor: String, details: [String: String] = [:]) {
        self.kind = kind
        self.at = at
        self.actor = actor
        self.details = details
    }
}
