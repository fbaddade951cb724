import Foundation
import GRDB
import OncallCore

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

        var selected = ["i.*", "p.state AS reportState"]
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
