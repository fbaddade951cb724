import Foundation
import GRDB
import OncallCore

/// Mapping between `Incident` and the `incident` table. Dates are stored as Unix seconds (REAL).
enum IncidentRow {
    static let columns = """
        id, subject, organisation, reporter, reporterContact, situation, description, requiredBy, other,
        scope, service, site, outageStarted, outageEnded, level, state, reportedAt, acknowledgedAt,
        escalatedAt, resolvedAt, closedAt, resolutionSummary, reportedBy, remindersSent
        """

    static func decode(_ row: Row) throws -> Incident {
        let scopeText: String? = row["scope"]
        let levelValue: Int = row["level"]
        let stateText: String = row["state"]
        guard let level = Level(rawValue: levelValue), let state = IncidentState(rawValue: stateText) else {
            throw DatabaseError(message: "incident \(row["id"] as Int64): unknown level \(levelValue) or state \(stateText)")
        }
        let form = ReportForm(
            subject: row["subject"], organisation: row["organisation"], reporter: row["reporter"],
            reporterContact: row["reporterContact"], situation: row["situation"], description: row["description"],
            requiredBy: row["requiredBy"], other: row["other"], scope: scopeText.flatMap(Scope.init(rawValue:)),
            service: row["service"], site: row["site"],
            outageStarted: date(row["outageStarted"]), outageEnded: date(row["outageEnded"])
        )
        return Incident(
            id: IncidentNumber(row["id"] as Int64), form: form, level: level, state: state,
            reportedAt: date(row["reportedAt"])!, acknowledgedAt: date(row["acknowledgedAt"]),
            escalatedAt: date(row["escalatedAt"]), resolvedAt: date(row["resolvedAt"]), closedAt: date(row["closedAt"]),
            resolutionSummary: row["resolutionSummary"], reportedBy: row["reportedBy"], remindersSent: row["remindersSent"]
        )
    }

    static func values(_ incident: Incident) -> [(any DatabaseValueConvertible)?] {
        let form = incident.form
        return [
            incident.id.value, form.subject, form.organisation, form.reporter, form.reporterContact, form.situation,
            form.description, form.requiredBy, form.other, form.scope?.rawValue, form.service, form.site,
            seconds(form.outageStarted), seconds(form.outageEnded), incident.level.rawValue, incident.state.rawValue,
            seconds(incident.reportedAt), seconds(incident.acknowledgedAt), seconds(incident.escalatedAt),
            seconds(incident.resolvedAt), seconds(incident.closedAt), incident.resolutionSummary, incident.reportedBy,
            incident.remindersSent,
        ]
    }

    static func date(_ seconds: Double?) -> Date? { seconds.map(Date.init(timeIntervalSince1970:)) }
    static func seconds(_ date: Date?) -> Double? { date?.timeIntervalSince1970 }
}
