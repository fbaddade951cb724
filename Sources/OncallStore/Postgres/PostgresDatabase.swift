import Foundation
import Logging
import OncallCore
import PostgresNIO
import Synchronization

/// The PostgreSQL database every repository shares: a connection pool, transactions that are
/// retried when PostgreSQL reports a conflict another node caused, and the counters `/metrics` reads.
///
/// Every write is one transaction committed with the server's `synchronous_commit` (on by
/// default), so a write returns only after PostgreSQL has made it durable.
final class PostgresDatabase: Sendable {
    let client: PostgresClient
    let logger: Logger
    /// This node's name, recorded on what it claims and fires.
    let node: String
    private let runner: Task<Void, Never>
    /// Rows read that this version cannot understand (an unknown timeline kind, say).
    let unreadableRows = Atomic<Int>(0)
    private let commits = Atomic<Int>(0)

    /// SQLSTATEs after which a transaction is run again: serialization failure, deadlock, and a
    /// unique violation (two nodes creating with one idempotency key: the retry finds the winner's).
    private static let retriedStates: Set<String> = ["40001", "40P01", "23505"]
    private static let attempts = 5

    init(configuration: PostgresClient.Configuration, node: String, logger: Logger) {
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.node = node
        self.logger = logger
        runner = Task { await client.run() }
    }

    func close() {
        runner.cancel()
    }

    /// Runs `body` in one transaction and commits it; `body` may run again after a conflict.
    /// `counted` commits are the writes `/metrics` reports (the schema's migration is not one).
    func transaction<T: Sendable>(counted: Bool = true, _ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                let result = try await client.withConnection { connection -> T in
                    try await connection.query("BEGIN", logger: logger)
                    do {
                        let result = try await body(connection)
                        try await connection.query("COMMIT", logger: logger)
                        return result
                    } catch {
                        _ = try? await connection.query("ROLLBACK", logger: logger)
                        throw error
                    }
                }
                if counted { commits.add(1, ordering: .relaxed) }
                return result
            } catch let error as PSQLError where attempt < Self.attempts && Self.retriedStates.contains(error.serverInfo?[.sqlState] ?? "") {
                attempt += 1
            } catch let error as PSQLError {
                throw Self.storeError(error)
            }
        }
    }

    /// Runs `body` on a pooled connection outside an explicit transaction (a read).
    func read<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch let error as PSQLError {
            throw Self.storeError(error)
        }
    }

    /// A full disk (SQLSTATE 53100) as every backend reports it; any other failure as the server told it.
    private static func storeError(_ error: PSQLError) -> any Error {
        error.serverInfo?[.sqlState] == "53100" ? StoreError.storageFull : PostgresStoreError(error)
    }

    /// Counts an unreadable row and returns the error that reports it.
    func unreadable(_ error: StoreError) -> StoreError {
        unreadableRows.add(1, ordering: .relaxed)
        return error
    }

    func unreadable(_ what: String) -> StoreError {
        unreadable(.unreadable(what))
    }

    var committedTransactions: Int { commits.load(ordering: .relaxed) }
}

extension PostgresConnection {
    /// The rows of `query`, read in full (answers here are small: the callers pass a limit).
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        try await self.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    func run(_ query: PostgresQuery, logger: Logger) async throws {
        _ = try await self.query(query, logger: logger).collect()
    }
}

extension PostgresRandomAccessRow {
    /// The value of a column, as `T` (an optional type for a nullable column).
    func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try self[column].decode(T.self)
    }
}

/// A query assembled from optional filters: `bind` returns the placeholder (`$3`) of each value.
/// Bind every value before calling `query`, which takes the values bound so far.
struct PostgresSQL {
    private(set) var binds = PostgresBindings()

    mutating func bind<T: PostgresEncodable>(_ value: T) throws -> String {
        try binds.append(value)
        return "$\(binds.count)"
    }

    mutating func bind<T: PostgresEncodable>(_ value: T?) throws -> String {
        try binds.append(value)
        return "$\(binds.count)"
    }

    func query(_ sql: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}

/// A PostgreSQL failure as the server (or the connection) told it: SQLSTATE, message and detail,
/// never the query's bound values (PostgresNIO hides everything by default, to keep them out of logs).
public struct PostgresStoreError: Error, CustomStringConvertible {
    public let sqlState: String?
    public let description: String

    init(_ error: PSQLError) {
        sqlState = error.serverInfo?[.sqlState]
        if let info = error.serverInfo {
            description = "PostgreSQL \(info[.sqlState] ?? "?"): \(info[.message] ?? "")" + (info[.detail].map { " (\($0))" } ?? "")
        } else {
            description = "PostgreSQL connection: \(error.code)"
        }
    }
}
