import Foundation
import OncallCore

/// An incident on the wire: its number, level and state, the report form's fields (flat, with
/// the form's own wire names) and its times; `timeline` is present on single-incident answers.
/// The form's fields read as members (`dto.subject`), so a new form field needs no change here.
@dynamicMemberLookup
public struct IncidentDTO: Codable, Sendable, Equatable {
    public var id: String
    public var number: Int64
    public var level: Int
    public var state: String
    public var form: ReportForm
    public var reportedAt: Date
    public var acknowledgedAt: Date?
    public var escalatedAt: Date?
    public var resolvedAt: Date?
    public var closedAt: Date?
    public var resolutionSummary: String?
    public var reportedBy: String
    /// Set while a maintenance window holds its pages.
    public var maintenance: MaintenanceHoldDTO?
    public var timeline: [TimelineEntryDTO]?

    enum CodingKeys: String, CodingKey {
        case id, number, level, state, timeline, maintenance
        case reportedAt = "reported_at"
        case acknowledgedAt = "acknowledged_at"
        case escalatedAt = "escalated_at"
        case resolvedAt = "resolved_at"
        case closedAt = "closed_at"
        case resolutionSummary = "resolution_summary"
        case reportedBy = "reported_by"
    }

    public subscript<T>(dynamicMember keyPath: KeyPath<ReportForm, T>) -> T {
        form[keyPath: keyPath]
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        number = try container.decode(Int64.self, forKey: .number)
        level = try container.decode(Int.self, forKey: .level)
        state = try container.decode(String.self, forKey: .state)
        form = try ReportForm(from: decoder)
        reportedAt = try container.decode(Date.self, forKey: .reportedAt)
        acknowledgedAt = try container.decodeIfPresent(Date.self, forKey: .acknowledgedAt)
        escalatedAt = try container.decodeIfPresent(Date.self, forKey: .escalatedAt)
        resolvedAt = try container.decodeIfPresent(Date.self, forKey: .resolvedAt)
        closedAt = try container.decodeIfPresent(Date.self, forKey: .closedAt)
        resolutionSummary = try container.decodeIfPresent(String.self, forKey: .resolutionSummary)
        reportedBy = try container.decode(String.self, forKey: .reportedBy)
        maintenance = try container.decodeIfPresent(MaintenanceHoldDTO.self, forKey: .maintenance)
        timeline = try container.decodeIfPresent([TimelineEntryDTO].self, forKey: .timeline)
    }

    /// Every field is written, as `null` when empty, so readers see the whole form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(number, forKey: .number)
        try container.encode(level, forKey: .level)
        try container.encode(state, forKey: .state)
        try form.encode(to: encoder)
        try container.encode(reportedAt, forKey: .reportedAt)
        try container.encode(acknowledgedAt, forKey: .acknowledgedAt)
        try container.encode(escalatedAt, forKey: .escalatedAt)
        try container.encode(resolvedAt, forKey: .resolvedAt)
        try container.encode(closedAt, forKey: .closedAt)
        try container.encode(resolutionSummary, forKey: .resolutionSummary)
        try container.encode(reportedBy, forKey: .reportedBy)
        try container.encode(maintenance, forKey: .maintenance)
        try container.encodeIfPresent(timeline, forKey: .timeline)
    }

    public init(_ incident: Incident, timeline: [TimelineEvent]? = nil) {
        id = incident.id.description
        number = incident.id.value
        level = incident.level.rawValue
        state = incident.state.rawValue
        form = incident.form
        reportedAt = incident.reportedAt
        acknowledgedAt = incident.acknowledgedAt
        escalatedAt = incident.escalatedAt
        resolvedAt = incident.resolvedAt
        closedAt = incident.closedAt
        resolutionSummary = incident.resolutionSummary
        reportedBy = incident.reportedBy
        maintenance = incident.maintenance.map(MaintenanceHoldDTO.init)
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
