import Foundation
import GRDB
import OncallCore

/// The SQL of one archive search. Terms of three or more characters go to the trigram index
/// (`MATCH`, each as a quoted phrase, all required), two Chinese characters to the bigram index
/// (`ArchiveBigrams`), and what is left (one character, two Latin letters) is a `LIKE` scan of the
/// same columns. With a `MATCH`, the newest `rankingWindow` matches are ordered by relevance (bm25,
/// the subject weighing most), so a term in half the archive costs the same as a rare one;
/// otherwise newest first. The snippet is built in Swift around the first term (`ArchiveSnippet`):
/// FTS5's `snippet()` costs a quarter of a millisecond per hit when asked for by rowid.
struct ArchiveSearchSQL {
    var sql: String
    var arguments: StatementArguments
    /// The term the snippet is built around; nil without text (and then no text columns are read).
    var snippetTerm: String?

    static let searchColumns = ["subject", "body", "notes", "report"]
    /// How many of the newest matches relevance chooses among.
    static let rankingWindow = 1_000

    init(_ query: ArchiveQuery) {
        let terms = (query.text ?? "").split(whereSeparator: { $0.isWhitespace || $0.isNewline }).map(String.init)
        let matchTerms = terms.filter { $0.unicodeScalars.count >= 3 }
        let bigramTerms = terms.filter(ArchiveBigrams.answers)
        let likeTerms = terms.filter { $0.unicodeScalars.count < 3 && !ArchiveBigrams.answers($0) }
        snippetTerm = terms.first
        let usesMatch = !matchTerms.isEmpty
        let usesText = !terms.isEmpty
        // Only bigram terms: that index drives the query (newest first), the trigram table is joined by rowid.
        let drivenByBigrams = !usesMatch && !bigramTerms.isEmpty

        var clauses: [String] = []
        var arguments = StatementArguments()
        if usesMatch {
            clauses.append("incidentSearch MATCH ?")
            arguments += [Self.phrases(matchTerms)]
        }
        if !bigramTerms.isEmpty {
            clauses.append(drivenByBigrams
                ? "incidentSearchBigram MATCH ?"
                : "incidentSearch.rowid IN (SELECT rowid FROM incidentSearchBigram WHERE incidentSearchBigram MATCH ?)")
            arguments += [Self.phrases(bigramTerms)]
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
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let joined = "JOIN incident i ON i.id = incidentSearch.rowid LEFT JOIN postmortem p ON p.incidentId = i.id"
        let columns = Self.searchColumns.map { "incidentSearch.\($0) AS search_\($0)" }.joined(separator: ", ")

        if usesMatch {
            arguments += [max(Self.rankingWindow, query.limit), query.limit]
            sql = """
                WITH recent AS (
                    SELECT incidentSearch.rowid AS id, bm25(incidentSearch, 4.0, 2.0, 1.0, 1.0) AS score
                    FROM incidentSearch \(joined) \(filter)
                    ORDER BY incidentSearch.rowid DESC LIMIT ?)
                SELECT i.*, p.state AS reportState, \(columns) FROM recent JOIN incident i ON i.id = recent.id
                JOIN incidentSearch ON incidentSearch.rowid = recent.id LEFT JOIN postmortem p ON p.incidentId = i.id
                ORDER BY recent.score, i.id DESC LIMIT ?
                """
        } else if usesText {
            arguments += [query.limit]
            let source = drivenByBigrams
                ? "incidentSearchBigram JOIN incidentSearch ON incidentSearch.rowid = incidentSearchBigram.rowid"
                : "incidentSearch"
            let newest = drivenByBigrams ? "incidentSearchBigram.rowid" : "incidentSearch.rowid"
            sql = "SELECT i.*, p.state AS reportState, \(columns) FROM \(source) \(joined) \(filter) ORDER BY \(newest) DESC LIMIT ?"
        } else {
            arguments += [query.limit]
            sql = """
                SELECT i.*, p.state AS reportState FROM incident i LEFT JOIN postmortem p ON p.incidentId = i.id
                \(filter) ORDER BY i.reportedAt DESC, i.id DESC LIMIT ?
                """
        }
        self.arguments = arguments
    }

    /// Each term a quoted phrase (quotes inside doubled), all required.
    static func phrases(_ terms: [String]) -> String {
        terms.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
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
