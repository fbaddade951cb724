import Foundation
import OncallCore
import PostgresNIO

/// The regular documents' schedule and output.
public struct PostgresPeriodicRepository: PeriodicStore {
    let database: PostgresDatabase

    public func periodicSchedule() async throws -> [PeriodicKind: Date] {
        let logger = database.logger
        return try await database.read { connection in
            var schedule: [PeriodicKind: Date] = [:]
            for row in try await connection.rows("SELECT kind, due_at FROM periodic_job", logger: logger) {
                if let kind = PeriodicKind(rawValue: try row.value("kind")) { schedule[kind] = Date(timeIntervalSince1970: try row.value("due_at")) }
            }
            return schedule
        }
    }

    public func schedulePeriodic(_ kind: PeriodicKind, dueAt: Date) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            try await connection.run("""
                INSERT INTO periodic_job (kind, due_at) VALUES (\(kind.rawValue), \(dueAt.timeIntervalSince1970)) ON CONFLICT (kind) DO NOTHING
                """, logger: logger)
        }
    }

    public func completePeriodic(
        _ kind: PeriodicKind, firedDueAt: Date, document: PeriodicDocument, messages: [OutboxMessage], nextDueAt: Date
    ) async throws -> Bool {
        let (database, logger) = (database, database.logger)
        return try await database.transaction { connection in
            // The row lock makes a second node's completion of the same due time wait, then find it moved.
            guard let pending = try await connection.rows(
                "SELECT due_at FROM periodic_job WHERE kind = \(kind.rawValue) FOR UPDATE", logger: logger
            ).first?.value("due_at", as: Double.self), abs(pending - firedDueAt.timeIntervalSince1970) < 0.001
            else { return false }
            try await connection.run("""
                INSERT INTO periodic_document (kind, period, from_at, until_at, markdown, generated_at)
                VALUES (\(document.kind.rawValue), \(document.period), \(document.from.timeIntervalSince1970),
                        \(document.until.timeIntervalSince1970), \(document.markdown), \(document.generatedAt.timeIntervalSince1970))
                ON CONFLICT (kind, period) DO UPDATE SET
                    from_at = excluded.from_at, until_at = excluded.until_at, markdown = excluded.markdown, generated_at = excluded.generated_at
                """, logger: logger)
            for message in messages { try await OutboxRows.insert(message, connection, logger: logger) }
            if !messages.isEmpty { try await PostgresUnitOfWork.notifyWakeup(connection, database: database) }
            try await connection.run(
                "UPDATE periodic_job SET due_at = \(nextDueAt.timeIntervalSince1970) WHERE kind = \(kind.rawValue)", logger: logger)
            return true
        }
    }

    public func periodicDocuments(kind: PeriodicKind?, limit: Int) async throws -> [PeriodicDocument] {
        var sql = PostgresSQL()
        let filter = try kind.map { "WHERE kind = \(try sql.bind($0.rawValue))" } ?? ""
        let limitBind = try sql.bind(limit)
        let statement = sql.query("""
            SELECT kind, period, from_at, until_at, markdown, generated_at FROM periodic_document \(filter)
            ORDER BY generated_at DESC, until_at DESC, kind LIMIT \(limitBind)
            """)
        let logger = database.logger
        return try await database.read { connection in
            try await connection.rows(statement, logger: logger).compactMap { row in
                guard let kind = PeriodicKind(rawValue: try row.value("kind")) else { return nil }
                return PeriodicDocument(
                    kind: kind, period: try row.value("period"), from: Date(timeIntervalSince1970: try row.value("from_at")),
                    until: Date(timeIntervalSince1970: try row.value("until_at")), markdown: try row.value("markdown"),
                    generatedAt: Date(timeIntervalSince1970: try row.value("generated_at")))
            }
        }
    }
}
