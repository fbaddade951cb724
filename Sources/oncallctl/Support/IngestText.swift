import Foundation
import OncallAPI

/// How the daemon's answer about an inbound message (`report --eml`, `quarantine retry`) and
/// quarantined messages look on a terminal. Pure: the time zone is a parameter.
enum IngestText {
    /// One line saying what became of the message: the new incident's number alone (as `report`
    /// prints it), or the outcome and its reason.
    static func outcome(_ answer: IngestAnswerDTO) -> String {
        let incident = answer.incident ?? "?"
        switch answer.outcome {
        case "incident", "duplicate", "updated":
            return answer.incident ?? "\(answer.outcome): \(answer.detail ?? "")"
        case "note":
            return "note added to \(incident)" + (answer.refused.map { " (the command was not applied: \($0))" } ?? "")
        case "command":
            // The command's verb is a past participle: "INC-000003 acknowledged".
            return "\(incident) \(answer.command ?? answer.detail ?? "changed")"
        case "resolved":
            return "\(incident) resolved"
        case "quarantined":
            return "quarantined: \(answer.detail ?? "not understood") (see oncallctl quarantine list)"
        default:
            let detail = answer.detail.map { ": \($0)" } ?? ""
            return answer.outcome + detail + (answer.incident.map { " (\($0))" } ?? "")
        }
    }

    /// The `quarantine list` table: ID, RECEIVED (local), FROM (kind/integration), STATUS, SIZE, REASON.
    static func table(_ messages: [QuarantineEntryDTO], timeZone: TimeZone) -> [String] {
        let received = formatter(timeZone)
        let rows = messages.map { message in
            [String(message.id), received.string(from: message.receivedAt), "\(message.kind)/\(message.integration)",
             message.status, String(message.size), message.reason]
        }
        return Table(headers: ["ID", "RECEIVED", "INTEGRATION", "STATUS", "SIZE", "REASON"], rows: rows, maxWidths: [nil, nil, 32, nil, nil, 80])
            .render()
    }

    /// The `quarantine show` text: the facts, then the raw message as text.
    static func detail(_ message: QuarantineEntryDTO, timeZone: TimeZone) -> [String] {
        var lines = IncidentText.labelled([
            ("ID", String(message.id)), ("Integration", "\(message.kind)/\(message.integration)"),
            ("Received at", formatter(timeZone).string(from: message.receivedAt)), ("Status", message.status),
            ("Size", "\(message.size) bytes"), ("Reason", message.reason),
        ])
        lines.append("")
        lines.append((message.raw ?? "").replacingOccurrences(of: "\r\n", with: "\n"))
        return lines
    }

    private static func formatter(_ timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter
    }
}
