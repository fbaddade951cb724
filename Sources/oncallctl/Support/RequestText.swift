import Foundation
import OncallAPI

/// How service requests and release windows look on a terminal. Pure: the time zone is a parameter.
enum RequestText {
    /// ID, KIND, STATUS, OWNER, NEXT PROMISE (its name, due time and state), SUBJECT.
    static func table(_ requests: [ServiceRequestDTO], timeZone: TimeZone) -> [String] {
        guard !requests.isEmpty else { return ["No service requests."] }
        let time = IncidentText.formatter("yyyy-MM-dd HH:mm", timeZone)
        let rows = requests.map { request in
            // Promises still running (open, or missed and not yet met), the soonest first.
            let next = request.promises.filter { $0.state == "open" || $0.state == "missed" }.min { $0.dueAt < $1.dueAt }
            let promise = next.map { "\($0.name) \(time.string(from: $0.dueAt))\($0.state == "missed" ? " MISSED" : "")" } ?? "-"
            return [request.id, request.kind, request.status, request.owner ?? "-", promise, request.subject]
        }
        return Table(headers: ["ID", "KIND", "STATUS", "OWNER", "NEXT PROMISE", "SUBJECT"], rows: rows, maxWidths: [nil, nil, nil, nil, nil, 40])
            .render()
    }

    static func detail(_ request: ServiceRequestDTO, timeZone: TimeZone) -> [String] {
        let time = IncidentText.formatter("yyyy-MM-dd HH:mm", timeZone)
        var lines = [
            "\(request.id)  \(request.kind)  \(request.status)",
            "Subject:       \(request.subject)",
            "Organisation:  \(request.organisation)",
            "Requester:     \(request.requester)\(request.contact.map { " (\($0))" } ?? "")",
            "Owner:         \(request.owner ?? "-")",
            "Submitted:     \(time.string(from: request.submittedAt)) by \(request.submittedBy)",
        ]
        if let description = request.description { lines.append("Description:   \(description)") }
        if let promised = request.promisedDate { lines.append("Promised date: \(promised)") }
        if let reason = request.reason { lines.append("Reason:        \(reason)") }
        if !request.fixedIssues.isEmpty { lines.append("Fixes:         \(request.fixedIssues.joined(separator: ", "))") }
        if let window = request.window {
            lines.append("Release:       \(time.string(from: window.startsAt))–\(IncidentText.formatter("HH:mm", timeZone).string(from: window.endsAt))"
                + (window.movedFrom.map { " (moved from \($0))" } ?? ""))
        }
        if !request.services.isEmpty {
            lines.append("Services:      \(request.services.joined(separator: ", "))\(request.maintenanceWindow.map { " (pages held by \($0))" } ?? "")")
        }
        if let closed = request.closedAt { lines.append("Closed:        \(time.string(from: closed))") }
        lines.append("Next steps:    \(request.nextSteps.isEmpty ? "-" : request.nextSteps.joined(separator: ", "))")
        lines.append("")
        lines.append("Promises:")
        if request.promises.isEmpty { lines.append("  (none)") }
        for promise in request.promises {
            let met = promise.metAt.map { ", met \(time.string(from: $0))" } ?? ""
            lines.append("  \(promise.name): due \(time.string(from: promise.dueAt)) — \(promise.state)\(met)")
        }
        lines.append("")
        lines.append("Timeline:")
        for entry in request.timeline {
            let what = entry.kind == "step" ? entry.name : "\(entry.kind) \(entry.name)"
            lines.append("  \(time.string(from: entry.at))  \(what)  \(entry.actor)\(entry.note.map { "  — \($0)" } ?? "")")
        }
        return lines
    }

    static func statistics(_ statistics: RequestStatisticsDTO) -> [String] {
        guard !statistics.rows.isEmpty else { return ["No promises yet."] }
        let rows = statistics.rows.map { row in
            [row.kind, row.month, "\(row.kept)", "\(row.missed)", "\(row.open)", row.keptShare.map { String(format: "%.0f%%", $0 * 100) } ?? "-"]
        }
        return Table(headers: ["KIND", "MONTH", "KEPT", "MISSED", "OPEN", "KEPT %"], rows: rows, maxWidths: Array(repeating: nil, count: 6)).render()
    }

    /// DAY, WEEKDAY, OPENS, CLOSES, NOTE (moved from a holiday).
    static func releases(_ windows: [ServiceRequestDTO.Window], timeZone: TimeZone) -> [String] {
        guard !windows.isEmpty else { return ["No release windows."] }
        let weekday = IncidentText.formatter("EEEE", timeZone)
        let clock = IncidentText.formatter("HH:mm", timeZone)
        let rows = windows.map { window in
            [window.day.description, weekday.string(from: window.startsAt), clock.string(from: window.startsAt), clock.string(from: window.endsAt),
             window.movedFrom.map { "moved from \($0) (not a working day)" } ?? ""]
        }
        return Table(headers: ["DAY", "WEEKDAY", "OPENS", "CLOSES", "NOTE"], rows: rows, maxWidths: Array(repeating: nil, count: 5)).render()
    }
}
