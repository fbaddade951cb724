import Foundation
import Logging
import OncallCore
import PostgresNIO

/// The transactional outbox and its delivery log. Due messages are claimed for this node
/// (`claimed_by`, for `claimLease`) with `FOR UPDATE SKIP LOCKED`, so two nodes never pick the
/// same message; a node that becomes active releases the claims of the one before it. A queue's
/// order is `seq`, the order messages were written, whichever node wrote them.
public struct PostgresOutboxRepository: DeliveryStore {
    let database: PostgresDatabase
    /// How long a claim keeps other nodes off a message while its attempt runs.
    static let claimLease: TimeInterval = 120

    public func dueDeliveries(now: Date, limit: Int, excluding: Set<String>) async throws -> [PendingDelivery] {
        let (database, logger) = (database, database.logger)
        let at = now.timeIntervalSince1970
        let skipped = excluding.sorted()
        return try await database.transaction { connection in
            try await connection.rows("""
                UPDATE outbox_message SET claimed_by = \(database.node), claimed_until = \(at + Self.claimLease)
                WHERE id IN (
                    SELECT id FROM outbox_message m
                    WHERE status = 'pending' AND next_attempt_at <= \(at) AND NOT id = ANY(\(skipped)) AND \(unescaped: OutboxRows.isQueueHead)
                      AND (claimed_by IS NULL OR claimed_by = \(database.node) OR claimed_until < \(at))
                    ORDER BY next_attempt_at, seq LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                RETURNING \(unescaped: OutboxRows.columns), attempts, next_attempt_at, seq
                """, logger: logger)
                .sorted { a, b in
                    try (a.value("next_attempt_at", as: Double.self), a.value("seq", as: Int64.self))
                        < (b.value("next_attempt_at", as: Double.self), b.value("seq", as: Int64.self))
                }
                .map { row in PendingDelivery(message: try OutboxRows.decode(row), attempts: try row.value("attempts")) }
        }
    }

