import Foundation
import Logging
import OncallCore
import PostgresNIO

/// Service requests and their promise timers. A timer row exists while it is pending; firing it
/// deletes it in the transaction that commits its effect.
public struct PostgresServiceRequestRepository: ServiceRequestStore {
    let database: PostgresDatabase

    public func submitRequest(
        idempotencyKey: String?, _ make: @escaping @Sendable (RequestNumber) throws -> RequestChange
    ) async throws -> (request: ServiceRequest, created: Bool) {
        let (database, logger) = (database, database.logger)
        return try await database.transaction { connection in
            func earlier(_ key: String) async throws -> ServiceRequest? {
                guard let row = try await connection.rows("SELECT request_id FROM request_inbound WHERE key = \(key)", logger: logger).first
                else { return nil }
                return try await Self.load(RequestNumber(try row.value("request_id", as: Int64.self)), connection, logger: logger, lock: false)
            }
            // A retry long after the first post is found here, before a number is drawn.
            if let idempotencyKey, let request = try await earlier(idempotencyKey) { return (request, false) }
            let id = try await connection.rows("SELECT nextval('service_request_id_seq') AS id", logger: logger)[0].value("id", as: Int64.self)
            if let idempotencyKey {
                // The key goes in before the request: a concurrent submission with the same key waits on it
                // here and, once this one commits, finds the conflict and reads the request it made.
                let claimed = try await connection.rows("""
                    INSERT INTO request_inbound (key, request_id) VALUES (\(idempotencyKey), \(id))
                    ON CONFLICT (key) DO NOTHING RETURNING request_id
                    """, logger: logger)
                if claimed.isEmpty, let request = try await earlier(idempotencyKey) { return (request, false) }
            }
            let change = try make(RequestNumber(id))
            let request = change.request
            try await connection.run("""
                INSERT INTO service_request (id, kind, owner, submitted_at, closed_at, data)
                VALUES (\(id), \(request.kind.rawValue), \(request.owner), \(request.submittedAt.timeIntervalSince1970),
                        \(request.closedAt?.timeIntervalSince1970), \(try ServiceRequestRecord.encode(request)))
                """, logger: logger)
            try await Self.commit(change, connection, database: database)
            return (request, true)
        }
    }

    public func request(_ number: RequestNumber) async throws -> ServiceRequest? {
        let logger = database.logger
        return try await database.read { connection in try await Self.load(number, connection, logger: logger, lock: false) }
    }

    public func requests(_ query: RequestQuery) async throws -> [ServiceRequest] {
        let logger = database.logger
        let open: Bool? = query.open
        return try await database.read { connection in
            try await connection.rows("""
                SELECT id, data FROM service_request
                WHERE (\(open)::boolean IS NULL OR (closed_at IS NULL) = \(open)::boolean)
                  AND (\(query.kind?.rawValue)::text IS NULL OR kind = \(query.kind?.rawValue)::text)
                  AND (\(query.owner)::text IS NULL OR owner = \(query.owner)::text)
                  AND (\(query.since?.timeIntervalSince1970)::double precision IS NULL OR submitted_at >= \(query.since?.timeIntervalSince1970)::double precision)
                ORDER BY id DESC LIMIT \(query.limit)
                """, logger: logger).map { row in try ServiceRequestRecord.decode(try row.value("data"), number: try row.value("id")) }
        }
    }

    public func updateRequest(
        _ number: RequestNumber, _ decide: @escaping @Sendable (ServiceRequest) throws -> RequestChange
    ) async throws -> ServiceRequest? {
        let (database, logger) = (database, database.logger)
        return try await database.transaction { connection in
            guard let request = try await Self.load(number, connection, logger: logger, lock: true) else { return nil }
            let change = try decide(request)
            try await Self.save(change, connection, database: database)
            return change.request
        }
    }

    public func pendingRequestTimers(of number: RequestNumber) async throws -> [RequestTimer] {
        let logger = database.logger
        return try await database.read { connection in
            try await connection.rows(
                "SELECT * FROM request_timer WHERE request_id = \(number.value) ORDER BY due_at, deadline, action", logger: logger
            ).compactMap(Self.timer)
        }
    }

