import Foundation
import OncallCore
import OncallTesting
import Testing

/// Dispatch through the service and the timer engine, driven by a test clock.
@Suite("Dispatch lifecycle")
struct DispatchLifecycleTests {
    let clock = ManualClock(now: t0)
    let store = InMemoryIncidentStore()
    let setup = DispatchSetup(
        branches: [
            BranchOffice(id: "bj-hq", name: "北京总部", regions: [RegionCode("11")!], isHeadquarters: true),
            BranchOffice(id: "sh", name: "上海分公司", regions: [RegionCode("31")!]),
        ],
        engineers: [
            FieldEngineer(person: "zhao.lei", branch: "sh"), FieldEngineer(person: "qian.hao", branch: "sh"),
            FieldEngineer(person: "zhou.qiang", branch: "bj-hq"),
        ],
        sites: [CustomerSite(id: "SH-WH-01", name: "上海仓储中心", region: RegionCode("310115")!)],
        policy: DispatchPolicy(), regionNames: RegionNames(), calendar: .standard)

    var notifications: NotificationPolicy {
        NotificationPolicy(
            rules: NotificationRules(projectManagers: ["zhang.wei"], emergencyGroup: ["chen.jie"], engineersOnCall: { _ in ["li.na"] }),
            composer: RecordingComposer())
    }
    var service: IncidentService {
        let (setup, notifications) = (setup, notifications)
        return IncidentService(
            store: store, visits: store, clock: clock, settings: FixedSettings(.init(notifications: notifications, dispatch: setup)),
            timersChanged: {})
    }
    var engine: TimerEngine {
        let (setup, notifications) = (setup, notifications)
        return TimerEngine(store: store, clock: clock, settings: FixedSettings(.init(notifications: notifications, dispatch: setup)))
    }

    func timeline(_ id: IncidentNumber) async throws -> [String] {
        try await store.timeline(of: id).map { event in
            event.kind == .dispatch ? "dispatch:\(event.details["step"] ?? "")" : event.kind == .slaBreach ? "breach:\(event.details["deadline"] ?? "")" : event.kind.rawValue
        }
    }

    @Test("a covered site gets the branch's engineer with a 1-hour arrival; the engineer is told")
    func covered() async throws {
        let (incident, _) = try await service.report(.fixture(), actor: "unix:helpdesk")
        let result = try await service.dispatch(.site("SH-WH-01"), skill: nil, on: incident.id, actor: "unix:pm")
        #expect(result.decision.branch == "sh")
        #expect(result.visits.last?.arriveBy == t0.adding(.seconds(3600)))
        #expect(store.outbox.contains { $0.target == result.decision.engineer && $0.purpose == "you are dispatched on site" })
    }

    @Test("an uncovered region falls back to headquarters with 48 hours")
    func uncovered() async throws {
        let (incident, _) = try await service.report(.fixture(), actor: "unix:helpdesk")
        let result = try await service.dispatch(.region("65"), skill: nil, on: incident.id, actor: "unix:pm")
        #expect(result.decision.engineer == "zhou.qiang")
        #expect(result.visits.last?.arriveBy == t0.adding(.seconds(48 * 3600)))
    }

    @Test("not accepted in time: the PM is told, then the emergency group; accepted in time: nobody")
    func acceptDeadline() async throws {
        let (incident, _) = try await service.report(.fixture(scope: .few), actor: "unix:helpdesk")
        _ = try await service.dispatch(.site("SH-WH-01"), skill: nil, on: incident.id, actor: "unix:pm")
        clock.advance(by: .minutes(10))
        try await engine.runCycle()
        #expect(try await timeline(incident.id).suffix(2) == ["escalated", "breach:accept"])
        #expect(store.outbox.last?.target == "zhang.wei")
        clock.advance(by: .minutes(10))
        try await engine.runCycle()
        #expect(store.outbox.last?.target == "chen.jie")
        #expect(store.outbox.last?.purpose == "field visit accept deadline missed")

        let (second, _) = try await service.report(.fixture(), actor: "unix:helpdesk")
        _ = try await service.dispatch(.site("SH-WH-01"), skill: nil, on: second.id, actor: "unix:pm")
        _ = try await service.visitStep(.accept, on: second.id, actor: "unix:qian.hao")
        clock.advance(by: .minutes(30))
        try await engine.runCycle()
        #expect(try await !timeline(second.id).contains { $0.hasPrefix("breach") })
    }

    @Test("a decline re-dispatches to the branch's other engineer at once")
    func declineRedispatches() async throws {
        let (incident, _) = try await service.report(.fixture(), actor: "unix:helpdesk")
        let first = try await service.dispatch(.site("SH-WH-01"), skill: nil, on: incident.id, actor: "unix:pm")
        let (_, visits) = try await service.visitStep(.decline(reason: "sick"), on: incident.id, actor: "unix:\(first.decision.engineer!)")
        #expect(visits.map(\.state) == [.declined, .dispatched])
        #expect(visits.last?.engineer != first.decision.engineer)
        #expect(visits.last?.requestedAt == visits.first?.requestedAt, "a decline never buys time")
        #expect(try await timeline(incident.id).suffix(2) == ["dispatch:declined", "dispatch:dispatched"])
    }

    @Test("steps out of order are refused; a second dispatch while one is open is refused")
    func illegal() async throws {
        let (incident, _) = try await service.report(.fixture(), actor: "unix:helpdesk")
        _ = try await service.dispatch(.site("SH-WH-01"), skill: nil, on: incident.id, actor: "unix:pm")
        await #expect(throws: DispatchError.self) { _ = try await service.visitStep(.complete(summary: nil), on: incident.id, actor: "x") }
        await #expect(throws: DispatchError.self) { _ = try await service.dispatch(.site("SH-WH-01"), skill: nil, on: incident.id, actor: "x") }
    }
}
