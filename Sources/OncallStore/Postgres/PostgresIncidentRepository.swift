import Foundation
import Logging
import OncallCore
import PostgresNIO

/// Incidents and their append-only timelines. A change locks the incident's row (`FOR UPDATE`),
/// so two nodes changing one incident take turns and each decides on what the other committed.
public struct PostgresIncidentRepository: IncidentStore {
    let database: PostgresDatabase

    public func create(
        idempotencyKey: String?, _ make: @escaping @Sendable (IncidentNumber) throws -> IncidentChange
    ) async throws -> (incident: Incident, created: Bool) {
        let logger = database.logger
        return try await database.transaction { connection in
            if let idempotencyKey, let earlier = try await IncidentRows.fetch(idempotencyKey: idempotencyKey, connection, logger: logger) {
                return (earlier, false)
            }
            let next = try await connection.rows("SELECT nextval('incident_number') AS n", logger: logger)[0].value("n", as: Int64.self)
            let change = try make(IncidentNumber(next))
            try await IncidentRows.insert(change.incident, idempotencyKey: idempotencyKey, connection, logger: logger)
            try await PostgresUnitOfWork.record(change, connection, database: database, creating: true)
            return (change.incident, true)
        }
    }

    public func update(
        _ id: IncidentNumber, _ change: @escaping @Sendable (Incident) throws -> IncidentChange
    ) async throws -> Incident {
        let logger = database.logger
        return try await database.transaction { connection in
            guard let current = try await IncidentRows.fetch(id, forUpdate: true, connection, logger: logger) else {
                throw StoreError.notFound(id)
            }
            let decided = try change(current)
            try await IncidentRows.save(decided.incident, connection, logger: logger)
            try await PostgresUnitOfWork.record(decided, connection, database: database)
            return decided.incident
        }
    }

    public func incident(_ id: IncidentNumber) async throws -> Incident? {
        let logger = database.logger
        return try await database.read { connection in try await IncidentRows.fetch(id, forUpdate: false, connection, logger: logger) }
    }

    public func timeline(of id: IncidentNumber) async throws -> [TimelineEvent] {
        let database = database
        return try await database.read { connection in try await TimelineRows.events(of: id, connection, database: database) }
    }

    public func incidents(_ query: IncidentQuery) async throws -> [Incident] {
        var sql = PostgresSQL()
        var clauses = try IncidentRows.conditions(
            states: query.states, level: query.level, from: query.since, until: query.until, table: "", into: &sql)
        if let before = query.before { clauses.append("id < \(try sql.bind(before.value))") }
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let limit = try sql.bind(query.limit)
        let statement = sql.query("SELECT data FROM incident \(filter) ORDER BY id DESC LIMIT \(limit)")
        let logger = database.logger
        return try await database.read { connection in
            try await connection.rows(statement, logger: logger).map(IncidentRows.decode)
        }
    }
}

/// The `incident` table: the incident as JSON in `data` (through `IncidentRecord`'s `Codable`, as
/// SQLite's columns are), with the fields that listings and the archive filter on as columns.
enum IncidentRows {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder.sorted
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    static func data(_ incident: Incident) throws -> String {
        String(decoding: try encoder.encode(IncidentRecord(incident)), as: UTF8.self)
    }

    static func decode(_ row: PostgresRandomAccessRow) throws -> Incident {
        try decoder.decode(IncidentRecord.self, from: Data(try row.value("data", as: String.self).utf8)).incident
    }

    static func insert(_ incident: Incident, idempotencyKey: String?, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run("""
            INSERT INTO incident (id, level, state, reported_at, resolved_at, organisation, service, idempotency_key, maintenance_window, data)
            VALUES (\(incident.id.value), \(incident.level.rawValue), \(incident.state.rawValue), \(incident.reportedAt.timeIntervalSince1970),
                    \(incident.resolvedAt?.timeIntervalSince1970), \(incident.form.organisation), \(incident.form.service),
                    \(idempotencyKey), \(incident.maintenance?.window), \(try data(incident)))
            """, logger: logger)
    }

    /// Saves a changed incident; the idempotency key written at creation stays.
    static func save(_ incident: Incident, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run("""
            UPDATE incident SET level = \(incident.level.rawValue), state = \(incident.state.rawValue),
                reported_at = \(incident.reportedAt.timeIntervalSince1970), resolved_at = \(incident.resolvedAt?.timeIntervalSince1970),
                organisation = \(incident.form.organisation), service = \(incident.form.service),
                maintenance_window = \(incident.maintenance?.window), data = \(try data(incident))
            WHERE id = \(incident.id.value)
            """, logger: logger)
    }

    static func fetch(_ id: IncidentNumber, forUpdate: Bool, _ connection: PostgresConnection, logger: Logger) async throws -> Incident? {
        let lock = forUpdate ? " FOR UPDATE" : ""
        return try await connection.rows("SELECT data FROM incident WHERE id = \(id.value)\(unescaped: lock)", logger: logger)
            .first.map(decode)
    }

    static func fetch(idempotencyKey: String, _ connection: PostgresConnection, logger: Logger) async throws -> Incident? {
        try await connection.rows("SELECT data FROM incident WHERE idempotency_key = \(idempotencyKey)", logger: logger).first.map(decode)
    }

    /// Conditions that both the listings and the archive search filter by; `table` prefixes the columns (`"i."`).
    static func conditions(
        states: Set<IncidentState>?, level: Level?, from: Date?, until: Date?, table: String, into sql: inout PostgresSQL
    ) throws -> [String] {
        var clauses: [String] = []
        if let states { clauses.append("\(table)state = ANY(\(try sql.bind(states.map(\.rawValue).sorted())))") }
        if let level { clauses.append("\(table)level = \(try sql.bind(level.rawValue))") }
        if let from { clauses.append("\(table)reported_at >= \(try sql.bind(from.timeIntervalSince1970))") }
        if let until { clauses.append("\(table)reported_at < \(try sql.bind(until.timeIntervalSince1970))") }
        return clauses
    }
}

/// The `timeline_event` table: entries are appended, never changed (a trigger refuses updates).
enum TimelineRows {
    static func append(_ events: [TimelineEvent], to id: IncidentNumber, _ connection: PostgresConnection, logger: Logger) async throws {
        for event in events {
            try await connection.run("""
                INSERT INTO timeline_event (incident_id, at, kind, actor, details)
                VALUES (\(id.value), \(event.at.timeIntervalSince1970), \(event.kind.rawValue), \(event.actor), \(event.storedDetails))
                """, logger: logger)
        }
    }

    /// The incident's entries, oldest first. An entry this version cannot read is an error
    /// (counted for `/metrics`), never shown as something else.
    static func events(of id: IncidentNumber, _ connection: PostgresConnection, database: PostgresDatabase) async throws -> [TimelineEvent] {
        try await connection.rows(
            "SELECT id, at, kind, actor, details FROM timeline_event WHERE incident_id = \(id.value) ORDER BY id", logger: database.logger
        ).map { row in
            do {
                return try TimelineEvent(
                    storedKind: row.value("kind"), at: Date(timeIntervalSince1970: row.value("at")), actor: row.value("actor"),
                    storedDetails: row.value("details"), row: "incident \(id) timeline entry \(try row.value("id", as: Int64.self))")
            } catch let error as StoreError {
                throw database.unreadable(error)
            }
        }
    }
}
