import Foundation
import GRDB
import OncallCore
import OncallStore
import OncallTesting
import Testing

/// The regular documents' schedule and output, and outbox messages about no incident.
@Suite("Periodic store")
final class PeriodicStoreTests: Sendable {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    func document(_ period: String, markdown: String = "# 周报", generatedAt: Date = t0) -> PeriodicDocument {
        PeriodicDocument(kind: .weekly, period: period, from: t0.adding(.minutes(-7 * 24 * 60)), until: t0, markdown: markdown,
                         generatedAt: generatedAt)
    }

    func message(_ id: String, at: Date = t0) -> OutboxMessage {
        OutboxMessage(id: id, incident: nil, channel: "email", target: "customer@example.com", recipients: ["customer"],
                      subject: "周报 2023-W45", body: "正文", purpose: "weekly report", createdAt: at)
    }

    @Test("the first schedule sticks; completing moves it and stores the document", arguments: ArchiveBackend.allCases)
    func scheduleAndComplete(_ backend: ArchiveBackend) async throws {
        let store = try await ArchiveFixture.store(backend, in: directory)
        #expect(try await store.periodic.periodicSchedule().isEmpty)
        let first = t0.addingTimeInterval(0.123_456)  // a fraction, to survive the trip through REAL
        try await store.periodic.schedulePeriodic(.weekly, dueAt: first)
        try await store.periodic.schedulePeriodic(.weekly, dueAt: t0.adding(.minutes(5)))
        try await store.periodic.schedulePeriodic(.monthly, dueAt: t0.adding(.minutes(10)))
        let schedule = try await store.periodic.periodicSchedule()
        #expect(Set(schedule.keys) == [.weekly, .monthly])
        #expect(schedule[.monthly] == t0.adding(.minutes(10)))
        let fired = try #require(schedule[.weekly])
        #expect(abs(fired.timeIntervalSince(first)) < 0.000_001)
        let next = t0.adding(.minutes(7 * 24 * 60))
        #expect(try await store.periodic.completePeriodic(.weekly, firedDueAt: fired, document: document("2023-W45"), messages: [], nextDueAt: next))
        #expect(try await store.periodic.periodicSchedule()[.weekly] == next)
        #expect(try await store.periodic.periodicDocuments(kind: nil, limit: 10) == [document("2023-W45")])

        // A second run that fired the same due time finds it moved: it writes nothing.
        let stale = try await store.periodic.completePeriodic(
            .weekly, firedDueAt: fired, document: document("2023-W45", markdown: "# 重复"), messages: [message("w1")], nextDueAt: next.adding(.minutes(1)))
        #expect(stale == false)
        #expect(try await store.periodic.periodicSchedule()[.weekly] == next)
        #expect(try await store.periodic.periodicDocuments(kind: .weekly, limit: 10).map(\.markdown) == ["# 周报"])
        if let outbox = store.incidents as? InMemoryIncidentStore { #expect(outbox.outbox.isEmpty) }
        if let deliveries = store.deliveries { #expect(try await deliveries.deliveryCounts().isEmpty) }

        // Never scheduled: nothing to complete.
        let monthlyDocument = PeriodicDocument(kind: .monthly, period: "2023-11", from: t0, until: next, markdown: "# 月报", generatedAt: t0)
        #expect(try await store.periodic.completePeriodic(.monthly, firedDueAt: t0, document: monthlyDocument, messages: [], nextDueAt: next) == false)
    }

    @Test("a document is replaced by (kind, period) and listed newest first", arguments: ArchiveBackend.allCases)
    func documents(_ backend: ArchiveBackend) async throws {
        let store = try await ArchiveFixture.store(backend, in: directory)
        try await store.periodic.schedulePeriodic(.weekly, dueAt: t0)
        try await store.periodic.schedulePeriodic(.monthly, dueAt: t0)
        let w45 = document("2023-W45", generatedAt: t0)
        #expect(try await store.periodic.completePeriodic(.weekly, firedDueAt: t0, document: w45, messages: [], nextDueAt: t0.adding(.minutes(1))))
        let month = PeriodicDocument(kind: .monthly, period: "2023-11", from: t0, until: t0.adding(.minutes(2)), markdown: "# 月报",
                                     generatedAt: t0.adding(.minutes(1)))
        #expect(try await store.periodic.completePeriodic(.monthly, firedDueAt: t0, document: month, messages: [], nextDueAt: t0.adding(.minutes(3))))
        // Regenerated (say after a manual re-run): the same period is replaced, not duplicated.
        let again = document("2023-W45", markdown: "# 周报（更正）", generatedAt: t0.adding(.minutes(2)))
        #expect(try await store.periodic.completePeriodic(.weekly, firedDueAt: t0.adding(.minutes(1)), document: again, messages: [],
                                                 nextDueAt: t0.adding(.minutes(4))))
        #expect(try await store.periodic.periodicDocuments(kind: nil, limit: 10) == [again, month])
        #expect(try await store.periodic.periodicDocuments(kind: .monthly, limit: 10) == [month])
        #expect(try await store.periodic.periodicDocuments(kind: nil, limit: 1) == [again])
    }

