import Foundation
import OncallCore
import OncallTesting
import Testing

/// Who is contacted when, driven by a test clock: at 0 s, at reminder times, at 10 minutes,
/// and nobody after resolution.
@Suite("Escalation chain")
struct EscalationChainTests {
    let clock = ManualClock(now: t0)
    let store = InMemoryIncidentStore()
    let rules = NotificationRules(
        projectManagers: ["zhang.wei"], emergencyGroup: ["chen.jie", "liu.yang"],
        engineersOnCall: { _ in ["li.na"] },
        chains: [
            .level3: EscalationChain(reminderEvery: .seconds(300), reminderTimes: 2),
            .level1: EscalationChain(atReport: [.oncallEngineers, .projectManagers, .emergencyGroup], reminderEvery: nil, reminderTimes: 0),
        ])

    var notifications: NotificationPolicy { NotificationPolicy(rules: rules, composer: RecordingComposer()) }
    var service: IncidentService {
        let notifications = notifications
        return IncidentService(store: store, clock: clock, settings: FixedSettings(.init(notifications: notifications)), timersChanged: {})
    }
    var engine: TimerEngine {
        let notifications = notifications
        return TimerEngine(store: store, clock: clock, settings: FixedSettings(.init(notifications: notifications)))
    }

    /// (seconds since t0, person, purpose) for every message so far.
    func sent() -> [(Int, String, String)] {
        store.outbox.map { (Int($0.createdAt.timeIntervalSince(t0)), $0.target, $0.purpose) }
    }

    func advance(to seconds: Int) async throws {
        clock.advance(by: .seconds(Int64(seconds)) - .interval(clock.now.timeIntervalSince(t0)))
        try await engine.runCycle()
    }

    @Test("report → engineer and PM; reminders at 5 and 10 minutes; emergency group at 10; nothing after resolution")
    func unacknowledgedLevel3() async throws {
        let (incident, _) = try await service.report(.fixture(), actor: "unix:helpdesk")
        #expect(sent().map(\.1) == ["li.na", "zhang.wei"])
        #expect(sent().allSatisfy { $0.0 == 0 && $0.2 == "new fault" })

        try await advance(to: 299)
        #expect(sent().count == 2)
        try await advance(to: 300)
        #expect(sent().suffix(2).map { "\($0.0) \($0.1) \($0.2)" } == [
            "300 li.na reminder 1/2: not yet acknowledged", "300 zhang.wei reminder 1/2: not yet acknowledged",
        ])
        try await advance(to: 600)
        let atTen = sent().filter { $0.0 == 600 }.map { "\($0.1) \($0.2)" }
        #expect(Set(atTen) == [
            "li.na reminder 2/2: not yet acknowledged", "zhang.wei reminder 2/2: not yet acknowledged",
            "chen.jie escalated to the emergency group", "liu.yang escalated to the emergency group",
        ])

        clock.advance(by: .seconds(60))
        _ = try await service.perform(.resolve(summary: "fixed"), on: incident.id, actor: "unix:li.na")
        let resolved = sent().filter { $0.2 == "resolved" }.map(\.1)
        #expect(Set(resolved) == ["li.na", "zhang.wei", "chen.jie", "liu.yang"])
        let count = sent().count
        try await advance(to: 3600)
        #expect(sent().count == count, "nobody is contacted after resolution")
    }

    @Test("acknowledging stops the reminders but not the escalation")
    func acknowledgedStopsReminders() async throws {
        let (incident, _) = try await service.report(.fixture(), actor: "unix:helpdesk")
        clock.advance(by: .seconds(60))
        _ = try await service.perform(.acknowledge, on: incident.id, actor: "unix:li.na")
        try await advance(to: 600)
        #expect(!sent().contains { $0.2.hasPrefix("reminder") })
        #expect(sent().filter { $0.0 == 600 }.map(\.2) == ["escalated to the emergency group", "escalated to the emergency group"])
    }

    @Test("level 1 reaches the emergency group at report")
    func levelOne() async throws {
        _ = try await service.report(.fixture(scope: .all), actor: "unix:helpdesk")
        #expect(sent().map(\.1) == ["li.na", "zhang.wei", "chen.jie", "liu.yang"])
    }

    @Test("re-levelling tells the new level's people again")
    func relevelNotifies() async throws {
        _ = try await service.report(.fixture(outageStarted: t0), actor: "unix:helpdesk")
        let before = sent().count
        try await advance(to: 1200)
        #expect(sent().dropFirst(before).contains { $0.2 == "level raised from L3 to L2" })
    }
}
