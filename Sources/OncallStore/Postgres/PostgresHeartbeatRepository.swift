import Foundation
import OncallCore
import PostgresNIO

/// Heartbeat states, one row per name; a change locks its row, so a beat on one node and the
/// active node's miss take turns. `decide` may run twice when two first sights race.
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
            func locked() async throws -> HeartbeatState? {
                try await connection.rows("SELECT * FROM heartbeat WHERE name = \(name) FOR UPDATE", logger: logger).first.map(Self.state)
            }
            var before = try await locked()
            if before == nil {
                guard let first = decide(nil) else { return (nil, nil) }
                // A concurrent first sight may insert the row first: then this one waits for it, and decides again on it.
                let inserted = try await connection.rows("""
                    INSERT INTO heartbeat (name, armed_at, last_beat_at, last_beat_by, due_at, incident_id, beats)
                    VALUES (\(name), \(first.armedAt.timeIntervalSince1970), \(first.lastBeatAt?.timeIntervalSince1970), \(first.lastBeatBy),
                            \(first.dueAt.timeIntervalSince1970), \(first.incident?.value), \(first.beats))
                    ON CONFLICT (name) DO NOTHING RETURNING name
                    """, logger: logger)
                if !inserted.isEmpty { return (nil, first) }
                before = try await locked()
            }
            guard let after = decide(before), after != before else { return (before, before) }
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
