import Foundation
import OncallAPI
import OncallCore

/// What the routes need from the rest of the daemon, as values and closures (the HTTP adapter
/// imports no other adapter).
public struct APIDependencies: Sendable {
    /// The facts an acknowledge/resolve link carries once its signature checks out.
    public struct LinkClaims: Sendable, Equatable {
        public var incident: IncidentNumber
        /// `ack` or `resolve`.
        public var action: String
        public var person: String

        public init(incident: IncidentNumber, action: String, person: String) {
            self.incident = incident
            self.action = action
            self.person = person
        }
    }

    /// An inbound webhook request, as the ingest adapter needs it.
    public struct InboundRequest: Sendable {
        public var kind: String
        public var name: String
        public var method: String
        public var headers: [(String, String)]
        public var query: [String: String]
        public var body: Data
    }

    /// A raw RFC 5322 message posted to `POST /v1/mail` on the Unix socket.
    public struct LocalMail: Sendable {
        public var raw: Data
        /// `?recipient=`, comma-separated: the envelope recipients (their plus tag picks the service).
        public var envelopeTo: [String]
        /// The socket's caller, `unix:<login>`.
        public var actor: String

        public init(raw: Data, envelopeTo: [String], actor: String) {
            self.raw = raw
            self.envelopeTo = envelopeTo
            self.actor = actor
        }
    }

    /// What the ingest answered: an HTTP status and its fields (`outcome`, `incident`, `detail`, …;
    /// `error` and `code` when refused).
    public typealias IngestAnswer = (status: Int, fields: [String: String])

    public var service: IncidentService
    /// Fault reports and the archive; nil serves neither.
    public var postmortems: PostmortemService?
    /// Statistics over a period (`GET /v1/statistics`); nil serves none.
    public var statistics: StatisticsService?
    /// The backend's repositories: deliveries, the quarantine, documents, health.
    public var store: Repositories
    /// Inbound webhooks, raw mail from the socket and quarantine retries; nil serves none.
    public var ingest: (any IngestPort)?
    /// The configuration the routes read, one snapshot per request.
    public var settings: any APISettingsSource
    public var metrics: HTTPMetrics
    public var clock: any OncallClock
    /// Maintenance windows (`/v1/maintenance`); nil serves none.
    public var maintenance: MaintenanceService?
    /// Service requests and the release calendar (`/v1/requests`, `/v1/releases`); nil serves none.
    public var requests: ServiceRequestService?
    /// Heartbeat monitors (`/v1/heartbeats`); nil serves none.
    public var heartbeats: HeartbeatService?
    /// Calendar subscriptions (`/v1/calendar-feeds`) and their feeds (`/v1/calendars/{token}.ics`); nil serves none.
    public var calendarFeeds: CalendarFeedService?

    public init(
        service: IncidentService, postmortems: PostmortemService?, statistics: StatisticsService?, store: Repositories,
        ingest: (any IngestPort)?, settings: any APISettingsSource, metrics: HTTPMetrics, clock: any OncallClock,
        maintenance: MaintenanceService? = nil, requests: ServiceRequestService? = nil, heartbeats: HeartbeatService? = nil,
        calendarFeeds: CalendarFeedService? = nil
    ) {
        self.maintenance = maintenance
        self.requests = requests
        self.heartbeats = heartbeats
        self.calendarFeeds = calendarFeeds
        self.service = service
        self.postmortems = postmortems
        self.statistics = statistics
        self.store = store
        self.ingest = ingest
        self.settings = settings
        self.metrics = metrics
        self.clock = clock
    }
}

/// What the routes need from configuration, derived once per load or reload.
public struct APISettings: Sendable {
    public var maxBodyBytes: Int
    /// The field-dispatch configuration in force (nil when `dispatch` has no branches): branch
    /// and site names, and the policy and calendar that visit deadlines are computed with.
    public var dispatch: DispatchSetup?
    /// The calendar's time zone: months and dates in queries are local to it.
    public var timeZone: TimeZone
    /// Who is on call at an instant, with people's names.
    public var onCall: @Sendable (Date) -> OnCallDTO
    /// Verifies a link token at an instant; nil for a forged or expired one.
    public var verifyLink: @Sendable (String, Date) -> APIDependencies.LinkClaims?
    /// Who may beat each heartbeat over TCP, by name.
    public var heartbeatAccess: [String: HeartbeatAccess]
    /// Where people reach the TCP listener (`notify.base_url`): the base of calendar feed addresses.
    public var publicBaseURL: String?

    public init(
        maxBodyBytes: Int, dispatch: DispatchSetup?, timeZone: TimeZone, onCall: @escaping @Sendable (Date) -> OnCallDTO,
        verifyLink: @escaping @Sendable (String, Date) -> APIDependencies.LinkClaims?, heartbeatAccess: [String: HeartbeatAccess] = [:],
        publicBaseURL: String? = nil
    ) {
        self.heartbeatAccess = heartbeatAccess
        self.publicBaseURL = publicBaseURL
        self.maxBodyBytes = maxBodyBytes
        self.dispatch = dispatch
        self.timeZone = timeZone
        self.onCall = onCall
        self.verifyLink = verifyLink
    }
}

/// Where the routes read the API settings in force.
public protocol APISettingsSource: Sendable {
    var api: APISettings { get }
}

/// The ingest adapter as the routes see it (the HTTP adapter imports no other adapter).
public protocol IngestPort: Sendable {
    /// `POST /v1/inbound/{kind}/{name}`.
    func inbound(_ request: APIDependencies.InboundRequest) async throws -> (status: Int, body: Data)
    /// `POST /v1/mail` on the Unix socket.
    func localMail(_ mail: APIDependencies.LocalMail) async throws -> APIDependencies.IngestAnswer
    /// Parses a quarantined message again and applies it (`POST /v1/quarantine/{id}/retry`).
    func retryQuarantined(_ id: Int64) async throws -> APIDependencies.IngestAnswer
}
