import Foundation

/// A planned or ad hoc period in which pages for some services are held (issue 13, part 3).
/// Incidents arriving in it are created and marked, but nobody is paged until it ends.
public struct MaintenanceWindow: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var startsAt: Date
    /// The planned end; `endedAt` is set when someone ends it earlier.
    public var endsAt: Date
    /// Services (the report form's `service`) it covers, compared without case.
    public var services: [String]
    /// Alert labels that must all be equal for an alert to be covered (`alertname: Watchdog`).
    public var matchers: [String: String]
    public var reason: String
    /// Who planned it (`unix:alice`, `token:deploy`).
    public var createdBy: String
    public var createdAt: Date
    public var endedAt: Date?
    public var endedBy: String?

    public init(
        id: Int64, startsAt: Date, endsAt: Date, services: [String], matchers: [String: String], reason: String,
        createdBy: String, createdAt: Date, endedAt: Date? = nil, endedBy: String? = nil
    ) {
        self.id = id
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.services = services
        self.matchers = matchers
        self.reason = reason
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.endedAt = endedAt
        self.endedBy = endedBy
    }

    /// When holding stops: the planned end, or the earlier moment someone ended it.
    public var effectiveEnd: Date { min(endsAt, endedAt ?? endsAt) }

    /// Whether it holds pages at `now` (start inclusive, end exclusive).
    public func isActive(at now: Date) -> Bool { startsAt <= now && now < effectiveEnd }

    /// Whether an incident of `service` raised with `labels` is covered: by its service, or by
    /// labels that equal every matcher (the form's service counts as the `service` label).
    public func covers(service: String?, labels: [String: String]) -> Bool {
        if let service, services.contains(where: { $0.caseInsensitiveCompare(service) == .orderedSame }) { return true }
        guard !matchers.isEmpty else { return false }
        var labels = labels
        if let service, labels["service"] == nil { labels["service"] = service }
        return matchers.allSatisfy { labels[$0.key] == $0.value }
    }

    /// 'MW-12'.
    public var label: String { "MW-\(id)" }
}

/// A window to create, as a person asked for it (checked by `MaintenanceLifecycle.plan`).
public struct MaintenanceRequest: Sendable, Equatable {
    /// Nil: now.
    public var startsAt: Date?
    /// Either an end or a duration from the start (ad hoc: "mute WMS for 2h").
    public var endsAt: Date?
    public var duration: Duration?
    public var services: [String]
    public var matchers: [String: String]
    public var reason: String

    public init(
        startsAt: Date? = nil, endsAt: Date? = nil, duration: Duration? = nil, services: [String] = [],
        matchers: [String: String] = [:], reason: String
    ) {
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.duration = duration
        self.services = services
        self.matchers = matchers
        self.reason = reason
    }
}

/// Why an incident's pages are held: which window, and until when.
public struct MaintenanceHold: Sendable, Equatable, Codable {
    public var window: Int64
    public var until: Date

    public init(window: Int64, until: Date) {
        self.window = window
        self.until = until
    }
}
