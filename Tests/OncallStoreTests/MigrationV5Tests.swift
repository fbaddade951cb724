import Foundation
import GRDB
import OncallCore
@testable import OncallStore
import OncallTesting
import Testing

/// Opening a database written by the previous release (v1–v4) applies v5 without losing anything.
@Suite("Migration v5")
final class MigrationV5Tests: Sendable {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory("oncall-migration-") }

    /// A v4 database with two incidents, notes, messages and a delivery attempt, written by SQL as v4 would.
    func makeV4Database(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v4-createInbound")
        try queue.write { db in
            let incidents: [(Int64, String, String?, Double)] = [
                (1, "订单系统无法登录", "用户登录超时", t0.timeIntervalSince1970),
                (2, "Mail relay DOWN", "queue is full", t0.timeIntervalSince1970 + 60),
            ]
            for (id, subject, description, reportedAt) in incidents {
                try db.execute(sql: """
                    INSERT INTO incident (id, subject, organisation, reporter, description, level, state, reportedAt, reportedBy, resolutionSummary)
                    VALUES (?, ?, '仓储中心', '值班员', ?, 3, 'resolved', ?, 'unix:alice', ?)
                    """, arguments: [id, subject, description, reportedAt, id == 1 ? "重启认证服务" : nil])
                try db.execute(sql: "INSERT INTO timelineEvent (incidentId, at, kind, actor, details) VALUES (?, ?, 'reported', 'unix:alice', '{}')",
                               arguments: [id, reportedAt])
            }
            try db.execute(sql: """
                INSERT INTO timelineEvent (incidentId, at, kind, actor, details) VALUES
                    (1, ?, 'note', 'unix:bob', '{"text":"发现证书过期"}'),
                    (1, ?, 'note', 'unix:bob', '{"text":"已更换证书"}'),
                    (2, ?, 'escalated', 'oncalld', '{"reason":"certificate"}')
                """, arguments: [t0.timeIntervalSince1970 + 10, t0.timeIntervalSince1970 + 20, t0.timeIntervalSince1970 + 70])
            try db.execute(sql: """
                INSERT INTO outboxMessage (id, incidentId, channel, target, recipients, subject, body, purpose, createdAt, status, attempts, nextAttemptAt)
                VALUES ('m1', 1, 'email', 'li.na@example.com', '["li.na"]', '新故障', '正文', 'new fault', ?, 'delivered', 1, NULL),
                       ('m2', 1, 'sms', '+8613800000001', '["li.na"]', '', '短信', 'new fault', ?, 'pending', 1, ?)
                """, arguments: [t0.timeIntervalSince1970, t0.timeIntervalSince1970 + 1, t0.timeIntervalSince1970 + 30])
            try db.execute(sql: """
                INSERT INTO deliveryAttempt (messageId, number, at, result, detail) VALUES
                    ('m1', 1, ?, 'delivered', 'SMTP 250'), ('m2', 1, ?, 'retryable', 'HTTP 503')
                """, arguments: [t0.timeIntervalSince1970, t0.timeIntervalSince1970 + 1])
        }
        try queue.close()
    }

    @Test("a v4 database with data is migrated: the archive finds old incidents and notes, the outbox keeps its rows")
    func fromV4() async throws {
        let path = directory.file("v4.sqlite")
        try makeV4Database(path)
        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations().suffix(9) == ["v5-createPostmortem", "v6-addAffectedCustomers", "v7-indexOutboxQueue", "v8-createMaintenanceWindow", "v9-createServiceRequest", "v10-createHeartbeat", "v11-createCalendarFeed", "v12-createRequestInbound", "v13-createArchiveBigrams"])

        func ids(_ text: String) async throws -> [Int64] { try await store.postmortems.searchArchive(ArchiveQuery(text: text)).map(\.incident.id.value) }
        #expect(try await ids("登录") == [1])
        #expect(try await ids("登录超时") == [1])
        #expect(try await ids("证书过期") == [1], "notes are backfilled")
        #expect(try await ids("更换") == [1])
        #expect(try await ids("认证服务") == [1], "the resolution is backfilled")
        #expect(try await ids("relay down") == [2])
        #expect(try await ids("certificate").isEmpty, "only notes' text is indexed, not other events' details")
        #expect(try await store.postmortems.searchArchive(ArchiveQuery()).map(\.reportState) == [nil, nil])

        let records = try await store.deliveries.deliveries(of: IncidentNumber(1))
        #expect(records.map(\.message.id) == ["m1", "m2"])
        #expect(records.map(\.status) == [.delivered, .pending])
        #expect(records.map { $0.attempts.map(\.detail) } == [["SMTP 250"], ["HTTP 503"]])
        #expect(try await store.deliveries.dueDeliveries(now: t0.addingTimeInterval(30), limit: 10, excluding: []).map(\.message.id) == ["m2"])
        try await store.deliveries.record(DeliveryAttempt(messageID: "m2", number: 2, at: t0.addingTimeInterval(30), result: .delivered, detail: "ok"),
                               retryAt: nil)
        #expect(try await store.deliveries.deliveryCounts() == [.delivered: 2])

        // New writes work on the migrated file: a change refreshes the index, a NULL incident is accepted.
        _ = try await store.incidents.update(IncidentNumber(2)) { current in
            var change = IncidentChange(incident: current, events: [TimelineEvent(.note(.init(text: "队列已清空")), at: t0, actor: "unix:bob")])
            change.messages = [OutboxMessage(id: "w1", incident: nil, channel: "email", target: "x@example.com", recipients: [],
                                             subject: "周报", body: "", purpose: "weekly report", createdAt: t0)]
            return change
        }
        #expect(try await ids("队列") == [2])
        #expect(try await store.deliveries.dueDeliveries(now: t0, limit: 10, excluding: []).map(\.message.incident) == [nil])
        try store.close()

        // The rebuilt outbox keeps its indexes, and the foreign keys still hold, deliveryAttempt's included.
        let queue = try DatabaseQueue(path: path)
        try await queue.read { db in
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outboxMessage' AND sql IS NOT NULL ORDER BY name")
            #expect(indexes == ["outboxMessage_due", "outboxMessage_incident", "outboxMessage_queue"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            let attemptTarget = try String.fetchOne(db, sql: "SELECT \"table\" FROM pragma_foreign_key_list('deliveryAttempt')")
            #expect(attemptTarget == "outboxMessage")
            let incidentNotNull = try Row.fetchAll(db, sql: "PRAGMA table_info(outboxMessage)").first { $0["name"] == "incidentId" }?["notnull"] as Int?
            #expect(incidentNotNull == 0)
        }
        #expect(throws: DatabaseError.self, "an attempt for an unknown message is refused") {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO deliveryAttempt (messageId, number, at, result, detail) VALUES ('nope', 1, 0, 'delivered', '')")
            }
        }
        #expect(throws: DatabaseError.self, "a message for an unknown incident is refused") {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO outboxMessage (id, incidentId, channel, target, recipients, subject, body, purpose, createdAt)
                    VALUES ('bad', 99, 'email', 'x', '[]', '', '', 'x', 0)
                    """)
            }
        }
    }

    @Test("a fresh database lists every migration, v12 last")
    func freshDatabase() throws {
        let store = try SQLiteStore(path: directory.file("fresh.sqlite"))
        #expect(try store.appliedMigrations() == [
            "v1-createIncident", "v1-createTimelineEvent", "v1-createTimer", "v2-createOutbox", "v3-createVisit", "v4-createInbound",
            "v5-createPostmortem", "v6-addAffectedCustomers", "v7-indexOutboxQueue", "v8-createMaintenanceWindow", "v9-createServiceRequest", "v10-createHeartbeat", "v11-createCalendarFeed", "v12-createRequestInbound", "v13-createArchiveBigrams",
        ])
    }
}
