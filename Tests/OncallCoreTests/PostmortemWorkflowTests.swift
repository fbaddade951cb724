import Foundation
import OncallCore
import OncallTesting
import Testing

/// The fault-report workflow through the services, on the in-memory store with a manual clock:
/// drafted at resolution, written by its owner, reviewed only by the emergency group, frozen once approved.
@Suite("fault report workflow")
struct PostmortemWorkflowTests {
    let store = InMemoryIncidentStore()
    let clock = ManualClock(now: at("2026-11-23 10:00"))  // a Monday
    let policy = PostmortemPolicy(
        reviewers: ["chen.jie"], remindAfterWorkingDays: 2, reminderLimit: 2, calendar: .standard,
        personByActor: ["unix:lina": "li.na", "unix:chen": "chen.jie", "unix:zhang": "zhang.wei"], fallbackOwner: "zhang.wei")
    var notifications: NotificationPolicy {
        NotificationPolicy(
            rules: NotificationRules(projectManagers: ["zhang.wei"], emergencyGroup: ["chen.jie"], engineersOnCall: { _ in ["li.na"] }),
            composer: RecordingComposer())
    }
    var incidents: IncidentService {
        let policy = policy
        let notifications = notifications
        return IncidentService(
            store: store, clock: clock, settings: FixedSettings(.init(notifications: notifications, postmortems: policy)), timersChanged: {})
    }
    var reports: PostmortemService {
        let policy = policy
        let notifications = notifications
        return PostmortemService(
            sources: .init(incidents: store, reports: store, deliveries: nil, visits: nil), clock: clock,
            settings: FixedSettings(.init(
                notifications: notifications, postmortems: policy, presentation: .init(timeZone: WorkingCalendar.standard.timeZone))),
            sha256: { "sha-of-\($0.utf8.count)-bytes" }, changed: { _ in })
    }
    let written = PostmortemSections(cause: "会话缓存失效", fix: "重启缓存集群", process: "10:05 发现，10:20 恢复", prevention: "增加缓存监控")

    /// A resolved incident (resolved by `unix:lina`) and its id.
    func resolvedIncident(by actor: String = "unix:lina") async throws -> IncidentNumber {
        let (incident, _) = try await incidents.report(.fixture(subject: "用户登录超时"), actor: "unix:helpdesk")
        clock.advance(by: .minutes(5))
        _ = try await incidents.perform(.resolve(summary: "重启缓存"), on: incident.id, actor: actor)
        return incident.id
    }

    func messages(purpose: String) -> [OutboxMessage] { store.outbox.filter { $0.purpose == purpose } }

    @Test("resolving drafts a Chinese report owned by the resolver, tells them, and schedules a reminder")
    func draftOnResolution() async throws {
        let id = try await resolvedIncident()
        let report = try #require(try await store.postmortem(of: id))
        #expect(report.state == .draft)
        #expect(report.owner == "li.na")
        #expect(report.language == .zh)
        #expect(report.sections.missing == PostmortemSection.allCases)
        #expect(messages(purpose: "fault report to write").map(\.target) == ["li.na"])
        let timeline = try await store.timeline(of: id)
        #expect(timeline.contains { $0.kind == .postmortem && $0.details["step"] == "drafted" })
        #expect(try await store.nextTimerDue() == policy.calendar.addingWorkingDays(2, to: clock.now))
    }

    @Test("a resolver who is no configured person leaves the report to the first project manager")
    func fallbackOwner() async throws {
        let id = try await resolvedIncident(by: "token:monitoring")
        #expect(try await store.postmortem(of: id)?.owner == "zhang.wei")
        let mailed = try await resolvedIncident(by: "mail:stranger@example.com")
        #expect(try await store.postmortem(of: mailed)?.owner == "zhang.wei", "an unknown mail sender is no person")
    }

    @Test("only the owner or the emergency group may edit; an incomplete report cannot be submitted")
    func editPermissions() async throws {
        let id = try await resolvedIncident()
        await #expect(throws: PostmortemError.self) { try await reports.edit(id, sections: written, actor: "unix:zhang") }
        await #expect(throws: PostmortemError.self) { try await reports.edit(id, sections: written, actor: "unix:stranger") }
        _ = try await reports.edit(id, sections: PostmortemSections(cause: "会话缓存失效"), actor: "unix:lina")
        do {
            _ = try await reports.submit(id, actor: "unix:lina")
            Issue.record("an incomplete report was submitted")
        } catch let error as PostmortemError {
            #expect(error == .incomplete([.fix, .process, .prevention]))
            #expect(error.description.contains("解决方法"))
        }
        _ = try await reports.edit(id, sections: written, actor: "unix:chen")  // the emergency group may help
        #expect(try await store.postmortem(of: id)?.sections == written)
    }

    @Test("submit goes to the emergency group; only they review; a rejection needs a comment and reopens the draft")
    func reviewWorkflow() async throws {
        let id = try await resolvedIncident()
        _ = try await reports.edit(id, sections: written, actor: "unix:lina")
        let submitted = try await reports.submit(id, actor: "unix:lina")
        #expect(submitted.state == .submitted)
        #expect(messages(purpose: "fault report to review").map(\.target) == ["chen.jie"])
        #expect(try await store.nextTimerDue() == nil, "submitting cancels the reminder")

        await #expect(throws: PostmortemError.forbidden("only members of the emergency group (应急小组) may review fault reports; unix:lina is not one")) {
            try await reports.review(id, approve: true, comment: "", actor: "unix:lina")
        }
        await #expect(throws: PostmortemError.self) { try await reports.review(id, approve: false, comment: "  ", actor: "unix:chen") }
        await #expect(throws: PostmortemError.self) { try await reports.edit(id, sections: written, actor: "unix:lina") }

