import Foundation
import Logging
import OncallCore
import PostgresNIO
import Synchronization

/// The active role through PostgreSQL itself: the node holding a session advisory lock on its
/// own connection is active; the lock goes when that connection dies (the process is killed,
/// the host is gone), and a waiting node takes it at its next try.
///
/// The holder checks its connection every `heartbeat`; when a check does not answer within
/// `checkTimeout` (a network cut) it gives the role up at once, before the server, whose
/// keepalive on that connection gives up later, lets another node take the lock. The same
/// connection listens on `oncalld_wakeup`, so a timer or message written by another node wakes
/// this one's loops.
public final class PostgresActiveRole: ActiveRole {
    static let lockKey: Int64 = 0x6F6E_6361_6C6C_0003  // "oncall" + 3: the active role

    private let configuration: PostgresConnection.Configuration
    private let database: PostgresDatabase
    private let heartbeat: Duration
    private let checkTimeout: Duration
    private let current: Mutex<ActiveRoleState>
    private let watchers = Mutex<[UUID: AsyncStream<Bool>.Continuation]>([:])
    private let wakeups = Mutex<[@Sendable () -> Void]>([])

    init(
        configuration: PostgresConnection.Configuration, database: PostgresDatabase, heartbeat: Duration = .milliseconds(500),
        checkTimeout: Duration = .seconds(2)
    ) {
        self.configuration = configuration
        self.database = database
        self.heartbeat = heartbeat
        self.checkTimeout = checkTimeout
        current = Mutex(ActiveRoleState(node: database.node, active: false, activeNode: nil, since: nil))
    }

    public func state() async -> ActiveRoleState {
        current.withLock { $0 }
    }

    /// Calls `wake` whenever another node commits a timer or a message (and on becoming active).
    public func onWakeup(_ wake: @escaping @Sendable () -> Void) {
        wakeups.withLock { $0.append(wake) }
    }

    public func whileActive(_ work: @escaping @Sendable () async -> Void) async {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: Bool.self, bufferingPolicy: .bufferingNewest(1))
        let active = current.withLock { state in
            watchers.withLock { $0[id] = continuation }
            return state.active
        }
        continuation.yield(active)
        var running: Task<Void, Never>?
        for await active in stream {
            if active, running == nil {
                running = Task { await work() }
            } else if !active, let task = running {
                task.cancel()
                await task.value
                running = nil
            }
        }
        watchers.withLock { $0[id] = nil }
        running?.cancel()
        await running?.value
    }

    /// Campaigns for the role until cancelled, reconnecting after any failure.
    public func run() async {
        var connectionID = 0
        while !Task.isCancelled {
            connectionID += 1
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: connectionID, logger: database.logger)
                do {
                    try await hold(connection)
                } catch {
                    database.logger.warning("active-role connection lost", metadata: ["error": "\(error)"])
                }
                try? await connection.close()
            } catch {
                database.logger.warning("cannot reach the database for the active role", metadata: ["error": "\(error)"])
            }
            setActive(false, activeNode: nil, since: nil)
            try? await Task.sleep(for: heartbeat)
        }
    }

    private func hold(_ connection: PostgresConnection) async throws {
        let logger = database.logger
        // The server notices a vanished holder in about 4 s (2 s idle, then 2 probes 1 s apart) and frees the lock.
        for setting in ["tcp_keepalives_idle = 2", "tcp_keepalives_interval = 1", "tcp_keepalives_count = 2", "tcp_user_timeout = 4000"] {
            try await connection.run(PostgresQuery(unsafeSQL: "SET " + setting), logger: logger)
        }
        try await connection.listen(on: PostgresUnitOfWork.wakeupChannel) { notifications in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await _ in notifications { self.wake() }
                    throw ActiveRoleError.notificationsEnded
                }
                group.addTask {
                    do {
                        try await self.campaign(connection)
                    } catch {
                        // Stop acting first, then close, which ends the hung query and the notification stream.
                        self.setActive(false, activeNode: nil, since: nil)
                        try? await connection.close()
                        throw error
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    /// Tries for the lock while passive; checks the connection while active. Throws when it fails.
    private func campaign(_ connection: PostgresConnection) async throws {
        let logger = database.logger
        while true {
            if current.withLock({ $0.active }) {
                try await within(checkTimeout) { try await connection.run("SELECT 1", logger: logger) }
            } else {
                let won = try await within(checkTimeout) {
                    try await connection.rows("SELECT pg_try_advisory_lock(\(Self.lockKey)) AS won", logger: logger)[0].value("won", as: Bool.self)
                }
                if won {
                    try await takeOver(connection)
                } else {
                    let holder = try await connection.rows("SELECT node, since FROM active_node WHERE role = 'timers'", logger: logger).first
                    setActive(
                        false, activeNode: try holder?.value("node", as: String.self),
                        since: try holder.map { Date(timeIntervalSince1970: try $0.value("since")) })
                }
            }
            try await Task.sleep(for: heartbeat)
        }
    }

    /// Records this node as active and frees the messages the node before it had claimed (it no
    /// longer holds the lock, so it is gone or has stopped sending).
    private func takeOver(_ connection: PostgresConnection) async throws {
        let (logger, node) = (database.logger, database.node)
        let since = Date()
        try await connection.run("""
            INSERT INTO active_node (role, node, since) VALUES ('timers', \(node), \(since.timeIntervalSince1970))
            ON CONFLICT (role) DO UPDATE SET node = excluded.node, since = excluded.since
            """, logger: logger)
        try await connection.run("""
            UPDATE outbox_message SET claimed_by = NULL, claimed_until = NULL WHERE status = 'pending' AND claimed_by <> \(node)
            """, logger: logger)
        logger.notice("this node is now active", metadata: ["node": "\(node)"])
        setActive(true, activeNode: node, since: since)
        wake()
    }

    private func setActive(_ active: Bool, activeNode: String?, since: Date?) {
        let changed = current.withLock { state -> Bool in
            let changed = state.active != active
            state.active = active
            state.activeNode = activeNode
            state.since = since
            return changed
        }
        guard changed else { return }
        if !active { database.logger.warning("this node is no longer active", metadata: ["node": "\(database.node)"]) }
        for watcher in watchers.withLock({ Array($0.values) }) { watcher.yield(active) }
    }

    private func wake() {
        for wake in wakeups.withLock({ $0 }) { wake() }
    }

    /// `body`'s answer, or an error when it takes longer than `limit`. It does not wait for `body` to
    /// end: a query on a cut connection may hang until the connection is closed.
    private func within<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let pending = PendingAnswer(continuation)
            let work = Task {
                do {
                    let value = try await body()
                    pending.take()?.resume(returning: value)
                } catch {
                    pending.take()?.resume(throwing: error)
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                guard let waiting = pending.take() else { return }
                work.cancel()
                waiting.resume(throwing: ActiveRoleError.noAnswer(within: limit))
            }
        }
    }
}

/// A continuation resumed by whichever comes first, the answer or the deadline.
private final class PendingAnswer<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, any Error>?>
    init(_ continuation: CheckedContinuation<T, any Error>) { self.continuation = Mutex(continuation) }
    func take() -> CheckedContinuation<T, any Error>? { continuation.withLock { $0.take() } }
}

/// Why the active-role connection was given up.
enum ActiveRoleError: Error, CustomStringConvertible {
    case noAnswer(within: Duration)
    case notificationsEnded

    var description: String {
        switch self {
        case let .noAnswer(limit): "the database did not answer within \(limit)"
        case .notificationsEnded: "the notification stream ended"
        }
    }
}
