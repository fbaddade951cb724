import Foundation
import OncallCore
@testable import OncallWeb

/// Incidents, reports and users behind the web view in tests, and a record of what the routes asked for.
actor WebFixture {
    static let timeZone = TimeZone(identifier: "Asia/Shanghai")!
    /// 2026-11-25 10:00 in Shanghai.
    static let now = Date(timeIntervalSince1970: 1_795_572_000)
    static let scriptSubject = "订单系统无法登录 <script>alert('x')</script>"

    /// Cost 4 keeps the tests fast; the daemon's hashes use 12.
    static let users: [WebUser] = [
        WebUser(login: "wang.min", displayName: "王敏", person: "wang.min", role: .manager, passwordHash: PasswordHasher.hash("经理密码-1", cost: 4)),
        WebUser(login: "zhao.lei", displayName: "赵磊", person: "zhao.lei", role: .engineer, passwordHash: PasswordHasher.hash("reviewer-pass", cost: 4)),
        WebUser(login: "li.na", displayName: "李娜", person: "li.na", role: .engineer, passwordHash: PasswordHasher.hash("engineer-pass", cost: 4)),
        WebUser(login: "chen.gang", displayName: "陈刚", person: "chen.gang", role: .engineer, passwordHash: PasswordHasher.hash("other-pass", cost: 4)),
    ]
    static let passwords = ["wang.min": "经理密码-1", "zhao.lei": "reviewer-pass", "li.na": "engineer-pass", "chen.gang": "other-pass"]
    static let reviewers: Set<String> = ["zhao.lei"]

    struct ReportQuery: Equatable {
        let state: Postmortem.State?
        let owner: String?
    }

    struct Review: Equatable {
        let id: IncidentNumber
        let approve: Bool
        let comment: String
        let actor: PostmortemActor
    }

    private(set) var incidents: [IncidentNumber: Incident] = [:]
    private(set) var reports: [IncidentNumber: Postmortem] = [:]
    private(set) var searches: [ArchiveQuery] = []
    /// The state and owner of every report list asked for.
    private(set) var reportQueries: [ReportQuery] = []
    private(set) var statisticsRanges: [(Date, Date)] = []
    private(set) var reviews: [Review] = []
    private(set) var saved: [(IncidentNumber, PostmortemSections, PostmortemActor)] = []
    private(set) var submitted: [IncidentNumber] = []
    private(set) var serviceRequests: [RequestNumber: ServiceRequest] = WebFixture.serviceRequests
    private(set) var requestQueries: [RequestQuery] = []
    private(set) var requestStatisticsSince: [Date] = []

    init() {
        let open = Incident(
            id: IncidentNumber(1),
            form: ReportForm(
                subject: Self.scriptSubject, organisation: "仓储中心", reporter: "仓储中心值班员", description: "所有用户登录超时",
                scope: .most, service: "订单系统", outageStarted: Self.now.addingTimeInterval(-3_300)),
            level: .level1, state: .escalated, reportedAt: Self.now.addingTimeInterval(-3_000), escalatedAt: Self.now.addingTimeInterval(-3_000),
            reportedBy: "unix:helpdesk")
        let minor = Incident(
            id: IncidentNumber(5), form: ReportForm(subject: "打印服务缓慢", organisation: "财务部", reporter: "张三"),
            level: .level3, state: .reported, reportedAt: Self.now.addingTimeInterval(-600), reportedBy: "unix:helpdesk")
        func resolved(_ number: Int64, _ subject: String, level: Level) -> Incident {
            Incident(
                id: IncidentNumber(number), form: ReportForm(subject: subject, organisation: "华东客服中心", reporter: "李四", service: "支付网关"),
                level: level, state: .resolved, reportedAt: Self.now.addingTimeInterval(-86_400 * Double(number)),
                acknowledgedAt: Self.now.addingTimeInterval(-86_400 * Double(number) + 120),
                resolvedAt: Self.now.addingTimeInterval(-86_400 * Double(number) + 3_600), resolutionSummary: "重启支付网关", reportedBy: "token:monitoring")
        }
        for incident in [open, minor, resolved(2, "支付接口超时", level: .level2), resolved(3, "报表导出失败", level: .level3),
                         resolved(4, "短信网关中断", level: .level1), resolved(6, "库存同步延迟", level: .level2)] {
            incidents[incident.id] = incident
        }
        let created = Self.now.addingTimeInterval(-80_000)
        reports[IncidentNumber(2)] = Postmortem(
            incident: IncidentNumber(2), owner: "li.na", language: .zh,
            sections: PostmortemSections(cause: "连接池耗尽 <script>alert('cause')</script>", fix: "扩大连接池", process: "", prevention: ""),
            createdAt: created)
        reports[IncidentNumber(3)] = Postmortem(
            incident: IncidentNumber(3), state: .submitted, owner: "chen.gang", language: .zh,
            sections: PostmortemSections(cause: "磁盘满", fix: "清理日志", process: "十分钟内恢复", prevention: "加监控"),
            createdAt: created, submittedAt: created)
        reports[IncidentNumber(4)] = Postmortem(
            incident: IncidentNumber(4), state: .approved, owner: "li.na", language: .zh,
            sections: PostmortemSections(cause: "运营商故障", fix: "切换线路", process: "切换后恢复", prevention: "双线路"),
            createdAt: created, submittedAt: created,
            reviews: [PostmortemReview(reviewer: "zhao.lei", at: created, approved: true, comment: "")],
            archive: ArchivedReport(markdown: "# 故障报告", sha256: String(repeating: "ab", count: 32), approvedBy: "zhao.lei", approvedAt: created))
        reports[IncidentNumber(6)] = Postmortem(
            incident: IncidentNumber(6), state: .submitted, owner: "li.na", language: .zh,
            sections: PostmortemSections(cause: "同步任务卡住", fix: "重启任务", process: "半小时恢复", prevention: "加超时"),
            createdAt: created, submittedAt: created)
    }

    func dependencies(secureCookies: WebCookieSecurity = .auto, now: @escaping @Sendable () -> Date = { WebFixture.now }) -> WebDependencies {
        WebDependencies(
            users: { Self.users },
            reviewers: { Self.reviewers },
            openIncidents: { await self.openIncidents() },
            incident: { id in await self.incident(id) },
            search: { query in await self.search(query) },
            report: { id in await self.report(id) },
            reports: { state, owner in await self.reports(state: state, owner: owner) },
            review: { id, approve, comment, actor in try await self.review(id, approve: approve, comment: comment, actor: actor) },
            saveSections: { id, sections, base, actor in try await self.save(id, sections, base, actor) },
            submit: { id, actor in try await self.submit(id, actor) },
            statistics: { from, until in await self.statistics(from: from, until: until) },
            requests: { query in await self.requests(query) },
            request: { number in await self.serviceRequests[number] },
            requestStatistics: { since in await self.requestStatistics(since: since) },
            releases: { weeks in Self.releases(weeks: weeks) },
            maintenanceWindows: { Self.maintenanceWindows },
            heartbeats: { Self.heartbeats },
            timeZone: Self.timeZone, now: now, secureCookies: secureCookies, sessionLifetime: .seconds(3600))
    }

    func openIncidents() -> [Incident] { incidents.values.filter(\.state.isOpen) }

    func incident(_ id: IncidentNumber) -> (incident: Incident, timeline: [TimelineEvent])? {
        guard let incident = incidents[id] else { return nil }
        let timeline = [
            TimelineEvent(.reported(.init(level: incident.level, scope: incident.form.scope, outage: nil, emergencyAfter: "10m")), at: incident.reportedAt, actor: incident.reportedBy),
            TimelineEvent(.note(.init(text: "已联系厂商 <b>vendor</b>")), at: incident.reportedAt.addingTimeInterval(60), actor: "unix:zhang"),
        ]
        return (incident, timeline)
    }

    func search(_ query: ArchiveQuery) -> [ArchiveHit] {
        searches.append(query)
        return [
            ArchiveHit(incident: incidents[IncidentNumber(4)]!, reportState: .approved, snippet: "…短信网关[中断]，用户收不到<验证码>…"),
            ArchiveHit(incident: incidents[IncidentNumber(1)]!, reportState: nil, snippet: ""),
        ]
    }

    func report(_ id: IncidentNumber) -> (postmortem: Postmortem, markdown: String)? {
        guard let report = reports[id], let incident = incidents[id] else { return nil }
        return (report, Self.markdown(report, incident))
    }

    /// Like the store: newest first, reports whose incident is missing left out.
    func reports(state: Postmortem.State?, owner: String?) -> [(postmortem: Postmortem, incident: Incident)] {
        reportQueries.append(ReportQuery(state: state, owner: owner))
        return reports.values
            .filter { (state == nil || $0.state == state) && (owner == nil || $0.owner == owner) }
            .sorted { ($0.updatedAt, $0.incident) > ($1.updatedAt, $1.incident) }
            .compactMap { report in incidents[report.incident].map { (report, $0) } }
    }

    /// Adds a resolved incident and its report, for a test that needs one more.
    func add(_ incident: Incident, _ report: Postmortem) {
        incidents[incident.id] = incident
        reports[incident.id] = report
    }

    /// A document shaped like the domain's: a facts table, an editing hint and the four sections as written.
    static func markdown(_ report: Postmortem, _ incident: Incident) -> String {
        var parts = [
            "# 故障报告 #\(incident.id)：\(incident.form.subject)",
            "## 基本信息\n\n| 项目 | 内容 |\n|---|---|\n| 编号 | \(incident.id) |\n| 提出单位 | \(incident.form.organisation) |\n| 说明 | 第一行<br>第二行 \\| 含竖线 |",
            "<!-- 请只填写下面四节 -->",
        ]
        for section in PostmortemSection.allCases {
            let text = report.sections[section]
            parts.append("## \(section.heading(.zh))\n\n" + (text.isEmpty ? "<!-- 待填写 -->" : text))
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    func review(_ id: IncidentNumber, approve: Bool, comment: String, actor: PostmortemActor) throws -> Postmortem {
        guard var report = reports[id] else { throw PostmortemError.noReport(id) }
        guard report.state == .submitted else { throw PostmortemError.wrongState(id, report.state, "it has not been submitted") }
        reviews.append(Review(id: id, approve: approve, comment: comment, actor: actor))
        report.reviews.append(PostmortemReview(reviewer: actor.person ?? "", at: Self.now, approved: approve, comment: comment))
        report.state = approve ? .approved : .draft
        if approve {
            report.archive = ArchivedReport(markdown: "x", sha256: String(repeating: "cd", count: 32), approvedBy: actor.person ?? "", approvedAt: Self.now)
        }
        reports[id] = report
        return report
    }

    func save(_ id: IncidentNumber, _ sections: PostmortemSections, _ base: PostmortemSections?, _ actor: PostmortemActor) throws {
        guard var report = reports[id] else { throw PostmortemError.noReport(id) }
        guard report.state == .draft else { throw PostmortemError.wrongState(id, report.state, "only a draft can be edited") }
        if let base, base != report.sections { throw PostmortemError.editConflict(id) }
        saved.append((id, sections, actor))
        report.sections = sections
        reports[id] = report
    }

    func submit(_ id: IncidentNumber, _ actor: PostmortemActor) throws {
        guard var report = reports[id] else { throw PostmortemError.noReport(id) }
        let missing = report.sections.missing
        guard missing.isEmpty else { throw PostmortemError.incomplete(missing) }
        submitted.append(id)
        report.state = .submitted
        reports[id] = report
    }

    func statistics(from: Date, until: Date) -> IncidentStatistics {
        statisticsRanges.append((from, until))
        return IncidentStatistics(
            levels: [
                LevelFigures(month: "2026-11", level: .level1, count: 4, escalated: 3, meanToAcknowledge: .seconds(150), p90ToAcknowledge: .seconds(300),
                             meanToResolve: .seconds(3_900), p90ToResolve: .seconds(7_200)),
                LevelFigures(month: "2026-11", level: .level2, count: 7, escalated: 1, meanToAcknowledge: .seconds(400)),
                LevelFigures(month: "2026-10", level: .level3, count: 12, escalated: 0),
            ],
            branches: [
                BranchCompliance(month: "2026-11", branch: "华东分公司", visits: 10, met: 9, missed: 1, pending: 0),
                BranchCompliance(month: "2026-11", branch: "<西南>分公司", visits: 2, met: 0, missed: 0, pending: 2),
            ])
    }

    // MARK: - Service requests, releases, maintenance and heartbeats

    static let requestSubject = "拣货单打印乱码 <script>alert('req')</script>"

    /// REQ-000042: an open bug report whose decision is overdue; REQ-000041: a release done in a window
    /// moved off a holiday; REQ-000040: an upgrade with its promise still open.
    static let serviceRequests: [RequestNumber: ServiceRequest] = {
        let bugAt = now.addingTimeInterval(-3 * 86_400)
        var decision = ServiceRequest.Deadline(name: .decision, startedAt: bugAt, dueAt: now.addingTimeInterval(-3_600), warnAt: nil)
        decision.missedAt = now.addingTimeInterval(-3_600)
        let bug = ServiceRequest(
            number: RequestNumber(42),
            form: .init(kind: .bugReport, subject: requestSubject, organisation: "仓储中心", requester: "李雷", contact: "138 0000 0000",
                        description: "打印 <b>乱码</b>"),
            submittedAt: bugAt, submittedBy: "unix:helpdesk", owner: "zhang.wei", window: nil, promisedDate: nil,
            timeline: [
                .init(at: bugAt, actor: "unix:helpdesk", what: .step(.received), note: "客户来电 <i>urgent</i>"),
                .init(at: now.addingTimeInterval(-7_200), actor: "oncalld", what: .warned(.decision)),
                .init(at: now.addingTimeInterval(-3_600), actor: "oncalld", what: .missed(.decision)),
            ],
            deadlines: [decision])

        let releaseAt = now.addingTimeInterval(-10 * 86_400)
        let window = ReleaseWindow(
            day: LocalDate(year: 2026, month: 10, day: 9)!, start: now.addingTimeInterval(-9 * 86_400), end: now.addingTimeInterval(-9 * 86_400 + 7_200),
            movedFrom: LocalDate(year: 2026, month: 10, day: 8)!)
        var readiness = ServiceRequest.Deadline(name: .readiness, startedAt: releaseAt, dueAt: window.start, warnAt: nil)
        readiness.metAt = window.start.addingTimeInterval(-600)
        var release = ServiceRequest.Deadline(name: .release, startedAt: releaseAt, dueAt: window.end, warnAt: nil)
        release.metAt = window.start.addingTimeInterval(1_800)
        let shipped = ServiceRequest(
            number: RequestNumber(41),
            form: .init(kind: .release, subject: "WMS 3.2.1", organisation: "仓储中心", requester: "韩梅梅", reason: "修复打印", fixedIssues: ["REQ-000042"]),
            submittedAt: releaseAt, submittedBy: "token:deploy", owner: "zhang.wei", window: window, promisedDate: nil,
            timeline: [RequestStep.applied, .tested, .approved, .agreed, .released, .confirmed].enumerated().map { offset, step in
                .init(at: releaseAt.addingTimeInterval(Double(offset) * 3_600), actor: "unix:zhang", what: .step(step))
            },
            deadlines: [readiness, release], closedAt: releaseAt.addingTimeInterval(5 * 3_600))

        let upgradeAt = now.addingTimeInterval(-86_400)
        let upgrade = ServiceRequest(
            number: RequestNumber(40),
            form: .init(kind: .softwareUpgrade, subject: "升级到 3.2", organisation: "财务部", requester: "张三"),
            submittedAt: upgradeAt, submittedBy: "unix:helpdesk", owner: nil, window: nil, promisedDate: nil,
            timeline: [.init(at: upgradeAt, actor: "unix:helpdesk", what: .step(.received))],
            deadlines: [.init(name: .done, startedAt: upgradeAt, dueAt: now.addingTimeInterval(4 * 86_400), warnAt: nil)])
        return [bug.number: bug, shipped.number: shipped, upgrade.number: upgrade]
    }()

    /// Like the store: matching the query, newest first.
    func requests(_ query: RequestQuery) -> [ServiceRequest] {
        requestQueries.append(query)
        return serviceRequests.values.filter(query.matches).sorted { $0.submittedAt > $1.submittedAt }
    }

    func requestStatistics(since: Date) -> RequestStatistics {
        requestStatisticsSince.append(since)
        return RequestStatistics.compute(Array(serviceRequests.values), timeZone: Self.timeZone, now: Self.now)
    }

    /// Mondays and Thursdays 19:00–21:00 Shanghai from 2026-11-26; the first Monday as if moved off a holiday to Tuesday.
    static func releases(weeks: Int) -> [ReleaseWindow] {
        [
            ReleaseWindow(day: LocalDate(year: 2026, month: 11, day: 26)!, start: now.addingTimeInterval(33 * 3_600), end: now.addingTimeInterval(35 * 3_600)),
            ReleaseWindow(
                day: LocalDate(year: 2026, month: 12, day: 1)!, start: now.addingTimeInterval(153 * 3_600), end: now.addingTimeInterval(155 * 3_600),
                movedFrom: LocalDate(year: 2026, month: 11, day: 30)!),
        ]
    }

    /// MW-3 active, MW-4 planned, MW-2 ended early yesterday, MW-1 over long ago.
    static let maintenanceWindows: [MaintenanceWindow] = [
        MaintenanceWindow(
            id: 4, startsAt: now.addingTimeInterval(86_400), endsAt: now.addingTimeInterval(90_000), services: ["支付网关"], matchers: [:],
            reason: "数据库升级 <script>x</script>", createdBy: "unix:zhang", createdAt: now.addingTimeInterval(-600)),
        MaintenanceWindow(
            id: 3, startsAt: now.addingTimeInterval(-1_800), endsAt: now.addingTimeInterval(1_800), services: ["订单系统"], matchers: ["alertname": "Watchdog"],
            reason: "机房断电演练", createdBy: "token:deploy", createdAt: now.addingTimeInterval(-3_600)),
        MaintenanceWindow(
            id: 2, startsAt: now.addingTimeInterval(-90_000), endsAt: now.addingTimeInterval(-80_000), services: ["WMS"], matchers: [:],
            reason: "网络割接", createdBy: "unix:li", createdAt: now.addingTimeInterval(-100_000),
            endedAt: now.addingTimeInterval(-86_000), endedBy: "unix:li"),
        MaintenanceWindow(
            id: 1, startsAt: now.addingTimeInterval(-90 * 86_400), endsAt: now.addingTimeInterval(-89 * 86_400), services: ["旧系统"], matchers: [:],
            reason: "很久以前", createdBy: "unix:li", createdAt: now.addingTimeInterval(-91 * 86_400)),
    ]

    /// `backup` missed with INC-000005 open for it; `etl` up.
    static let heartbeats: [HeartbeatService.Reading] = [
        HeartbeatService.Reading(
            heartbeat: Heartbeat(name: "etl", interval: .seconds(300), grace: .seconds(60)),
            state: HeartbeatState(name: "etl", armedAt: now.addingTimeInterval(-86_400), lastBeatAt: now.addingTimeInterval(-120),
                                  lastBeatBy: "token:etl", dueAt: now.addingTimeInterval(240), beats: 288),
            status: .up),
        HeartbeatService.Reading(
            heartbeat: Heartbeat(name: "backup", interval: .seconds(86_400), grace: .seconds(3_600)),
            state: HeartbeatState(name: "backup", armedAt: now.addingTimeInterval(-5 * 86_400), lastBeatAt: now.addingTimeInterval(-2 * 86_400),
                                  lastBeatBy: "<unix:root>", dueAt: now.addingTimeInterval(-82_800), incident: IncidentNumber(5), beats: 3),
            status: .missed),
    ]
}
