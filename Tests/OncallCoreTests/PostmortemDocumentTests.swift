import Foundation
import OncallCore
import OncallTesting
import Testing

@Suite("Fault report document")
struct PostmortemDocumentTests {
    let shanghai = TimeZone(secondsFromGMT: 8 * 3600)!

    /// A Chinese incident driven through the real lifecycle: reported with an ongoing outage,
    /// acknowledged, relevelled 3→2, escalated, a visit dispatched that arrives late, resolved.
    func scriptedIncident() throws -> PostmortemDocument.Facts {
        let policy = IncidentPolicy()
        let setup = DispatchSetup(
            branches: [
                BranchOffice(id: "bj-hq", name: "北京总部", regions: [RegionCode("11")!], isHeadquarters: true),
                BranchOffice(id: "sh", name: "上海分公司", regions: [RegionCode("31")!]),
            ],
            engineers: [FieldEngineer(person: "zhao.lei", branch: "sh"), FieldEngineer(person: "zhou.qiang", branch: "bj-hq")],
            sites: [CustomerSite(id: "SH-WH-01", name: "上海仓储中心", region: RegionCode("310115")!)],
            policy: DispatchPolicy(), regionNames: RegionNames(), calendar: .standard)
        var timeline: [TimelineEvent] = []
        var visits: [Visit] = []
        func commit(_ change: IncidentChange) -> Incident {
            timeline += change.events
            for visit in change.visits {
                visits.removeAll { $0.attempt == visit.attempt }
                visits.append(visit)
            }
            return change.incident
        }

        var form = ReportForm.fixture(scope: .few, outageStarted: at("2026-11-09 09:00"))
        form.reporterContact = "021-5555 0101"
        form.situation = "仓库扫码枪无法提交"
        form.service = "WMS"
        form.site = "SH-WH-01"
        var incident = commit(try IncidentLifecycle.open(form, id: IncidentNumber(42), actor: "unix:helpdesk", policy: policy, now: at("2026-11-09 09:00")))
        incident = commit(try IncidentLifecycle.apply(.acknowledge, to: incident, actor: "unix:li.na", policy: policy, now: at("2026-11-09 09:05")))
        incident = commit(IncidentLifecycle.fire(
            DueTimer(incident: incident.id, kind: .relevelLevel2, dueAt: at("2026-11-09 09:20")), on: incident, policy: policy, now: at("2026-11-09 09:20")))
        incident = commit(try IncidentLifecycle.apply(.escalate(reason: "需要现场支持"), to: incident, actor: "unix:zhang.wei", policy: policy, now: at("2026-11-09 09:22")))
        let outcome = try DispatchLifecycle.dispatch(
            .site("SH-WH-01"), skill: nil, incident: incident, visits: visits, workload: EngineerWorkload(), setup: setup,
            actor: "unix:zhang.wei", now: at("2026-11-09 09:30"))
        incident = commit(try #require(outcome.change))
        for (step, time) in [(VisitStep.accept, "09:35"), (.depart, "09:40"), (.arrive, "10:45")] {
            incident = commit(try DispatchLifecycle.step(
                step, incident: incident, visits: visits, workload: EngineerWorkload(), setup: setup, actor: "link:zhao.lei",
                now: at("2026-11-09 \(time)")))
        }
        incident = commit(try IncidentLifecycle.apply(.resolve(summary: "更换交换机端口"), to: incident, actor: "unix:li.na", policy: policy, now: at("2026-11-09 11:10")))

        let deliveries = [
            DeliveryRecord(
                message: OutboxMessage(id: "m1", incident: incident.id, channel: "email", target: "zhang.wei@example.com", recipients: ["zhang.wei"],
                                       subject: "新故障", body: "", purpose: "new fault", createdAt: at("2026-11-09 09:00")),
                status: .delivered, nextAttemptAt: nil,
                attempts: [DeliveryAttempt(messageID: "m1", number: 1, at: at("2026-11-09 09:00:05"), result: .delivered, detail: "250 OK")]),
            DeliveryRecord(
                message: OutboxMessage(id: "m2", incident: incident.id, channel: "wecom", target: "emergency", recipients: ["chen.jie"],
                                       subject: "升级", body: "", purpose: "escalated to the emergency group", createdAt: at("2026-11-09 09:22")),
                status: .dead, nextAttemptAt: nil,
                attempts: [
                    DeliveryAttempt(messageID: "m2", number: 1, at: at("2026-11-09 09:22"), result: .retryable, detail: "HTTP 502"),
                    DeliveryAttempt(messageID: "m2", number: 2, at: at("2026-11-09 09:23"), result: .permanent, detail: "HTTP 400 invalid key"),
                ]),
        ]
        return PostmortemDocument.Facts(
            incident: incident, timeline: timeline, deliveries: deliveries, visits: visits,
            names: ["li.na": "李娜", "zhang.wei": "张伟", "chen.jie": "陈杰", "zhao.lei": "赵磊"],
            branchNames: ["sh": "上海分公司"], timeZone: shanghai)
    }

    func draft(_ facts: PostmortemDocument.Facts, language: ReportLanguage = .zh, sections: PostmortemSections = PostmortemSections()) -> Postmortem {
        Postmortem(incident: facts.incident.id, owner: "li.na", language: language, sections: sections, createdAt: facts.incident.resolvedAt ?? t0)
    }

    @Test("a scripted Chinese incident's draft shows its times, durations, timeline, notifications and the late visit")
    func scriptedDraft() throws {
        let facts = try scriptedIncident()
        let markdown = PostmortemDocument.render(facts, postmortem: draft(facts))

        #expect(markdown.hasPrefix("# 故障报告 #INC-000042：订单系统无法登录\n"))
        for line in [
            "| 提出人 | 仓储中心值班员（021-5555 0101） |",
            "| 受影响系统 | WMS |",
            "| 故障等级 | L2；变更：L3 → L2 2026-11-09 09:20 +08:00（outage still ongoing after 20m） |",
            "| 报告状态 | 草稿 |",
            "| 报告 | 2026-11-09 09:00 +08:00 |",
            "| 确认 | 2026-11-09 09:05 +08:00 |",
            "| 升级至应急小组 | 2026-11-09 09:22 +08:00 |",
            "| 解决 | 2026-11-09 11:10 +08:00 |",
            "| 确认用时 | 5m |",
            "| 解决用时 | 2h10m |",
            "| 中断时长 | 2h10m |",
            "> 仓库扫码枪无法提交",
            "> 更换交换机端口",
            "| 2026-11-09 09:05 +08:00 | 确认 | 李娜 |  |",
            "| 2026-11-09 09:22 +08:00 | 升级至应急小组 | 张伟 | reason: 需要现场支持; trigger: manual |",
            "| 2026-11-09 09:20 +08:00 | 等级变更 | oncalld | from_level: 3; reason: outage still ongoing after 20m; to_level: 2 |",
            "| 2026-11-09 09:00 +08:00 | 张伟 | email | new fault | 已送达 2026-11-09 09:00 +08:00 |",
            "| 2026-11-09 09:22 +08:00 | 陈杰 | wecom | escalated to the emergency group | 未送达：HTTP 400 invalid key |",
            "| 1 | 赵磊 | 上海分公司 | covered | 2026-11-09 09:30 +08:00 | 2026-11-09 10:30 +08:00 | 2026-11-09 10:45 +08:00 | on_site | 超时（missed） |",
            "## 原因\n\n<!-- 写明故障的根本原因 -->",
            "## 解决方法\n\n<!--", "## 解决经过\n\n<!--", "## 预防措施\n\n<!--",
            "（尚无审核）",
        ] {
            #expect(markdown.contains(line), "missing: \(line)")
        }
        #expect(markdown.contains("| 2026-11-09 10:45 +08:00 | 现场服务：on_site | 赵磊 |"))
        #expect(markdown.contains("missed"))
        let order = ["## 原因", "## 解决方法", "## 解决经过", "## 预防措施", "## 审核记录"].map { markdown.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
    }

    @Test("an untouched draft reads back as four empty sections")
    func untouchedDraft() throws {
        let facts = try scriptedIncident()
        for language in ReportLanguage.allCases {
            let markdown = PostmortemDocument.render(facts, postmortem: draft(facts, language: language))
            #expect(try PostmortemDocument.sections(from: markdown) == PostmortemSections())
        }
    }

    @Test("render then read back gives the same sections, in either language")
    func roundTrip() throws {
        let facts = try scriptedIncident()
        let written = PostmortemSections(
            cause: "交换机端口老化 | 丢包率 30%。\n\n第二段：监控未覆盖该端口。",
            fix: "1. 更换端口\n2. 重启 WMS 网关\n\n```\n## not a heading inside code\nshow interface\n```",
            process: "### 发现\n\n09:00 仓库报告。\n\n### 定位\n\n09:40 定位到交换机。",
            prevention: "    indented code stays indented\n\n- 增加端口监控\n- 备件常备")
        for language in ReportLanguage.allCases {
            let markdown = PostmortemDocument.render(facts, postmortem: draft(facts, language: language, sections: written))
            #expect(try PostmortemDocument.sections(from: markdown) == written)
        }
    }

    @Test("a Chinese report edited under English headings still reads; text outside the sections is ignored")
    func englishHeadings() throws {
        let markdown = """
        # 故障报告 #INC-000042：whatever the editor left here
        ## Facts changed by hand, ignored
        ## cause
        Port aged.
        <!-- hint left in -->
        ## 解决方法 ##
        换端口
        # A level-one heading ends the section
        stray text
        ## How the fix went

        Found at 09:00.

        ## Prevention
        <!-- multi-line
        hint -->
        Monitor ports.
        ## 审核记录
        - reviewer text
        """
        let sections = try PostmortemDocument.sections(from: markdown)
        #expect(sections == PostmortemSections(cause: "Port aged.", fix: "换端口", process: "Found at 09:00.", prevention: "Monitor ports."))
    }

    @Test("a missing or repeated heading is refused, naming it")
    func invalid() throws {
        let full = PostmortemSection.allCases.map { "## \($0.heading(.zh))\n\ntext" }.joined(separator: "\n\n")
        #expect(throws: PostmortemError.invalidDocument("missing heading '## 原因' (cause)")) {
            try PostmortemDocument.sections(from: full.replacingOccurrences(of: "## 原因", with: "原因"))
        }
        #expect(throws: PostmortemError.invalidDocument("missing heading '## 解决经过' (how the fix went)")) {
            try PostmortemDocument.sections(from: full.replacingOccurrences(of: "## 解决经过", with: "### 解决经过"))
        }
        #expect(throws: PostmortemError.invalidDocument("repeated heading '## 预防措施' (prevention)")) {
            try PostmortemDocument.sections(from: full + "\n\n## Prevention\n\nagain")
        }
    }

    @Test("an English report: headings, hints, table cells escaped, reviews and the archive")
    func englishReviewed() throws {
        var facts = try scriptedIncident()
        facts.incident.form.subject = "Login | checkout down"
        facts.timeline.append(TimelineEvent(.note(.init(text: "line one\nline | two")), at: at("2026-11-09 11:20"), actor: "unix:li.na"))
        var report = draft(facts, language: .en, sections: PostmortemSections(cause: "c", fix: "f", process: "p", prevention: ""))
        report.state = .approved
        report.reviews = [
            PostmortemReview(reviewer: "chen.jie", at: at("2026-11-10 10:00"), approved: false, comment: "write prevention\n## Cause\nand this"),
            PostmortemReview(reviewer: "chen.jie", at: at("2026-11-11 10:00"), approved: true, comment: ""),
        ]
        report.archive = ArchivedReport(markdown: "", sha256: "", approvedBy: "chen.jie", approvedAt: at("2026-11-11 10:00"))
        let markdown = PostmortemDocument.render(facts, postmortem: report)

        #expect(markdown.hasPrefix("# Fault report #INC-000042: Login | checkout down\n"))
        #expect(markdown.contains("| Subject | Login \\| checkout down |"))
        #expect(markdown.contains("| 2026-11-09 11:20 +08:00 | Note | 李娜 | text: line one<br>line \\| two |"))
        #expect(markdown.contains("## Cause\n\nc\n"))
        #expect(markdown.contains("## Prevention\n\n<!-- What will stop it happening again? -->"))
        #expect(markdown.contains("| Report state | approved and archived |"))
        #expect(!markdown.contains("Affected customers"), "a fact the form does not give has no row")
        #expect(markdown.contains("- 2026-11-10 10:00 +08:00 陈杰 sent back: write prevention\n    ## Cause\n    and this"))
        // A heading-like line in a review comment does not end or repeat a section.
        #expect(try PostmortemDocument.sections(from: markdown) == report.sections)
        #expect(markdown.contains("- 2026-11-11 10:00 +08:00 陈杰 approved"))
        #expect(markdown.contains("Archived: approved by 陈杰 at 2026-11-11 10:00 +08:00."))
        #expect(markdown.contains("| 1 | 赵磊 | 上海分公司 | covered |"))
        #expect(markdown.contains("| missed |"))
    }

    @Test("the affected customer count is a row of the facts table")
    func affectedCustomers() throws {
        var facts = try scriptedIncident()
        facts.incident.form.affectedCustomers = 120
        let markdown = PostmortemDocument.render(facts, postmortem: draft(facts, language: .en))
        #expect(markdown.contains("| Affected customers | 120 |"))
        let chinese = PostmortemDocument.render(facts, postmortem: draft(facts, language: .zh))
        #expect(chinese.contains("| 受影响客户数 | 120 |"))
    }
}
