import Foundation

/// A change to an incident's pending timers, applied in the same transaction as the event that caused it.
public enum TimerChange: Sendable, Equatable {
    /// Set (or move) the incident's pending timer of this kind.
    case schedule(TimerKind, dueAt: Date)
    /// Set the incident's pending timer of this kind, or move it earlier — never later.
    case scheduleEarliest(TimerKind, dueAt: Date)
    /// Drop the incident's pending timer of this kind, if any.
    case cancel(TimerKind)
}

/// A durable timer that has come due, as handed to the lifecycle to decide its effect.
public struct DueTimer: Sendable, Equatable {
    public var incident: IncidentNumber
    public var kind: TimerKind
    public var dueAt: Date

    public init(incident: IncidentNumber, kind: TimerKind, dueAt: Date) {
        self.incident = incident
        self.kind = kind
        self.dueAt = dueAt
    }
}
