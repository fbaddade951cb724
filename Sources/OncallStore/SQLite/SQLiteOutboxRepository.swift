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
                SELECT \(OutboxTable.columns), attempts FROM outboxMessage
                WHERE status = 'pending' AND nextAttemptAt <= ? ORDER BY nextAttemptAt, createdAt
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

    public func nextDeliveryDue() async throws -> Date? {
        try await database.pool.read { db in
            try Double.fetchOne(db, sql: "SELECT MIN(nextAttemptAt) FROM outboxMessage WHERE status = 'pending'")
                .map(Date.init(timeIntervalSince1970:))
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
            return try Row.fetchAll(db, sql: """
                SELECT \(OutboxTable.columns), status, nextAttemptAt FROM outboxMessage WHERE incidentId = ? ORDER BY createdAt, rowid
                """, arguments: [incident.value]).map { row in
                let message = OutboxTable.decode(row)
                let nextAttempt: Double? = row["nextAttemptAt"]
                return DeliveryRecord(
                    message: message, status: DeliveryStatus(rawValue: row["status"]) ?? .pending,
                    nextAttemptAt: nextAttempt.map(Date.init(timeIntervalSince1970:)), attempts: byMessage[message.id] ?? [])
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
