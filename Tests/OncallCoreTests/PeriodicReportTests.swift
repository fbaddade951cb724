import Foundation
import OncallCore
import OncallTesting
import Testing

@Suite("Periodic report")
struct PeriodicReportTests {
    let shanghai = TimeZone(secondsFromGMT: 8 * 3600)!

    func incident(
        _ id: Int64, _ level: Level, reported: String, state: IncidentState, acknowledged: String? = nil, escalated: String? = nil,
        resolved: String? = nil, subject: String = "订单系统无法登录", summary: String? = nil
    ) -> Incident {
        Incident(
            id: IncidentNumber(id), form: .fixture(subject: subject), level: level, state: state, reportedAt: at(reported),
            acknowledgedAt: acknowledged.map { at($0) }, escalatedAt: escalated.map { at($0) }, resolvedAt: resolved.map { at($0) },
            resolutionSummary: summary, reportedBy: "unix:helpdesk")
    }

    func visit(_ id: Int64, branch: String, engineer: String, dispatched: String, arriveBy: String, arrived: String?) -> Visit {
        var events = [VisitEvent(kind: .dispatched, at: at(dispatched), actor: "unix:pm")]
        if let arrived { events.append(VisitEvent(kind: .onSite, at: at(arrived), actor: "link:\(engineer)")) }
        return Visit(
            incident: IncidentNumber(id), attempt: 1, engineer: engineer, branch: branch, region: RegionCode("31")!, siteID: nil, skill: nil,
            slaKind: .covered, warranty: .unknown, requestedAt: at(dispatched), dispatchedAt: at(dispatched),
            acceptBy: at(dispatched).adding(.minutes(15)), arriveBy: at(arriveBy), state: arrived == nil ? .enRoute : .onSite, events: events)
    }

    /// Week 2026-W48 (23–30 November): four incidents reported in it, one from the week before still open.
    var incidents: [Incident] {
        [
            incident(1, .level2, reported: "2026-11-24 10:00", state: .resolved, acknowledged: "2026-11-24 10:05", escalated: "2026-11-24 10:10",
                     resolved: "2026-11-24 11:00", summary: "重启网关"),
            incident(2, .level3, reported: "2026-11-25 14:00", state: .closed, acknowledged: "2026-11-25 14:20", resolved: "2026-11-25 16:00",
                     subject: "打印 | 缓慢", summary: "清理队列"),
            incident(3, .level1, reported: "2026-11-27 09:00", state: .escalated, acknowledged: "2026-11-27 09:02", escalated: "2026-11-27 09:00"),
            incident(4, .level3, reported: "2026-11-20 16:00", state: .acknowledged, acknowledged: "2026-11-20 16:30"),
            incident(5, .level3, reported: "2026-11-28 10:00", state: .resolved, resolved: "2026-12-01 10:00"),
        ]
    }

    var visits: [Visit] {
        [
            visit(3, branch: "sh", engineer: "zhao.lei", dispatched: "2026-11-27 09:10", arriveBy: "2026-11-27 10:10", arrived: "2026-11-27 10:00"),
            visit(1, branch: "bj-hq", engineer: "zhou.qiang", dispatched: "2026-11-24 10:20", arriveBy: "2026-11-24 11:20", arrived: "2026-11-24 11:40"),
        ]
    }

    let names = ["zhao.lei": "赵磊", "zhou.qiang": "周强", "sh": "上海分公司"]

    func weekly() -> String {
        let period = PeriodicSchedule.period(.weekly, dueAt: at("2026-11-30 08:00"), timeZone: shanghai)
        let statistics = IncidentStatistics.compute(incidents: incidents, visits: visits, timeZone: shanghai, now: at("2026-11-30 08:00"))
        return PeriodicReport.render(
            kind: .weekly, period: period.period, from: period.from, until: period.until, incidents: incidents, visits: visits,
            postmortems: [IncidentNumber(1): .draft, IncidentNumber(2): .approved], statistics: statistics, names: names,
            timeZone: shanghai, generatedAt: at("2026-11-30 08:00"))
    }

