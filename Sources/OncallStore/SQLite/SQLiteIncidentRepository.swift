import Foundation
import GRDB
import OncallCore

/// Incidents and their append-only timelines.
public struct SQLiteIncidentRepository: IncidentStore {
    let database: SQLiteDatabase

    /// The decision (`make`) runs here, on the caller's task, with a number reserved for it; the
    /// writer only checks the idempotency key again and inserts, so concurrent reports decide in parallel.
    public func create(
        idempotencyKey: String?, _ make: @escaping @Sendable (IncidentNumber) throws -> IncidentChange
    ) async throws -> (incident: Incident, created: Bool) {
        if let idempotencyKey, let earlier = try await database.pool.read({ db in try IncidentTable.fetch(idempotencyKey: idempotencyKey, db) }) {
            return (earlier, false)
        }
        let numbers = database.incidentNumbers
        let number = numbers.reserve()
        do {
            let change = try make(IncidentNumber(number))
            let result = try await database.writer.write { db -> (incident: Incident, created: Bool) in
                // The same key may have been committed since the read above.
                if let idempotencyKey, let earlier = try IncidentTable.fetch(idempotencyKey: idempotencyKey, db) {
                    return (earlier, false)
                }
                try IncidentRecord(change.incident, idempotencyKey: idempotencyKey).insert(db)
                try UnitOfWork.record(change, in: db, creating: true)
                return (change.incident, true)
            }
            if !result.created { numbers.giveBack(number) }
            return result
        } catch {
            numbers.giveBack(number)
            throw error
        }
    }

    public func update(
        _ id: IncidentNumber, _ change: @escaping @Sendable (Incident) throws -> IncidentChange
    ) async throws -> Incident {
        try await database.writer.write { db in
            guard let current = try IncidentRecord.fetch(id, db) else { throw StoreError.notFound(id) }
            let decided = try change(current)
            try IncidentRecord.save(decided.incident, db)
            try UnitOfWork.record(decided, in: db)
            return decided.incident
        }
    }

    public func incident(_ id: IncidentNumber) async throws -> Incident? {
        try await database.pool.read { db in try IncidentRecord.fetch(id, db) }
    }

    public func timeline(of id: IncidentNumber) async throws -> [TimelineEvent] {
        let database = database
        return try await database.pool.read { db in try TimelineTable.events(of: id, db, database: database) }
    }

    public func incidents(_ query: IncidentQuery) async throws -> [Incident] {
        var (clauses, arguments) = IncidentFilter.conditions(states: query.states, level: query.level, from: query.since, until: query.until)
        if let before = query.before {
            clauses.append("id < ?")
            arguments += [before.value]
        }
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        arguments += [query.limit]
        let sql = "SELECT * FROM incident \(filter) ORDER BY id DESC LIMIT ?"
        let finalArguments = arguments
        return try await database.pool.read { db in
            try IncidentRecord.fetchAll(db, sql: sql, arguments: finalArguments).map(\.incident)
        }
    }
}

/// Reads of the `incident` table that other repositories share.
enum IncidentTable {
    static func fetch(idempotencyKey: String, _ db: Database) throws -> Incident? {
        try IncidentRecord.fetchOne(db, sql: "SELECT * FROM incident WHERE idempotencyKey = ?", arguments: [idempotencyKey])?.incident
    }
}

/// The `timelineEvent` table: entries are appended, never changed (a trigger refuses updates).
enum TimelineTable {
    static func append(_ events: [TimelineEvent], to id: IncidentNumber, in db: Database) throws {
        for event in events {
            try db.cachedStatement(sql: "INSERT INTO timelineEvent (incidentId, at, kind, actor, details) VALUES (?, ?, ?, ?, ?)").execute(arguments: [id.value, event.at.timeIntervalSince1970, event.kind.rawValue, event.actor, event.storedDetails])
        }
    }

    /// The incident's entries, oldest first. An entry of a kind this version does not know is an
    /// error (counted for `/metrics`), never shown as something else.
    static func events(of id: IncidentNumber, _ db: Database, database: SQLiteDatabase) throws -> [TimelineEvent] {
        try Row.fetchAll(db, sql: "SELECT id, at, kind, actor, details FROM timelineEvent WHERE incidentId = ? ORDER BY id",
                         arguments: [id.value]).map { row in
            do {
                return try TimelineEvent(
                    storedKind: row["kind"], at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"],
                    storedDetails: row["details"], row: "incident \(id) timeline entry \(row["id"] as Int64)")
            } catch let error as StoreError {
                throw database.unreadable(error)
            }
        }
    }
}
