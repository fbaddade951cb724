import Foundation
import Logging
import OncallCore
import PostgresNIO

/// Maintenance windows. An incident's hold is written with the incident (`IncidentRows`);
/// ending a window moves its held incidents' release timers in the same transaction.
public struct PostgresMaintenanceRepository: MaintenanceStore {
    let database: PostgresDatabase

    public func addWindow(_ make: @escaping @Sendable (Int64) throws -> MaintenanceWindow) async throws -> MaintenanceWindow {
        let logger = database.logger
        return try await database.transaction { connection in
            let id = try await connection.rows("SELECT nextval('maintenance_window_id_seq') AS id", logger: logger)[0].value("id", as: Int64.self)
            let window = try make(id)
            try await connection.run("""
                INSERT INTO maintenance_window (id, starts_at, ends_at, services, matchers, reason, created_by, created_at)
                VALUES (\(window.id), \(window.startsAt.timeIntervalSince1970), \(window.endsAt.timeIntervalSince1970),
                        \(MaintenanceColumns.services(window.services)), \(MaintenanceColumns.matchers(window.matchers)),
                        \(window.reason), \(window.createdBy), \(window.createdAt.timeIntervalSince1970))
                """, logger: logger)
            return window
        }
    }

    public func windows(at now: Date, includingPast: Bool) async throws -> [MaintenanceWindow] {
        let logger = database.logger
        let at = now.timeIntervalSince1970
        return try await database.read { connection in
            let rows = includingPast
                ? try await connection.rows("SELECT * FROM maintenance_window ORDER BY starts_at DESC, id DESC LIMIT 500", logger: logger)
                : try await connection.rows("""
                    SELECT * FROM maintenance_window WHERE LEAST(ends_at, COALESCE(ended_at, ends_at)) > \(at) ORDER BY starts_at, id
                    """, logger: logger)
            return try rows.map(Self.window)
        }
    }

    public func endWindow(_ id: Int64, at now: Date, by actor: String) async throws -> MaintenanceWindow? {
        let (database, logger) = (database, database.logger)
        let at = now.timeIntervalSince1970
        return try await database.transaction { connection in
            guard let row = try await connection.rows("SELECT * FROM maintenance_window WHERE id = \(id) FOR UPDATE", logger: logger).first
            else { return nil }
            var window = try Self.window(row)
            guard window.effectiveEnd > now else { return window }
            try await connection.run(
                "UPDATE maintenance_window SET ended_at = \(at), ended_by = \(actor) WHERE id = \(id)", logger: logger)
            try await connection.run("""
                UPDATE timer SET due_at = \(at) WHERE kind = \(TimerKind.maintenanceRelease.rawValue) AND status = 'pending' AND due_at > \(at)
                    AND incident_id IN (SELECT id FROM incident WHERE maintenance_window = \(id))
                """, logger: logger)
            // The active node (maybe another) sleeps until its next timer: wake it for the ones moved.
            try await PostgresUnitOfWork.notifyWakeup(connection, database: database)
            window.endedAt = now
            window.endedBy = actor
            return window
        }
    }

    static func window(_ row: PostgresRandomAccessRow) throws -> MaintenanceWindow {
        let id: Int64 = try row.value("id")
        let (services, matchers) = try MaintenanceColumns.decode(
            services: try row.value("services"), matchers: try row.value("matchers"), row: "maintenance window \(id)")
        return MaintenanceWindow(
            id: id, startsAt: Date(timeIntervalSince1970: try row.value("starts_at")),
            endsAt: Date(timeIntervalSince1970: try row.value("ends_at")), services: services, matchers: matchers,
            reason: try row.value("reason"), createdBy: try row.value("created_by"),
            createdAt: Date(timeIntervalSince1970: try row.value("created_at")),
            endedAt: try row.value("ended_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            endedBy: try row.value("ended_by", as: String?.self))
    }
}
