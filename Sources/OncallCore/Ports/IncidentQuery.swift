import Foundation

/// Which incidents a listing wants, newest first.
public struct IncidentQuery: Sendable, Equatable {
    public var states: Set<IncidentState>?
    public var level: Level?
    /// Only incidents reported at or after this instant.
    public var since: Date?
    /// Only incidents reported before this instant.
    public var until: Date?
    /// Only incidents numbered below this one: the next page of a listing.
    public var before: IncidentNumber?
    public var limit: Int

    public init(
        states: Set<IncidentState>? = nil, level: Level? = nil, since: Date? = nil, until: Date? = nil, before: IncidentNumber? = nil,
        limit: Int = 100
    ) {
        self.before = before
        self.states = states
        self.level = level
        self.since = since
        self.until = until
        self.limit = limit
    }
}
