import Foundation
import GRDB
import OncallCore

// MARK: - Fault reports and the archive search

extension SQLiteIncidentStore: PostmortemStore {
    /// The text of the database trigger that freezes an approved report.
    static let approvedReportMessage = "an approved fault report cannot change"

    static func fetchPostmortem(_ id: IncidentNumber, _ db: Database) throws -> Postmortem? {
        try Row.fetchOne(db, sql: "SELECT \(PostmortemRecord.columns) FROM postmortem WHERE incidentId = ?", arguments: [id.value])
            .map(PostmortemRecord.decode)
    }

    private static let upsertPostmortemSQL: String = {
        let columns = PostmortemRecord.mutableColumns
        return """
            INSERT INTO postmortem (\(PostmortemRecord.columns)) VALUES (\(placeholders(columns.count + 1)))
            ON CONFLICT (incidentId) DO UPDATE SET \(columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            WHERE NOT (\(columns.map { "postmortem.\($0) IS excluded.\($0)" }.joined(separator: " AND ")))
            """
    }()

    /// Inserts or replaces the incident's report. Saving an approved report unchanged is a no-op;
    /// changing it is refused by the database's trigger, reported as `PostmortemError.wrongState`.
    static func savePostmortem(_ postmortem: Postmortem, in db: Database) throws {
        do {
            try db.execute(sql: upsertPostmortemSQL, arguments: StatementArguments(try PostmortemRecord.values(postmortem)))
        } catch let error as DatabaseError where error.message == approvedReportMessage {
            throw PostmortemError.wrongState(postmortem.incident, .approved, approvedReportMessage)
        }
    }

    /// Rewrites the incident's row of `incidentSearch` from what is committed so far in this
    /// transaction: the form's text, the resolution, every note, and the report (its archived
    /// Markdown once approved, its four sections before).
    static func refreshSearch(_ id: IncidentNumber, in db: Database) throws {
        try db.execute(sql: "DELETE FROM incidentSearch WHERE rowid = ?", arguments: [id.value])
        try db.execute(sql: """
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
            """, arguments: [id.value])
    }

    public func postmortem(of id: IncidentNumber) async throws -> Postmortem? {
        try await pool.read { db in try Self.fetchPostmortem(id, db) }
    }

    public func updatePostmortem(
        _ id: IncidentNumber, _ change: @escaping @Sendable (Incident, Postmortem?) throws -> IncidentChange
    ) async throws -> (incident: Incident, postmortem: Postmortem?) {
        try await writer.write { db in
            guard let current = try Self.fetchIncident(id, db) else { throw StoreError.notFound(id) }
            let decided = try change(current, try Self.fetchPostmortem(id, db))
            try Self.save(decided.incident, db)
            try Self.record(decided, in: db)
            return (decided.incident, try Self.fetchPostmortem(id, db))
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
        return try await pool.read { db in try Row.fetchAll(db, sql: sql, arguments: finalArguments).map(PostmortemRecord.decode) }
    }

    public func searchArchive(_ query: ArchiveQuery) async throws -> [ArchiveHit] {
        let search = ArchiveSearchSQL(query)
        return try await pool.read { db in
            try Row.fetchAll(db, sql: search.sql, arguments: search.arguments).map { row in
                let reportState = (row["reportState"] as String?).flatMap(Postmortem.State.init(rawValue:))
                let snippet: String
                if search.usesMatch {
                    snippet = row["snippet"] ?? ""
                } else if let first = search.likeTerms.first {
                    let texts: [String] = ArchiveSearchSQL.searchColumns.map { row["search_" + $0] ?? "" }
                    snippet = ArchiveSnippet.around(first, in: texts)
                } else {
                    snippet = ""
                }
                return ArchiveHit(incident: try IncidentRow.decode(row), reportState: reportState, snippet: snippet)
            }
        }
    }
}

/// The SQL of one archive search. Terms of three or more characters go to the trigram index
/// (`MATCH`, each as a quoted phrase, all required); shorter ones are `LIKE` scans of the same
/// columns. With a `MATCH`, results come by relevance (bm25, the subject weighing most) with
/// FTS5's snippet; otherwise newest first, and the snippet is built around the first short term.
struct ArchiveSearchSQL {
    var sql: String
    var arguments: StatementArguments
    var usesMatch: Bool
    var likeTerms: [String]

