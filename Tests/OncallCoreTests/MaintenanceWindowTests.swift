import Foundation
import OncallCore
import OncallTesting
import Testing

/// Maintenance windows, decided purely and driven through the service and the timer engine with a
/// test clock: an incident arriving in a window is held, and paged as if new when the window ends.
@Suite("Maintenance windows")
struct MaintenanceWindowTests {
    let clock = ManualClock(now: t0)
    let store = InMemoryIncidentStore()

    var settings: FixedSettings {
        FixedSettings(ServiceSettings(notifications: NotificationPolicy(
            rules: NotificationRules(projectManagers: ["zhang.wei"], emergencyGroup: ["chen.jie"], engineersOnCall: { _ in ["li.na"] }),
            composer: RecordingComposer())))
    }

    var service: IncidentService {
        IncidentService(store: store, maintenance: store, clock: clock, settings: settings, timersChanged: {})
    }

    var maintenance: MaintenanceService { MaintenanceService(store: store, clock: clock, timersChanged: {}) }
    var engine: TimerEngine { TimerEngine(store: store, clock: clock, settings: settings) }

    func window(services: [String] = ["WMS"], matchers: [String: String] = [:], from start: Date = t0, hours: Int64 = 2) -> MaintenanceWindow {
        MaintenanceWindow(
            id: 1, startsAt: start, endsAt: start.adding(.seconds(hours * 3600)), services: services, matchers: matchers,
            reason: "upgrade", createdBy: "unix:alice", createdAt: start)
    }

    func purposes(_ id: IncidentNumber) -> [String] {
        store.outbox.filter { $0.incident == id }.map(\.purpose)
    }

    // MARK: - Planning

