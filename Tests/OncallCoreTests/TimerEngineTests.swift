import Foundation
import OncallCore
import OncallTesting
import Testing

/// The 10-minute escalation driven by a test clock: no sleeping, milliseconds per test.
@Suite("Timer engine")
struct TimerEngineTests {
    let clock = ManualClock(now: t0)
    let store = InMemoryIncidentStore()

    var service: IncidentService {
        IncidentService(store: store, clock: clock, settings: FixedSettings(.init()), timersChanged: {})
    }

    var engine: TimerEngine {
        TimerEngine(store: store, clock: clock, settings: FixedSettings(.init()))
    }

    func events(_ id: IncidentNumber) async throws -> [TimelineEvent.Kind] {
        try await store.timeline(of: id).map(\.kind)
    }

    @Test("unresolved after 10 minutes → emergency group, exactly once")
    func escalatesAtTenMinutes() async throws {
        let (incident, _) = try await service.report(.fixture(), actor: "unix:helpdesk")
        clock.advance(by: .minutes(10) - .seconds(1))
        let next = try await engine.runCycle()
        #expect(next == t0.adding(.minutes(10)))
        #expect(try await store.incident(incident.id)?.state == .reported)

        clock.advance(by: .seconds(1))
        #expect(try await engine.runCycle() == nil)
        #expect(try await store.incident(incident.id)?.state == .escalated)

        clock.advance(by: .minutes(30))
        try await engine.runCycle()
        #expect(try await events(incident.id) == [.reported, .escalated])
    }

    @Test("acknowledged but unresolved still escalates")
    func acknowledgementDoesNotStopTimer() async throws {
        let (incident, _) = try await service.report(.fixture(), actor: "unix:helpdesk")
        clock.advance(by: .minutes(2))
        _ = try await service.perform(.acknowledge, on: incident.id, actor: "unix:engineer")
        clock.advance(by: .minutes(8))
        try await engine.runCycle()
        #expect(try await events(incident.id) == [.reported, .acknowledged, .escalated])
    }

    @Test("resolved within 10 minutes never escalates")
    func resolutionStopsTimer() async throws {
        let (incident, _) = try await service.report(.fixture(), actor: "unix:helpdesk")
        clock.advance(by: .minutes(9))
        _ = try await service.perform(.resolve(summary: "restarted the pool"), on: incident.id, actor: "unix:engineer")
        clock.advance(by: .minutes(5))
        #expect(try await engine.runCycle() == nil)
        #expect(try await events(incident.id) == [.reported, .resolved])
    }

    @Test("an ongoing level-3 outage becomes level 2 at 20 minutes and level 1 at 60")
    func relevelsOverTime() async throws {
        let (incident, _) = try await service.report(.fixture(outageStarted: t0), actor: "unix:helpdesk")
        _ = try await service.perform(.escalate(reason: "vendor"), on: incident.id, actor: "unix:pm")
        clock.advance(by: .minutes(20))
        try await engine.runCycle()
        #expect(try await store.incident(incident.id)?.level == .level2)
        clock.advance(by: .minutes(40))
        try await engine.runCycle()
        #expect(try await store.incident(incident.id)?.level == .level1)
        #expect(try await events(incident.id) == [.reported, .escalated, .relevelled, .relevelled])
    }

    @Test("run() sleeps on the clock until the next timer and wakes for a nearer one")
    func runLoopWakes() async throws {
        let wakeup = Wakeup()
        let engine = TimerEngine(store: store, clock: clock, settings: FixedSettings(.init()), wakeup: wakeup)
        let loop = Task { await engine.run() }
        defer { loop.cancel() }
        try await waitUntil { clock.sleeperCount == 1 }

        let (incident, _) = try await service.report(.fixture(), actor: "unix:helpdesk")
        wakeup.signal()
        clock.advance(by: .minutes(10))
        try await waitUntil { try await store.incident(incident.id)?.state == .escalated }
    }

    /// Polls a condition the loop task makes true; bounded so a failure cannot hang the suite.
    func waitUntil(_ condition: () async throws -> Bool) async throws {
        for _ in 0..<2000 {
            if try await condition() { return }
            await Task.yield()
            try await Task.sleep(for: .milliseconds(1))
        }
        Issue.record("condition not met")
    }
}
