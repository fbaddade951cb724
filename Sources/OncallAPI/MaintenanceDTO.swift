import Foundation
import OncallCore

/// A maintenance window on the wire (`/v1/maintenance`).
public struct MaintenanceWindowDTO: Codable, Sendable, Equatable {
    /// `MW-12`.
    public var id: String
    public var number: Int64
    public var startsAt: Date
    public var endsAt: Date
    public var endedAt: Date?
    public var endedBy: String?
    public var services: [String]
    public var matchers: [String: String]
    public var reason: String
    public var createdBy: String
    public var createdAt: Date
    /// `planned`, `active` or `over`, as of the answer.
    public var status: String

    enum CodingKeys: String, CodingKey {
        case id, number, services, matchers, reason, status
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case endedAt = "ended_at"
        case endedBy = "ended_by"
        case createdBy = "created_by"
        case createdAt = "created_at"
    }

    public init(_ window: MaintenanceWindow, now: Date) {
        id = window.label
        number = window.id
        startsAt = window.startsAt
        endsAt = window.endsAt
        endedAt = window.endedAt
        endedBy = window.endedBy
        services = window.services
        matchers = window.matchers
        reason = window.reason
        createdBy = window.createdBy
        createdAt = window.createdAt
        status = window.isActive(at: now) ? "active" : (window.effectiveEnd <= now ? "over" : "planned")
    }
}

/// `GET /v1/maintenance`.
public struct MaintenanceListDTO: Codable, Sendable, Equatable {
    public var windows: [MaintenanceWindowDTO]
    public init(windows: [MaintenanceWindowDTO]) { self.windows = windows }
}

/// `POST /v1/maintenance`: a planned window (`starts_at`, `ends_at`) or an ad hoc one from now
/// (`duration_seconds`); `services` or `matchers` say what it covers.
public struct MaintenanceRequestDTO: StrictDecodable, Encodable, Sendable, Equatable {
    public var startsAt: Date?
    public var endsAt: Date?
    public var durationSeconds: Int?
    public var services: [String]?
    public var matchers: [String: String]?
    public var reason: String

    public static let allowedKeys: Set<String> = ["starts_at", "ends_at", "duration_seconds", "services", "matchers", "reason"]

    enum CodingKeys: String, CodingKey {
        case services, matchers, reason
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case durationSeconds = "duration_seconds"
    }

    public init(
        startsAt: Date? = nil, endsAt: Date? = nil, durationSeconds: Int? = nil, services: [String]? = nil,
        matchers: [String: String]? = nil, reason: String
    ) {
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.durationSeconds = durationSeconds
        self.services = services
        self.matchers = matchers
        self.reason = reason
    }

    /// The domain's request; a non-positive duration is refused here, the rest by the lifecycle.
    public func request() throws(LifecycleError) -> MaintenanceRequest {
        if let durationSeconds, durationSeconds <= 0 { throw .invalidField("duration_seconds", reason: "must be positive") }
        return MaintenanceRequest(
            startsAt: startsAt, endsAt: endsAt, duration: durationSeconds.map { .seconds($0) }, services: services ?? [],
            matchers: matchers ?? [:], reason: reason)
    }
}

/// An incident's hold on the wire (`maintenance` of an incident): the window and until when.
public struct MaintenanceHoldDTO: Codable, Sendable, Equatable {
    public var window: String
    public var until: Date

    public init(_ hold: MaintenanceHold) {
        window = "MW-\(hold.window)"
        until = hold.until
    }
}
