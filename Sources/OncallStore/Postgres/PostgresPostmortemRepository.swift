import Foundation
import Logging
import OncallCore
import PostgresNIO

/// Fault reports and the archive search.
public struct PostgresPostmortemRepository: PostmortemStore {
    let database: PostgresDatabase

    public func postmortem(of id: IncidentNumber) async throws -> Postmortem? {
        let logger = database.logger
        return try await database.read { connection in try await PostmortemRows.fetch(id, connection, logger: logger) }
    }

    public func updatePostmortem(
        _ id: IncidentNumber, _ change: @escaping @Sendable (Incident, Postmortem?) throws -> IncidentChange
    ) async throws -> (incident: Incident, postmortem: Postmortem?) {
        let (database, logger) = (database, database.logger)
        return try await database.transaction { connection in
            guard let current = try await IncidentRows.fetch(id, forUpdate: true, connection, logger: logger) else {
                throw StoreError.notFound(id)
            }
            let decided = try change(current, try await PostmortemRows.fetch(id, connection, logger: logger))
            try await IncidentRows.save(decided.incident, connection, logger: logger)
            try await PostgresUnitOfWork.record(decided, connection, database: database)
            return (decided.incident, try await PostmortemRows.fetch(id, connection, logger: logger))
        }
    }

    public func postmortems(state: Postmortem.State?, owner: String?, limit: Int) async throws -> [Postmortem] {
        var sql = PostgresSQL()
        var clauses: [String] = []
        if let state { clauses.append("p.state = \(try sql.bind(state.rawValue))") }
        if let owner { clauses.append("p.owner = \(try sql.bind(owner))") }
        let limitBind = try sql.bind(limit)
        let statement = sql.query("""
            SELECT p.* FROM postmortem p JOIN incident i ON i.id = p.incident_id
            \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "))
            ORDER BY COALESCE(i.resolved_at, p.created_at) DESC, p.incident_id DESC LIMIT \(limitBind)
            """)
        let logger = database.logger
        return try await database.read { connection in try await connection.rows(statement, logger: logger).map(PostmortemRows.decode) }
    }

    /// Every word must occur (case-insensitively) in the subject, the text, the notes or the
    /// report; incidents whose subject has the first word come first, then the newest.
    public func searchArchive(_ query: ArchiveQuery) async throws -> [ArchiveHit] {
        let terms = (query.text ?? "").split(whereSeparator: { $0.isWhitespace || $0.isNewline }).map(String.init)
        var sql = PostgresSQL()
        var clauses: [String] = []
        let searched = "lower(s.subject || chr(10) || s.body || chr(10) || s.notes || chr(10) || s.report)"
        for term in terms { clauses.append("strpos(\(searched), lower(\(try sql.bind(term)))) > 0") }
        clauses += try IncidentRows.conditions(
            states: query.states, level: query.level, from: query.from, until: query.until, table: "i.", into: &sql)
        if let reportState = query.reportState { clauses.append("p.state = \(try sql.bind(reportState.rawValue))") }
        if let organisation = query.organisation { clauses.append("i.organisation = \(try sql.bind(organisation))") }
        if let service = query.service { clauses.append("i.service = \(try sql.bind(service))") }
        let subjectFirst = try terms.first.map { "strpos(lower(s.subject), lower(\(try sql.bind($0)))) > 0 DESC, " } ?? ""
        let limit = try sql.bind(query.limit)
        let statement = sql.query("""
            SELECT i.data, p.state AS report_state, s.subject, s.body, s.notes, s.report
            FROM incident i JOIN incident_search s ON s.incident_id = i.id LEFT JOIN postmortem p ON p.incident_id = i.id
            \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "))
            ORDER BY \(subjectFirst)i.reported_at DESC, i.id DESC LIMIT \(limit)
            """)
        let logger = database.logger
        return try await database.read { connection in
            try await connection.rows(statement, logger: logger).map { row in
                let texts: [String] = try ["subject", "body", "notes", "report"].map { try row.value($0) }
                return ArchiveHit(
                    incident: try IncidentRows.decode(row),
                    reportState: try row.value("report_state", as: String?.self).flatMap(Postmortem.State.init(rawValue:)),
                    snippet: terms.first.map { ArchiveSnippet.around($0, in: texts) } ?? "")
            }
        }
    }
}

/// The `postmortem` table: one report per incident, frozen by a trigger once approved.
enum PostmortemRows {
    static func fetch(_ id: IncidentNumber, _ connection: PostgresConnection, logger: Logger) async throws -> Postmortem? {
        try await connection.rows("SELECT * FROM postmortem WHERE incident_id = \(id.value)", logger: logger).first.map(decode)
    }

