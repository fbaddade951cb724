import Foundation
import OncallCore
import OncallStore
import OncallTesting
import Testing

/// The inbound and visit repositories, the same on both backends.
@Suite("Inbound and visit stores (SQLite and PostgreSQL)")
final class InboundAndVisitStoreTests: Sendable {
    let directory: TemporaryDirectory
    let policy = IncidentPolicy()

    init() throws { directory = try TemporaryDirectory("oncall-inbound-") }

    func report(_ store: TestStore, subject: String = "扫码枪离线") async throws -> Incident {
        let policy = policy
        return try await store.incidents.create(idempotencyKey: nil) { id in
            try IncidentLifecycle.open(.fixture(subject: subject), id: id, actor: "mail:li", policy: policy, now: t0)
        }.incident
    }

    func record(_ key: String, outcome: InboundRecord.Outcome, incident: IncidentNumber? = nil, messageID: String? = nil) -> InboundRecord {
        InboundRecord(
            key: key, integration: "mailgun", kind: "mailgun", messageID: messageID, receivedAt: t0, outcome: outcome,
            incident: incident, detail: "test")
    }

    @Test("a message is recorded once; threading finds the incident by our Message-IDs and by those we received",
          arguments: StoreBackend.allCases)
    func inbound(_ backend: StoreBackend) async throws {
        let store = try await backend.open(directory.file("i.sqlite"))
        let incident = try await store.incidents.create(idempotencyKey: nil) { [policy] id in
            var change = try IncidentLifecycle.open(.fixture(), id: id, actor: "mail:li", policy: policy, now: t0)
            change.inbound = self.record("mailgun:<first@customer.example>", outcome: .incident, messageID: "first@customer.example")
            change.messages = [OutboxMessage(
                id: "d-1", incident: id, channel: "email", target: "li@example.com", recipients: ["li"], subject: "s", body: "b",
                purpose: "new fault", createdAt: t0)]
            return change
        }.incident

        let ignored = record("mailgun:<auto@x>", outcome: .ignored)
        #expect(try await store.inbound.recordInbound(ignored, raw: nil) == ignored)
        let again = record("mailgun:<auto@x>", outcome: .quarantined)
        #expect(try await store.inbound.recordInbound(again, raw: Data("x".utf8)) == ignored, "a key seen before keeps its first record")
        #expect(try await store.inbound.inboundRecord(key: "mailgun:<first@customer.example>")?.incident == incident.id)

        #expect(try await store.inbound.incident(referencedBy: ["<first@customer.example>"]) == incident.id)
        #expect(try await store.inbound.incident(referencedBy: ["<nobody@x>", "<d-1@oncalld>"]) == incident.id)
        #expect(try await store.inbound.incident(answeringDeliveryIn: ["<d-1@oncalld>"]) == incident.id)
        #expect(try await store.inbound.incident(answeringDeliveryIn: ["<first@customer.example>"]) == nil)
        #expect(try await store.inbound.incident(referencedBy: ["<unknown@x>"]) == nil)
    }

    @Test("a quarantined message keeps its raw bytes and its status changes", arguments: StoreBackend.allCases)
    func quarantine(_ backend: StoreBackend) async throws {
        let store = try await backend.open(directory.file("q.sqlite"))
        let raw = Data([0x46, 0x72, 0x6F, 0x6D, 0x3A, 0xFF, 0x00, 0x0A])
        _ = try await store.inbound.recordInbound(record("mailgun:<bad@x>", outcome: .quarantined), raw: raw)
        let held = try await store.inbound.quarantine(status: .held, limit: 10)
        #expect(held.count == 1 && held.first?.raw == raw && held.first?.reason == "test")
        let id = try #require(held.first?.id)
        try await store.inbound.setQuarantineStatus(id, .dropped)
        #expect(try await store.inbound.quarantined(id)?.status == .dropped)
        #expect(try await store.inbound.quarantine(status: .held, limit: 10).isEmpty)
        #expect(try await store.inbound.quarantine(status: nil, limit: 10).count == 1)
    }

    func visit(_ incident: IncidentNumber, attempt: Int, engineer: String, state: VisitState, at: Date) throws -> Visit {
        Visit(
            incident: incident, attempt: attempt, engineer: engineer, branch: "sh", region: try #require(RegionCode("3101")),
            siteID: "SH-WH-01", skill: "pos", slaKind: .covered, warranty: .unknown, requestedAt: at, dispatchedAt: at,
            acceptBy: at.adding(.minutes(15)), arriveBy: at.adding(.minutes(60)), state: state,
            events: [VisitEvent(kind: .dispatched, at: at, actor: "oncalld", facts: .init(attempt: attempt, engineer: engineer, sla: .covered))])
    }

    @Test("visits commit with their change; the decision sees every engineer's workload", arguments: StoreBackend.allCases)
    func visits(_ backend: StoreBackend) async throws {
        let store = try await backend.open(directory.file("v.sqlite"))
        let first = try await report(store, subject: "one")
        let second = try await report(store, subject: "two")
        let done = try visit(first.id, attempt: 1, engineer: "zhu.min", state: .completed, at: t0)
        let open = try visit(first.id, attempt: 2, engineer: "zhao.lei", state: .onSite, at: t0.adding(.minutes(5)))
        _ = try await store.visits.updateWithVisits(first.id, loadSince: t0) { incident, visits, _ in
            #expect(visits.isEmpty)
            var change = IncidentChange(incident: incident)
            change.visits = [done, open]
            return change
        }
        let seen = try await store.visits.updateWithVisits(second.id, loadSince: t0) { incident, visits, workload in
            #expect(visits.isEmpty)
            #expect(workload.openDispatches == ["zhao.lei": first.id])
            #expect(workload.recentDispatches == ["zhu.min": 1, "zhao.lei": 1])
            return IncidentChange(incident: incident)
        }
        #expect(seen.visits.isEmpty)
        #expect(try await store.visits.visits(of: first.id) == [done, open])
        #expect(try await store.visits.visits(VisitQuery(openOnly: true)) == [open])
        #expect(try await store.visits.visits(VisitQuery(branch: "sh", since: t0.adding(.minutes(1)))) == [open])
        #expect(try await store.visits.visits(VisitQuery(branch: "gz")).isEmpty)
    }
}
