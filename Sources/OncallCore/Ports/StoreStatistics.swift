/// Counters a store reports for `/metrics`.
public struct StoreStatistics: Sendable, Equatable {
    /// Incident counts keyed by level and state; missing pairs are zero.
    public var incidents: [Level: [IncidentState: Int]]
    public var pendingTimers: Int
    /// Pending timers of a kind this version has no handler for (written by another version).
    public var pendingTimersOfUnknownKind: Int = 0
    /// Stored rows read since start that this version could not understand.
    public var unreadableRows: Int = 0
    /// Fault reports by state; missing states are zero.
    public var postmortems: [Postmortem.State: Int] = [:]
    /// Transactions committed by the group-commit writer, and the writes they carried.
    public var commitBatches: Int
    public var committedWrites: Int

    public init(incidents: [Level: [IncidentState: Int]] = [:], pendingTimers: Int = 0, commitBatches: Int = 0, committedWrites: Int = 0) {
        self.incidents = incidents
        self.pendingTimers = pendingTimers
        self.commitBatches = commitBatches
        self.committedWrites = committedWrites
    }
}

/// A backend's own counters, for `/metrics` and the watchdog's health check.
public protocol StoreHealth: Sendable {
    func statistics() async throws -> StoreStatistics
}

/// One backend's repositories, as the ports the domain and the daemon use: what a backend
/// (SQLite today, PostgreSQL next) implements, one protocol per aggregate.
public struct Repositories: Sendable {
    public var incidents: any IncidentStore
    public var timers: any TimerStore
    public var deliveries: any DeliveryStore
    public var inbound: any InboundStore
    public var visits: any VisitStore
    public var postmortems: any PostmortemStore
    public var periodic: any PeriodicStore
    public var maintenance: any MaintenanceStore
    public var requests: any ServiceRequestStore
    public var heartbeats: any HeartbeatStore
    public var calendarFeeds: any CalendarFeedStore
    public var health: any StoreHealth
    /// Which node runs the timers and sends notifications on this backend.
    public var role: any ActiveRole
    /// The backend's name, for `oncallctl status`: `sqlite` or `postgresql`.
    public var backend: String
    /// Online backups, where the backend takes them itself (SQLite); nil where the site's tools do (PostgreSQL).
    public var backup: (any StoreBackup)?

    public init(
        incidents: any IncidentStore, timers: any TimerStore, deliveries: any DeliveryStore, inbound: any InboundStore,
        visits: any VisitStore, postmortems: any PostmortemStore, periodic: any PeriodicStore, maintenance: any MaintenanceStore,
        requests: any ServiceRequestStore, heartbeats: any HeartbeatStore, calendarFeeds: any CalendarFeedStore, health: any StoreHealth,
        role: any ActiveRole, backend: String, backup: (any StoreBackup)? = nil
    ) {
        self.incidents = incidents
        self.timers = timers
        self.deliveries = deliveries
        self.inbound = inbound
        self.visits = visits
        self.postmortems = postmortems
        self.periodic = periodic
        self.maintenance = maintenance
        self.requests = requests
        self.heartbeats = heartbeats
        self.calendarFeeds = calendarFeeds
        self.health = health
        self.role = role
        self.backend = backend
        self.backup = backup
    }
}
