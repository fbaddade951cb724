import Foundation
import GRDB
import OncallCore

/// Maintenance windows. An incident's hold is written with the incident (`IncidentRecord`);
/// ending a window moves its held incidents' release timers in the same transaction.
public struct SQLiteMaintenanceRepository: MaintenanceStore {
    let database: SQLiteDatabase

    public func addWindow(_ make: @escaping @Sendable (Int64) throws -> MaintenanceWindow) async throws -> MaintenanceWindow {
        try await database.writer.write { db in
            let next = (try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'maintenanceWindow'") ?? 0) + 1
            let window = try make(next)
            try db.execute(sql: """
                INSERT INTO maintenanceWindow (id, startsAt, endsAt, services, matchers, reason, createdBy, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [window.id, window.startsAt.timeIntervalSince1970, window.endsAt.timeIntervalSince1970,
                                 MaintenanceColumns.services(window.services), MaintenanceColumns.matchers(window.matchers),
                                 window.reason, window.createdBy, window.createdAt.timeIntervalSince1970])
            return window
        }
    }

    public func windows(at now: Date, includingPast: Bool) async throws -> [MaintenanceWindow] {
        let sql = includingPast
            ? "SELECT * FROM maintenanceWindow ORDER BY startsAt DESC, id DESC LIMIT 500"
            : "SELECT * FROM maintenanceWindow WHERE MIN(endsAt, COALESCE(endedAt, endsAt)) > ? ORDER BY startsAt, id"
        let arguments: StatementArguments = includingPast ? [] : [now.timeIntervalSince1970]
        return try await database.pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.window)
        }
    }

    public func endWindow(_ id: Int64, at now: Date, by actor: String) async throws -> MaintenanceWindow? {
        try await database.writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM maintenanceWindow WHERE id = ?", arguments: [id]) else { return nil }
            let window = try Self.window(row)
            guard window.effectiveEnd > now else { return window }
            let at = now.timeIntervalSince1970
            try db.execute(sql: "UPDATE maintenanceWindow SET endedAt = ?, endedBy = ? WHERE id = ?", arguments: [at, actor, id])
            try db.execute(sql: """
                UPDATE timer SET dueAt = ? WHERE kind = ? AND status = 'pending' AND dueAt > ?
                    AND incidentId IN (SELECT id FROM incident WHERE maintenanceWindow = ?)
                """, arguments: [at, TimerKind.maintenanceRelease.rawValue, at, id])
            var ended = window
            ended.endedAt = now
            ended.endedBy = actor
            return ended
        }
    }

    static func window(_ row: Row) throws -> MaintenanceWindow {
        let id: Int64 = row["id"]
        let (services, matchers) = try MaintenanceColumns.decode(services: row["services"], matchers: row["matchers"], row: "maintenance window \(id)")
        return MaintenanceWindow(
            id: id, startsAt: Date(timeIntervalSince1970: row["startsAt"]), endsAt: Date(timeIntervalSince1970: row["endsAt"]),
            services: services, matchers: matchers, reason: row["reason"], createdBy: row["createdBy"],
            createdAt: Date(timeIntervalSince1970: row["createdAt"]),
            endedAt: (row["endedAt"] as Double?).map(Date.init(timeIntervalSince1970:)), endedBy: row["endedBy"])
    }
}
