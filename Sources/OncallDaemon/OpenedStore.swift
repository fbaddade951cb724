import Foundation
import Logging
import OncallConfig
import OncallCore
import OncallStore
import ServiceLifecycle

/// The backend the daemon opened: its repositories, what must run beside them (PostgreSQL's
/// active-role campaign), and how to close it.
struct OpenedStore: Sendable {
    let repositories: Repositories
    /// Calls `wake` when another node commits a timer or a message; nil on a backend with one node.
    let onOtherNodesWrites: (@Sendable (@escaping @Sendable () -> Void) -> Void)?
    let background: [any Service]
    let close: @Sendable () throws -> Void

    /// SQLite under `state_dir` unless `store.url` names a PostgreSQL database.
    static func open(_ config: DaemonConfig, logger: Logger) async throws -> OpenedStore {
        guard let text = config.store.url else { return try openSQLite(config, logger: logger) }
        let url: PostgresURL
        do {
            url = try PostgresURL(text)
        } catch {
            throw DaemonError.startup("store.url: \(error)")
        }
        let store: PostgresStore
        do {
            store = try await PostgresStore(url: url, node: config.store.node, logger: logger)
        } catch {
            throw DaemonError.startup("cannot open the PostgreSQL store \(url): \(error)")
        }
        logger.info("store open", metadata: [
            "store.url": "\(url)", "store.node": "\(config.store.node)", "store.migrations": "\(store.appliedMigrations.count)",
        ])
        return OpenedStore(
            repositories: store.repositories, onOtherNodesWrites: { store.role.onWakeup($0) },
            background: [ActiveRoleService(role: store.role)], close: { store.close() })
    }

    private static func openSQLite(_ config: DaemonConfig, logger: Logger) throws -> OpenedStore {
        let databasePath = config.stateDir + "/oncalld.sqlite"
        let store: SQLiteStore
        do {
            store = try SQLiteStore(path: databasePath, node: config.store.node)
        } catch {
            throw DaemonError.startup("cannot open the database \(databasePath): \(error)")
        }
        let migrations = (try? store.appliedMigrations().count) ?? 0
        logger.info("store open", metadata: ["store.path": "\(databasePath)", "store.migrations": "\(migrations)"])
        return OpenedStore(repositories: store.repositories, onOtherNodesWrites: nil, background: [], close: { try store.close() })
    }
}

/// Campaigns for the active role for as long as the daemon runs.
struct ActiveRoleService: Service {
    let role: PostgresActiveRole

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await role.run()
        }
    }
}
