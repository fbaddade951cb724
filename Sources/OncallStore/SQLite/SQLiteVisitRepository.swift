import Foundation
import GRDB
import OncallCore

/// Field visits, and dispatch decisions that need every engineer's current workload.
public struct SQLiteVisitRepository: VisitStore {
    let database: SQLiteDatabase

    public func updateWithVisits(
        _ id: IncidentNumber, loadSince: Date,
        _ change: @escaping @Sendable (Incident, [Visit], EngineerWorkload) throws -> IncidentChange
    ) async throws -> (incident: Incident, visits: [Visit]) {
        try await database.writer.write { db in
            guard let current = try IncidentRecord.fetch(id, db) else { throw StoreError.notFound(id) }
            var workload = EngineerWorkload()
            for row in try Row.fetchAll(db, sql: "SELECT engineer, incidentId FROM visit WHERE state IN \(VisitTable.openStates)") {
                workload.openDispatches[row["engineer"]] = IncidentNumber(row["incidentId"] as Int64)
            }
            for row in try Row.fetchAll(db, sql: "SELECT engineer, COUNT(*) AS n FROM visit WHERE dispatchedAt >= ? GROUP BY engineer",
                                        arguments: [loadSince.timeIntervalSince1970]) {
                workload.recentDispatches[row["engineer"]] = row["n"]
            }
            let decided = try change(current, try VisitTable.visits(of: id, db), workload)
            if decided.incident != current { try IncidentRecord.save(decided.incident, db) }
            try UnitOfWork.record(decided, in: db)
            return (decided.incident, try VisitTable.visits(of: id, db))
        }
    }

    public func visits(of id: IncidentNumber) async throws -> [Visit] {
        try await database.pool.read { db in try VisitTable.visits(of: id, db) }
    }

    public func visits(_ query: VisitQuery) async throws -> [Visit] {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if query.openOnly { clauses.append("state IN \(VisitTable.openStates)") }
        if let branch = query.branch {
            clauses.append("branch = ?")
            arguments += [branch]
        }
        if let since = query.since {
            clauses.append("dispatchedAt >= ?")
            arguments += [since.timeIntervalSince1970]
        }
        arguments += [query.limit]
        let sql = "SELECT data FROM visit \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")) ORDER BY dispatchedAt DESC LIMIT ?"
        let finalArguments = arguments
        return try await database.pool.read { db in try String.fetchAll(db, sql: sql, arguments: finalArguments).compactMap(VisitTable.decode) }
    }
}

/// The `visit` table: one row per incident and attempt, the visit as JSON with its searchable fields as columns.
enum VisitTable {
    static let openStates = "('dispatched', 'accepted', 'en_route', 'on_site')"

    static func save(_ visit: Visit, in db: Database) throws {
        let data = String(decoding: try JSONEncoder.sorted.encode(VisitRecord(visit)), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO visit (incidentId, attempt, engineer, branch, state, slaKind, dispatchedAt, data)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (incidentId, attempt) DO UPDATE SET state = excluded.state, data = excluded.data
            """, arguments: [visit.incident.value, visit.attempt, visit.engineer, visit.branch, visit.state.rawValue, visit.slaKind.rawValue,
                             visit.dispatchedAt.timeIntervalSince1970, data])
    }

    static func visits(of id: IncidentNumber, _ db: Database) throws -> [Visit] {
        try String.fetchAll(db, sql: "SELECT data FROM visit WHERE incidentId = ? ORDER BY attempt", arguments: [id.value])
            .compactMap(decode)
    }

    static func decode(_ data: String) -> Visit? {
        (try? JSONDecoder().decode(VisitRecord.self, from: Data(data.utf8)))?.visit
    }
}
