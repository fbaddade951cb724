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
    public var metrics: HTTPMetrics
    public var clock: any OncallClock
    public var statistics: @Sendable () async throws -> StoreStatistics
    public var deliveries: @Sendable (IncidentNumber) async throws -> [DeliveryRecord]
    public var deliveryCounts: @Sendable () async throws -> [DeliveryStatus: Int]
    public var onCall: @Sendable (Date) -> OnCallDTO
    /// Verifies a link token at an instant; nil for a forged or expired one.
    public var verifyLink: @Sendable (String, Date) -> LinkClaims?
    public var maxBodyBytes: @Sendable () -> Int
    /// Handles inbound webhooks; nil serves none.
    public var inbound: (@Sendable (InboundRequest) async throws -> (status: Int, body: Data))?
    /// Ingests a raw message from the Unix socket (`POST /v1/mail`); nil serves none.
    public var localMail: (@Sendable (LocalMail) async throws -> IngestAnswer)?
    /// Quarantined messages, newest first, optionally of one status (`GET /v1/quarantine`); nil serves no quarantine API.
    public var quarantine: (@Sendable (QuarantinedMessage.Status?, Int) async throws -> [QuarantinedMessage])?
    /// One quarantined message with its raw bytes, nil when there is none with this id.
    public var quarantined: (@Sendable (Int64) async throws -> QuarantinedMessage?)?
    /// Parses a quarantined message again and applies it (`POST /v1/quarantine/{id}/retry`).
    public var retryQuarantined: (@Sendable (Int64) async throws -> IngestAnswer)?
    /// Sets a quarantined message's status (`POST /v1/quarantine/{id}/drop` sets `dropped`).
    public var setQuarantineStatus: (@Sendable (Int64, QuarantinedMessage.Status) async throws -> Void)?
    /// The field-dispatch configuration in force (nil when `dispatch` has no branches): branch
    /// and site names, and the policy and calendar that visit deadlines are computed with.
    public var dispatchSetup: @Sendable () -> DispatchSetup?
    /// Fault reports and the archive; nil serves neither.
    public var postmortems: PostmortemService?
    /// Statistics over incidents reported in `[from, until)`; nil serves none.
    public var incidentStatistics: (@Sendable (Date, Date) async throws -> IncidentStatistics)?
    /// Regular documents, newest first (`GET /v1/documents`); nil serves none.
    public var periodicDocuments: (@Sendable (PeriodicKind?, Int) async throws -> [PeriodicDocument])?
    /// The calendar's time zone: months and dates in queries are local to it.
    public var timeZone: TimeZone = .gmt

    public init(
        service: IncidentService, metrics: HTTPMetrics, clock: any OncallClock,
        statistics: @escaping @Sendable () async throws -> StoreStatistics,
        deliveries: @escaping @Sendable (IncidentNumber) async throws -> [DeliveryRecord],
        deliveryCounts: @escaping @Sendable () async throws -> [DeliveryStatus: Int],
        onCall: @escaping @Sendable (Date) -> OnCallDTO,
        verifyLink: @escaping @Sendable (String, Date) -> LinkClaims?,
        maxBodyBytes: @escaping @Sendable () -> Int,
        dispatchSetup: @escaping @Sendable () -> DispatchSetup? = { nil }
    ) {
        self.service = service
        self.metrics = metrics
        self.clock = clock
        self.statistics = statistics
        self.deliveries = deliveries
        self.deliveryCounts = deliveryCounts
        self.onCall = onCall
        self.verifyLink = verifyLink
        self.maxBodyBytes = maxBodyBytes
        self.dispatchSetup = dispatchSetup
    }
}
