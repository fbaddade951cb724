import Foundation
import OncallAPI

/// How incidents look on a terminal. Pure: the time zone is a parameter.
enum IncidentText {
    // MARK: - List

    /// The `list` table: ID, LVL, STATE, REPORTED (local `yyyy-MM-dd HH:mm`), ORGANISATION, SUBJECT.
    static func table(_ incidents: [IncidentDTO], timeZone: TimeZone, subjectWidth: Int) -> [String] {
        let reported = formatter("yyyy-MM-dd HH:mm", timeZone)
        let rows = incidents.map { incident in
            [
                incident.id, "L\(incident.level)", incident.state, reported.string(from: incident.reportedAt),
                incident.organisation, incident.subject,
            ]
        }
        return Table(
            headers: ["ID", "LVL", "STATE", "REPORTED", "ORGANISATION", "SUBJECT"], rows: rows,
            maxWidths: [nil, nil, nil, nil, 24, max(8, subjectWidth)]
        ).render()
    }

    // MARK: - Show

    /// The `show` text: the incident's fields, then its timeline as a table.
    static func detail(_ incident: IncidentDTO, timeZone: TimeZone) -> [String] {
        let full = formatter("yyyy-MM-dd HH:mm:ss xxxxx", timeZone)
        var fields: [(String, String?)] = [
            ("Subject (问题主题)", incident.subject),
            ("Organisation (提出单位)", incident.organisation),
            ("Reporter (提出人)", incident.reporter),
            ("Reporter contact", incident.reporterContact),
            ("Reported at (提出时间)", full.string(from: incident.reportedAt)),
            ("Reported by", incident.reportedBy),
            ("Situation (目前情况)", incident.situation),
            ("Description (问题说明)", incident.description),
            ("Required by (时间要求)", incident.requiredBy),
            ("Other (其他)", incident.other),
            ("Scope", incident.scope?.rawValue),
            ("Service", incident.service),
            ("Site", incident.site),
        ]
        fields += incident.form.addedFacts.map { ("\($0.english) (\($0.chinese))", $0.text) }
        let times: [(String, Date?)] = [
            ("Outage started", incident.outageStarted), ("Outage ended", incident.outageEnded),
            ("Acknowledged at", incident.acknowledgedAt), ("Escalated at", incident.escalatedAt),
            ("Resolved at", incident.resolvedAt), ("Closed at", incident.closedAt),
        ]
        fields += times.map { ($0.0, $0.1.map(full.string(from:))) }
        fields.append(("Resolution summary", incident.resolutionSummary))
        if let hold = incident.maintenance {
            fields.append(("Maintenance", "pages held by \(hold.window) until \(full.string(from: hold.until))"))
        }

        var lines = ["\(incident.id)  L\(incident.level)  \(incident.state)"]
        lines += labelled(fields.compactMap { label, value in value.flatMap { $0.isEmpty ? nil : (label, $0) } })
        if let timeline = incident.timeline {
            lines.append("")
            lines.append("Timeline:")
            lines += timelineTable(timeline, timeZone: timeZone)
        }
        return lines
    }

    /// `Label:  value` lines with the values lined up; continuation lines of a value are indented to match.
    static func labelled(_ fields: [(String, String)]) -> [String] {
        let width = (fields.map { displayWidth($0.0) }.max() ?? 0) + 1
        return fields.flatMap { label, value in
            let valueLines = value.split(separator: "\n", omittingEmptySubsequences: false).map {
                String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            }
            let indent = String(repeating: " ", count: width + 2)
            return valueLines.enumerated().map { index, line in
                index == 0 ? pad(label + ":", toWidth: width) + "  " + line : (line.isEmpty ? "" : indent + line)
            }
        }
    }

    /// The timeline: TIME (local), KIND, ACTOR, DETAILS as `key=value` pairs sorted by key.
    static func timelineTable(_ timeline: [TimelineEntryDTO], timeZone: TimeZone) -> [String] {
        let time = formatter("yyyy-MM-dd HH:mm:ss", timeZone)
        let rows = timeline.map { entry in
            [time.string(from: entry.at), entry.kind, entry.actor, details(entry.details)]
        }
        return Table(headers: ["TIME", "KIND", "ACTOR", "DETAILS"], rows: rows).render()
    }

    /// `key=value` pairs sorted by key; values with spaces, quotes or `=` are double-quoted.
    static func details(_ details: [String: String]) -> String {
        details.keys.sorted().map { key in
            let value = details[key] ?? ""
            let needsQuotes = value.isEmpty || value.contains { $0.isWhitespace || $0 == "\"" || $0 == "=" }
            let shown = needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : value
            return "\(key)=\(shown)"
        }.joined(separator: " ")
    }

    // MARK: - Confirmations and JSON

    /// `INC-000123 acknowledged (state: acknowledged, level: L2)`.
    static func confirmation(_ incident: IncidentDTO, _ verb: String) -> String {
        "\(incident.id) \(verb) (state: \(incident.state), level: L\(incident.level))"
    }

    /// Pretty JSON with the API's keys and time format.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(APIDates.format(date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
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