    static func decode(_ row: PostgresRandomAccessRow) throws -> Postmortem {
        try PostmortemColumns(
            incident: row.value("incident_id"), state: row.value("state"), owner: row.value("owner"), language: row.value("language"),
            sections: row.value("sections"), createdAt: row.value("created_at"), updatedAt: row.value("updated_at"),
            submittedAt: row.value("submitted_at"), reviews: row.value("reviews"), archiveMarkdown: row.value("archive_markdown"),
            archiveSha256: row.value("archive_sha256"), approvedBy: row.value("approved_by"), approvedAt: row.value("approved_at"),
            remindersSent: row.value("reminders_sent")
        ).postmortem()
    }

    /// Inserts or replaces the incident's report. Saving an approved report unchanged is a no-op;
    /// changing it is refused by the database's trigger, reported as `PostmortemError.wrongState`.
    static func save(_ postmortem: Postmortem, _ connection: PostgresConnection, logger: Logger) async throws {
        let c = try PostmortemColumns(postmortem)
        do {
            try await connection.run("""
                INSERT INTO postmortem AS p (incident_id, state, owner, language, sections, created_at, updated_at, submitted_at, reviews,
                                             archive_markdown, archive_sha256, approved_by, approved_at, reminders_sent)
                VALUES (\(c.incident), \(c.state), \(c.owner), \(c.language), \(c.sections), \(c.createdAt), \(c.updatedAt), \(c.submittedAt),
                        \(c.reviews), \(c.archiveMarkdown), \(c.archiveSha256), \(c.approvedBy), \(c.approvedAt), \(c.remindersSent))
                ON CONFLICT (incident_id) DO UPDATE SET
                    state = excluded.state, owner = excluded.owner, language = excluded.language, sections = excluded.sections,
                    created_at = excluded.created_at, updated_at = excluded.updated_at, submitted_at = excluded.submitted_at,
                    reviews = excluded.reviews, archive_markdown = excluded.archive_markdown, archive_sha256 = excluded.archive_sha256,
                    approved_by = excluded.approved_by, approved_at = excluded.approved_at, reminders_sent = excluded.reminders_sent
                WHERE (p.state, p.owner, p.language, p.sections, p.created_at, p.updated_at, p.submitted_at, p.reviews,
                       p.archive_markdown, p.archive_sha256, p.approved_by, p.approved_at, p.reminders_sent)
                      IS DISTINCT FROM
                      (excluded.state, excluded.owner, excluded.language, excluded.sections, excluded.created_at, excluded.updated_at,
                       excluded.submitted_at, excluded.reviews, excluded.archive_markdown, excluded.archive_sha256, excluded.approved_by,
                       excluded.approved_at, excluded.reminders_sent)
                """, logger: logger)
        } catch let error as PSQLError where error.serverInfo?[.message] == PostmortemColumns.approvedReportMessage {
            throw PostmortemError.wrongState(postmortem.incident, .approved, PostmortemColumns.approvedReportMessage)
        }
    }
}

/// The `incident_search` table: the archive's text of one incident, rewritten when it changes.
enum SearchRows {
    /// Rewrites the incident's row from what is committed so far in this transaction: the form's
    /// text, the resolution, every note, and the report (its archived Markdown once approved, its
    /// four sections before).
    static func refresh(_ id: IncidentNumber, _ connection: PostgresConnection, database: PostgresDatabase) async throws {
        let logger = database.logger
        guard let incident = try await IncidentRows.fetch(id, forUpdate: false, connection, logger: logger) else { return }
        let notes = try await TimelineRows.events(of: id, connection, database: database).compactMap { event -> String? in
            if case let .note(note) = event.facts { return note.text }
            return nil
        }
        let report: String
        if let postmortem = try await PostmortemRows.fetch(id, connection, logger: logger) {
            let s = postmortem.sections
            report = postmortem.state == .approved ? (postmortem.archive?.markdown ?? "")
                : [s.cause, s.fix, s.process, s.prevention].joined(separator: "\n")
        } else {
            report = ""
        }
        let form = incident.form
        let body = [form.description, form.situation, form.other, incident.resolutionSummary].map { $0 ?? "" }.joined(separator: "\n")
        try await connection.run("""
            INSERT INTO incident_search (incident_id, subject, body, notes, report)
            VALUES (\(id.value), \(form.subject), \(body), \(notes.joined(separator: "\n")), \(report))
            ON CONFLICT (incident_id) DO UPDATE SET
                subject = excluded.subject, body = excluded.body, notes = excluded.notes, report = excluded.report
            """, logger: logger)
    }
}
