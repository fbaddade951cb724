import Foundation
import GRDB
import OncallCore
import OncallStore
import OncallTesting
import Testing

/// Real SQLite files in a temporary directory.
@Suite("Incident store (SQLite and PostgreSQL)")
final class SQLiteStoreTests: Sendable {
    let directory: String
    let path: String
    let policy = IncidentPolicy()

    init() throws {
        directory = NSTemporaryDirectory() + "oncall-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/oncalld.sqlite"
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func report(_ store: TestStore, _ form: ReportForm = .fixture(), key: String? = nil, now: Date = t0) async throws -> Incident {
        let policy = policy
        return try await store.incidents.create(idempotencyKey: key) { id in
            try IncidentLifecycle.open(form, id: id, actor: "unix:alice", policy: policy, now: now)
        }.incident
    }

    @Test("opens in WAL mode with synchronous FULL and every migration applied")
    func durabilitySettings() throws {
        let store = try SQLiteStore(path: path)
        #expect(try store.synchronousMode() == 2)
        #expect(try store.appliedMigrations() == ["v1-createIncident", "v1-createTimelineEvent", "v1-createTimer", "v2-createOutbox", "v3-createVisit", "v4-createInbound", "v5-createPostmortem", "v6-addAffectedCustomers", "v7-indexOutboxQueue", "v8-createMaintenanceWindow", "v9-createServiceRequest", "v10-createHeartbeat", "v11-createCalendarFeed", "v12-createRequestInbound", "v13-createArchiveBigrams"])
        let mode = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test("a report round-trips every field, with monotonic numbers", arguments: StoreBackend.allCases)
    func roundTrip(_ backend: StoreBackend) async throws {
        let store = try await backend.open(path)
        var form = ReportForm.fixture(scope: .part, outageStarted: t0.adding(.minutes(-5)))
        form.reporterContact = "+86 138 0000 0001"
        form.situation = "仓库扫码枪全部离线"
        form.requiredBy = "今天 18:00 前"
        form.other = "无"
        form.service = "WMS"
        form.site = "SH-WH-01"
        form.affectedCustomers = 120
        let first = try await report(store, form)
        let second = try await report(store)
        #expect(first.id == IncidentNumber(1))
        #expect(second.id == IncidentNumber(2))
        #expect(try await store.incidents.incident(first.id) == first)
        #expect(try await store.incidents.timeline(of: first.id).map(\.kind) == [.reported])
        #expect(try await store.timers.nextTimerDue() == t0.adding(.minutes(10)))
    }

    @Test("a refused command writes nothing", arguments: StoreBackend.allCases)
    func refusedCommandWritesNothing(_ backend: StoreBackend) async throws {
        let store = try await backend.open(path)
        let incident = try await report(store)
        let policy = policy
        await #expect(throws: LifecycleError.self) {
            try await store.incidents.update(incident.id) { current in
                try IncidentLifecycle.apply(.close, to: current, actor: "b", policy: policy, now: t0)
            }
        }
        #expect(try await store.incidents.incident(incident.id) == incident)
        #expect(try await store.incidents.timeline(of: incident.id).count == 1)
        await #expect(throws: StoreError.notFound(IncidentNumber(99))) {
            try await store.incidents.update(IncidentNumber(99)) { IncidentChange(incident: $0) }
        }
    }

