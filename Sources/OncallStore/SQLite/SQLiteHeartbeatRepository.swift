import Foundation
import GRDB
import OncallCore

/// Heartbeat states, one row per name, each changed in one write transaction.
public struct SQLiteHeartbeatRepository: HeartbeatStore {
    let database: SQLiteDatabase

    public func heartbeatStates() async throws -> [HeartbeatState] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM heartbeat ORDER BY name").map(Self.state)
        }
    }

    public func updateHeartbeat(
        _ name: String, _ decide: @escaping @Sendable (HeartbeatState?) -> HeartbeatState?
    ) async throws -> (before: HeartbeatState?, after: HeartbeatState?) {
        try await database.writer.write { db in
            let before = try Row.fetchOne(db, sql: "SELECT * FROM heartbeat WHERE name = ?", arguments: [name]).map(Self.state)
            guard let after = decide(before), after != before else { return (before, before) }
            try db.execute(sql: """
                INSERT INTO heartbeat (name, armedAt, lastBeatAt, lastBeatBy, dueAt, incidentId, beats) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET armedAt = excluded.armedAt, lastBeatAt = excluded.lastBeatAt,
                    lastBeatBy = excluded.lastBeatBy, dueAt = excluded.dueAt, incidentId = excluded.incidentId, beats = excluded.beats
                """, arguments: [name, after.armedAt.timeIntervalSince1970, after.lastBeatAt?.timeIntervalSince1970, after.lastBeatBy,
                                 after.dueAt.timeIntervalSince1970, after.incident?.value, after.beats])
            return (before, after)
        }
    }

    static func state(_ row: Row) -> HeartbeatState {
        HeartbeatState(
            name: row["name"], armedAt: Date(timeIntervalSince1970: row["armedAt"]),
            lastBeatAt: (row["lastBeatAt"] as Double?).map(Date.init(timeIntervalSince1970:)), lastBeatBy: row["lastBeatBy"],
            dueAt: Date(timeIntervalSince1970: row["dueAt"]), incident: (row["incidentId"] as Int64?).map(IncidentNumber.init),
            beats: row["beats"])
    }
}
