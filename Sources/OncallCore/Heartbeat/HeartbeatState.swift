import Foundation

/// What the store keeps of one heartbeat: when it last beat and when it is missed. The due time
/// is durable, so a restart (or a kill) neither forgets a miss nor opens a second incident for it.
public struct HeartbeatState: Sendable, Equatable {
    public var name: String
    /// When oncalld first knew the heartbeat; with no beat yet, the first is due an interval after it.
    public var armedAt: Date
    public var lastBeatAt: Date?
    /// Who beat last: `token:backup`, `unix:alice`, `alertmanager/prom`.
    public var lastBeatBy: String?
    /// When the heartbeat is missed unless a beat comes first; in an outage, when it was missed.
    public var dueAt: Date
    /// The incident the current outage opened; nil while it beats. One outage, one incident.
    public var incident: IncidentNumber?
    /// Beats recorded since it was armed.
    public var beats: Int64

    public init(
        name: String, armedAt: Date, lastBeatAt: Date? = nil, lastBeatBy: String? = nil, dueAt: Date,
        incident: IncidentNumber? = nil, beats: Int64 = 0
    ) {
        self.name = name
        self.armedAt = armedAt
        self.lastBeatAt = lastBeatAt
        self.lastBeatBy = lastBeatBy
        self.dueAt = dueAt
        self.incident = incident
        self.beats = beats
    }
}

/// Where a heartbeat stands at an instant.
public enum HeartbeatStatus: String, Sendable, Codable, CaseIterable {
    /// Armed, no beat yet, not yet due.
    case waiting
    /// The last beat came within its interval.
    case up
    /// Its interval has passed without a beat, but it is within its grace.
    case late
    /// No beat by the due time: an incident is open (or being opened) for it.
    case missed
}
