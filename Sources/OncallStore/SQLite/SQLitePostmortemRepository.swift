import Foundation
import GRDB
import OncallCore

/// Fault reports and the archive's full-text search.
public struct SQLitePostmortemRepository: PostmortemStore {
    let database: SQLiteDatabase

    public func postmortem(of id: IncidentNumber) async throws -> Postmortem? {
        try await database.pool.read { db in try PostmortemTable.fetch(id, db) }
    }

    public func updatePostmortem(
        _ id: IncidentNumber, _ change: @escaping @Sendable (Incident, Postmortem?) throws -> IncidentChange
    ) async throws -> (incident: Incident, postmortem: Postmortem?) {
        try await database.writer.write { db in
            guard let current = try IncidentRecord.fetch(id, db) else { throw StoreError.notFound(id) }
            let decided = try change(current, try PostmortemTable.fetch(id, db))
            try IncidentRecord.save(decided.incident, db)
            try UnitOfWork.record(decided, in: db)
            return (decided.incident, try PostmortemTable.fetch(id, db))
        }
    }

    public func postmortems(state: Postmortem.State?, owner: String?, limit: Int) async throws -> [Postmortem] {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let state {
            clauses.append("p.state = ?")
            arguments += [state.rawValue]
        }
        if let owner {
            clauses.append("p.owner = ?")
            arguments += [owner]
        }
        arguments += [limit]
        let columns = PostmortemRecord.columns.split(separator: ",").map { "p." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let sql = """
            SELECT \(columns.joined(separator: ", ")) FROM postmortem p JOIN incident i ON i.id = p.incidentId
            \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "))
            ORDER BY COALESCE(i.resolvedAt, p.createdAt) DESC, p.incidentId DESC LIMIT ?
            """
        let finalArguments = arguments
        return try await database.pool.read { db in try Row.fetchAll(db, sql: sql, arguments: finalArguments).map(PostmortemRecord.decode) }
    }

    public func searchArchive(_ query: ArchiveQuery) async throws -> [ArchiveHit] {
        let search = ArchiveSearchSQL(query)
        return try await database.pool.read { db in
            try Row.fetchAll(db, sql: search.sql, arguments: search.arguments).map { row in
                let reportState = (row["reportState"] as String?).flatMap(Postmortem.State.init(rawValue:))
                let incident = try IncidentRecord(row: row).incident
                let snippet = search.snippetTerm.map { term in
                    ArchiveSnippet.around(term, in: ArchiveSearchSQL.searchColumns.map { row["search_" + $0] ?? "" })
                } ?? ""
                return ArchiveHit(incident: incident, reportState: reportState, snippet: snippet)
            }
        }
    }
}

/// The `postmortem` table: one report per incident, frozen by a trigger once approved.
enum PostmortemTable {
    static let approvedReportMessage = PostmortemColumns.approvedReportMessage

    static func fetch(_ id: IncidentNumber, _ db: Database) throws -> Postmortem? {
        try Row.fetchOne(db, sql: "SELECT \(PostmortemRecord.columns) FROM postmortem WHERE incidentId = ?", arguments: [id.value])
            .map(PostmortemRecord.decode)
    }

    private static let upsertSQL: String = {
        let columns = PostmortemRecord.mutableColumns
        return """
            INSERT INTO postmortem (\(PostmortemRecord.columns)) VALUES (\(placeholders(columns.count + 1)))
            ON CONFLICT (incidentId) DO UPDATE SET \(columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            WHERE NOT (\(columns.map { "postmortem.\($0) IS excluded.\($0)" }.joined(separator: " AND ")))
            """
    }()

    /// Inserts or replaces the incident's report. Saving an approved report unchanged is a no-op;
    /// changing it is refused by the database's trigger, reported as `PostmortemError.wrongState`.
    static func save(_ postmortem: Postmortem, in db: Database) throws {
        do {
            try db.execute(sql: upsertSQL, arguments: StatementArguments(try PostmortemRecord.values(postmortem)))
        } catch let error as DatabaseError where error.message == approvedReportMessage {
            throw PostmortemError.wrongState(postmortem.incident, .approved, approvedReportMessage)
        }
    }
}

/// The `incidentSearch` FTS5 table and its bigram twin: one row per incident, rewritten when its text changes.
enum ArchiveIndex {
    /// Timeline entries whose arrival changes an incident's searchable text.
    static let searchableEventKinds: Set<TimelineEvent.Kind> = [.note, .resolved, .postmortem]

    /// Rewrites the incident's row from what is committed so far in this transaction: the form's
    /// text, the resolution, every note, and the report (its archived Markdown once approved, its
    /// four sections before).
    static func refresh(_ id: IncidentNumber, in db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM incidentSearch WHERE rowid = ?").execute(arguments: [id.value])
        try db.cachedStatement(sql: """
            INSERT INTO incidentSearch (rowid, subject, body, notes, report)
            SELECT i.id, i.subject,
                   COALESCE(i.description, '') || char(10) || COALESCE(i.situation, '') || char(10)
                       || COALESCE(i.other, '') || char(10) || COALESCE(i.resolutionSummary, ''),
                   COALESCE((SELECT group_concat(n.text, char(10)) FROM (
                       SELECT json_extract(e.details, '$.text') AS text FROM timelineEvent e
                       WHERE e.incidentId = i.id AND e.kind = 'note' ORDER BY e.id) n), ''),
                   COALESCE((SELECT CASE WHEN p.state = 'approved' AND p.archiveMarkdown IS NOT NULL THEN p.archiveMarkdown
                                     ELSE COALESCE(json_extract(p.sections, '$.cause'), '') || char(10)
                                          || COALESCE(json_extract(p.sections, '$.fix'), '') || char(10)
                                          || COALESCE(json_extract(p.sections, '$.process'), '') || char(10)
                                          || COALESCE(json_extract(p.sections, '$.prevention'), '') END
                             FROM postmortem p WHERE p.incidentId = i.id), '')
            FROM incident i WHERE i.id = ?
            """).execute(arguments: [id.value])
        try db.cachedStatement(sql: "DELETE FROM incidentSearchBigram WHERE rowid = ?").execute(arguments: [id.value])
        try db.cachedStatement(sql: """
            INSERT INTO incidentSearchBigram (rowid, text)
            SELECT rowid, oncall_bigrams(subject || char(10) || body || char(10) || notes || char(10) || report)
            FROM incidentSearch WHERE rowid = ?
            """).execute(arguments: [id.value])
    }
}
