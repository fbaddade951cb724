import Foundation
import Logging
import OncallCore
import OncallStore
import OncallTesting

/// The backends the shared store suite runs on: a SQLite file, and a database of its own on the
/// test process's throwaway PostgreSQL cluster.
enum StoreBackend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgres
    var description: String { rawValue }

    /// Opens the store named `name`; opening the same name again opens the same data (a restart).
    func open(_ name: String) async throws -> TestStore {
        switch self {
        case .sqlite:
            return TestStore(try SQLiteStore(path: name).repositories)
        case .postgres:
            return TestStore(try await Self.postgresStore(reopening: name).repositories)
        }
    }

    static let quietLogger = Logger(label: "oncalld.test") { _ in SwiftLogNoOpLogHandler() }

    /// A PostgreSQL store on a new database, or on the database opened before under `name`.
    static func postgresStore(reopening name: String? = nil, node: String = "test") async throws -> PostgresStore {
        let url = try await PostgresDatabases.shared.url(for: name)
        return try await PostgresStore(url: try PostgresURL(url), node: node, logger: quietLogger)
    }
}

/// One URL per store name, so a test can reopen what it wrote.
actor PostgresDatabases {
    static let shared = PostgresDatabases()
    private var urls: [String: String] = [:]

    func url(for name: String?) async throws -> String {
        if let name, let url = urls[name] { return url }
        let url = try await PostgresTestServer.shared.newDatabaseURL()
        if let name { urls[name] = url }
        return url
    }
}

/// A backend's repositories under the names the tests use.
struct TestStore: Sendable {
    let repositories: Repositories
    init(_ repositories: Repositories) { self.repositories = repositories }

    var incidents: any IncidentStore { repositories.incidents }
    var timers: any TimerStore { repositories.timers }
    var deliveries: any DeliveryStore { repositories.deliveries }
    var inbound: any InboundStore { repositories.inbound }
    var visits: any VisitStore { repositories.visits }
    func statistics() async throws -> StoreStatistics { try await repositories.health.statistics() }
}
