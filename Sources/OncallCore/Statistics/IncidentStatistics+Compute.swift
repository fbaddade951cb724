import Foundation

extension IncidentStatistics {
    /// Figures per (month of report, level) and SLA compliance per (month of dispatch, branch),
    /// months in `timeZone`; visits not yet decided are judged at `now`.
    public static func compute(incidents: [Incident], visits: [Visit], timeZone: TimeZone, now: Date) -> IncidentStatistics {
        let zoned = ZonedCalendar(timeZone: timeZone)
        let byLevel = Dictionary(grouping: incidents) { MonthLevel(month: month(of: $0.reportedAt, in: zoned), level: $0.level) }
        let levels = byLevel
            .map { key, group in LevelFigures(summarising: group, month: key.month, level: key.level) }
            .sorted { ($0.month, $0.level.rawValue) < ($1.month, $1.level.rawValue) }
        let byBranch = Dictionary(grouping: visits) { MonthBranch(month: month(of: $0.dispatchedAt, in: zoned), branch: $0.branch) }
        let branches = byBranch
            .map { key, group in BranchCompliance(summarising: group, month: key.month, branch: key.branch, now: now) }
            .sorted { ($0.month, $0.branch) < ($1.month, $1.branch) }
        return IncidentStatistics(levels: levels, branches: branches)
    }

    /// The local month of `instant`, `2026-11`.
    public static func month(of instant: Date, timeZone: TimeZone) -> String {
        month(of: instant, in: ZonedCalendar(timeZone: timeZone))
    }

    /// The local month `2026-11` as `[first day 00:00, first day of the next month 00:00)`; nil unless `YYYY-MM`.
    public static func monthRange(_ month: String, timeZone: TimeZone) -> (from: Date, until: Date)? {
        guard month.utf8.count == 7, let first = LocalDate(iso: month + "-01") else { return nil }
        return (first.start(in: timeZone), first.firstOfNextMonth.start(in: timeZone))
    }

    static func month(of instant: Date, in zoned: ZonedCalendar) -> String {
        let day = zoned.localDate(of: instant)
        return "\(LocalDate.pad(day.year, 4))-\(LocalDate.pad(day.month, 2))"
    }

    private struct MonthLevel: Hashable {
        var month: String
        var level: Level
    }

    private struct MonthBranch: Hashable {
        var month: String
        var branch: String
    }
}

extension LevelFigures {
    /// The figures of `incidents`, labelled with `month` (any period label) and `level`.
    init(summarising incidents: [Incident], month: String, level: Level) {
        let toAcknowledge = incidents.compactMap { incident in incident.acknowledgedAt.map { $0.timeIntervalSince(incident.reportedAt) } }
        let toResolve = incidents.compactMap { incident in incident.resolvedAt.map { $0.timeIntervalSince(incident.reportedAt) } }
        self.init(
            month: month, level: level, count: incidents.count, escalated: incidents.count { $0.escalatedAt != nil },
            meanToAcknowledge: Self.mean(toAcknowledge), p90ToAcknowledge: Self.p90(toAcknowledge),
            meanToResolve: Self.mean(toResolve), p90ToResolve: Self.p90(toResolve))
    }

    static func mean(_ seconds: [TimeInterval]) -> Duration? {
        seconds.isEmpty ? nil : .interval(seconds.reduce(0, +) / Double(seconds.count))
    }

    /// Nearest rank: the ⌈0.9·n⌉-th smallest, always one of the observed values.
    static func p90(_ seconds: [TimeInterval]) -> Duration? {
        guard !seconds.isEmpty else { return nil }
        let rank = (9 * seconds.count + 9) / 10
        return .interval(seconds.sorted()[rank - 1])
    }
}

extension BranchCompliance {
    /// The compliance of `visits`, labelled with `month` (any period label) and `branch`, judged at `now`.
    init(summarising visits: [Visit], month: String, branch: String, now: Date) {
        let outcomes = visits.map { $0.arrivalOutcome(at: now) }
        self.init(
            month: month, branch: branch, visits: visits.count, met: outcomes.count(of: .met),
            missed: outcomes.count(of: .missed), pending: outcomes.count(of: .pending))
    }
}

private extension [ArrivalOutcome] {
    func count(of outcome: ArrivalOutcome) -> Int { count { $0 == outcome } }
}
