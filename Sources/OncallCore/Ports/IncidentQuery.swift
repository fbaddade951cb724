import Foundation

/// Which incidents a listing wants, newest first.
public struct IncidentQuery: Sendable, Equatable {
    public var states: Set<IncidentState>?
    public var level: Level?
    /// Only incidents reported at or after this instant.
    public var since: Date?
    public var limit: Int

    public init(states: Set<IncidentState>? = nil, level: Level? = nil, since: Date? = nil, limit: Int = 100) {
        self.states = states
        self.level = level
        self.since = since
        self.limit = limit
    }
}
