import Foundation
import OncallAPI

/// How archive search results, statistics and regular documents look on a terminal. Pure: the time zone is a parameter.
enum ArchiveText {
    // MARK: - Archive search

    /// The `archive search` table: INCIDENT, LVL, REPORTED (local), ORGANISATION, SUBJECT, REPORT (the
    /// report's state, `-` when the incident has none), each hit followed by its snippet on an indented line.
    static func table(_ hits: [ArchiveHitDTO], timeZone: TimeZone, subjectWidth: Int, snippetWidth: Int) -> [String] {
        let rows = hits.map { hit in
            [
                hit.incident.id, "L\(hit.incident.level)", TextTimes.minute(hit.incident.reportedAt, timeZone),
                hit.incident.organisation, hit.incident.subject, hit.report ?? "-",
            ]
        }
        let lines = Table(
            headers: ["INCIDENT", "LVL", "REPORTED", "ORGANISATION", "SUBJECT", "REPORT"], rows: rows,
            maxWidths: [nil, nil, nil, 24, max(8, subjectWidth), nil]
        ).render()
        var result = [lines[0]]
        for (hit, line) in zip(hits, lines.dropFirst()) {
            result.append(line)
            let snippet = Table.singleLine(hit.snippet).trimmingCharacters(in: .whitespaces)
            if !snippet.isEmpty { result.append("    " + truncate(snippet, toWidth: max(20, snippetWidth))) }
        }
        return result
    }

    // MARK: - Statistics

    /// The `stats` text: figures per month and level, then SLA compliance per month and branch.
    static func statistics(_ figures: StatisticsDTO) -> [String] {
        let span = figures.from == figures.until ? figures.from : "\(figures.from) to \(figures.until)"
        var lines = ["Incidents by month and level, \(span):"]
        if figures.levels.isEmpty {
            lines.append("  no incidents")
        } else {
            let rows = figures.levels.map { row in
                [
                    row.month, "L\(row.level)", String(row.count), "\(row.escalated) (\(percent(row.escalationRate)))",
                    duration(row.meanToAcknowledge), duration(row.p90ToAcknowledge),
                    duration(row.meanToResolve), duration(row.p90ToResolve),
                ]
            }
            lines += Table(
                headers: ["MONTH", "LEVEL", "COUNT", "ESCALATED", "ACK MEAN", "ACK P90", "RESOLVE MEAN", "RESOLVE P90"], rows: rows
            ).render()
        }
        lines.append("")
        lines.append("Field visit deadlines by month and branch, \(span):")
        if figures.branches.isEmpty {
            lines.append("  no field visits")
        } else {
            let rows = figures.branches.map { row in
                [row.month, row.branch, String(row.visits), String(row.met), String(row.missed), String(row.pending), percent(row.compliance)]
            }
            lines += Table(headers: ["MONTH", "BRANCH", "VISITS", "MET", "MISSED", "PENDING", "COMPLIANCE"], rows: rows).render()
        }
        return lines
    }

    /// A span of seconds in two units at most: `45s`, `4m30s`, `1h05m`, `2d03h`; `-` for none.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "-" }
        let total = max(0, Int(seconds.rounded()))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        switch total {
        case ..<60: return "\(total)s"
        case ..<3600: return "\(total / 60)m\(two(total % 60))s"
        case ..<86_400: return "\(total / 3600)h\(two(total % 3600 / 60))m"
        default: return "\(total / 86_400)d\(two(total % 86_400 / 3600))h"
        }
    }

    /// A fraction as a percentage with at most one decimal: `25%`, `66.7%`; `-` for none.
    static func percent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "-" }
        let tenths = Int((fraction * 1000).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }

    // MARK: - Documents

    /// The `documents list` table: KIND, PERIOD, FROM, TO (the last day covered), GENERATED (local).
    static func documents(_ documents: [PeriodicDocumentDTO], timeZone: TimeZone) -> [String] {
        let rows = documents.map { document in
            [
                document.kind, document.period, TextTimes.day(document.from, timeZone),
                TextTimes.day(document.until.addingTimeInterval(-1), timeZone), TextTimes.minute(document.generatedAt, timeZone),
            ]
        }
        return Table(headers: ["KIND", "PERIOD", "FROM", "TO", "GENERATED"], rows: rows).render()
    }
}