    @Test("the weekly report: totals by level, escalations, the week's incidents, what is still open, visits and SLA per branch")
    func weeklyReport() {
        let markdown = weekly()
        for line in [
            "# 周报 Weekly report 2026-W48",
            "统计区间 Period: 2026-11-23 00:00 +08:00 — 2026-11-30 00:00 +08:00",
            "| L1 | 1 | 1 | 2m | — | — |",
            "| L2 | 1 | 1 | 5m | 1h | 1h |",
            "| L3 | 2 | 0 | 20m | 37h | 72h |",
            "| 合计 Total | 4 | 2 | 9m | 25h | 72h |",
            "- INC-000001 L2 2026-11-24 10:10 +08:00 — 订单系统无法登录（仓储中心）",
            "- INC-000003 L1 2026-11-27 09:00 +08:00",
            "| INC-000001 | 2026-11-24 10:00 +08:00 | L2 | 仓储中心 | 订单系统无法登录 | resolved | 1h | 草稿 draft |",
            "| INC-000002 | 2026-11-25 14:00 +08:00 | L3 | 仓储中心 | 打印 \\| 缓慢 | closed | 2h | 已归档 approved |",
            "| INC-000003 | 2026-11-27 09:00 +08:00 | L1 | 仓储中心 | 订单系统无法登录 | escalated | — | — |",
            "| INC-000004 | 2026-11-20 16:00 +08:00 | L3 | 仓储中心 | 订单系统无法登录 | acknowledged | 224h |",
            "| INC-000005 | 2026-11-28 10:00 +08:00 | L3 | 仓储中心 | 订单系统无法登录 | resolved | 38h |",
            "| INC-000003 | 1 | 赵磊 | 上海分公司 | covered | 2026-11-27 09:10 +08:00 | 2026-11-27 10:10 +08:00 | 2026-11-27 10:00 +08:00 | 按时 met |",
            "| INC-000001 | 1 | 周强 | bj-hq | covered | 2026-11-24 10:20 +08:00 | 2026-11-24 11:20 +08:00 | 2026-11-24 11:40 +08:00 | 超时 missed |",
            "| bj-hq | 1 | 0 | 1 | 0 | 0% |",
            "| 上海分公司 | 1 | 1 | 0 | 0 | 100% |",
        ] {
            #expect(markdown.contains(line), "missing: \(line)")
        }
        let thisWeek = section(markdown, "## 本周故障")
        #expect(!thisWeek.contains("INC-000004"))
        let stillOpen = section(markdown, "## 未解决故障")
        #expect(["INC-000003", "INC-000004", "INC-000005"].allSatisfy(stillOpen.contains))
        #expect(!stillOpen.contains("INC-000001") && !stillOpen.contains("INC-000002"))
        // Visits in dispatch order.
        #expect(markdown.range(of: "| INC-000001 | 1 | 周强")!.lowerBound < markdown.range(of: "| INC-000003 | 1 | 赵磊")!.lowerBound)
    }

    @Test("the monthly list: every incident of the month with its resolution and report state, then the statistics")
    func monthlyList() {
        let period = PeriodicSchedule.period(.monthly, dueAt: at("2026-12-01 09:00"), timeZone: shanghai)
        let reported = incidents.filter { $0.reportedAt >= period.from && $0.reportedAt < period.until }
        let statistics = IncidentStatistics.compute(incidents: reported, visits: visits, timeZone: shanghai, now: at("2026-12-01 09:00"))
        let markdown = PeriodicReport.render(
            kind: .monthly, period: period.period, from: period.from, until: period.until, incidents: reported, visits: visits,
            postmortems: [IncidentNumber(1): .submitted], statistics: statistics, names: names, timeZone: shanghai,
            generatedAt: at("2026-12-01 09:00"))
        for line in [
            "# 月度故障清单 Monthly incident list 2026-11",
            "| INC-000001 | 2026-11-24 10:00 +08:00 | L2 | 仓储中心 | 订单系统无法登录 | resolved | 2026-11-24 11:00 +08:00 | 重启网关 | 待审核 submitted |",
            "| INC-000002 | 2026-11-25 14:00 +08:00 | L3 | 仓储中心 | 打印 \\| 缓慢 | closed | 2026-11-25 16:00 +08:00 | 清理队列 | — |",
            "| INC-000004 | 2026-11-20 16:00 +08:00 | L3 | 仓储中心 | 订单系统无法登录 | acknowledged | — | — | — |",
            "| 2026-11 | L1 | 1 | 1 | 100% | 2m | 2m | — | — |",
            "| 2026-11 | L2 | 1 | 1 | 100% | 5m | 5m | 1h | 1h |",
            "| 2026-11 | L3 | 3 | 0 | 0% | 25m | 30m | 37h | 72h |",
            "| 2026-11 | bj-hq | 1 | 0 | 1 | 0 | 0% |",
            "| 2026-11 | 上海分公司 | 1 | 1 | 0 | 0 | 100% |",
        ] {
            #expect(markdown.contains(line), "missing: \(line)")
        }
        #expect(!markdown.contains("## 未解决故障"))
    }

    /// A request with one promise of `name` due at `due`; met, missed or cancelled as given.
    func request(
        _ number: Int64, _ kind: RequestKind, _ name: RequestDeadlineName, due: String, met: String? = nil, missed: String? = nil,
        cancelled: String? = nil
    ) -> ServiceRequest {
        var deadline = ServiceRequest.Deadline(name: name, startedAt: at("2026-11-02 09:00"), dueAt: at(due), warnAt: nil)
        deadline.metAt = met.map { at($0) }
        deadline.missedAt = missed.map { at($0) }
        deadline.cancelledAt = cancelled.map { at($0) }
        return ServiceRequest(
            number: RequestNumber(number), form: .init(kind: kind, subject: "请求 \(number)", organisation: "仓储中心", requester: "李雷"),
            submittedAt: at("2026-11-02 09:00"), submittedBy: "mail:li@wh.example.com", owner: "wang.fang", window: nil, promisedDate: nil,
            deadlines: [deadline])
    }

