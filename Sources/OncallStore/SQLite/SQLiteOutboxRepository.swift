import Foundation
import GRDB
import OncallCore

/// The transactional outbox and its delivery log.
public struct SQLiteOutboxRepository: DeliveryStore {
    let database: SQLiteDatabase

    public func dueDeliveries(now: Date, limit: Int, excluding: Set<String>) async throws -> [PendingDelivery] {
        try await database.pool.read { db in
            var found: [PendingDelivery] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(OutboxTable.columns), attempts FROM outboxMessage m
                WHERE status = 'pending' AND nextAttemptAt <= ? AND \(OutboxTable.isQueueHead)
                ORDER BY nextAttemptAt, rowid
                """, arguments: [now.timeIntervalSince1970])
            while found.count < limit, let row = try rows.next() {
                let message = OutboxTable.decode(row)
                if !excluding.contains(message.id) { found.append(PendingDelivery(message: message, attempts: row["attempts"])) }
            }
            return found
        }
    }

    public func record(_ attempt: DeliveryAttempt, retryAt: Date?) async throws {
        try await database.writer.write { db in
            try db.cachedStatement(sql: "INSERT INTO deliveryAttempt (messageId, number, at, result, detail) VALUES (?, ?, ?, ?, ?)").execute(arguments: [attempt.messageID, attempt.number, attempt.at.timeIntervalSince1970, attempt.result.rawValue, attempt.detail])
            let status: DeliveryStatus = attempt.result == .delivered ? .delivered : (retryAt == nil ? .dead : .pending)
            try db.cachedStatement(sql: "UPDATE outboxMessage SET status = ?, attempts = ?, nextAttemptAt = ? WHERE id = ?").execute(arguments: [status.rawValue, attempt.number, status == .pending ? retryAt?.timeIntervalSince1970 : nil, attempt.messageID])
        }
    }

    public func nextDeliveryDue(excluding: Set<String>) async throws -> Date? {
        try await database.pool.read { db in
            let heads = try Row.fetchCursor(db, sql: """
                SELECT id, nextAttemptAt FROM outboxMessage m WHERE status = 'pending' AND \(OutboxTable.isQueueHead)
                ORDER BY nextAttemptAt
                """)
            while let head = try heads.next() {
                if !excluding.contains(head["id"]) { return Date(timeIntervalSince1970: head["nextAttemptAt"]) }
            }
            return nil
        }
    }

    public func pendingCount(in queue: DeliveryQueue) async throws -> Int {
        try await database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outboxMessage WHERE status = 'pending' AND channel = ? AND target = ?",
                             arguments: [queue.channel, queue.target]) ?? 0
        }
    }

    public func deliveries(of incident: IncidentNumber) async throws -> [DeliveryRecord] {
        try await database.pool.read { db in
            let attempts = try Row.fetchAll(db, sql: """
                SELECT a.messageId, a.number, a.at, a.result, a.detail FROM deliveryAttempt a
                JOIN outboxMessage m ON m.id = a.messageId WHERE m.incidentId = ? ORDER BY a.id
                """, arguments: [incident.value]).map { row in
                DeliveryAttempt(
                    messageID: row["messageId"], number: row["number"], at: Date(timeIntervalSince1970: row["at"]),
                    result: DeliveryResult(rawValue: row["result"]) ?? .permanent, detail: row["detail"])
            }
            let byMessage = Dictionary(grouping: attempts, by: \.messageID)
            // A pending message not at the head of its queue is joined to the head it waits behind.
            return try Row.fetchAll(db, sql: """
                SELECT \(OutboxTable.columns(of: "m")), m.status, m.nextAttemptAt, head.id AS headId, head.incidentId AS headIncidentId
                FROM outboxMessage m
                LEFT JOIN outboxMessage head ON m.status = 'pending' AND head.rowid = (
                    SELECT ahead.rowid FROM outboxMessage ahead
                    WHERE ahead.status = 'pending' AND ahead.channel = m.channel AND ahead.target = m.target AND ahead.rowid < m.rowid
                    ORDER BY ahead.rowid LIMIT 1)
                WHERE m.incidentId = ? ORDER BY m.createdAt, m.rowid
                """, arguments: [incident.value]).map { row in
                let message = OutboxTable.decode(row)
                let nextAttempt: Double? = row["nextAttemptAt"]
                let headID: String? = row["headId"]
                return DeliveryRecord(
                    message: message, status: DeliveryStatus(rawValue: row["status"]) ?? .pending,
                    nextAttemptAt: nextAttempt.map(Date.init(timeIntervalSince1970:)),
                    waitingBehind: headID.map { QueueHead(messageID: $0, incident: (row["headIncidentId"] as Int64?).map(IncidentNumber.init)) },
                    attempts: byMessage[message.id] ?? [])
            }
        }
    }

    public func deliveryCounts() async throws -> [DeliveryStatus: Int] {
        try await database.pool.read { db in
            var counts: [DeliveryStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM outboxMessage GROUP BY status") {
                if let status = DeliveryStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }
}

/// The `outboxMessage` table: a message is queued with the change that causes it, due at once.
enum OutboxTable {
    static let columns = "id, incidentId, channel, target, recipients, subject, body, extras, purpose, createdAt"

    /// ``columns`` of the table aliased `alias`, for a query that joins it to itself.
    static func columns(of alias: String) -> String {
        columns.split(separator: ", ").map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// True for a row `m` with no earlier pending message in its queue: the rowid is the order
    /// messages were written (rows are never deleted, so it only grows).
    static let isQueueHead = """
        NOT EXISTS (SELECT 1 FROM outboxMessage ahead WHERE ahead.status = 'pending' AND ahead.channel = m.channel
                    AND ahead.target = m.target AND ahead.rowid < m.rowid)
        """

    /// A message about no incident has a NULL `incidentId`.
    static func insert(_ message: OutboxMessage, in db: Database) throws {
        let recipients = String(decoding: try JSONEncoder.sorted.encode(message.recipients), as: UTF8.self)
        try db.cachedStatement(sql: """
            INSERT INTO outboxMessage (id, incidentId, channel, target, recipients, subject, body, extras, purpose, createdAt, nextAttemptAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                message.id, message.incident?.value, message.channel, message.target, recipients, message.subject, message.body, message.extras,
                message.purpose, message.createdAt.timeIntervalSince1970, message.createdAt.timeIntervalSince1970,
            ])
    }

    static func decode(_ row: Row) -> OutboxMessage {
        let recipientsText: String = row["recipients"]
        let recipients = (try? JSONDecoder().decode([String].self, from: Data(recipientsText.utf8))) ?? []
        return OutboxMessage(
            id: row["id"], incident: (row["incidentId"] as Int64?).map(IncidentNumber.init), channel: row["channel"], target: row["target"],
            recipients: recipients, subject: row["subject"], body: row["body"], extras: row["extras"], purpose: row["purpose"],
            createdAt: Date(timeIntervalSince1970: row["createdAt"]))
    }

    /// The incident a message we sent was about, by the message's id.
    static func incident(ofMessage id: String, _ db: Database) throws -> IncidentNumber? {
        try Int64.fetchOne(db, sql: "SELECT incidentId FROM outboxMessage WHERE id = ?", arguments: [id]).map(IncidentNumber.init)
    }
}
