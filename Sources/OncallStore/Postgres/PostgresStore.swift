import Foundation
import Logging
import OncallCore
import OncallSupport
import PostgresNIO

/// The shared backend for two or more nodes: one PostgreSQL database (which the site replicates
/// as it already does). Every node reads and writes; only the node holding `role` runs the
/// timers and sends notifications.
public final class PostgresStore: Sendable {
    let database: PostgresDatabase
    public let incidents: PostgresIncidentRepository
    public let timers: PostgresTimerRepository
    public let deliveries: PostgresOutboxRepository
    public let inbound: PostgresInboundRepository
    public let visits: PostgresVisitRepository
    public let postmortems: PostgresPostmortemRepository
    public let periodic: PostgresPeriodicRepository
    public let maintenance: PostgresMaintenanceRepository
    public let requests: PostgresServiceRequestRepository
    public let heartbeats: PostgresHeartbeatRepository
    public let calendarFeeds: PostgresCalendarFeedRepository
    /// Which node is active; `run()` it for as long as the store is open.
    public let role: PostgresActiveRole
    /// The applied migrations' names, oldest first.
    public let appliedMigrations: [String]

    /// Connects to `url` (`postgres://user:password@host:port/database`) and runs pending migrations.
    /// `node` names this node in the active-role record and on what it fires and claims.
    public init(url: PostgresURL, node: String, ownMessageIDs: MessageIDDomain = .standard, logger: Logger) async throws {
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        configuration.options.maximumConnections = 16
        // Operators (and the failover tests) tell the nodes' sessions apart in pg_stat_activity.
        configuration.options.additionalStartupParameters = [("application_name", "oncalld-" + node)]
        database = PostgresDatabase(configuration: configuration, node: node, logger: logger)
        do {
            appliedMigrations = try await PostgresMigrations.migrate(database)
        } catch {
            database.close()
            throw error
        }
        incidents = PostgresIncidentRepository(database: database)
        timers = PostgresTimerRepository(database: database)
        deliveries = PostgresOutboxRepository(database: database)
        inbound = PostgresInboundRepository(database: database, ownMessageIDs: ownMessageIDs)
        visits = PostgresVisitRepository(database: database)
        postmortems = PostgresPostmortemRepository(database: database)
        periodic = PostgresPeriodicRepository(database: database)
        maintenance = PostgresMaintenanceRepository(database: database)
        requests = PostgresServiceRequestRepository(database: database)
        heartbeats = PostgresHeartbeatRepository(database: database)
        calendarFeeds = PostgresCalendarFeedRepository(database: database)
        var roleConfiguration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        roleConfiguration.options.additionalStartupParameters = [("application_name", "oncalld-" + node)]
        role = PostgresActiveRole(configuration: roleConfiguration, database: database)
    }

    /// The repositories as the ports the daemon and the domain use.
    public var repositories: Repositories {
        Repositories(
            incidents: incidents, timers: timers, deliveries: deliveries, inbound: inbound, visits: visits,
            postmortems: postmortems, periodic: periodic, maintenance: maintenance, requests: requests, heartbeats: heartbeats,
            calendarFeeds: calendarFeeds, health: self, role: role, backend: "postgresql")
    }

    /// Closes the connections; call after the last write.
    public func close() {
        database.close()
    }
}

extension PostgresStore: StoreHealth {
    public func statistics() async throws -> StoreStatistics {
        let known = SQLiteTimerRepository.knownKinds
        let logger = database.logger
        var statistics = try await database.read { connection in
            var statistics = StoreStatistics()
            for row in try await connection.rows("SELECT level, state, COUNT(*) AS n FROM incident GROUP BY level, state", logger: logger) {
                guard let level = Level(rawValue: try row.value("level", as: Int.self)),
                      let state = IncidentState(rawValue: try row.value("state"))
                else { continue }
                statistics.incidents[level, default: [:]][state] = try row.value("n", as: Int.self)
            }
            for row in try await connection.rows("SELECT kind, COUNT(*) AS n FROM timer WHERE status = 'pending' GROUP BY kind", logger: logger) {
                let count: Int = try row.value("n")
                statistics.pendingTimers += count
                if !known.contains(try row.value("kind", as: String.self)) { statistics.pendingTimersOfUnknownKind += count }
            }
            for row in try await connection.rows("SELECT state, COUNT(*) AS n FROM postmortem GROUP BY state", logger: logger) {
                guard let state = Postmortem.State(rawValue: try row.value("state")) else { continue }
                statistics.postmortems[state] = try row.value("n", as: Int.self)
            }
            return statistics
        }
        // Each write is its own transaction here (no group commit): batches and writes are the same count.
        statistics.commitBatches = database.committedTransactions
        statistics.committedWrites = database.committedTransactions
        statistics.unreadableRows = database.unreadableRows.load(ordering: .relaxed)
        return statistics
    }
}

/// A `postgres://` (or `postgresql://`) URL, parsed; the password never appears in `description`.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String

    /// Nil, with the reason in `problem`, for anything but `postgres://user[:password]@host[:port]/database`.
    public init(_ text: String) throws(PostgresURLError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              ["postgres", "postgresql"].contains(scheme.lowercased())
        else { throw PostgresURLError("must be postgres://user:password@host:port/database") }
        guard let host = components.host, !host.isEmpty else { throw PostgresURLError("names no host") }
        guard let user = components.user, !user.isEmpty else { throw PostgresURLError("names no user") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw PostgresURLError("names no database (…/oncalld)") }
        if let query = components.queryItems, let unknown = query.first(where: { $0.name != "sslmode" || $0.value != "disable" }) {
            throw PostgresURLError("has the parameter '\(unknown.name)', which is not supported (only sslmode=disable)")
        }
        self.host = host
        port = components.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database
    }

    public var description: String {
        "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)"
    }
}

public struct PostgresURLError: Error, Equatable, CustomStringConvertible {
    public var description: String
    init(_ problem: String) { description = "the PostgreSQL URL \(problem)" }
}