        let rejected = try await reports.review(id, approve: false, comment: "补充时间线", actor: "unix:chen")
        #expect(rejected.state == .draft)
        #expect(rejected.reviews.last == PostmortemReview(reviewer: "chen.jie", at: clock.now, approved: false, comment: "补充时间线"))
        #expect(messages(purpose: "fault report sent back").map(\.target) == ["li.na"])
        #expect(try await store.nextTimerDue() != nil, "a returned draft is chased again")

        _ = try await reports.submit(id, actor: "unix:lina")
        let approved = try await reports.review(id, approve: true, comment: "", actor: "unix:chen")
        #expect(approved.state == .approved)
        let archive = try #require(approved.archive)
        #expect(archive.sha256 == "sha-of-\(archive.markdown.utf8.count)-bytes")
        #expect(archive.approvedBy == "chen.jie")
        #expect(archive.markdown.contains("会话缓存失效"))
        #expect(archive.markdown.contains("chen.jie") || archive.markdown.contains("陈"), "the archived text names its approver")
        #expect(messages(purpose: "fault report approved and archived").map(\.target) == ["li.na"])

        // Archived: the document served is the frozen one, and nothing may change it.
        #expect(try await reports.document(id)?.markdown == archive.markdown)
        await #expect(throws: PostmortemError.self) { try await reports.edit(id, sections: PostmortemSections(), actor: "unix:chen") }
        await #expect(throws: PostmortemError.self) { try await reports.review(id, approve: false, comment: "再改", actor: "unix:chen") }
    }

    @Test("an edited Markdown document keeps only its four sections")
    func editByMarkdown() async throws {
        let id = try await resolvedIncident()
        var markdown = try #require(try await reports.document(id)?.markdown)
        for section in PostmortemSection.allCases {
            let heading = "## \(section.heading(.zh))"
            markdown = markdown.replacingOccurrences(of: heading, with: heading + "\n\n" + written[section] + "\n")
        }
        let report = try await reports.edit(id, markdown: markdown, actor: "unix:lina")
        #expect(report.sections == written)
        await #expect(throws: PostmortemError.self) { try await reports.edit(id, markdown: "# 只有标题", actor: "unix:lina") }
    }

    @Test("an edit made over someone else's later save is refused, not lost")
    func editConflict() async throws {
        let id = try await resolvedIncident()
        let opened = try #require(try await reports.document(id)?.markdown)
        _ = try await reports.edit(id, sections: PostmortemSections(cause: "陈杰写的原因"), actor: "unix:chen")
        var mine = opened
        mine = mine.replacingOccurrences(of: "## 原因", with: "## 原因\n\n李娜写的原因\n")
        do {
            _ = try await reports.edit(id, markdown: mine, base: opened, actor: "unix:lina")
            Issue.record("the later edit overwrote the earlier one")
        } catch let error as PostmortemError {
            #expect(error == .editConflict(id))
        }
        #expect(try await store.postmortem(of: id)?.sections.cause == "陈杰写的原因")
        // Opened again, the edit goes through.
        let reopened = try #require(try await reports.document(id)?.markdown)
        let again = reopened.replacingOccurrences(of: "陈杰写的原因", with: "李娜写的原因")
        #expect(try await reports.edit(id, markdown: again, base: reopened, actor: "unix:lina").sections.cause == "李娜写的原因")
    }

    @Test("four eyes: an emergency-group member does not approve a report they own while another member could")
    func fourEyes() async throws {
        let twoReviewers = {
            var policy = policy
            policy.reviewers = ["chen.jie", "li.na"]
            return policy
        }()
        let notifications = notifications
        let reports = PostmortemService(
            sources: .init(incidents: store, reports: store, deliveries: nil, visits: nil), clock: clock,
            settings: FixedSettings(.init(notifications: notifications, postmortems: twoReviewers)), sha256: { _ in "x" }, changed: { _ in })
        let id = try await resolvedIncident()  // owned by li.na
        _ = try await reports.edit(id, sections: written, actor: "unix:lina")
        _ = try await reports.submit(id, actor: "unix:lina")
        await #expect(throws: PostmortemError.forbidden("another member of the emergency group must review a report you wrote (li.na)")) {
            try await reports.review(id, approve: true, comment: "", actor: "unix:lina")
        }
        #expect(try await reports.review(id, approve: true, comment: "", actor: "unix:chen").state == .approved)
    }

    @Test("an unsubmitted draft is reminded after 2 working days, up to the limit, and not once submitted")
    func reminders() async throws {
        let id = try await resolvedIncident()
        let policy = policy
        let notifications = notifications
        let engine = TimerEngine(store: store, clock: clock, settings: FixedSettings(.init(notifications: notifications, postmortems: policy)))
        clock.advance(by: .seconds(2 * 24 * 3600 + 8 * 3600))  // Wednesday 18:05: the end of the second working day after
        try await engine.runCycle()
        #expect(messages(purpose: "reminder: fault report not submitted").map(\.target) == ["li.na"])
        #expect(try await store.postmortem(of: id)?.remindersSent == 1)
        clock.advance(by: .seconds(2 * 24 * 3600))
        try await engine.runCycle()
        clock.advance(by: .seconds(7 * 24 * 3600))
        try await engine.runCycle()
        #expect(messages(purpose: "reminder: fault report not submitted").count == 2, "the limit is 2")
        #expect(try await store.nextTimerDue() == nil)
    }
}
