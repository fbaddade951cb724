/// Counters a store reports for `/metrics`.
public struct StoreStatistics: Sendable, Equatable {
    /// Incident counts keyed by level and state; missing pairs are zero.
    public var incidents: [Level: [IncidentState: Int]]
    public var pendingTimers: Int
    /// Fault reports by state; missing states are zero.
    public var postmortems: [Postmortem.State: Int] = [:]
    /// Transactions committed by the group-commit writer, and the writes they carried.
    public var commitBatches: Int
    public var committedWrites: Int

    public init(incidents: [Level: [IncidentState: Int]] = [:], pendingTimers: Int = 0, commitBatches: Int = 0, committedWrites: Int = 0) {
        self.incidents = incidents
        self.pendingTimers = pendingTimers
        self.commitBatches = commitBatches
        self.committedWrites = committedWrites
    }
}