    /// November 2026: bug decisions kept and met late, an upgrade missed, one cancelled, one due in December.
    var requests: [ServiceRequest] {
        [
            request(1, .bugReport, .decision, due: "2026-11-10 18:00", met: "2026-11-10 09:00"),
            request(2, .bugReport, .decision, due: "2026-11-12 18:00", met: "2026-11-13 10:00", missed: "2026-11-12 18:00"),
            request(3, .softwareUpgrade, .done, due: "2026-11-27 18:00", missed: "2026-11-27 18:00"),
            request(4, .softwareUpgrade, .done, due: "2026-12-03 18:00"),
            request(5, .bugReport, .decision, due: "2026-11-20 18:00", cancelled: "2026-11-19 10:00"),
        ]
    }

    @Test("the month's service requests: the share of promises kept per kind and each promise missed, that month only")
    func monthlyRequests() {
        let now = at("2026-12-01 09:00")
        let period = PeriodicSchedule.period(.monthly, dueAt: now, timeZone: shanghai)
        let report = RequestMonthReport.compute(requests, month: period.period, from: period.from, until: period.until, timeZone: shanghai, now: now)
        #expect(report.rows.map { "\($0.kind.rawValue) \($0.kept)/\($0.missed)/\($0.open)" } == ["software_upgrade 0/1/0", "bug_report 1/1/0"])
        #expect(report.missed.map(\.request) == [RequestNumber(2), RequestNumber(3)])

        let markdown = PeriodicReport.render(
            kind: .monthly, period: period.period, from: period.from, until: period.until, incidents: [], visits: [], postmortems: [:],
            statistics: IncidentStatistics(levels: [], branches: []), names: [:], timeZone: shanghai, generatedAt: now, requests: report)
        let part = section(markdown, "## 服务请求 Service requests")
        for line in [
            "| software_upgrade | 0 | 1 | 0 | 0% |",
            "| bug_report | 1 | 1 | 0 | 50% |",
            "| REQ-000002 | bug_report | decision | 2026-11-12 18:00 +08:00 | 2026-11-13 10:00 +08:00 |",
            "| REQ-000003 | software_upgrade | done | 2026-11-27 18:00 +08:00 | — |",
        ] {
            #expect(part.contains(line), "missing: \(line)\n\(part)")
        }
        #expect(!part.contains("REQ-000004") && !part.contains("REQ-000005") && !part.contains("REQ-000001"))
    }

    @Test("a month without promises says so; without a request store the section is left out; the weekly report never has it")
    func monthlyRequestsEmpty() {
        let now = at("2026-12-01 09:00")
        let period = PeriodicSchedule.period(.monthly, dueAt: now, timeZone: shanghai)
        func render(_ kind: PeriodicKind, _ requests: RequestMonthReport?) -> String {
            PeriodicReport.render(
                kind: kind, period: period.period, from: period.from, until: period.until, incidents: [], visits: [], postmortems: [:],
                statistics: IncidentStatistics(levels: [], branches: []), names: [:], timeZone: shanghai, generatedAt: now, requests: requests)
        }
        let empty = render(.monthly, RequestMonthReport(rows: [], missed: []))
        #expect(empty.contains("本月无到期承诺。 No promise fell due this month."))
        #expect(empty.contains("### 未兑现的承诺 Promises missed\n\n本月无。 None this month."))
        #expect(!render(.monthly, nil).contains("服务请求"))
        #expect(!render(.weekly, RequestMonthReport(rows: [], missed: [])).contains("服务请求"))
    }

    @Test("an empty week says so rather than drawing empty tables")
    func emptyWeek() {
        let period = PeriodicSchedule.period(.weekly, dueAt: at("2026-11-30 08:00"), timeZone: shanghai)
        let markdown = PeriodicReport.render(
            kind: .weekly, period: period.period, from: period.from, until: period.until, incidents: [], visits: [], postmortems: [:],
            statistics: IncidentStatistics(levels: [], branches: []), names: [:], timeZone: shanghai, generatedAt: at("2026-11-30 08:00"))
        #expect(markdown.contains("| 合计 Total | 0 | 0 | — | — | — |"))
        #expect(markdown.contains("本周无故障。 None this week."))
        #expect(markdown.contains("无现场服务。 No field visits."))
    }

    /// From `heading` to the next `## `.
    func section(_ markdown: String, _ heading: String) -> Substring {
        let start = markdown.range(of: heading)!.upperBound
        let end = markdown[start...].range(of: "\n## ")?.lowerBound ?? markdown.endIndex
        return markdown[start..<end]
    }
}
