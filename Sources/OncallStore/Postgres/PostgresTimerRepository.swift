import Foundation
import Logging
import OncallCore
import PostgresNIO

/// Durable timers, fired through the registry's handlers in the transaction that marks them
/// fired. Due timers are claimed with `FOR UPDATE SKIP LOCKED`: two nodes firing at once (a
/// hand-over) each take different timers, and a timer marked fired by one is never due for the other.
public struct PostgresTimerRepository: TimerStore {
    let database: PostgresDatabase

    public func nextTimerDue(of kinds: Set<TimerKind>) async throws -> Date? {
        let names = kinds.map(\.rawValue).sorted()
        guard !names.isEmpty else { return nil }
        let logger = database.logger
        return try await database.read { connection in
            try await connection.rows("SELECT MIN(due_at) AS due FROM timer WHERE status = 'pending' AND kind = ANY(\(names))", logger: logger)
                .first?.value("due", as: Double?.self).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func fireDueTimers(now: Date, limit: Int, registry: TimerRegistry) async throws -> TimerCycle {
        let names = registry.kinds.map(\.rawValue).sorted()
        let at = now.timeIntervalSince1970
        let (database, logger) = (database, database.logger)
        // Most cycles find nothing due: look outside a transaction first.
        let (anyDue, unknownKinds) = try await database.read { connection -> (Bool, [String: Int]) in
            var unknown: [String: Int] = [:]
            for row in try await connection.rows("""
                SELECT kind, COUNT(*) AS n FROM timer WHERE status = 'pending' AND due_at <= \(at) AND NOT kind = ANY(\(names)) GROUP BY kind
                """, logger: logger) {
                unknown[try row.value("kind")] = try row.value("n", as: Int.self)
            }
            let due = try await connection.rows("""
                SELECT EXISTS (SELECT 1 FROM timer WHERE status = 'pending' AND due_at <= \(at) AND kind = ANY(\(names))) AS due
                """, logger: logger)[0].value("due", as: Bool.self)
            return (due, unknown)
        }
        guard anyDue else { return TimerCycle(unknownKinds: unknownKinds) }
        let fired = try await database.transaction { connection in
            let rows = try await connection.rows("""
                SELECT id, incident_id, kind, due_at FROM timer
                WHERE status = 'pending' AND due_at <= \(at) AND kind = ANY(\(names))
                ORDER BY due_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED
                """, logger: logger)
            var fired: [DueTimer] = []
            for row in rows {
                let timerID: Int64 = try row.value("id")
                // Marked fired in the same transaction as its effect: neither lost nor repeated.
                try await connection.run(
                    "UPDATE timer SET status = 'fired', fired_at = \(at), fired_by = \(database.node) WHERE id = \(timerID)", logger: logger)
                let id = IncidentNumber(try row.value("incident_id", as: Int64.self))
                guard let kind = TimerKind(rawValue: try row.value("kind")), let handler = registry.handlers[kind],
                      let incident = try await IncidentRows.fetch(id, forUpdate: true, connection, logger: logger)
                else { continue }
                let timer = DueTimer(incident: id, kind: kind, dueAt: Date(timeIntervalSince1970: try row.value("due_at")))
                let context = TimerContext(
                    timer: timer, incident: incident,
                    visits: handler.needs.contains(.visits) ? try await VisitRows.visits(of: id, connection, logger: logger) : [],
                    postmortem: handler.needs.contains(.postmortem) ? try await PostmortemRows.fetch(id, connection, logger: logger) : nil)
                let change = handler.fire(context)
                if change.incident != incident { try await IncidentRows.save(change.incident, connection, logger: logger) }
                try await PostgresUnitOfWork.record(change, connection, database: database)
                fired.append(timer)
            }
            return fired
        }
        return TimerCycle(fired: fired, unknownKinds: unknownKinds)
    }
}

/// The `timer` table's writes: at most one pending timer per incident and kind.
enum TimerRows {
    static func apply(_ changes: [TimerChange], to id: IncidentNumber, _ connection: PostgresConnection, logger: Logger) async throws {
        for timer in changes {
            switch timer {
            case let .schedule(kind, dueAt):
                try await connection.run("""
                    INSERT INTO timer (incident_id, kind, due_at) VALUES (\(id.value), \(kind.rawValue), \(dueAt.timeIntervalSince1970))
                    ON CONFLICT (incident_id, kind) WHERE status = 'pending' DO UPDATE SET due_at = excluded.due_at
                    """, logger: logger)
            case let .scheduleEarliest(kind, dueAt):
                try await connection.run("""
                    INSERT INTO timer (incident_id, kind, due_at) VALUES (\(id.value), \(kind.rawValue), \(dueAt.timeIntervalSince1970))
                    ON CONFLICT (incident_id, kind) WHERE status = 'pending' DO UPDATE SET due_at = LEAST(timer.due_at, excluded.due_at)
                    """, logger: logger)
            case let .cancel(kind):
                try await connection.run(
                    "UPDATE timer SET status = 'cancelled' WHERE incident_id = \(id.value) AND kind = \(kind.rawValue) AND status = 'pending'",
                    logger: logger)
            }
        }
    }
}
