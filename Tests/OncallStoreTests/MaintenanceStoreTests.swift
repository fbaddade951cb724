import Foundation
import OncallCore
import OncallStore
import OncallTesting
import Testing

/// Maintenance windows and the hold they put on incidents, on both backends, across a reopen.
@Suite("Maintenance store (SQLite and PostgreSQL)")
final class MaintenanceStoreTests: Sendable {
    let directory: TemporaryDirectory
    let policy = IncidentPolicy()

    init() throws { directory = try TemporaryDirectory() }

    func add(_ store: TestStore, hours: Int, services: [String] = ["WMS"], start: Date = t0) async throws -> MaintenanceWindow {
        try await store.repositories.maintenance.addWindow { id in
            try MaintenanceLifecycle.plan(
                MaintenanceRequest(startsAt: start, duration: .seconds(hours * 3600), services: services,
                                   matchers: ["alertname": "DiskFull"], reason: "升级 WMS"),
                id: id, actor: "unix:alice", now: t0)
        }
    }

    /// A new incident held by `window`, as the service opens one.
    func heldReport(_ store: TestStore, in window: MaintenanceWindow) async throws -> Incident {
        let policy = policy
        return try await store.incidents.create(idempotencyKey: nil) { id in
            var change = try IncidentLifecycle.open(.fixture(), id: id, actor: "unix:helpdesk", policy: policy, now: t0)
            MaintenanceLifecycle.hold(&change, in: window, now: t0)
            return change
        }.incident
    }

    @Test("windows round-trip with their services and matchers; over ones drop out of the current list", arguments: StoreBackend.allCases)
    func roundTrip(_ backend: StoreBackend) async throws {
        let store = try await backend.open(directory.file("windows.sqlite"))
        let first = try await add(store, hours: 2)
        let second = try await add(store, hours: 1, services: ["ERP", "OA"], start: t0.adding(.minutes(30)))
        #expect(first.id == 1)
        #expect(second.id == 2)
        let maintenance = store.repositories.maintenance
        #expect(try await maintenance.windows(at: t0, includingPast: false) == [first, second])
        #expect(try await maintenance.windows(at: t0.adding(.minutes(90)), includingPast: false) == [first])
        #expect(try await maintenance.windows(at: t0.adding(.minutes(120)), includingPast: false).isEmpty)
        #expect(try await maintenance.windows(at: t0.adding(.minutes(120)), includingPast: true).map(\.id) == [2, 1])
        #expect(try await maintenance.endWindow(99, at: t0, by: "unix:alice") == nil)
    }

    @Test("a held incident keeps its hold and release timer across a reopen; ending the window brings the timer forward and releases it",
          arguments: StoreBackend.allCases)
    func holdAndEnd(_ backend: StoreBackend) async throws {
        let path = directory.file("hold-\(backend).sqlite")
        let store = try await backend.open(path)
        let window = try await add(store, hours: 2)
        let held = try await heldReport(store, in: window)
        #expect(held.maintenance == MaintenanceHold(window: window.id, until: t0.adding(.seconds(7200))))

        let reopened = try await backend.open(path)
        #expect(try await reopened.incidents.incident(held.id) == held)
        #expect(try await reopened.incidents.timeline(of: held.id).map(\.kind) == [.reported, .maintenanceHeld])
        #expect(try await reopened.timers.nextTimerDue() == t0.adding(.seconds(7200)))

        let endAt = t0.adding(.minutes(20))
        let ended = try #require(try await reopened.repositories.maintenance.endWindow(window.id, at: endAt, by: "unix:alice"))
        #expect(ended.endedAt == endAt)
        #expect(ended.endedBy == "unix:alice")
        #expect(try await reopened.timers.nextTimerDue() == endAt)
        // Ending it again changes nothing.
        #expect(try await reopened.repositories.maintenance.endWindow(window.id, at: endAt.adding(.minutes(1)), by: "unix:bob") == ended)

        let registry = ServiceSettings().timerRegistry(now: endAt)
        let cycle = try await reopened.timers.fireDueTimers(now: endAt, limit: 10, registry: registry)
        #expect(cycle.fired.map(\.kind) == [.maintenanceRelease])
        let released = try #require(try await reopened.incidents.incident(held.id))
        #expect(released.maintenance == nil)
        #expect(try await reopened.incidents.timeline(of: held.id).map(\.kind) == [.reported, .maintenanceHeld, .maintenanceReleased])
        // Its escalation starts at the release.
        #expect(try await reopened.timers.nextTimerDue() == endAt.adding(.minutes(10)))
    }
}
