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

    public init(
        service: IncidentService, metrics: HTTPMetrics, clock: any OncallClock,
        statistics: @escaping @Sendable () async throws -> StoreStatistics,
        deliveries: @escaping @Sendable (IncidentNumber) async throws -> [DeliveryRecord],
        deliveryCounts: @escaping @Sendable () async throws -> [DeliveryStatus: Int],
        onCall: @escaping @Sendable (Date) -> OnCallDTO,
        verifyLink: @escaping @Sendable (String, Date) -> LinkClaims?,
        maxBodyBytes: @escaping @Sendable () -> Int
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
    }
}
