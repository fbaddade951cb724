import Foundation
import GRDB
import OncallCore

/// The regular documents' schedule and output.
public struct SQLitePeriodicRepository: PeriodicStore {
    let database: SQLiteDatabase

    public func periodicSchedule() async throws -> [PeriodicKind: Date] {
        try await database.pool.read { db in
            var schedule: [PeriodicKind: Date] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kind, dueAt FROM periodicJob") {
                if let kind = PeriodicKind(rawValue: row["kind"]) { schedule[kind] = Date(timeIntervalSince1970: row["dueAt"]) }
            }
            return schedule
        }
    }

    public func schedulePeriodic(_ kind: PeriodicKind, dueAt: Date) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO periodicJob (kind, dueAt) VALUES (?, ?)",
                           arguments: [kind.rawValue, dueAt.timeIntervalSince1970])
        }
    }

    public func completePeriodic(
        _ kind: PeriodicKind, firedDueAt: Date, document: PeriodicDocument, messages: [OutboxMessage], nextDueAt: Date
    ) async throws -> Bool {
        try await database.writer.write { db in
            // A due time read back from the database may differ from the stored REAL in the last
            // bit after the trip through `Date`: compare to the millisecond.
            guard let pending = try Double.fetchOne(db, sql: "SELECT dueAt FROM periodicJob WHERE kind = ?", arguments: [kind.rawValue]),
                  abs(pending - firedDueAt.timeIntervalSince1970) < 0.001
            else { return false }
            try db.execute(sql: """
                INSERT INTO periodicDocument (kind, period, fromAt, untilAt, markdown, generatedAt) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (kind, period) DO UPDATE SET
                    fromAt = excluded.fromAt, untilAt = excluded.untilAt, markdown = excluded.markdown, generatedAt = excluded.generatedAt
                """, arguments: [document.kind.rawValue, document.period, document.from.timeIntervalSince1970,
                                 document.until.timeIntervalSince1970, document.markdown, document.generatedAt.timeIntervalSince1970])
            for message in messages {
                try OutboxTable.insert(message, in: db)
            }
            try db.execute(sql: "UPDATE periodicJob SET dueAt = ? WHERE kind = ?",
                           arguments: [nextDueAt.timeIntervalSince1970, kind.rawValue])
            return true
        }
    }

    public func periodicDocuments(kind: PeriodicKind?, limit: Int) async throws -> [PeriodicDocument] {
        try await database.pool.read { db in
            let filter = kind == nil ? "" : "WHERE kind = ?"
            let arguments: StatementArguments = kind.map { [$0.rawValue, limit] } ?? [limit]
            return try Row.fetchAll(db, sql: """
                SELECT kind, period, fromAt, untilAt, markdown, generatedAt FROM periodicDocument \(filter)
                ORDER BY generatedAt DESC, untilAt DESC, kind LIMIT ?
                """, arguments: arguments).compactMap { row in
                PeriodicKind(rawValue: row["kind"]).map { kind in
                    PeriodicDocument(
                        kind: kind, period: row["period"], from: Date(timeIntervalSince1970: row["fromAt"]),
                        until: Date(timeIntervalSince1970: row["untilAt"]), markdown: row["markdown"],
                        generatedAt: Date(timeIntervalSince1970: row["generatedAt"]))
                }
            }
        }
    }
}
