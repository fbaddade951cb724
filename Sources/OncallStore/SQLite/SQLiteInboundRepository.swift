import Foundation
import GRDB
import OncallCore
import OncallSupport

/// Inbound bookkeeping: dedup records, reply threading and the quarantine.
public struct SQLiteInboundRepository: InboundStore {
    let database: SQLiteDatabase
    /// Tells our own Message-IDs (a delivery's id, an incident's thread root) from others'.
    let ownMessageIDs: MessageIDDomain

    public func inboundRecord(key: String) async throws -> InboundRecord? {
        try await database.pool.read { db in try InboundTable.record(key: key, db) }
    }

    public func incident(idempotencyKey: String) async throws -> Incident? {
        try await database.pool.read { db in try IncidentTable.fetch(idempotencyKey: idempotencyKey, db) }
    }

    public func incident(referencedBy messageIDs: [String]) async throws -> IncidentNumber? {
        try await database.pool.read { db in
            // The caller lists the nearest reference first (In-Reply-To, then References newest first).
            for raw in messageIDs {
                let id = raw.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
                if let value = try Int64.fetchOne(db, sql: "SELECT incidentId FROM inboundMessage WHERE messageId = ? AND incidentId IS NOT NULL",
                                                  arguments: [id]) {
                    return IncidentNumber(value)
                }
                guard let local = ownMessageIDs.localPart(of: id) else { continue }
                // Our own mail: a delivery's id, or an incident's thread root (inc-000123).
                if let incident = try OutboxTable.incident(ofMessage: local, db) { return incident }
                if let number = IncidentNumber(local), try IncidentRecord.fetch(number, db) != nil { return number }
            }
            return nil
        }
    }

    public func incident(answeringDeliveryIn messageIDs: [String]) async throws -> IncidentNumber? {
        try await database.pool.read { db in
            for raw in messageIDs {
                guard let local = ownMessageIDs.localPart(of: raw) else { continue }
                if let incident = try OutboxTable.incident(ofMessage: local, db) { return incident }
            }
            return nil
        }
    }

    public func recordInbound(_ record: InboundRecord, raw: Data?) async throws -> InboundRecord {
        try await database.writer.write { db in
            if let earlier = try InboundTable.record(key: record.key, db) { return earlier }
            try InboundTable.insert(record, incident: nil, in: db)
            if let raw, record.outcome == .quarantined {
                try db.cachedStatement(sql: """
                    INSERT INTO quarantine (inboundKey, integration, kind, receivedAt, reason, raw) VALUES (?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [record.key, record.integration, record.kind, record.receivedAt.timeIntervalSince1970, record.detail, raw])
            }
            return record
        }
    }

    public func quarantine(status: QuarantinedMessage.Status?, limit: Int) async throws -> [QuarantinedMessage] {
        try await database.pool.read { db in
            let filter = status == nil ? "" : "WHERE status = ?"
            let arguments: StatementArguments = status.map { [$0.rawValue, limit] } ?? [limit]
            return try Row.fetchAll(db, sql: "SELECT * FROM quarantine \(filter) ORDER BY id DESC LIMIT ?", arguments: arguments)
                .map(InboundTable.decodeQuarantined)
        }
    }

    public func quarantined(_ id: Int64) async throws -> QuarantinedMessage? {
        try await database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM quarantine WHERE id = ?", arguments: [id]).map(InboundTable.decodeQuarantined)
        }
    }

    public func setQuarantineStatus(_ id: Int64, _ status: QuarantinedMessage.Status) async throws {
        try await database.writer.write { db in
            try db.cachedStatement(sql: "UPDATE quarantine SET status = ? WHERE id = ?").execute(arguments: [status.rawValue, id])
        }
    }
}

/// The `inboundMessage` and `quarantine` tables.
enum InboundTable {
    /// Records a message; one that changed an incident is linked to it.
    static func insert(_ record: InboundRecord, incident: IncidentNumber?, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO inboundMessage (key, integration, kind, messageId, receivedAt, outcome, incidentId, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [record.key, record.integration, record.kind, record.messageID, record.receivedAt.timeIntervalSince1970,
                             record.outcome.rawValue, (incident ?? record.incident)?.value, record.detail])
    }

    static func record(key: String, _ db: Database) throws -> InboundRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM inboundMessage WHERE key = ?", arguments: [key]).map(decode)
    }

    static func decode(_ row: Row) -> InboundRecord {
        let incident: Int64? = row["incidentId"]
        return InboundRecord(
            key: row["key"], integration: row["integration"], kind: row["kind"], messageID: row["messageId"],
            receivedAt: Date(timeIntervalSince1970: row["receivedAt"]),
            outcome: InboundRecord.Outcome(rawValue: row["outcome"]) ?? .ignored, incident: incident.map(IncidentNumber.init),
            detail: row["detail"])
    }

    static func decodeQuarantined(_ row: Row) -> QuarantinedMessage {
        QuarantinedMessage(
            id: row["id"], integration: row["integration"], kind: row["kind"], receivedAt: Date(timeIntervalSince1970: row["receivedAt"]),
            reason: row["reason"], raw: row["raw"], status: QuarantinedMessage.Status(rawValue: row["status"]) ?? .held)
    }
}
