import Foundation
import OncallCore
import PostgresNIO

/// Heartbeat states, one row per name; a change locks its row, so a beat on one node and the
/// active node's miss take turns.
public struct PostgresHeartbeatRepository: HeartbeatStore {
    let database: PostgresDatabase

    public func heartbeatStates() async throws -> [HeartbeatState] {
        let logger = database.logger
        return try await database.read { connection in
            try await connection.rows("SELECT * FROM heartbeat ORDER BY name", logger: logger).map(Self.state)
        }
    }

    public func updateHeartbeat(
        _ name: String, _ decide: @escaping @Sendable (HeartbeatState?) -> HeartbeatState?
    ) async throws -> (before: HeartbeatState?, after: HeartbeatState?) {
        let logger = database.logger
        return try await database.transaction { connection in
            // A name never stored has no row to lock: insert it first (a concurrent insert waits, then finds it).
            try await connection.run("""
                INSERT INTO heartbeat (name, armed_at, due_at) VALUES (\(name), 0, 0) ON CONFLICT (name) DO NOTHING
                """, logger: logger)
            let row = try await connection.rows("SELECT * FROM heartbeat WHERE name = \(name) FOR UPDATE", logger: logger)[0]
            let stored = try Self.state(row)
            // The placeholder row of a first sight reads as no state; it is rolled back unless `decide` stores one.
            let before: HeartbeatState? = stored.armedAt.timeIntervalSince1970 == 0 ? nil : stored
            guard let after = decide(before), after != before else {
                if before == nil { try await connection.run("DELETE FROM heartbeat WHERE name = \(name)", logger: logger) }
                return (before, before)
            }
            try await connection.run("""
                UPDATE heartbeat SET armed_at = \(after.armedAt.timeIntervalSince1970), last_beat_at = \(after.lastBeatAt?.timeIntervalSince1970),
                    last_beat_by = \(after.lastBeatBy), due_at = \(after.dueAt.timeIntervalSince1970), incident_id = \(after.incident?.value),
                    beats = \(after.beats)
                WHERE name = \(name)
                """, logger: logger)
            return (before, after)
        }
    }

    static func state(_ row: PostgresRandomAccessRow) throws -> HeartbeatState {
        HeartbeatState(
            name: try row.value("name"), armedAt: Date(timeIntervalSince1970: try row.value("armed_at")),
            lastBeatAt: try row.value("last_beat_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            lastBeatBy: try row.value("last_beat_by", as: String?.self), dueAt: Date(timeIntervalSince1970: try row.value("due_at")),
            incident: try row.value("incident_id", as: Int64?.self).map(IncidentNumber.init), beats: try row.value("beats"))
    }
}
