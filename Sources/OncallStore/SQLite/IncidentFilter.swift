import Foundation
import GRDB
import OncallCore

/// Conditions on the `incident` table that both the listings and the archive search filter by.
enum IncidentFilter {
    /// `column` names are prefixed with `table` (`"i."` for an aliased join, `""` otherwise).
    static func conditions(
        states: Set<IncidentState>?, level: Level?, from: Date?, until: Date?, table: String = ""
    ) -> (clauses: [String], arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let states {
            clauses.append("\(table)state IN (\(placeholders(states.count)))")
            arguments += StatementArguments(states.map(\.rawValue).sorted())
        }
        if let level {
            clauses.append("\(table)level = ?")
            arguments += [level.rawValue]
        }
        if let from {
            clauses.append("\(table)reportedAt >= ?")
            arguments += [from.timeIntervalSince1970]
        }
        if let until {
            clauses.append("\(table)reportedAt < ?")
            arguments += [until.timeIntervalSince1970]
        }
        return (clauses, arguments)
    }
}