    @Test("completing is atomic: a message that cannot be queued undoes the document and the schedule")
    func completeIsAtomic() async throws {
        let store = try SQLiteStore(path: directory.file("p.sqlite"))
        try await store.periodic.schedulePeriodic(.weekly, dueAt: t0)
        await #expect(throws: DatabaseError.self) {
            // The same message id twice violates the outbox's primary key.
            _ = try await store.periodic.completePeriodic(.weekly, firedDueAt: t0, document: self.document("2023-W45"),
                                                 messages: [self.message("dup"), self.message("dup")], nextDueAt: t0.adding(.minutes(1)))
        }
        #expect(try await store.periodic.periodicSchedule()[.weekly] == t0)
        #expect(try await store.periodic.periodicDocuments(kind: nil, limit: 10).isEmpty)
        #expect(try await store.deliveries.deliveryCounts().isEmpty)
    }

    @Test("a message about no incident is queued with NULL and comes back nil")
    func messageWithoutIncident() async throws {
        let store = try SQLiteStore(path: directory.file("m.sqlite"))
        try await store.periodic.schedulePeriodic(.weekly, dueAt: t0)
        #expect(try await store.periodic.completePeriodic(.weekly, firedDueAt: t0, document: document("2023-W45"),
                                                 messages: [message("weekly-1"), message("weekly-2")], nextDueAt: t0.adding(.minutes(1))))
        // Also through an incident's change (a message it decides is about nothing in particular).
        _ = try await ArchiveFixture.report(ArchiveStore(store), .fixture())
        _ = try await store.incidents.update(IncidentNumber(1)) { current in
            IncidentChange(incident: current, messages: [self.message("digest", at: t0.adding(.minutes(1)))])
        }
        // All three go to one address, so they go one at a time, in the order written (OutboxOrderTests).
        let due = try await store.deliveries.dueDeliveries(now: t0.adding(.minutes(1)), limit: 10, excluding: [])
        #expect(due.map(\.message) == [message("weekly-1")])
        try await store.deliveries.record(DeliveryAttempt(messageID: "weekly-1", number: 1, at: t0, result: .delivered, detail: "250"), retryAt: nil)
        #expect(try await store.deliveries.deliveryCounts() == [.delivered: 1, .pending: 2])
        #expect(try await store.deliveries.dueDeliveries(now: t0.adding(.minutes(1)), limit: 10, excluding: []).map(\.message.id) == ["weekly-2"])
        try await store.deliveries.record(DeliveryAttempt(messageID: "weekly-2", number: 1, at: t0, result: .delivered, detail: "250"), retryAt: nil)
        let digest = try await store.deliveries.dueDeliveries(now: t0.adding(.minutes(1)), limit: 10, excluding: [])
        #expect(digest.map(\.message.id) == ["digest"])
        #expect(digest.first?.message.incident == nil)
        #expect(try await store.deliveries.deliveries(of: IncidentNumber(1)).isEmpty)

        let queue = try DatabaseQueue(path: directory.file("m.sqlite"))
        let nulls = try await queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outboxMessage WHERE incidentId IS NULL") }
        #expect(nulls == 3)
    }
}
