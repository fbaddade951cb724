import Foundation
import Logging
import OncallCore
import OncallSupport
import PostgresNIO

/// Inbound bookkeeping: dedup records, reply threading and the quarantine.
public struct PostgresInboundRepository: InboundStore {
    let database: PostgresDatabase
    /// Tells our own Message-IDs (a delivery's id, an incident's thread root) from others'.
    let ownMessageIDs: MessageIDDomain

    public func inboundRecord(key: String) async throws -> InboundRecord? {
        let logger = database.logger
        return try await database.read { connection in try await InboundRows.record(key: key, connection, logger: logger) }
    }

    public func incident(idempotencyKey: String) async throws -> Incident? {
        let logger = database.logger
        return try await database.read { connection in try await IncidentRows.fetch(idempotencyKey: idempotencyKey, connection, logger: logger) }
    }

    public func incident(referencedBy messageIDs: [String]) async throws -> IncidentNumber? {
        let (logger, ownMessageIDs) = (database.logger, ownMessageIDs)
        return try await database.read { connection in
            // The caller lists the nearest reference first (In-Reply-To, then References newest first).
            for raw in messageIDs {
                let id = raw.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
                if let value = try await connection.rows(
                    "SELECT incident_id FROM inbound_message WHERE message_id = \(id) AND incident_id IS NOT NULL LIMIT 1", logger: logger
                ).first?.value("incident_id", as: Int64.self) {
                    return IncidentNumber(value)
                }
                guard let local = ownMessageIDs.localPart(of: id) else { continue }
                // Our own mail: a delivery's id, or an incident's thread root (inc-000123).
                if let incident = try await OutboxRows.incident(ofMessage: local, connection, logger: logger) { return incident }
                if let number = IncidentNumber(local), try await IncidentRows.fetch(number, forUpdate: false, connection, logger: logger) != nil {
                    return number
                }
            }
            return nil
        }
    }

    public func incident(answeringDeliveryIn messageIDs: [String]) async throws -> IncidentNumber? {
        let (logger, ownMessageIDs) = (database.logger, ownMessageIDs)
        return try await database.read { connection in
            for raw in messageIDs {
                guard let local = ownMessageIDs.localPart(of: raw) else { continue }
                if let incident = try await OutboxRows.incident(ofMessage: local, connection, logger: logger) { return incident }
            }
            return nil
        }
    }

    public func recordInbound(_ record: InboundRecord, raw: Data?) async throws -> InboundRecord {
        let logger = database.logger
        return try await database.transaction { connection in
            if let earlier = try await InboundRows.record(key: record.key, connection, logger: logger) { return earlier }
            try await InboundRows.insert(record, incident: nil, connection, logger: logger)
            if let raw, record.outcome == .quarantined {
                try await connection.run("""
                    INSERT INTO quarantine (inbound_key, integration, kind, received_at, reason, raw)
                    VALUES (\(record.key), \(record.integration), \(record.kind), \(record.receivedAt.timeIntervalSince1970), \(record.detail), \(raw))
                    """, logger: logger)
            }
            return record
        }
    }

    public func quarantine(status: QuarantinedMessage.Status?, limit: Int) async throws -> [QuarantinedMessage] {
        let logger = database.logger
        return try await database.read { connection in
            let rows = if let status {
                try await connection.rows("SELECT * FROM quarantine WHERE status = \(status.rawValue) ORDER BY id DESC LIMIT \(limit)", logger: logger)
            } else {
                try await connection.rows("SELECT * FROM quarantine ORDER BY id DESC LIMIT \(limit)", logger: logger)
            }
            return try rows.map(InboundRows.decodeQuarantined)
        }
    }

    public func quarantined(_ id: Int64) async throws -> QuarantinedMessage? {
        let logger = database.logger
        return try await database.read { connection in
            try await connection.rows("SELECT * FROM quarantine WHERE id = \(id)", logger: logger).first.map(InboundRows.decodeQuarantined)
        }
    }

    public func setQuarantineStatus(_ id: Int64, _ status: QuarantinedMessage.Status) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            try await connection.run("UPDATE quarantine SET status = \(status.rawValue) WHERE id = \(id)", logger: logger)
        }
    }
}

/// The `inbound_message` and `quarantine` tables.
enum InboundRows {
    /// Records a message; one that changed an incident is linked to it.
    static func insert(_ record: InboundRecord, incident: IncidentNumber?, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run("""
            INSERT INTO inbound_message (key, integration, kind, message_id, received_at, outcome, incident_id, detail)
            VALUES (\(record.key), \(record.integration), \(record.kind), \(record.messageID), \(record.receivedAt.timeIntervalSince1970),
                    \(record.outcome.rawValue), \((incident ?? record.incident)?.value), \(record.detail))
            """, logger: logger)
    }

    static func record(key: String, _ connection: PostgresConnection, logger: Logger) async throws -> InboundRecord? {
        try await connection.rows("SELECT * FROM inbound_message WHERE key = \(key)", logger: logger).first.map(decode)
    }

    static func decode(_ row: PostgresRandomAccessRow) throws -> InboundRecord {
        InboundRecord(
            key: try row.value("key"), integration: try row.value("integration"), kind: try row.value("kind"),
            messageID: try row.value("message_id"), receivedAt: Date(timeIntervalSince1970: try row.value("received_at")),
            outcome: InboundRecord.Outcome(rawValue: try row.value("outcome")) ?? .ignored,
            incident: try row.value("incident_id", as: Int64?.self).map(IncidentNumber.init), detail: try row.value("detail"))
    }

    static func decodeQuarantined(_ row: PostgresRandomAccessRow) throws -> QuarantinedMessage {
        QuarantinedMessage(
            id: try row.value("id"), integration: try row.value("integration"), kind: try row.value("kind"),
            receivedAt: Date(timeIntervalSince1970: try row.value("received_at")), reason: try row.value("reason"),
            raw: try row.value("raw"), status: QuarantinedMessage.Status(rawValue: try row.value("status")) ?? .held)
    }
}