    @Test("the timeline is append-only in the database itself")
    func appendOnlyTimeline() async throws {
        let store = TestStore(try SQLiteStore(path: path).repositories)
        _ = try await report(store)
        let queue = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try queue.write { db in try db.execute(sql: "UPDATE timelineEvent SET actor = 'x'") } }
        #expect(throws: DatabaseError.self) { try queue.write { db in try db.execute(sql: "DELETE FROM timelineEvent") } }
    }

    @Test("concurrent reports share commits and all get distinct numbers", arguments: StoreBackend.allCases)
    func groupCommit(_ backend: StoreBackend) async throws {
        let store = try await backend.open(path)
        let count = 200
        let ids = try await withThrowingTaskGroup(of: IncidentNumber.self) { group in
            for index in 0..<count {
                group.addTask { try await self.report(store, .fixture(subject: "fault \(index)")).id }
            }
            return try await group.reduce(into: [IncidentNumber]()) { $0.append($1) }
        }
        #expect(Set(ids).count == count)
        #expect(Set(ids.map(\.value)) == Set(1...Int64(count)))
        let statistics = try await store.statistics()
        #expect(statistics.committedWrites == count)
        if backend == .sqlite { #expect(statistics.commitBatches < count, "group commit should batch concurrent writes") }
        #expect(statistics.incidents[.level3]?[.reported] == count)
    }

    @Test("one failing write in a batch does not take the others down", arguments: StoreBackend.allCases)
    func failingWriteIsolated(_ backend: StoreBackend) async throws {
        let store = try await backend.open(path)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<50 {
                let form = index.isMultiple(of: 5) ? ReportForm.fixture(subject: "") : .fixture(subject: "ok \(index)")
                group.addTask { (try? await self.report(store, form)) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 40)
        let stored = try await store.incidents.incidents(IncidentQuery(limit: 1000))
        #expect(stored.count == 40)
        // Numbers stay distinct; a refused report's number goes to a later one (SQLite) or is skipped (a sequence).
        #expect(Set(stored.map(\.id.value)).count == 40)
        #expect(stored.allSatisfy { $0.id.value <= 50 })
    }

    @Test("an idempotency key returns the first incident and writes nothing", arguments: StoreBackend.allCases)
    func idempotency(_ backend: StoreBackend) async throws {
        let store = try await backend.open(path)
        let first = try await report(store, key: "abc")
        let policy = policy
        let again = try await store.incidents.create(idempotencyKey: "abc") { id in
            try IncidentLifecycle.open(.fixture(subject: "different"), id: id, actor: "x", policy: policy, now: t0)
        }
        #expect(again.created == false)
        #expect(again.incident == first)
        #expect(try await store.incidents.incidents(IncidentQuery()).count == 1)
    }

    @Test("a due timer fires once, with its effect, and stays fired after reopening", arguments: StoreBackend.allCases)
    func timersFireOnce(_ backend: StoreBackend) async throws {
        let policy = policy
        let effect: @Sendable (DueTimer, Incident, [Visit], Postmortem?) -> IncidentChange = { timer, incident, _, _ in
            IncidentLifecycle.fire(timer, on: incident, policy: policy, now: timer.dueAt)
        }
        var store: TestStore? = try await backend.open(path)
        let incident = try await report(store!)
        #expect(try await store!.timers.fireDueTimers(now: t0.adding(.minutes(9)), limit: 10, effect).isEmpty)
        store = nil  // as after a crash: nothing in memory survives

        let reopened = try await backend.open(path)
        let fired = try await reopened.timers.fireDueTimers(now: t0.adding(.minutes(11)), limit: 10, effect)
        #expect(fired.map(\.kind) == [.emergencyEscalation])
        #expect(try await reopened.timers.fireDueTimers(now: t0.adding(.minutes(30)), limit: 10, effect).isEmpty)
        #expect(try await reopened.incidents.incident(incident.id)?.state == .escalated)
        #expect(try await reopened.incidents.timeline(of: incident.id).map(\.kind) == [.reported, .escalated])
        #expect(try await reopened.statistics().pendingTimers == 0)
    }

    @Test("rescheduling moves the pending timer instead of adding a second one; resolving cancels all", arguments: StoreBackend.allCases)
    func timerReschedule(_ backend: StoreBackend) async throws {
        let store = try await backend.open(path)
        let incident = try await report(store, .fixture(outageStarted: t0))
        #expect(try await store.statistics().pendingTimers == 3)
        _ = try await store.incidents.update(incident.id) { current in
            IncidentChange(incident: current, timers: [.schedule(.emergencyEscalation, dueAt: t0.adding(.minutes(1)))])
        }
        #expect(try await store.statistics().pendingTimers == 3)
        #expect(try await store.timers.nextTimerDue() == t0.adding(.minutes(1)))
        let policy = policy
        _ = try await store.incidents.update(incident.id) { current in
            try IncidentLifecycle.apply(.resolve(summary: "ok"), to: current, actor: "b", policy: policy, now: t0.adding(.minutes(2)))
        }
        #expect(try await store.statistics().pendingTimers == 0)
        #expect(try await store.timers.nextTimerDue() == nil)
    }

    @Test("listing filters by state, level and time, newest first", arguments: StoreBackend.allCases)
    func listing(_ backend: StoreBackend) async throws {
        let store = try await backend.open(path)
        let a = try await report(store, .fixture(scope: .most), now: t0)
        let b = try await report(store, .fixture(scope: .part), now: t0.adding(.minutes(5)))
        let c = try await report(store, .fixture(), now: t0.adding(.minutes(10)))
        let policy = policy
        _ = try await store.incidents.update(c.id) { try IncidentLifecycle.apply(.acknowledge, to: $0, actor: "b", policy: policy, now: t0) }
        #expect(try await store.incidents.incidents(IncidentQuery()).map(\.id) == [c.id, b.id, a.id])
        #expect(try await store.incidents.incidents(IncidentQuery(level: .level1)).map(\.id) == [a.id])
        #expect(try await store.incidents.incidents(IncidentQuery(states: [.acknowledged])).map(\.id) == [c.id])
        #expect(try await store.incidents.incidents(IncidentQuery(since: t0.adding(.minutes(5)))).map(\.id) == [c.id, b.id])
        #expect(try await store.incidents.incidents(IncidentQuery(limit: 1)).map(\.id) == [c.id])
    }
}

@Suite("Outbox (SQLite and PostgreSQL)")
final class SQLiteOutboxTests: Sendable {
    let directory = NSTemporaryDirectory() + "oncall-outbox-" + UUID().uuidString

    init() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func message(_ id: String, _ incident: IncidentNumber, to target: String = "li.na@example.com", at: Date = t0) -> OutboxMessage {
        OutboxMessage(id: id, incident: incident, channel: "email", target: target, recipients: ["li.na"],
                      subject: "[L3] 订单系统无法登录 · \(incident)", body: "正文", purpose: "new fault", createdAt: at)
    }

    @Test("messages commit with their event and walk pending → retried → delivered or dead", arguments: StoreBackend.allCases)
    func lifecycle(_ backend: StoreBackend) async throws {
        let store = try await backend.open(directory + "/o.sqlite")
        let policy = IncidentPolicy()
        let incident = try await store.incidents.create(idempotencyKey: nil) { id in
            var change = try IncidentLifecycle.open(.fixture(), id: id, actor: "a", policy: policy, now: t0)
            // Two recipients, so neither waits behind the other (OutboxOrderTests).
            change.messages = [self.message("m1", id), self.message("m2", id, to: "zhang.wei@example.com")]
            return change
        }.incident
        #expect(try await store.deliveries.nextDeliveryDue() == t0)
        #expect(try await store.deliveries.dueDeliveries(now: t0, limit: 10, excluding: []).map(\.message.id) == ["m1", "m2"])
        #expect(try await store.deliveries.dueDeliveries(now: t0, limit: 10, excluding: ["m1"]).map(\.message.id) == ["m2"])

        try await store.deliveries.record(DeliveryAttempt(messageID: "m1", number: 1, at: t0, result: .retryable, detail: "HTTP 503"),
                               retryAt: t0.addingTimeInterval(10))
        try await store.deliveries.record(DeliveryAttempt(messageID: "m2", number: 1, at: t0, result: .permanent, detail: "550 no such user"),
                               retryAt: nil)
        #expect(try await store.deliveries.dueDeliveries(now: t0.addingTimeInterval(5), limit: 10, excluding: []).isEmpty)
        let due = try await store.deliveries.dueDeliveries(now: t0.addingTimeInterval(10), limit: 10, excluding: [])
        #expect(due.map(\.message.id) == ["m1"])
        #expect(due.first?.attempts == 1)
        #expect(due.first?.message == message("m1", incident.id))

        try await store.deliveries.record(DeliveryAttempt(messageID: "m1", number: 2, at: t0.addingTimeInterval(10), result: .delivered,
                                               detail: "SMTP 250"), retryAt: nil)
        let records = try await store.deliveries.deliveries(of: incident.id)
        #expect(records.map(\.status) == [.delivered, .dead])
        #expect(records.first?.attempts.map(\.result) == [.retryable, .delivered])
        #expect(try await store.deliveries.deliveryCounts() == [.delivered: 1, .dead: 1])
        #expect(try await store.deliveries.nextDeliveryDue() == nil)
    }

    @Test("a change that is refused writes no message", arguments: StoreBackend.allCases)
    func refusedChangeWritesNoMessage(_ backend: StoreBackend) async throws {
        let store = try await backend.open(directory + "/r.sqlite")
        await #expect(throws: LifecycleError.self) {
            _ = try await store.incidents.create(idempotencyKey: nil) { id in
                var change = IncidentChange(incident: Incident(id: id, form: .fixture(), level: .level3, state: .reported, reportedAt: t0, reportedBy: "a"))
                change.messages = [self.message("x", id)]
                throw LifecycleError.invalidField("subject", reason: "test")
            }
        }
        #expect(try await store.deliveries.deliveryCounts().isEmpty)
    }
}
