import Foundation
import OncallCore
import OncallTesting
import Testing

@Suite("Incident statistics")
struct IncidentStatisticsTests {
    let shanghai = TimeZone(secondsFromGMT: 8 * 3600)!

    func incident(
        _ id: Int64, level: Level, reported: Date, acknowledgedAfter: Int64? = nil, resolvedAfter: Int64? = nil, escalated: Bool = false
    ) -> Incident {
        Incident(
            id: IncidentNumber(id), form: .fixture(), level: level, state: resolvedAfter == nil ? .reported : .resolved, reportedAt: reported,
            acknowledgedAt: acknowledgedAfter.map { reported.adding(.minutes($0)) },
            escalatedAt: escalated ? reported.adding(.minutes(10)) : nil,
            resolvedAt: resolvedAfter.map { reported.adding(.minutes($0)) }, reportedBy: "unix:helpdesk")
    }

    @Test("ten incidents acknowledged after 1…10 minutes: mean 5.5 min, p90 the 9th smallest")
    func meansAndPercentiles() {
        let reported = at("2026-11-09 09:00")
        let incidents = (Int64(1)...10).map { (n: Int64) -> Incident in
            incident(n, level: .level3, reported: reported.adding(.minutes(n * 60)), acknowledgedAfter: n, resolvedAfter: n * 10, escalated: n <= 3)
        }
        let statistics = IncidentStatistics.compute(incidents: incidents.shuffled(), visits: [], timeZone: shanghai, now: at("2026-12-01 00:00"))
        #expect(statistics.levels == [
            LevelFigures(
                month: "2026-11", level: .level3, count: 10, escalated: 3, meanToAcknowledge: .seconds(330), p90ToAcknowledge: .minutes(9),
                meanToResolve: .minutes(55), p90ToResolve: .minutes(90)),
        ])
        #expect(statistics.levels[0].escalationRate == 0.3)
    }

    @Test("groups by local month and level, sorted; unacknowledged incidents leave the means empty")
    func grouping() {
        let incidents = [
            // 00:30 on 1 December in Shanghai is still November in UTC.
            incident(1, level: .level2, reported: at("2026-12-01 00:30"), acknowledgedAfter: 4),
            incident(2, level: .level1, reported: at("2026-11-30 10:00")),
            incident(3, level: .level3, reported: at("2026-11-02 10:00"), acknowledgedAfter: 2, resolvedAfter: 30),
            incident(4, level: .level1, reported: at("2026-11-15 10:00"), acknowledgedAfter: 1, resolvedAfter: 61, escalated: true),
            incident(5, level: .level3, reported: at("2026-10-31 23:59"), acknowledgedAfter: 7),
        ]
        let statistics = IncidentStatistics.compute(incidents: incidents, visits: [], timeZone: shanghai, now: at("2026-12-02 00:00"))
        #expect(statistics.levels.map { "\($0.month) \($0.level) \($0.count)" } == ["2026-10 L3 1", "2026-11 L1 2", "2026-11 L3 1", "2026-12 L2 1"])
        #expect(statistics.levels[1] == LevelFigures(
            month: "2026-11", level: .level1, count: 2, escalated: 1, meanToAcknowledge: .minutes(1), p90ToAcknowledge: .minutes(1),
            meanToResolve: .minutes(61), p90ToResolve: .minutes(61)))
        #expect(statistics.levels[3].meanToResolve == nil && statistics.levels[3].p90ToResolve == nil)

        let utc = IncidentStatistics.compute(incidents: incidents, visits: [], timeZone: TimeZone(secondsFromGMT: 0)!, now: t0)
        #expect(utc.levels.map { "\($0.month) \($0.level)" } == ["2026-10 L3", "2026-11 L1", "2026-11 L2", "2026-11 L3"])
    }

    func visit(
        _ branch: String, dispatched: String, arriveBy: String, state: VisitState, _ steps: [(VisitEvent.Kind, String)] = []
    ) -> Visit {
        let events = [VisitEvent(kind: .dispatched, at: at(dispatched), actor: "unix:pm")]
            + steps.map { VisitEvent(kind: $0.0, at: at($0.1), actor: "link:engineer") }
        return Visit(
            incident: IncidentNumber(1), attempt: 1, engineer: "zhao.lei", branch: branch, region: RegionCode("31")!, siteID: nil,
            skill: nil, slaKind: .covered, warranty: .unknown, requestedAt: at(dispatched), dispatchedAt: at(dispatched),
            acceptBy: at(dispatched).adding(.minutes(15)), arriveBy: at(arriveBy), state: state, events: events)
    }

    @Test("visits per month of dispatch and branch: met on time, missed late or overdue, pending otherwise")
    func compliance() {
        let now = at("2026-11-20 12:00")
        let visits = [
            // Arriving exactly at the promise meets it.
            visit("sh", dispatched: "2026-11-02 09:00", arriveBy: "2026-11-02 10:00", state: .completed,
                  [(.accepted, "2026-11-02 09:05"), (.enRoute, "2026-11-02 09:10"), (.onSite, "2026-11-02 10:00"), (.completed, "2026-11-02 11:00")]),
            visit("sh", dispatched: "2026-11-03 09:00", arriveBy: "2026-11-03 10:00", state: .onSite,
                  [(.accepted, "2026-11-03 09:05"), (.enRoute, "2026-11-03 09:10"), (.onSite, "2026-11-03 10:01")]),
            // Not there and the promise passed.
            visit("sh", dispatched: "2026-11-20 09:00", arriveBy: "2026-11-20 10:00", state: .enRoute,
                  [(.accepted, "2026-11-20 09:05"), (.enRoute, "2026-11-20 09:10")]),
            // Promise still ahead.
            visit("sh", dispatched: "2026-11-20 11:00", arriveBy: "2026-11-20 12:30", state: .accepted, [(.accepted, "2026-11-20 11:05")]),
            // Declined before the promise was due: the next visit answers for it.
            visit("bj-hq", dispatched: "2026-11-05 09:00", arriveBy: "2026-11-07 09:00", state: .declined, [(.declined, "2026-11-05 09:10")]),
            // Cancelled after the promise had passed.
            visit("bj-hq", dispatched: "2026-11-05 09:00", arriveBy: "2026-11-05 10:00", state: .cancelled, [(.cancelled, "2026-11-05 11:00")]),
            visit("sh", dispatched: "2026-10-30 09:00", arriveBy: "2026-10-30 10:00", state: .onSite,
                  [(.accepted, "2026-10-30 09:05"), (.enRoute, "2026-10-30 09:10"), (.onSite, "2026-10-30 09:50")]),
        ]
        let statistics = IncidentStatistics.compute(incidents: [], visits: visits, timeZone: shanghai, now: now)
        #expect(statistics.branches == [
            BranchCompliance(month: "2026-10", branch: "sh", visits: 1, met: 1, missed: 0, pending: 0),
            BranchCompliance(month: "2026-11", branch: "bj-hq", visits: 2, met: 0, missed: 1, pending: 1),
            BranchCompliance(month: "2026-11", branch: "sh", visits: 4, met: 1, missed: 2, pending: 1),
        ])
        #expect(statistics.branches[2].compliance == 1.0 / 3.0)
        #expect(visits[3].arrivalOutcome(at: at("2026-11-20 12:31")) == .missed)
    }

    @Test("months: the local month of an instant, and a month's local bounds")
    func months() throws {
        #expect(IncidentStatistics.month(of: at("2026-12-01 00:30"), timeZone: shanghai) == "2026-12")
        #expect(IncidentStatistics.month(of: at("2026-12-01 00:30"), timeZone: TimeZone(secondsFromGMT: 0)!) == "2026-11")
        let november = try #require(IncidentStatistics.monthRange("2026-11", timeZone: shanghai))
        #expect(november.from == at("2026-11-01 00:00") && november.until == at("2026-12-01 00:00"))
        let december = try #require(IncidentStatistics.monthRange("2026-12", timeZone: shanghai))
        #expect(december.until == at("2027-01-01 00:00"))
        for bad in ["2026-13", "2026-1", "2026-011", "26-11", "2026/11", "", "2026-00"] {
            #expect(IncidentStatistics.monthRange(bad, timeZone: shanghai) == nil, "\(bad)")
        }
    }
}
