import Foundation
import OncallCore
import OncallStore
import OncallTesting
import Testing

/// Heartbeat states on both backends, across a reopen: a due time and an outage's incident are durable.
@Suite("Heartbeat store (SQLite and PostgreSQL)")
final class HeartbeatStoreTests: Sendable {
    let directory: TemporaryDirectory
    let backup = Heartbeat(name: "nightly-backup", interval: .seconds(3600), grace: .seconds(300))

    init() throws { directory = try TemporaryDirectory() }

    @Test("arming, a beat and a recorded outage round-trip and survive a reopen; nil from the decision writes nothing",
          arguments: StoreBackend.allCases)
    func roundTrip(_ backend: StoreBackend) async throws {
        let path = directory.file("heartbeat-\(backend).sqlite")
        let store = try await backend.open(path)
        let heartbeats = store.repositories.heartbeats
        let backup = backup
        #expect(try await heartbeats.heartbeatStates().isEmpty)

        let nothing = try await heartbeats.updateHeartbeat("nightly-backup") { _ in nil }
        #expect(nothing.before == nil && nothing.after == nil)
        #expect(try await heartbeats.heartbeatStates().isEmpty)

        let armed = try await heartbeats.updateHeartbeat("nightly-backup") { $0 ?? HeartbeatLifecycle.arm(backup, now: t0) }
        #expect(armed.before == nil)
        #expect(armed.after == HeartbeatLifecycle.arm(backup, now: t0))

        let beatAt = t0.adding(.seconds(42.5))
        let beaten = try await heartbeats.updateHeartbeat("nightly-backup") { current in
            current.map { HeartbeatLifecycle.beat($0, of: backup, by: "token:cron", now: beatAt) }
        }
        #expect(beaten.before == armed.after)
        #expect(beaten.after?.lastBeatAt == beatAt)
        #expect(beaten.after?.beats == 1)

        // An outage's incident, recorded only while the state is still that miss.
        let incident = try await store.incidents.create(idempotencyKey: HeartbeatLifecycle.reportKey("nightly-backup", dueAt: beatAt)) { id in
            try IncidentLifecycle.open(.fixture(), id: id, actor: "heartbeat:nightly-backup", policy: IncidentPolicy(), now: t0)
        }.incident
        let due = try #require(beaten.after?.dueAt)
        let recorded = try await heartbeats.updateHeartbeat("nightly-backup") { current in
            guard var current, HeartbeatLifecycle.sameInstant(current.dueAt, due) else { return nil }
            current.incident = incident.id
            return current
        }
        #expect(recorded.after?.incident == incident.id)

        let reopened = try await backend.open(path)
        let states = try await reopened.repositories.heartbeats.heartbeatStates()
        #expect(states == [recorded.after].compactMap { $0 })
        #expect(states.first?.lastBeatBy == "token:cron")
        #expect(states.first?.dueAt == beatAt.adding(.seconds(3900)))
        #expect(try await reopened.inbound.incident(idempotencyKey: HeartbeatLifecycle.reportKey("nightly-backup", dueAt: beatAt))?.id == incident.id)
    }

    @Test("many beats at once each count, none is lost", arguments: StoreBackend.allCases)
    func concurrentBeats(_ backend: StoreBackend) async throws {
        let store = try await backend.open(directory.file("concurrent-\(backend).sqlite"))
        let heartbeats = store.repositories.heartbeats
        let backup = backup
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    _ = try await heartbeats.updateHeartbeat("nightly-backup") { current in
                        HeartbeatLifecycle.beat(current ?? HeartbeatLifecycle.arm(backup, now: t0), of: backup, by: "unix:\(index)", now: t0)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await heartbeats.heartbeatStates().map(\.beats) == [20])
    }
}
