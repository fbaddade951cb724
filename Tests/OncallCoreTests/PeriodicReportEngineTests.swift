import Foundation
import OncallCore
import OncallTesting
import Synchronization
import Testing

/// The documents an engine reported written.
final class Written: Sendable {
    let list = Mutex<[PeriodicDocument]>([])
}

/// The regular documents on a manual clock: scheduled, written once when due, mailed in the same commit.
@Suite("regular documents engine")
struct PeriodicReportEngineTests {
    let store = InMemoryIncidentStore()
    let clock = ManualClock(now: at("2026-11-26 15:00"))  // a Thursday
    let settings = PeriodicReportEngine.Settings(kinds: [.weekly, .monthly], at: TimeOfDay(hour: 8, minute: 0)!, calendar: .standard)

    func engine(written: Written) -> PeriodicReportEngine {
        let settings = settings
        return PeriodicReportEngine(
            sources: .init(periodic: store, incidents: store, reports: store, visits: store, requests: store), clock: clock, settings: { settings },
            mail: { document in
                [OutboxMessage(id: "mail-\(document.period)", incident: nil, channel: "email", target: "wang@example.com",
                               recipients: ["wang.min"], subject: document.period, body: document.markdown, purpose: "report", createdAt: document.generatedAt)]
            },
            onDocument: { document in written.list.withLock { $0.append(document) } })
    }

    @Test("the weekly report is due next Monday 08:00, covers the week before, and is written and mailed once")
    func weekly() async throws {
        let service = IncidentService(store: store, clock: clock, settings: FixedSettings(.init()), timersChanged: {})
        _ = try await service.report(.fixture(subject: "用户登录超时"), actor: "unix:helpdesk")
        let written = Written()
        let engine = engine(written: written)

        let next = try await engine.runCycle()
        #expect(next == at("2026-11-30 08:00"), "the next Monday, before the weekly meeting")
        #expect(written.list.withLock { $0.isEmpty })
        let schedule = try await store.periodicSchedule()
        #expect(schedule[.monthly] == at("2026-12-01 08:00"), "the first working day of December")

        clock.advance(by: .seconds(4 * 24 * 3600))  // Monday 15:00
        try await engine.runCycle()
        let documents = written.list.withLock { $0 }
        #expect(documents.map(\.kind) == [.weekly])
        let weekly = try #require(documents.first)
        #expect(weekly.period == "2026-W48")
        #expect(weekly.from == at("2026-11-23 00:00") && weekly.until == at("2026-11-30 00:00"))
        #expect(weekly.markdown.contains("用户登录超时"))
        #expect(store.outbox.map(\.id) == ["mail-2026-W48"])
        #expect(store.outbox.first?.incident == nil)
        #expect(try await store.periodicSchedule()[.weekly] == at("2026-12-07 08:00"))

        try await engine.runCycle()
        #expect(written.list.withLock { $0.count } == 1, "a document is written once")
    }

    @Test("a document missed while the daemon was down is written at the next start")
    func catchUp() async throws {
        let written = Written()
        _ = try await engine(written: written).runCycle()
        clock.advance(by: .seconds(9 * 24 * 3600))  // Saturday 2026-12-05: Monday and December 1st passed while down
        try await engine(written: written).runCycle()
        #expect(Set(written.list.withLock { $0.map(\.period) }) == ["2026-W48", "2026-11"])
        let schedule = try await store.periodicSchedule()
        #expect(schedule[.weekly] == at("2026-12-07 08:00"))
        #expect(schedule[.monthly] == at("2027-01-01 08:00"), "a Friday, and the standard calendar has no holidays")
    }

    @Test("the monthly document lists the month's missed request promises from the request store; the weekly report does not")
    func monthlyRequests() async throws {
        let requests = ServiceRequestService(store: store, clock: clock, settings: { .init(policy: RequestPolicy(escalateTo: [], defaultOwner: nil)) })
        let bug = try await requests.submit(
            ServiceRequest.Form(kind: .bugReport, subject: "拣货单打印乱码", organisation: "仓储中心", requester: "李雷"), actor: "mail:li@wh.example.com")
        let due = try #require(bug.deadlines.first?.dueAt)
        let written = Written()
        _ = try await engine(written: written).runCycle()
        clock.advance(by: .seconds(5 * 24 * 3600))  // Tuesday 2026-12-01 15:00: the weekly and the monthly are due
        try await engine(written: written).runCycle()
        let documents = written.list.withLock { $0 }
        let monthly = try #require(documents.first { $0.kind == .monthly })
        #expect(due < at("2026-12-01 00:00"), "the decision fell due in November")
        #expect(monthly.markdown.contains("## 服务请求 Service requests"))
        #expect(monthly.markdown.contains("| bug_report | 0 | 1 | 0 | 0% |"), "\(monthly.markdown)")
        #expect(monthly.markdown.contains("| REQ-000001 | bug_report | decision |"), "\(monthly.markdown)")
        let weekly = try #require(documents.first { $0.kind == .weekly })
        #expect(!weekly.markdown.contains("服务请求"))
    }
}
