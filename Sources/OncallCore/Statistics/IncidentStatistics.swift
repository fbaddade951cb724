import Foundation

/// Month-by-level incident figures and per-branch dispatch SLA compliance (issue 6, part 4).
public struct IncidentStatistics: Sendable, Equatable {
    public var levels: [LevelFigures]
    public var branches: [BranchCompliance]

    public init(levels: [LevelFigures], branches: [BranchCompliance]) {
        self.levels = levels
        self.branches = branches
    }
}

/// The incidents of one month (by report time, local calendar) and one level.
public struct LevelFigures: Sendable, Equatable {
    /// `2026-11`.
    public var month: String
    public var level: Level
    public var count: Int
    public var escalated: Int
    /// Means and 90th percentiles over the incidents that were acknowledged / resolved; nil when none were.
    public var meanToAcknowledge: Duration?
    public var p90ToAcknowledge: Duration?
    public var meanToResolve: Duration?
    public var p90ToResolve: Duration?

    public init(
        month: String, level: Level, count: Int, escalated: Int, meanToAcknowledge: Duration? = nil, p90ToAcknowledge: Duration? = nil,
        meanToResolve: Duration? = nil, p90ToResolve: Duration? = nil
    ) {
        self.month = month
        self.level = level
        self.count = count
        self.escalated = escalated
        self.meanToAcknowledge = meanToAcknowledge
        self.p90ToAcknowledge = p90ToAcknowledge
        self.meanToResolve = meanToResolve
        self.p90ToResolve = p90ToResolve
    }

    /// Escalated share of the count, 0...1.
    public var escalationRate: Double { count == 0 ? 0 : Double(escalated) / Double(count) }
}

/// Field visits of one month (by dispatch time) and branch, against their arrival promise.
public struct BranchCompliance: Sendable, Equatable {
    public var month: String
    public var branch: String
    public var visits: Int
    /// Arrived by the promised time.
    public var met: Int
    /// Arrived late, or not arrived and the promise has passed.
    public var missed: Int
    /// Not arrived yet, promise still ahead (or cancelled/declined before arrival): not counted either way.
    public var pending: Int

    public init(month: String, branch: String, visits: Int, met: Int, missed: Int, pending: Int) {
        self.month = month
        self.branch = branch
        self.visits = visits
        self.met = met
        self.missed = missed
        self.pending = pending
    }

    /// Met share of the decided visits, nil when none is decided yet.
    public var compliance: Double? { met + missed == 0 ? nil : Double(met) / Double(met + missed) }
}
