import Foundation
import OncallCore

/// An incident on the wire; `timeline` is present on single-incident answers.
public struct IncidentDTO: Codable, Sendable, Equatable {
    public var id: String
    public var number: Int64
    public var level: Int
    public var state: String
    public var subject: String
    public var organisation: String
    public var reporter: String
    public var reporterContact: String?
    public var situation: String?
    public var description: String?
    public var requiredBy: String?
    public var other: String?
    public var scope: String?
    public var service: String?
    public var site: String?
    public var outageStarted: Date?
    public var outageEnded: Date?
    public var reportedAt: Date
    public var acknowledgedAt: Date?
    public var escalatedAt: Date?
    public var resolvedAt: Date?
    public var closedAt: Date?
    public var resolutionSummary: String?
    public var reportedBy: String
    public var timeline: [TimelineEntryDTO]?

    enum CodingKeys: String, CodingKey {
        case id, number, level, state, subject, organisation, reporter, situation, description, other, scope, service, site, timeline
        case reporterContact = "reporter_contact"
        case requiredBy = "required_by"
        case outageStarted = "outage_started"
        case outageEnded = "outage_ended"
        case reportedAt = "reported_at"
        case acknowledgedAt = "acknowledged_at"
        case escalatedAt = "escalated_at"
        case resolvedAt = "resolved_at"
        case closedAt = "closed_at"
        case resolutionSummary = "resolution_summary"
        case reportedBy = "reported_by"
    }

    /// Every form field is written, as `null` when empty, so readers see the whole form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(number, forKey: .number)
        try container.encode(level, forKey: .level)
        try container.encode(state, forKey: .state)
        try container.encode(subject, forKey: .subject)
        try container.encode(organisation, forKey: .organisation)
        try container.encode(reporter, forKey: .reporter)
        try container.encode(reporterContact, forKey: .reporterContact)
        try container.encode(situation, forKey: .situation)
        try container.encode(description, forKey: .description)
        try container.encode(requiredBy, forKey: .requiredBy)
        try container.encode(other, forKey: .other)
        try container.encode(scope, forKey: .scope)
        try container.encode(service, forKey: .service)
        try container.encode(site, forKey: .site)
        try container.encode(outageStarted, forKey: .outageStarted)
        try container.encode(outageEnded, forKey: .outageEnded)
        try container.encode(reportedAt, forKey: .reportedAt)
        try container.encode(acknowledgedAt, forKey: .acknowledgedAt)
        try container.encode(escalatedAt, forKey: .escalatedAt)
        try container.encode(resolvedAt, forKey: .resolvedAt)
        try container.encode(closedAt, forKey: .closedAt)
        try container.encode(resolutionSummary, forKey: .resolutionSummary)
        try container.encode(reportedBy, forKey: .reportedBy)
        try container.encodeIfPresent(timeline, forKey: .timeline)
    }

    public init(_ incident: Incident, timeline: [TimelineEvent]? = nil) {
        let form = incident.form
        id = incident.id.description
        number = incident.id.value
        level = incident.level.rawValue
        state = incident.state.rawValue
        subject = form.subject
        organisation = form.organisation
        reporter = form.reporter
        reporterContact = form.reporterContact
        situation = form.situation
        description = form.description
        requiredBy = form.requiredBy
        other = form.other
        scope = form.scope?.rawValue
        service = form.service
        site = form.site
        outageStarted = form.outageStarted
        outageEnded = form.outageEnded
        reportedAt = incident.reportedAt
        acknowledgedAt = incident.acknowledgedAt
        escalatedAt = incident.escalatedAt
        resolvedAt = incident.resolvedAt
        closedAt = incident.closedAt
        resolutionSummary = incident.resolutionSummary
        reportedBy = incident.reportedBy
        self.timeline = timeline?.map(TimelineEntryDTO.init)
    }
}

/// One timeline entry on the wire.
public struct TimelineEntryDTO: Codable, Sendable, Equatable {
    /// `reported`, `acknowledged`, `escalated`, `relevelled`, `note`, `resolved`, `closed`.
    public var kind: String
    public var at: Date
    public var actor: String
    public var details: [String: String]

    public init(_ event: TimelineEvent) {
        kind = event.kind.rawValue
        at = event.at
        actor = event.actor
        details = event.details
    }
}

/// `GET /v1/incidents`.
public struct IncidentListDTO: Codable, Sendable, Equatable {
    public var incidents: [IncidentDTO]
    public init(incidents: [IncidentDTO]) { self.incidents = incidents }
}
