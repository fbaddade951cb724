import Foundation
import OncallCore
import OncallSupport

/// The JSON event a generic webhook receives, e.g.
/// `{"event":"new fault","incident":{"id":"INC-000007","level":2,…},"links":{…},"recipients":[…],"sent_at":"…"}`.
///
/// The fields are the webhook's wire format, so they are plain strings and numbers rather than domain
/// types: a stored event reads back however the domain changes. Times are ISO 8601 in UTC.
public struct GenericEvent: Codable, Sendable, Equatable {
    /// The incident the event is about.
    public struct IncidentFields: Codable, Sendable, Equatable {
        /// `INC-000007`.
        public var id: String
        /// 1, 2 or 3.
        public var level: Int
        /// `reported`, `acknowledged`, … (`IncidentState`'s raw value).
        public var state: String
        public var subject: String
        public var organisation: String
        public var reporter: String
        public var reportedAt: String
        /// `Scope`'s raw value; left out when the form gave none.
        public var scope: String?
        /// Left out when the form gave none.
        public var outageStarted: String?

        public init(
            id: String, level: Int, state: String, subject: String, organisation: String, reporter: String, reportedAt: String,
            scope: String? = nil, outageStarted: String? = nil
        ) {
            self.id = id
            self.level = level
            self.state = state
            self.subject = subject
            self.organisation = organisation
            self.reporter = reporter
            self.reportedAt = reportedAt
            self.scope = scope
            self.outageStarted = outageStarted
        }

        enum CodingKeys: String, CodingKey {
            case id, level, state, subject, organisation, reporter, scope
            case reportedAt = "reported_at"
            case outageStarted = "outage_started"
        }
    }

    /// The purpose: `new fault`, `escalation`, …
    public var event: String
    public var sentAt: String
    public var incident: IncidentFields
    /// Person ids the message is meant for.
    public var recipients: [String]
    /// The message's links, each left out when there is none.
    public var links: MessageLinks

    public init(event: String, sentAt: String, incident: IncidentFields, recipients: [String], links: MessageLinks) {
        self.event = event
        self.sentAt = sentAt
        self.incident = incident
        self.recipients = recipients
        self.links = links
    }

    enum CodingKeys: String, CodingKey {
        case event, incident, recipients, links
        case sentAt = "sent_at"
    }
}

extension GenericEvent {
    /// The event for `incident`, sent at `now` for `purpose`.
    init(_ incident: Incident, purpose: String, recipients: [String], links: MessageLinks, now: Date) {
        self.init(
            event: purpose, sentAt: RFC3339.format(now),
            incident: IncidentFields(
                id: incident.id.description, level: incident.level.rawValue, state: incident.state.rawValue,
                subject: incident.form.subject, organisation: incident.form.organisation, reporter: incident.form.reporter,
                reportedAt: RFC3339.format(incident.reportedAt), scope: incident.form.scope?.rawValue,
                outageStarted: incident.form.outageStarted.map { RFC3339.format($0) }),
            recipients: recipients, links: links)
    }
}
