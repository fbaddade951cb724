import Foundation
import GRDB
import OncallCore

/// Service requests and their promise timers. A timer row exists while it is pending; firing it
/// deletes it in the transaction that commits its effect.
public struct SQLiteServiceRequestRepository: ServiceRequestStore {
    let database: SQLiteDatabase

    public func submitRequest(
        idempotencyKey: String?, _ make: @escaping @Sendable (RequestNumber) throws -> RequestChange
    ) async throws -> (request: ServiceRequest, created: Bool) {
        try await database.writer.write { db in
            // One writer at a time: the look-up and the insert below cannot interleave with another submission.
            if let idempotencyKey,
               let earlier = try Int64.fetchOne(db, sql: "SELECT requestId FROM requestInbound WHERE key = ?", arguments: [idempotencyKey]),
               let request = try Self.load(RequestNumber(earlier), db) {
                return (request, false)
            }
            let next = (try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'serviceRequest'") ?? 0) + 1
            let change = try make(RequestNumber(next))
            try db.execute(sql: "INSERT INTO serviceRequest (id, kind, owner, submittedAt, closedAt, data) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: try Self.columns(change.request))
            if let idempotencyKey {
                try db.execute(sql: "INSERT INTO requestInbound (key, requestId) VALUES (?, ?)", arguments: [idempotencyKey, next])
            }
            try Self.commit(change, in: db)
            return (change.request, true)
        }
    }

    public func request(_ number: RequestNumber) async throws -> ServiceRequest? {
        try await database.pool.read { db in try Self.load(number, db) }
    }

    public func requests(_ query: RequestQuery) async throws -> [ServiceRequest] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let open = query.open { conditions.append(open ? "closedAt IS NULL" : "closedAt IS NOT NULL") }
        if let kind = query.kind {
            conditions.append("kind = ?")
            arguments += [kind.rawValue]
        }
        if let owner = query.owner {
            conditions.append("owner = ?")
            arguments += [owner]
        }
        if let since = query.since {
            conditions.append("submittedAt >= ?")
            arguments += [since.timeIntervalSince1970]
        }
        arguments += [query.limit]
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let bound = arguments
        return try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, data FROM serviceRequest \(filter) ORDER BY id DESC LIMIT ?", arguments: bound)
                .map { row in try ServiceRequestRecord.decode(row["data"], number: row["id"]) }
        }
    }

    public func updateRequest(
        _ number: RequestNumber, _ decide: @escaping @Sendable (ServiceRequest) throws -> RequestChange
    ) async throws -> ServiceRequest? {
        try await database.writer.write { db in
            guard let request = try Self.load(number, db) else { return nil }
            let change = try decide(request)
            try Self.save(change, in: db)
            return change.request
        }
    }

    public func pendingRequestTimers(of number: RequestNumber) async throws -> [RequestTimer] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM requestTimer WHERE requestId = ? ORDER BY dueAt, deadline, action", arguments: [number.value])
                .compactMap(Self.timer)
        }
    }

    public func nextRequestTimerDue() async throws -> Date? {
        try await database.pool.read { db in
            try Double.fetchOne(db, sql: "SELECT MIN(dueAt) FROM requestTimer WHERE deadline IN (\(placeholders(Self.known.count)))",
                                arguments: StatementArguments(Self.known)).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func fireDueRequestTimers(
        now: Date, limit: Int, decide: @escaping @Sendable (RequestTimer, ServiceRequest) -> RequestChange
    ) async throws -> [RequestTimer] {
        try await database.writer.write { db in
            // A timer of a promise this version does not know stays pending for the version that does.
            let due = try Row.fetchAll(db, sql: """
                SELECT * FROM requestTimer WHERE dueAt <= ? AND deadline IN (\(placeholders(Self.known.count)))
                ORDER BY dueAt, requestId LIMIT ?
                """, arguments: StatementArguments([now.timeIntervalSince1970] + Self.known + [limit] as [any DatabaseValueConvertible]))
            var fired: [RequestTimer] = []
            for row in due {
                guard let timer = Self.timer(row) else { continue }
                try db.execute(sql: "DELETE FROM requestTimer WHERE requestId = ? AND deadline = ? AND action = ?",
                               arguments: [timer.request.value, timer.deadline.rawValue, timer.action.rawValue])
                if let request = try Self.load(timer.request, db) {
                    try Self.save(decide(timer, request), in: db)
                }
                fired.append(timer)
            }
            return fired
        }
    }

    // MARK: - Rows

    static let known = RequestDeadlineName.allCases.map(\.rawValue)

    static func load(_ number: RequestNumber, _ db: Database) throws -> ServiceRequest? {
        try String.fetchOne(db, sql: "SELECT data FROM serviceRequest WHERE id = ?", arguments: [number.value])
            .map { try ServiceRequestRecord.decode($0, number: number.value) }
    }

    static func columns(_ request: ServiceRequest) throws -> StatementArguments {
        [request.number.value, request.kind.rawValue, request.owner, request.submittedAt.timeIntervalSince1970,
         request.closedAt?.timeIntervalSince1970, try ServiceRequestRecord.encode(request)]
    }

    static func save(_ change: RequestChange, in db: Database) throws {
        let request = change.request
        try db.execute(sql: "UPDATE serviceRequest SET owner = ?, closedAt = ?, data = ? WHERE id = ?", arguments: [
            request.owner, request.closedAt?.timeIntervalSince1970, try ServiceRequestRecord.encode(request), request.number.value,
        ])
        try commit(change, in: db)
    }

    /// Applies the change's timers and queues its messages.
    static func commit(_ change: RequestChange, in db: Database) throws {
        let id = change.request.number.value
        for timerChange in change.timers {
            switch timerChange {
            case let .schedule(name, action, dueAt):
                try db.execute(sql: """
                    INSERT INTO requestTimer (requestId, deadline, action, dueAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT (requestId, deadline, action) DO UPDATE SET dueAt = excluded.dueAt
                    """, arguments: [id, name.rawValue, action.rawValue, dueAt.timeIntervalSince1970])
            case let .cancel(name):
                try db.execute(sql: "DELETE FROM requestTimer WHERE requestId = ? AND deadline = ?", arguments: [id, name.rawValue])
            }
        }
        for message in change.messages {
            try OutboxTable.insert(message, in: db)
        }
    }

    static func timer(_ row: Row) -> RequestTimer? {
        guard let deadline = RequestDeadlineName(rawValue: row["deadline"]), let action = RequestTimerAction(rawValue: row["action"]) else {
            return nil
        }
        return RequestTimer(request: RequestNumber(row["requestId"]), deadline: deadline, action: action,
                            dueAt: Date(timeIntervalSince1970: row["dueAt"]))
    }
}