    @Test("a request is refused with the field that is wrong", arguments: [
        (MaintenanceRequest(duration: .seconds(3600), reason: "x"), "services"),
        (MaintenanceRequest(services: ["WMS"], reason: "x"), "ends_at"),
        (MaintenanceRequest(endsAt: t0.adding(.seconds(60)), duration: .seconds(60), services: ["WMS"], reason: "x"), "duration"),
        (MaintenanceRequest(endsAt: t0.adding(.seconds(-60)), services: ["WMS"], reason: "x"), "ends_at"),
        (MaintenanceRequest(startsAt: t0.adding(.seconds(-7200)), endsAt: t0.adding(.seconds(-60)), services: ["WMS"], reason: "x"), "ends_at"),
        (MaintenanceRequest(duration: .seconds(3600), services: ["WMS"], reason: "  "), "reason"),
        (MaintenanceRequest(duration: .seconds(3600), services: [""], reason: "x"), "services"),
        (MaintenanceRequest(duration: .seconds(3600), matchers: ["alertname": ""], reason: "x"), "matchers"),
        (MaintenanceRequest(duration: .seconds(40 * 24 * 3600), services: ["WMS"], reason: "x"), "ends_at"),
    ])
    func refusals(_ request: MaintenanceRequest, field: String) {
        #expect {
            _ = try MaintenanceLifecycle.plan(request, id: 1, actor: "unix:alice", now: t0)
        } throws: { error in
            guard case let .invalidField(name, _) = error as? LifecycleError else { return false }
            return name == field
        }
    }

    @Test("an ad hoc window starts now and lasts its duration")
    func adHoc() throws {
        let window = try MaintenanceLifecycle.plan(
            MaintenanceRequest(duration: .seconds(7200), services: ["WMS"], reason: "mute WMS"), id: 4, actor: "unix:alice", now: t0)
        #expect(window.startsAt == t0)
        #expect(window.endsAt == t0.adding(.seconds(7200)))
        #expect(window.label == "MW-4")
    }

    @Test("a window covers its services (any case) or alerts whose labels match every matcher")
    func covering() {
        #expect(window().covers(service: "wms", labels: [:]))
        #expect(!window().covers(service: "ERP", labels: [:]))
        #expect(!window().covers(service: nil, labels: [:]))
        let byLabels = window(services: [], matchers: ["alertname": "DiskFull", "env": "prod"])
        #expect(byLabels.covers(service: nil, labels: ["alertname": "DiskFull", "env": "prod", "instance": "a"]))
        #expect(!byLabels.covers(service: nil, labels: ["alertname": "DiskFull"]))
        #expect(window(services: [], matchers: ["service": "WMS"]).covers(service: "WMS", labels: [:]))
    }

    @Test("active from its start to its end, exclusive; ending it early ends it then")
    func activeSpan() {
        var window = window()
        #expect(!window.isActive(at: t0.adding(.seconds(-1))))
        #expect(window.isActive(at: t0))
        #expect(!window.isActive(at: t0.adding(.seconds(7200))))
        window.endedAt = t0.adding(.seconds(60))
        #expect(!window.isActive(at: t0.adding(.seconds(60))))
    }

    @Test("of overlapping windows the one ending last holds the incident")
    func latestEndHolds() {
        var longer = window(hours: 5)
        longer.id = 2
        #expect(MaintenanceLifecycle.holding(service: "WMS", labels: [:], among: [window(), longer], at: t0)?.id == 2)
        #expect(MaintenanceLifecycle.holding(service: "WMS", labels: [:], among: [window(from: t0.adding(.seconds(60)))], at: t0) == nil)
    }

    // MARK: - Holding and release, with a test clock

    @Test("an incident in a window is created and marked, nobody is paged, nor escalated, until the window ends")
    func heldThenPaged() async throws {
        _ = try await maintenance.add(MaintenanceRequest(duration: .seconds(7200), services: ["WMS"], reason: "upgrade"), actor: "unix:alice")
        var form = ReportForm.fixture()
        form.service = "WMS"
        let (held, _) = try await service.report(form, actor: "unix:helpdesk")
        let (other, _) = try await service.report(.fixture(), actor: "unix:helpdesk")
        #expect(held.maintenance == MaintenanceHold(window: 1, until: t0.adding(.seconds(7200))))
        #expect(try await store.timeline(of: held.id).map(\.kind) == [.reported, .maintenanceHeld])
        #expect(purposes(held.id).isEmpty)
        #expect(purposes(other.id).contains("new fault"))

        // Past the 10 minutes an unheld incident escalates; the held one waits.
        clock.advance(by: .minutes(30))
        try await engine.runCycle()
        #expect(try await store.incident(held.id)?.state == .reported)
        #expect(try await store.incident(other.id)?.state == .escalated)
        #expect(purposes(held.id).isEmpty)

        clock.advance(by: .minutes(90))
        let next = try await engine.runCycle()
        let released = try #require(try await store.incident(held.id))
        #expect(released.maintenance == nil)
        #expect(try await store.timeline(of: held.id).map(\.kind) == [.reported, .maintenanceHeld, .maintenanceReleased])
        #expect(purposes(held.id) == ["new fault", "new fault"])  // the engineer and the PM, as at a report
        // Its 10-minute escalation starts at the release.
        #expect(next == t0.adding(.seconds(7200)).adding(.minutes(5)))  // the first reminder comes first
        clock.advance(by: .minutes(10))
        try await engine.runCycle()
        #expect(try await store.incident(held.id)?.state == .escalated)
    }

    @Test("an incident resolved during the window is not paged when it ends")
    func resolvedStaysQuiet() async throws {
        _ = try await maintenance.add(MaintenanceRequest(duration: .seconds(3600), services: ["WMS"], reason: "upgrade"), actor: "unix:alice")
        var form = ReportForm.fixture()
        form.service = "WMS"
        let (held, _) = try await service.report(form, actor: "unix:helpdesk")
        clock.advance(by: .minutes(20))
        _ = try await service.perform(.resolve(summary: "restarted"), on: held.id, actor: "unix:engineer")
        clock.advance(by: .minutes(60))
        try await engine.runCycle()
        #expect(purposes(held.id).isEmpty)
        #expect(try await store.timeline(of: held.id).map(\.kind) == [.reported, .maintenanceHeld, .resolved])
    }

    @Test("ending a window early pages what it holds at once")
    func endedEarly() async throws {
        let window = try await maintenance.add(
            MaintenanceRequest(duration: .seconds(7200), services: ["WMS"], reason: "upgrade"), actor: "unix:alice")
        var form = ReportForm.fixture()
        form.service = "WMS"
        let (held, _) = try await service.report(form, actor: "unix:helpdesk")
        clock.advance(by: .minutes(15))
        let ended = try #require(try await maintenance.end(window.id, actor: "unix:alice"))
        #expect(ended.endedAt == t0.adding(.minutes(15)))
        try await engine.runCycle()
        #expect(purposes(held.id) == ["new fault", "new fault"])
        #expect(try await maintenance.windows(includingPast: false).isEmpty)
        // After the window, a new incident of the service is paged at once.
        let (after, _) = try await service.report(form, actor: "unix:helpdesk")
        #expect(after.maintenance == nil)
        #expect(!purposes(after.id).isEmpty)
    }

    @Test("an ongoing outage re-levelled while held is not paged and does not start its escalation")
    func relevelWhileHeld() throws {
        let policy = IncidentPolicy()
        var change = try IncidentLifecycle.open(
            .fixture(outageStarted: t0.adding(.minutes(-5))), id: IncidentNumber(1), actor: "unix:a", policy: policy, now: t0)
        MaintenanceLifecycle.hold(&change, in: window(services: ["X"]), now: t0)
        #expect(!change.timers.contains { if case .schedule(.emergencyEscalation, _) = $0 { true } else { false } })
        #expect(change.timers.contains(.schedule(.maintenanceRelease, dueAt: t0.adding(.seconds(7200)))))
        let timer = DueTimer(incident: IncidentNumber(1), kind: .relevelLevel2, dueAt: t0.adding(.minutes(15)))
        let relevelled = IncidentLifecycle.fire(timer, on: change.incident, policy: policy, now: t0.adding(.minutes(15)))
        #expect(relevelled.incident.level == .level2)
        #expect(relevelled.timers.isEmpty)
        let plan = NotificationPlanner.plan(
            relevelled, firedTimer: timer,
            rules: NotificationRules(projectManagers: ["pm"], emergencyGroup: ["eg"], engineersOnCall: { _ in ["e"] }), now: t0)
        #expect(plan.intents.isEmpty)
    }
}
