import Foundation
import OncallAPI
import OncallCore

/// How fault reports (故障报告) look on a terminal. Pure: the time zone is a parameter.
enum PostmortemText {
    /// The sections still empty, by both names: `原因 (cause)`, in report order.
    static func missing(_ sections: SectionsDTO) -> [String] {
        PostmortemSections(cause: sections.cause, fix: sections.fix, process: sections.process, prevention: sections.prevention)
            .missing.map(\.bilingualName)
    }

    /// After an edit: `INC-000001 report saved (state: draft)`, then which sections are still empty or what to do next.
    static func saved(_ report: PostmortemDTO) -> [String] {
        var lines = ["\(report.incident) report saved (state: \(report.state))"]
        let empty = missing(report.sections)
        if !empty.isEmpty {
            lines.append("still empty: " + empty.joined(separator: ", "))
        } else if report.state == "draft" {
            lines.append("all four sections are written; submit it with: oncallctl postmortem submit \(report.incident)")
        }
        return lines
    }

    /// `INC-000001 report submitted for review (state: submitted)`.
    static func submitted(_ report: PostmortemDTO) -> String {
        "\(report.incident) report submitted for review (state: \(report.state))"
    }

    /// `INC-000001 report approved and archived (sha256 …)`, or `INC-000001 report sent back to zhang.san (state: draft)`.
    static func reviewed(_ report: PostmortemDTO, approve: Bool) -> String {
        if approve {
            let by = report.approvedBy.map { " by \($0)" } ?? ""
            return "\(report.incident) report approved\(by) and archived (state: \(report.state)); sha256 \(report.sha256 ?? "unknown")"
        }
        return "\(report.incident) report sent back to \(report.owner) (state: \(report.state))"
    }

    /// The `postmortem list` table: INCIDENT, STATE, OWNER, UPDATED, SUBMITTED (local `yyyy-MM-dd HH:mm`, `-` when not).
    static func table(_ reports: [PostmortemDTO], timeZone: TimeZone) -> [String] {
        let rows = reports.map { report in
            [
                report.incident, report.state, report.owner, TextTimes.minute(report.updatedAt, timeZone),
                report.submittedAt.map { TextTimes.minute($0, timeZone) } ?? "-",
            ]
        }
        return Table(headers: ["INCIDENT", "STATE", "OWNER", "UPDATED", "SUBMITTED"], rows: rows, maxWidths: [nil, nil, 28, nil, nil])
            .render()
    }
}

/// Local times as the tables show them.
enum TextTimes {
    /// `2026-11-25 09:05` in `timeZone`.
    static func minute(_ date: Date, _ timeZone: TimeZone) -> String {
        formatter("yyyy-MM-dd HH:mm", timeZone).string(from: date)
    }

    /// `2026-11-25` in `timeZone`.
    static func day(_ date: Date, _ timeZone: TimeZone) -> String {
        formatter("yyyy-MM-dd", timeZone).string(from: date)
    }

    static func formatter(_ format: String, _ timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = format
        return formatter
    }
}
