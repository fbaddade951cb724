import Foundation
import GRDB
import OncallCore
import OncallSupport

/// The embedded backend: one SQLite file in WAL mode with `synchronous = FULL`, so a write
/// returns only after its commit is fsynced. Each aggregate has its repository; all of them
/// share one group-commit writer, and every incident change commits through `UnitOfWork`.
public final class SQLiteStore: Sendable {
    let database: SQLiteDatabase
    public let incidents: SQLiteIncidentRepository
    public let timers: SQLiteTimerRepository
    public let deliveries: SQLiteOutboxRepository
    public let inbound: SQLiteInboundRepository
    public let visits: SQLiteVisitRepository
    public let postmortems: SQLitePostmortemRepository
    public let periodic: SQLitePeriodicRepository
    public let maintenance: SQLiteMaintenanceRepository
    public let requests: SQLiteServiceRequestRepository
    public let heartbeats: SQLiteHeartbeatRepository
    public let calendarFeeds: SQLiteCalendarFeedRepository
    /// One host owns the file (the daemon's instance lock), so this node is always the active one.
    public let role: SoleNode

    /// Opens (creating if needed) the database at `path` and runs pending migrations.
    /// `ownMessageIDs` is the domain of the Message-IDs the daemon's mail carries (reply threading).
    public init(path: String, ownMessageIDs: MessageIDDomain = .standard, node: String = ProcessInfo.processInfo.hostName) throws {
        database = try SQLiteDatabase(path: path)
        incidents = SQLiteIncidentRepository(database: database)
        timers = SQLiteTimerRepository(database: database)
        deliveries = SQLiteOutboxRepository(database: database)
        inbound = SQLiteInboundRepository(database: database, ownMessageIDs: ownMessageIDs)
        visits = SQLiteVisitRepository(database: database)
        postmortems = SQLitePostmortemRepository(database: database)
        periodic = SQLitePeriodicRepository(database: database)
        maintenance = SQLiteMaintenanceRepository(database: database)
        requests = SQLiteServiceRequestRepository(database: database)
        heartbeats = SQLiteHeartbeatRepository(database: database)
        calendarFeeds = SQLiteCalendarFeedRepository(database: database)
        role = SoleNode(node: node, since: Date())
    }

    /// The repositories as the ports the daemon and the domain use.
    public var repositories: Repositories {
        Repositories(
            incidents: incidents, timers: timers, deliveries: deliveries, inbound: inbound, visits: visits,
            postmortems: postmortems, periodic: periodic, maintenance: maintenance, requests: requests, heartbeats: heartbeats,
            calendarFeeds: calendarFeeds, health: self, role: role, backend: "sqlite",
            backup: SQLiteBackup(database: database))
    }

    /// Checkpoints the WAL and closes the database; call after the last write.
    public func close() throws {
        _ = try database.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try database.pool.close()
    }

    /// The applied migrations' names, oldest first.
    public func appliedMigrations() throws -> [String] {
        try database.pool.read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    /// The `synchronous` pragma in force on the writer (2 = FULL).
    public func synchronousMode() throws -> Int {
        try database.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }
}

extension SQLiteStore: StoreHealth {
    public func statistics() async throws -> StoreStatistics {
        let known = SQLiteTimerRepository.knownKinds
        var statistics = try await database.pool.read { db in
            var statistics = StoreStatistics()
            for row in try Row.fetchAll(db, sql: "SELECT level, state, COUNT(*) AS n FROM incident GROUP BY level, state") {
                let levelValue: Int = row["level"]
                let stateText: String = row["state"]
                guard let level = Level(rawValue: levelValue), let state = IncidentState(rawValue: stateText) else { continue }
                statistics.incidents[level, default: [:]][state] = row["n"]
            }
            for row in try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM timer WHERE status = 'pending' GROUP BY kind") {
                let count: Int = row["n"]
                statistics.pendingTimers += count
                if !known.contains(row["kind"] as String) { statistics.pendingTimersOfUnknownKind += count }
            }
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM postmortem GROUP BY state") {
                guard let state = Postmortem.State(rawValue: row["state"]) else { continue }
                statistics.postmortems[state] = row["n"]
            }
            return statistics
        }
        (statistics.commitBatches, statistics.committedWrites) = database.writer.counters
        statistics.unreadableRows = database.unreadableRows.load(ordering: .relaxed)
        return statistics
    }
}
