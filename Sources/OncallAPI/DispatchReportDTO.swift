import Foundation
import OncallCore

/// `GET /v1/dispatches/report?month=YYYY-MM`: per branch, the visits dispatched in a calendar
/// month (in the calendar's time zone) and how each SLA deadline went — met, breached, or still
/// pending. A deadline voided by a decline or cancellation before it came due is not counted:
/// the re-dispatched visit answers for it.
public struct DispatchReportDTO: Codable, Sendable, Equatable {
    /// How one deadline kind went across a branch's visits.
    public struct Counts: Codable, Sendable, Equatable {
        public var met: Int
        public var breached: Int
        public var pending: Int

        public init(met: Int = 0, breached: Int = 0, pending: Int = 0) {
            self.met = met
            self.breached = breached
            self.pending = pending
        }
    }

    /// One branch's month.
    public struct Branch: Codable, Sendable, Equatable {
        /// The branch id, and its name when known.
        public var branch: String
        public var name: String?
        /// Visits dispatched in the month (every attempt counts).
        public var visits: Int
        /// By deadline kind: `accept`, `arrival`, `callback`, `repair` (every kind is present).
        public var deadlines: [String: Counts]

        public init(branch: String, name: String?, visits: Int = 0, deadlines: [String: Counts] = [:]) {
            self.branch = branch
            self.name = name
            self.visits = visits
            var all = deadlines
            for kind in DispatchDeadlineKind.allCases where all[kind.rawValue] == nil { all[kind.rawValue] = Counts() }
            self.deadlines = all
        }
    }

    /// `2026-11`.
    public var month: String
    /// The IANA zone the month is counted in.
    public var timeZone: String
    /// The month's first instant, and the next month's.
    public var from: Date
    public var to: Date
    /// When the statuses were read (a pending deadline may yet be met or breached).
    public var at: Date
    /// Every configured branch, in configuration order, then any other branch a visit names.
    public var branches: [Branch]

    enum CodingKeys: String, CodingKey {
        case month, from, to, at, branches
        case timeZone = "time_zone"
    }

    public init(month: String, timeZone: String, from: Date, to: Date, at: Date, branches: [Branch]) {
        self.month = month
        self.timeZone = timeZone
        self.from = from
        self.to = to
        self.at = at
        self.branches = branches
    }

    /// The report for `month` from `visits` (those dispatched outside `[from, to)` are ignored),
    /// with deadline statuses at `now`.
    ///
    /// - Parameter setup: branch names and order, and the policy and calendar for the `callback`
    ///   and `repair` deadlines; without it only `accept` and `arrival` are counted.
    public init(month: String, timeZone: TimeZone, from: Date, to: Date, visits: [Visit], setup: DispatchSetup?, now: Date) {
        var rows: [String: Branch] = [:]
        var order: [String] = []
        for branch in setup?.branches ?? [] where rows[branch.id] == nil {
            rows[branch.id] = Branch(branch: branch.id, name: branch.name)
            order.append(branch.id)
        }
        var others: Set<String> = []
        for visit in visits where visit.dispatchedAt >= from && visit.dispatchedAt < to {
            if rows[visit.branch] == nil {
                rows[visit.branch] = Branch(branch: visit.branch, name: nil)
                others.insert(visit.branch)
            }
            rows[visit.branch]!.visits += 1
            for deadline in VisitDTO.deadlines(of: visit, setup: setup) {
                var counts = rows[visit.branch]!.deadlines[deadline.kind.rawValue] ?? Counts()
                switch DispatchDeadlines.status(of: deadline, visit: visit, now: now) {
                case .met: counts.met += 1
                case .breached: counts.breached += 1
                case .pending: counts.pending += 1
                case .void: break
                }
                rows[visit.branch]!.deadlines[deadline.kind.rawValue] = counts
            }
        }
        order += others.sorted()
        self.init(
            month: month, timeZone: timeZone.identifier, from: from, to: to, at: now, branches: order.compactMap { rows[$0] })
    }

    // MARK: - Months

    /// The first instant of `month` (`YYYY-MM`) and of the month after, in `timeZone`; nil when
    /// `month` is not a month from 1970-01 to 9999-12.
    public static func interval(of month: String, timeZone: TimeZone) -> (from: Date, to: Date)? {
        guard month >= "1970-01", let range = IncidentStatistics.monthRange(month, timeZone: timeZone) else { return nil }
        return (range.from, range.until)
    }

    /// The month `instant` falls in, in `timeZone`, as `YYYY-MM`.
    public static func month(of instant: Date, timeZone: TimeZone) -> String {
        IncidentStatistics.month(of: instant, timeZone: timeZone)
    }
}