    static let searchColumns = ["subject", "body", "notes", "report"]

    init(_ query: ArchiveQuery) {
        let terms = (query.text ?? "").split(whereSeparator: { $0.isWhitespace || $0.isNewline }).map(String.init)
        let matchTerms = terms.filter { $0.unicodeScalars.count >= 3 }
        likeTerms = terms.filter { $0.unicodeScalars.count < 3 }
        usesMatch = !matchTerms.isEmpty
        let usesText = !terms.isEmpty

        var clauses: [String] = []
        var arguments = StatementArguments()
        if usesMatch {
            clauses.append("incidentSearch MATCH ?")
            arguments += [matchTerms.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")]
        }
        for term in likeTerms {
            let pattern = "%" + Self.escapeLike(term) + "%"
            clauses.append("(" + Self.searchColumns.map { "incidentSearch.\($0) LIKE ? ESCAPE '\\'" }.joined(separator: " OR ") + ")")
            arguments += StatementArguments(Array(repeating: pattern, count: Self.searchColumns.count))
        }
        let incidentConditions = IncidentFilter.conditions(
            states: query.states, level: query.level, from: query.from, until: query.until, table: "i.")
        clauses += incidentConditions.clauses
        arguments += incidentConditions.arguments
        if let reportState = query.reportState {
            clauses.append("p.state = ?")
            arguments += [reportState.rawValue]
        }
        if let organisation = query.organisation {
            clauses.append("i.organisation = ?")
            arguments += [organisation]
        }
        if let service = query.service {
            clauses.append("i.service = ?")
            arguments += [service]
        }
        arguments += [query.limit]

        let incidentColumns = IncidentRow.columns.split(separator: ",").map { "i." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var selected = incidentColumns + ["p.state AS reportState"]
        if usesMatch {
            selected.append("snippet(incidentSearch, -1, '[', ']', '…', 24) AS snippet")
        } else if usesText {
            selected += Self.searchColumns.map { "incidentSearch.\($0) AS search_\($0)" }
        }
        let source = usesText
            ? "incidentSearch JOIN incident i ON i.id = incidentSearch.rowid LEFT JOIN postmortem p ON p.incidentId = i.id"
            : "incident i LEFT JOIN postmortem p ON p.incidentId = i.id"
        let order = usesMatch ? "bm25(incidentSearch, 4.0, 2.0, 1.0, 1.0), i.id DESC" : "i.reportedAt DESC, i.id DESC"
        sql = """
            SELECT \(selected.joined(separator: ", ")) FROM \(source)
            \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "))
            ORDER BY \(order) LIMIT ?
            """
        self.arguments = arguments
    }

    /// `term` with LIKE's wildcards (and the escape character) escaped by `\`.
    static func escapeLike(_ term: String) -> String {
        var escaped = ""
        for character in term {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

/// A snippet built in Swift (when no term was long enough for FTS5's own): a short passage
/// around the first case-insensitive occurrence of `term`, the match between `[` and `]`.
enum ArchiveSnippet {
    static func around(_ term: String, in texts: [String], before: Int = 8, after: Int = 16) -> String {
        for text in texts {
            guard let range = text.range(of: term, options: [.caseInsensitive]) else { continue }
            let start = text.index(range.lowerBound, offsetBy: -before, limitedBy: text.startIndex) ?? text.startIndex
            let end = text.index(range.upperBound, offsetBy: after, limitedBy: text.endIndex) ?? text.endIndex
            var passage = start == text.startIndex ? "" : "…"
            passage += text[start..<range.lowerBound]
            passage += "[" + text[range] + "]"
            passage += text[range.upperBound..<end]
            if end != text.endIndex { passage += "…" }
            return passage.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        }
        return ""
    }
}
