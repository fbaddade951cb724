import Foundation
import Logging
import OncallCore
import PostgresNIO

/// Field visits, and dispatch decisions that need every engineer's current workload. The
/// decision runs under a transaction-scoped advisory lock, so two nodes dispatching at once
/// each see the other's committed visits (one engineer is not sent to two sites).
public struct PostgresVisitRepository: VisitStore {
    let database: PostgresDatabase
    static let dispatchLockKey: Int64 = 0x6F6E_6361_6C6C_0002  // "oncall" + 2: dispatch decisions

    public func updateWithVisits(
        _ id: IncidentNumber, loadSince: Date,
        _ change: @escaping @Sendable (Incident, [Visit], EngineerWorkload) throws -> IncidentChange
    ) async throws -> (incident: Incident, visits: [Visit]) {
        let (database, logger) = (database, database.logger)
        return try await database.transaction { connection in
            try await connection.run("SELECT pg_advisory_xact_lock(\(Self.dispatchLockKey))", logger: logger)
            guard let current = try await IncidentRows.fetch(id, forUpdate: true, connection, logger: logger) else {
                throw StoreError.notFound(id)
            }
            var workload = EngineerWorkload()
            for row in try await connection.rows(
                "SELECT engineer, incident_id FROM visit WHERE state = ANY(\(VisitRows.openStates))", logger: logger) {
                workload.openDispatches[try row.value("engineer")] = IncidentNumber(try row.value("incident_id", as: Int64.self))
            }
            for row in try await connection.rows("""
                SELECT engineer, COUNT(*) AS n FROM visit WHERE dispatched_at >= \(loadSince.timeIntervalSince1970) GROUP BY engineer
                """, logger: logger) {
                workload.recentDispatches[try row.value("engineer")] = try row.value("n", as: Int.self)
            }
            let decided = try change(current, try await VisitRows.visits(of: id, connection, logger: logger), workload)
            if decided.incident != current { try await IncidentRows.save(decided.incident, connection, logger: logger) }
            try await PostgresUnitOfWork.record(decided, connection, database: database)
            return (decided.incident, try await VisitRows.visits(of: id, connection, logger: logger))
        }
    }

    public func visits(of id: IncidentNumber) async throws -> [Visit] {
        let logger = database.logger
        return try await database.read { connection in try await VisitRows.visits(of: id, connection, logger: logger) }
    }

    public func visits(_ query: VisitQuery) async throws -> [Visit] {
        var sql = PostgresSQL()
        var clauses: [String] = []
        if query.openOnly { clauses.append("state = ANY(\(try sql.bind(VisitRows.openStates)))") }
        if let branch = query.branch { clauses.append("branch = \(try sql.bind(branch))") }
        if let since = query.since { clauses.append("dispatched_at >= \(try sql.bind(since.timeIntervalSince1970))") }
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let limit = try sql.bind(query.limit)
        let statement = sql.query("SELECT data FROM visit \(filter) ORDER BY dispatched_at DESC LIMIT \(limit)")
        let logger = database.logger
        return try await database.read { connection in
            try await connection.rows(statement, logger: logger).compactMap { VisitRows.decode(try $0.value("data")) }
        }
    }
}

/// The `visit` table: one row per incident and attempt, the visit as JSON (`VisitRecord`, as in
/// SQLite) with its searchable fields as columns.
enum VisitRows {
    static let openStates = VisitState.allCases.filter(\.isOpen).map(\.rawValue)

    static func save(_ visit: Visit, _ connection: PostgresConnection, logger: Logger) async throws {
        let data = String(decoding: try JSONEncoder.sorted.encode(VisitRecord(visit)), as: UTF8.self)
        try await connection.run("""
            INSERT INTO visit (incident_id, attempt, engineer, branch, state, sla_kind, dispatched_at, data)
            VALUES (\(visit.incident.value), \(visit.attempt), \(visit.engineer), \(visit.branch), \(visit.state.rawValue),
                    \(visit.slaKind.rawValue), \(visit.dispatchedAt.timeIntervalSince1970), \(data))
            ON CONFLICT (incident_id, attempt) DO UPDATE SET state = excluded.state, data = excluded.data
            """, logger: logger)
    }

    static func visits(of id: IncidentNumber, _ connection: PostgresConnection, logger: Logger) async throws -> [Visit] {
        try await connection.rows("SELECT data FROM visit WHERE incident_id = \(id.value) ORDER BY attempt", logger: logger)
            .compactMap { decode(try $0.value("data")) }
    }

    static func decode(_ data: String) -> Visit? {
        (try? JSONDecoder().decode(VisitRecord.self, from: Data(data.utf8)))?.visit
    }
}