    public func nextRequestTimerDue() async throws -> Date? {
        let logger = database.logger
        let known = RequestDeadlineName.allCases.map(\.rawValue)
        return try await database.read { connection in
            try await connection.rows("SELECT MIN(due_at) AS due FROM request_timer WHERE deadline = ANY(\(known))", logger: logger).first?
                .value("due", as: Double?.self).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func fireDueRequestTimers(
        now: Date, limit: Int, decide: @escaping @Sendable (RequestTimer, ServiceRequest) -> RequestChange
    ) async throws -> [RequestTimer] {
        let (database, logger) = (database, database.logger)
        let known = RequestDeadlineName.allCases.map(\.rawValue)
        return try await database.transaction { connection in
            // A timer of a promise this version does not know stays pending for the version that does.
            let due = try await connection.rows("""
                SELECT * FROM request_timer WHERE due_at <= \(now.timeIntervalSince1970) AND deadline = ANY(\(known))
                ORDER BY due_at, request_id LIMIT \(limit) FOR UPDATE SKIP LOCKED
                """, logger: logger)
            var fired: [RequestTimer] = []
            for row in due {
                guard let timer = try Self.timer(row) else { continue }
                try await connection.run("""
                    DELETE FROM request_timer WHERE request_id = \(timer.request.value) AND deadline = \(timer.deadline.rawValue)
                        AND action = \(timer.action.rawValue)
                    """, logger: logger)
                if let request = try await Self.load(timer.request, connection, logger: logger, lock: true) {
                    try await Self.save(decide(timer, request), connection, database: database)
                }
                fired.append(timer)
            }
            return fired
        }
    }

    // MARK: - Rows

    static func load(_ number: RequestNumber, _ connection: PostgresConnection, logger: Logger, lock: Bool) async throws -> ServiceRequest? {
        let rows = lock
            ? try await connection.rows("SELECT data FROM service_request WHERE id = \(number.value) FOR UPDATE", logger: logger)
            : try await connection.rows("SELECT data FROM service_request WHERE id = \(number.value)", logger: logger)
        return try rows.first.map { try ServiceRequestRecord.decode(try $0.value("data"), number: number.value) }
    }

    static func save(_ change: RequestChange, _ connection: PostgresConnection, database: PostgresDatabase) async throws {
        let request = change.request
        try await connection.run("""
            UPDATE service_request SET owner = \(request.owner), closed_at = \(request.closedAt?.timeIntervalSince1970),
                data = \(try ServiceRequestRecord.encode(request)) WHERE id = \(request.number.value)
            """, logger: database.logger)
        try await commit(change, connection, database: database)
    }

    /// Applies the change's timers and queues its messages; wakes the active node (maybe another) for them.
    static func commit(_ change: RequestChange, _ connection: PostgresConnection, database: PostgresDatabase) async throws {
        let (id, logger) = (change.request.number.value, database.logger)
        for timerChange in change.timers {
            switch timerChange {
            case let .schedule(name, action, dueAt):
                try await connection.run("""
                    INSERT INTO request_timer (request_id, deadline, action, due_at)
                    VALUES (\(id), \(name.rawValue), \(action.rawValue), \(dueAt.timeIntervalSince1970))
                    ON CONFLICT (request_id, deadline, action) DO UPDATE SET due_at = excluded.due_at
                    """, logger: logger)
            case let .cancel(name):
                try await connection.run("DELETE FROM request_timer WHERE request_id = \(id) AND deadline = \(name.rawValue)", logger: logger)
            }
        }
        for message in change.messages {
            try await OutboxRows.insert(message, connection, logger: logger)
        }
        if !change.timers.isEmpty || !change.messages.isEmpty {
            try await PostgresUnitOfWork.notifyWakeup(connection, database: database)
        }
    }

    static func timer(_ row: PostgresRandomAccessRow) throws -> RequestTimer? {
        guard let deadline = RequestDeadlineName(rawValue: try row.value("deadline")),
              let action = RequestTimerAction(rawValue: try row.value("action")) else { return nil }
        return RequestTimer(request: RequestNumber(try row.value("request_id")), deadline: deadline, action: action,
                            dueAt: Date(timeIntervalSince1970: try row.value("due_at")))
    }
}
