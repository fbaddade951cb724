import Foundation
import GRDB
import OncallCore
import OncallSupport

/// Durable timers: scheduled by incident changes (`TimerTable.apply`), fired here through the
/// registry's handlers in the transaction that marks them fired.
public struct SQLiteTimerRepository: TimerStore {
    let database: SQLiteDatabase

    /// The kinds this version can name; a stored kind outside them is another version's.
    static let knownKinds = Set(TimerKind.allCases.map(\.rawValue))

    public func nextTimerDue(of kinds: Set<TimerKind>) async throws -> Date? {
        let names = kinds.map(\.rawValue).sorted()
        guard !names.isEmpty else { return nil }
        return try await database.pool.read { db in
            try Double.fetchOne(db, sql: "SELECT MIN(dueAt) FROM timer WHERE status = 'pending' AND kind IN (\(placeholders(names.count)))",
                                arguments: StatementArguments(names))
                .map(Date.init(timeIntervalSince1970:))
        }
    }

    public func fireDueTimers(now: Date, limit: Int, registry: TimerRegistry) async throws -> TimerCycle {
        let names = registry.kinds.map(\.rawValue).sorted()
        let owned = "kind IN (\(placeholders(names.count)))"
        let dueArguments = StatementArguments([now.timeIntervalSince1970]) + StatementArguments(names)
        // Most cycles find nothing due: check on a reader so an idle daemon does not fsync.
        let (anyDue, unknownKinds) = try await database.pool.read { db -> (Bool, [String: Int]) in
            var unknown: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT kind, COUNT(*) AS n FROM timer WHERE status = 'pending' AND dueAt <= ? AND NOT \(owned) GROUP BY kind
                """, arguments: dueArguments) {
                unknown[row["kind"]] = row["n"]
            }
            let due = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM timer WHERE status = 'pending' AND dueAt <= ? AND \(owned))",
                                        arguments: dueArguments) ?? false
            return (due, unknown)
        }
        guard anyDue else { return TimerCycle(unknownKinds: unknownKinds) }
        // Decide on a reader, outside the one writer, so firing a burst of timers (and composing their
        // messages) does not hold up reports; the writer applies a decision only if its incident has
        // not changed since, and decides again itself otherwise.
        let candidates = try await database.pool.read { db -> [TimerCandidate] in
            try Row.fetchAll(db, sql: """
                SELECT id, incidentId, kind, dueAt FROM timer
                WHERE status = 'pending' AND dueAt <= ? AND \(owned) ORDER BY dueAt, id LIMIT ?
                """, arguments: dueArguments + [limit]).map { row in
                let id = IncidentNumber(row["incidentId"] as Int64)
                let kind = TimerKind(rawValue: row["kind"])
                let timer = kind.map { DueTimer(incident: id, kind: $0, dueAt: Date(timeIntervalSince1970: row["dueAt"])) }
                return TimerCandidate(timerID: row["id"], incident: id, timer: timer, read: try IncidentRecord.fetch(id, db))
            }
        }
        // Decisions are pure: spread over the cores (composing a burst's messages is most of its cost).
        let decisions = await candidates.concurrentMap { candidate -> IncidentChange? in
            guard let timer = candidate.timer, let handler = registry.handlers[timer.kind], handler.needs.isEmpty,
                  let incident = candidate.read else { return nil }
            return handler.fire(TimerContext(timer: timer, incident: incident, visits: [], postmortem: nil))
        }
        let fired = try await database.writer.write { db in
            var fired: [DueTimer] = []
            for (candidate, decided) in zip(candidates, decisions) {
                // Fired meanwhile (cancelled or rescheduled by a change to its incident)? Then it is not due any more.
                guard try Bool.fetchOne(db, sql: "SELECT status = 'pending' AND dueAt <= ? FROM timer WHERE id = ?",
                                        arguments: [now.timeIntervalSince1970, candidate.timerID]) == true else { continue }
                // Marked fired in the same transaction as its effect: neither lost nor repeated.
                try db.cachedStatement(sql: "UPDATE timer SET status = 'fired', firedAt = ? WHERE id = ?").execute(arguments: [now.timeIntervalSince1970, candidate.timerID])
                guard let timer = candidate.timer, let handler = registry.handlers[timer.kind],
                      let incident = try IncidentRecord.fetch(candidate.incident, db)
                else { continue }
                let change: IncidentChange
                if let decided, incident == candidate.read {
                    change = decided
                } else {
                    let id = candidate.incident
                    change = handler.fire(TimerContext(
                        timer: timer, incident: incident,
                        visits: handler.needs.contains(.visits) ? try VisitTable.visits(of: id, db) : [],
                        postmortem: handler.needs.contains(.postmortem) ? try PostmortemTable.fetch(id, db) : nil))
                }
                if change.incident != incident { try IncidentRecord.save(change.incident, db) }
                try UnitOfWork.record(change, in: db)
                fired.append(timer)
            }
            return fired
        }
        return TimerCycle(fired: fired, unknownKinds: unknownKinds)
    }
}

/// The `timer` table's writes: at most one pending timer per incident and kind.
enum TimerTable {
    static func apply(_ changes: [TimerChange], to id: IncidentNumber, in db: Database) throws {
        for timer in changes {
            switch timer {
            case let .schedule(kind, dueAt):
                try db.cachedStatement(sql: """
                    INSERT INTO timer (incidentId, kind, dueAt) VALUES (?, ?, ?)
                    ON CONFLICT (incidentId, kind) WHERE status = 'pending' DO UPDATE SET dueAt = excluded.dueAt
                    """).execute(arguments: [id.value, kind.rawValue, dueAt.timeIntervalSince1970])
            case let .scheduleEarliest(kind, dueAt):
                try db.cachedStatement(sql: """
                    INSERT INTO timer (incidentId, kind, dueAt) VALUES (?, ?, ?)
                    ON CONFLICT (incidentId, kind) WHERE status = 'pending' DO UPDATE SET dueAt = MIN(dueAt, excluded.dueAt)
                    """).execute(arguments: [id.value, kind.rawValue, dueAt.timeIntervalSince1970])
            case let .cancel(kind):
                try db.cachedStatement(sql: "UPDATE timer SET status = 'cancelled' WHERE incidentId = ? AND kind = ? AND status = 'pending'").execute(arguments: [id.value, kind.rawValue])
            }
        }
    }
}

/// A due timer as read before the write, with its incident as it was then.
private struct TimerCandidate: Sendable {
    let timerID: Int64
    let incident: IncidentNumber
    /// Nil for a kind this version does not know (the unknown-kinds count reports those).
    let timer: DueTimer?
    let read: Incident?
}