    public func record(_ attempt: DeliveryAttempt, retryAt: Date?) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            try await connection.run("""
                INSERT INTO delivery_attempt (message_id, number, at, result, detail)
                VALUES (\(attempt.messageID), \(attempt.number), \(attempt.at.timeIntervalSince1970), \(attempt.result.rawValue), \(attempt.detail))
                """, logger: logger)
            let status: DeliveryStatus = attempt.result == .delivered ? .delivered : (retryAt == nil ? .dead : .pending)
            let next = status == .pending ? retryAt?.timeIntervalSince1970 : nil
            try await connection.run("""
                UPDATE outbox_message SET status = \(status.rawValue), attempts = \(attempt.number), next_attempt_at = \(next),
                    claimed_by = NULL, claimed_until = NULL
                WHERE id = \(attempt.messageID)
                """, logger: logger)
        }
    }

    public func nextDeliveryDue(excluding: Set<String>) async throws -> Date? {
        let logger = database.logger
        let skipped = excluding.sorted()
        return try await database.read { connection in
            try await connection.rows("""
                SELECT MIN(next_attempt_at) AS due FROM outbox_message m
                WHERE status = 'pending' AND NOT id = ANY(\(skipped)) AND \(unescaped: OutboxRows.isQueueHead)
                """, logger: logger)
                .first?.value("due", as: Double?.self).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func pendingCount(in queue: DeliveryQueue) async throws -> Int {
        let logger = database.logger
        return try await database.read { connection in
            try await connection.rows("""
                SELECT COUNT(*) AS n FROM outbox_message WHERE status = 'pending' AND channel = \(queue.channel) AND target = \(queue.target)
                """, logger: logger)
                .first?.value("n", as: Int.self) ?? 0
        }
    }

    public func deliveries(of incident: IncidentNumber) async throws -> [DeliveryRecord] {
        let logger = database.logger
        return try await database.read { connection in
            let attempts = try await connection.rows("""
                SELECT a.message_id, a.number, a.at, a.result, a.detail FROM delivery_attempt a
                JOIN outbox_message m ON m.id = a.message_id WHERE m.incident_id = \(incident.value) ORDER BY a.id
                """, logger: logger).map { row in
                DeliveryAttempt(
                    messageID: try row.value("message_id"), number: try row.value("number"),
                    at: Date(timeIntervalSince1970: try row.value("at")),
                    result: DeliveryResult(rawValue: try row.value("result")) ?? .permanent, detail: try row.value("detail"))
            }
            let byMessage = Dictionary(grouping: attempts, by: \.messageID)
            // A pending message not at the head of its queue is joined to the head it waits behind.
            return try await connection.rows("""
                SELECT \(unescaped: OutboxRows.columns(of: "m")), m.status, m.next_attempt_at, head.id AS head_id, head.incident_id AS head_incident_id
                FROM outbox_message m
                LEFT JOIN outbox_message head ON m.status = 'pending' AND head.seq = (
                    SELECT MIN(ahead.seq) FROM outbox_message ahead
                    WHERE ahead.status = 'pending' AND ahead.channel = m.channel AND ahead.target = m.target AND ahead.seq < m.seq)
                WHERE m.incident_id = \(incident.value) ORDER BY m.created_at, m.seq
                """, logger: logger).map { row in
                let message = try OutboxRows.decode(row)
                let head = try row.value("head_id", as: String?.self).map { id in
                    QueueHead(messageID: id, incident: try row.value("head_incident_id", as: Int64?.self).map(IncidentNumber.init))
                }
                return DeliveryRecord(
                    message: message, status: DeliveryStatus(rawValue: try row.value("status")) ?? .pending,
                    nextAttemptAt: try row.value("next_attempt_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
                    waitingBehind: head, attempts: byMessage[message.id] ?? [])
            }
        }
    }

    public func deliveryCounts() async throws -> [DeliveryStatus: Int] {
        let logger = database.logger
        return try await database.read { connection in
            var counts: [DeliveryStatus: Int] = [:]
            for row in try await connection.rows("SELECT status, COUNT(*) AS n FROM outbox_message GROUP BY status", logger: logger) {
                if let status = DeliveryStatus(rawValue: try row.value("status")) { counts[status] = try row.value("n", as: Int.self) }
            }
            return counts
        }
    }
}

/// The `outbox_message` table: a message is queued with the change that causes it, due at once.
enum OutboxRows {
    static let columns = "id, incident_id, channel, target, recipients, subject, body, extras, purpose, created_at"

    /// ``columns`` of the table aliased `alias`, for a query that joins it to itself.
    static func columns(of alias: String) -> String {
        columns.split(separator: ", ").map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// True for a row `m` with no earlier pending message in its queue (`seq` is the order messages were written).
    static let isQueueHead = """
        NOT EXISTS (SELECT 1 FROM outbox_message ahead WHERE ahead.status = 'pending' AND ahead.channel = m.channel
                    AND ahead.target = m.target AND ahead.seq < m.seq)
        """

    /// A message about no incident has a NULL `incident_id`.
    static func insert(_ message: OutboxMessage, _ connection: PostgresConnection, logger: Logger) async throws {
        let recipients = String(decoding: try JSONEncoder.sorted.encode(message.recipients), as: UTF8.self)
        let created = message.createdAt.timeIntervalSince1970
        try await connection.run("""
            INSERT INTO outbox_message (id, incident_id, channel, target, recipients, subject, body, extras, purpose, created_at, next_attempt_at)
            VALUES (\(message.id), \(message.incident?.value), \(message.channel), \(message.target), \(recipients), \(message.subject),
                    \(message.body), \(message.extras), \(message.purpose), \(created), \(created))
            """, logger: logger)
    }

    static func decode(_ row: PostgresRandomAccessRow) throws -> OutboxMessage {
        let recipientsText: String = try row.value("recipients")
        let recipients = (try? JSONDecoder().decode([String].self, from: Data(recipientsText.utf8))) ?? []
        return OutboxMessage(
            id: try row.value("id"), incident: try row.value("incident_id", as: Int64?.self).map(IncidentNumber.init),
            channel: try row.value("channel"), target: try row.value("target"), recipients: recipients, subject: try row.value("subject"),
            body: try row.value("body"), extras: try row.value("extras"), purpose: try row.value("purpose"),
            createdAt: Date(timeIntervalSince1970: try row.value("created_at")))
    }

    /// The incident a message we sent was about, by the message's id.
    static func incident(ofMessage id: String, _ connection: PostgresConnection, logger: Logger) async throws -> IncidentNumber? {
        try await connection.rows("SELECT incident_id FROM outbox_message WHERE id = \(id)", logger: logger)
            .first?.value("incident_id", as: Int64?.self).map(IncidentNumber.init)
    }
}
