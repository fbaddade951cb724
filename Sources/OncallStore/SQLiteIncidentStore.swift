import Foundation
import GRDB
import OncallCore

/// `IncidentStore` on a SQLite file in WAL mode with `synchronous = FULL`: a write returns only
/// after its commit is fsynced. Concurrent writes share commits (see `GroupCommitWriter`).
public final class SQLiteIncidentStore: IncidentStore {
    let pool: DatabasePool
    let writer: GroupCommitWriter

    /// Opens (creating if needed) the database at `path` and runs pending migrations.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = "oncalld"
        pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB sets synchronous = NORMAL on the writer after prepareDatabase; FULL must come after opening.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try Migrations.migrator.migrate(pool)
        writer = GroupCommitWriter(pool: pool)
    }

    /// Checkpoints the WAL and closes the database; call after the last write.
    public func close() throws {
        _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try pool.close()
    }

    /// The applied migrations' names, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    /// The `synchronous` pragma in force on the writer (2 = FULL).
    public func synchronousMode() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    // MARK: - Writes

    public func create(
        idempotencyKey: String?, _ make: @escaping @Sendable (IncidentNumber) throws -> IncidentChange
    ) async throws -> (incident: Incident, created: Bool) {
        try await writer.write { db in
            if let idempotencyKey,
               let row = try Row.fetchOne(db, sql: "SELECT \(IncidentRow.columns) FROM incident WHERE idempotencyKey = ?", arguments: [idempotencyKey]) {
                return (try IncidentRow.decode(row), false)
            }
            let next = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM incident") ?? 1
            let change = try make(IncidentNumber(next))
            try db.execute(
                sql: "INSERT INTO incident (\(IncidentRow.columns), idempotencyKey) VALUES (\(placeholders(25)))",
                arguments: StatementArguments(IncidentRow.values(change.incident) + [idempotencyKey])
            )
            try Self.record(change, in: db, creating: true)
            return (change.incident, true)
        }
    }

    public func update(
        _ id: IncidentNumber, _ change: @escaping @Sendable (Incident) throws -> IncidentChange
    ) async throws -> Incident {
        try await writer.write { db in
            guard let current = try Self.fetchIncident(id, db) else { throw StoreError.notFound(id) }
            let decided = try change(current)
            try Self.save(decided.incident, db)
            try Self.record(decided, in: db)
            return decided.incident
        }
    }

    public func fireDueTimers(
        now: Date, limit: Int, _ effect: @escaping @Sendable (DueTimer, Incident, [Visit], Postmortem?) -> IncidentChange
    ) async throws -> [DueTimer] {
        // Most cycles find nothing due: check on a reader so an idle daemon does not fsync.
        let anyDue = try await pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM timer WHERE status = 'pending' AND dueAt <= ?)",
                              arguments: [now.timeIntervalSince1970]) ?? false
        }
        guard anyDue else { return [] }
        return try await writer.write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, incidentId, kind, dueAt FROM timer
                WHERE status = 'pending' AND dueAt <= ? ORDER BY dueAt, id LIMIT ?
                """, arguments: [now.timeIntervalSince1970, limit])
            var fired: [DueTimer] = []
            for row in rows {
                let timerID: Int64 = row["id"]
                // Marked fired in the same transaction as its effect: neither lost nor repeated.
                try db.execute(sql: "UPDATE timer SET status = 'fired', firedAt = ? WHERE id = ?",
                               arguments: [now.timeIntervalSince1970, timerID])
                let kindText: String = row["kind"]
                let id = IncidentNumber(row["incidentId"] as Int64)
                guard let kind = TimerKind(rawValue: kindText), let incident = try Self.fetchIncident(id, db) else { continue }
                let timer = DueTimer(incident: id, kind: kind, dueAt: Date(timeIntervalSince1970: row["dueAt"]))
                let change = effect(timer, incident, try Self.fetchVisits(id, db), try Self.fetchPostmortem(id, db))
                if change.incident != incident { try Self.save(change.incident, db) }
                try Self.record(change, in: db)
                fired.append(timer)
            }
            return fired
        }
    }

    private static let updateAssignments = IncidentRow.columns.split(separator: ",").dropFirst()
        .map { "\($0.trimmingCharacters(in: .whitespacesAndNewlines)) = ?" }.joined(separator: ", ")

    static func save(_ incident: Incident, _ db: Database) throws {
        let values = IncidentRow.values(incident).dropFirst() + [incident.id.value]
        try db.execute(sql: "UPDATE incident SET \(updateAssignments) WHERE id = ?", arguments: StatementArguments(Array(values)))
    }

    /// Appends the change's timeline events, queues its messages, saves its visits and fault report,
    /// applies its timer changes, and refreshes the incident's archive-search row when its text
    /// changed (`creating`, a note, the resolution, or the report); a plain status change does not.
    static func record(_ change: IncidentChange, in db: Database, creating: Bool = false) throws {
        let id = change.incident.id.value
        for event in change.events {
            let details = String(decoding: try JSONEncoder.sorted.encode(event.details), as: UTF8.self)
            try db.execute(
                sql: "INSERT INTO timelineEvent (incidentId, at, kind, actor, details) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, event.at.timeIntervalSince1970, event.kind.rawValue, event.actor, details]
            )
        }
        for message in change.messages {
            try insertMessage(message, in: db)
        }
        for visit in change.visits {
            let data = String(decoding: try JSONEncoder.sorted.encode(VisitRecord(visit)), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO visit (incidentId, attempt, engineer, branch, state, slaKind, dispatchedAt, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (incidentId, attempt) DO UPDATE SET state = excluded.state, data = excluded.data
                """, arguments: [id, visit.attempt, visit.engineer, visit.branch, visit.state.rawValue, visit.slaKind.rawValue,
                                 visit.dispatchedAt.timeIntervalSince1970, data])
        }
        if let inbound = change.inbound {
            try Self.insertInbound(inbound, incident: change.incident.id, in: db)
        }
        for timer in change.timers {
            switch timer {
            case let .schedule(kind, dueAt):
                try db.execute(sql: """
                    INSERT INTO timer (incidentId, kind, dueAt) VALUES (?, ?, ?)
                    ON CONFLICT (incidentId, kind) WHERE status = 'pending' DO UPDATE SET dueAt = excluded.dueAt
                    """, arguments: [id, kind.rawValue, dueAt.timeIntervalSince1970])
            case let .scheduleEarliest(kind, dueAt):
                try db.execute(sql: """
                    INSERT INTO timer (incidentId, kind, dueAt) VALUES (?, ?, ?)
                    ON CONFLICT (incidentId, kind) WHERE status = 'pending' DO UPDATE SET dueAt = MIN(dueAt, excluded.dueAt)
                    """, arguments: [id, kind.rawValue, dueAt.timeIntervalSince1970])
            case let .cancel(kind):
                try db.execute(
                    sql: "UPDATE timer SET status = 'cancelled' WHERE incidentId = ? AND kind = ? AND status = 'pending'",
                    arguments: [id, kind.rawValue]
                )
            }
        }
        if let postmortem = change.postmortem {
            try savePostmortem(postmortem, in: db)
            if postmortem.incident != change.incident.id { try refreshSearch(postmortem.incident, in: db) }
        }
        if creating || change.postmortem != nil || change.events.contains(where: { Self.searchableEventKinds.contains($0.kind) }) {
            try refreshSearch(change.incident.id, in: db)
        }
    }

    /// Timeline entries whose arrival changes an incident's searchable text.
    private static let searchableEventKinds: Set<TimelineEvent.Kind> = [.note, .resolved, .postmortem]

    /// Queues one message in the outbox, due at once; a message about no incident has a NULL `incidentId`.
    static func insertMessage(_ message: OutboxMessage, in db: Database) throws {
        let recipients = String(decoding: try JSONEncoder.sorted.encode(message.recipients), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO outboxMessage (id, incidentId, channel, target, recipients, subject, body, extras, purpose, createdAt, nextAttemptAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                message.id, message.incident?.value, message.channel, message.target, recipients, message.subject, message.body, message.extras,
                message.purpose, message.createdAt.timeIntervalSince1970, message.createdAt.timeIntervalSince1970,
            ])
    }

    // MARK: - Reads

    public func incident(_ id: IncidentNumber) async throws -> Incident? {
        try await pool.read { db in try Self.fetchIncident(id, db) }
    }

    static func fetchIncident(_ id: IncidentNumber, _ db: Database) throws -> Incident? {
        try Row.fetchOne(db, sql: "SELECT \(IncidentRow.columns) FROM incident WHERE id = ?", arguments: [id.value])
            .map(IncidentRow.decode)
    }

    public func timeline(of id: IncidentNumber) async throws -> [TimelineEvent] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT at, kind, actor, details FROM timelineEvent WHERE incidentId = ? ORDER BY id",
                             arguments: [id.value]).map { row in
                let kindText: String = row["kind"]
                let detailsText: String = row["details"]
                let details = (try? JSONDecoder().decode([String: String].self, from: Data(detailsText.utf8))) ?? [:]
                return TimelineEvent(
                    kind: TimelineEvent.Kind(rawValue: kindText) ?? .note, at: Date(timeIntervalSince1970: row["at"]),
                    actor: row["actor"], details: details
                )
            }
        }
    }

    public func incidents(_ query: IncidentQuery) async throws -> [Incident] {
        var (clauses, arguments) = IncidentFilter.conditions(states: query.states, level: query.level, from: query.since, until: query.until)
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        arguments += [query.limit]
        let sql = "SELECT \(IncidentRow.columns) FROM incident \(filter) ORDER BY id DESC LIMIT ?"
        let finalArguments = arguments
        return try await pool.read { db in try Row.fetchAll(db, sql: sql, arguments: finalArguments).map(IncidentRow.decode) }
    }

    public func nextTimerDue() async throws -> Date? {
        try await pool.read { db in
            try Double.fetchOne(db, sql: "SELECT MIN(dueAt) FROM timer WHERE status = 'pending'")
                .map(Date.init(timeIntervalSince1970:))
        }
    }

    public func statistics() async throws -> StoreStatistics {
        var statistics = try await pool.read { db in
            var statistics = StoreStatistics()
            for row in try Row.fetchAll(db, sql: "SELECT level, state, COUNT(*) AS n FROM incident GROUP BY level, state") {
                let levelValue: Int = row["level"]
                let stateText: String = row["state"]
                guard let level = Level(rawValue: levelValue), let state = IncidentState(rawValue: stateText) else { continue }
                statistics.incidents[level, default: [:]][state] = row["n"]
            }
            statistics.pendingTimers = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM timer WHERE status = 'pending'") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM postmortem GROUP BY state") {
                guard let state = Postmortem.State(rawValue: row["state"]) else { continue }
                statistics.postmortems[state] = row["n"]
            }
            return statistics
        }
        (statistics.commitBatches, statistics.committedWrites) = writer.counters
        return statistics
    }
}

// MARK: - Outbox

extension SQLiteIncidentStore: DeliveryStore {
    static let messageColumns = "id, incidentId, channel, target, recipients, subject, body, extras, purpose, createdAt"

    static func decodeMessage(_ row: Row) -> OutboxMessage {
        let recipientsText: String = row["recipients"]
        let recipients = (try? JSONDecoder().decode([String].self, from: Data(recipientsText.utf8))) ?? []
        return OutboxMessage(
            id: row["id"], incident: (row["incidentId"] as Int64?).map(IncidentNumber.init), channel: row["channel"], target: row["target"],
            recipients: recipients, subject: row["subject"], body: row["body"], extras: row["extras"], purpose: row["purpose"],
            createdAt: Date(timeIntervalSince1970: row["createdAt"]))
    }

    public func dueDeliveries(now: Date, limit: Int, excluding: Set<String>) async throws -> [PendingDelivery] {
        try await pool.read { db in
            var found: [PendingDelivery] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(Self.messageColumns), attempts FROM outboxMessage
                WHERE status = 'pending' AND nextAttemptAt <= ? ORDER BY nextAttemptAt, createdAt
                """, arguments: [now.timeIntervalSince1970])
            while found.count < limit, let row = try rows.next() {
                let message = Self.decodeMessage(row)
                if !excluding.contains(message.id) { found.append(PendingDelivery(message: message, attempts: row["attempts"])) }
            }
            return found
        }
    }

    public func record(_ attempt: DeliveryAttempt, retryAt: Date?) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO deliveryAttempt (messageId, number, at, result, detail) VALUES (?, ?, ?, ?, ?)",
                arguments: [attempt.messageID, attempt.number, attempt.at.timeIntervalSince1970, attempt.result.rawValue, attempt.detail])
            let status: DeliveryStatus = attempt.result == .delivered ? .delivered : (retryAt == nil ? .dead : .pending)
            try db.execute(
                sql: "UPDATE outboxMessage SET status = ?, attempts = ?, nextAttemptAt = ? WHERE id = ?",
                arguments: [status.rawValue, attempt.number, status == .pending ? retryAt?.timeIntervalSince1970 : nil, attempt.messageID])
        }
    }

    public func nextDeliveryDue() async throws -> Date? {
        try await pool.read { db in
            try Double.fetchOne(db, sql: "SELECT MIN(nextAttemptAt) FROM outboxMessage WHERE status = 'pending'")
                .map(Date.init(timeIntervalSince1970:))
        }
    }

    public func deliveries(of incident: IncidentNumber) async throws -> [DeliveryRecord] {
        try await pool.read { db in
            let attempts = try Row.fetchAll(db, sql: """
                SELECT a.messageId, a.number, a.at, a.result, a.detail FROM deliveryAttempt a
                JOIN outboxMessage m ON m.id = a.messageId WHERE m.incidentId = ? ORDER BY a.id
                """, arguments: [incident.value]).map { row in
                DeliveryAttempt(
                    messageID: row["messageId"], number: row["number"], at: Date(timeIntervalSince1970: row["at"]),
                    result: DeliveryResult(rawValue: row["result"]) ?? .permanent, detail: row["detail"])
            }
            let byMessage = Dictionary(grouping: attempts, by: \.messageID)
            return try Row.fetchAll(db, sql: """
                SELECT \(Self.messageColumns), status, nextAttemptAt FROM outboxMessage WHERE incidentId = ? ORDER BY createdAt, rowid
                """, arguments: [incident.value]).map { row in
                let message = Self.decodeMessage(row)
                let nextAttempt: Double? = row["nextAttemptAt"]
                return DeliveryRecord(
                    message: message, status: DeliveryStatus(rawValue: row["status"]) ?? .pending,
                    nextAttemptAt: nextAttempt.map(Date.init(timeIntervalSince1970:)), attempts: byMessage[message.id] ?? [])
            }
        }
    }

    public func deliveryCounts() async throws -> [DeliveryStatus: Int] {
        try await pool.read { db in
            var counts: [DeliveryStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM outboxMessage GROUP BY status") {
                if let status = DeliveryStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }
}

func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
}

extension JSONEncoder {
    /// Sorted keys, so the same details always serialise to the same text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

// MARK: - Visits

extension SQLiteIncidentStore: VisitStore {
    static let openStates = "('dispatched', 'accepted', 'en_route', 'on_site')"

    static func fetchVisits(_ id: IncidentNumber, _ db: Database) throws -> [Visit] {
        try String.fetchAll(db, sql: "SELECT data FROM visit WHERE incidentId = ? ORDER BY attempt", arguments: [id.value])
            .compactMap(decodeVisit)
    }

    static func decodeVisit(_ data: String) -> Visit? {
        (try? JSONDecoder().decode(VisitRecord.self, from: Data(data.utf8)))?.visit
    }

    public func updateWithVisits(
        _ id: IncidentNumber, loadSince: Date,
        _ change: @escaping @Sendable (Incident, [Visit], EngineerWorkload) throws -> IncidentChange
    ) async throws -> (incident: Incident, visits: [Visit]) {
        try await writer.write { db in
            guard let current = try Self.fetchIncident(id, db) else { throw StoreError.notFound(id) }
            var workload = EngineerWorkload()
            for row in try Row.fetchAll(db, sql: "SELECT engineer, incidentId FROM visit WHERE state IN \(Self.openStates)") {
                workload.openDispatches[row["engineer"]] = IncidentNumber(row["incidentId"] as Int64)
            }
            for row in try Row.fetchAll(db, sql: "SELECT engineer, COUNT(*) AS n FROM visit WHERE dispatchedAt >= ? GROUP BY engineer",
                                        arguments: [loadSince.timeIntervalSince1970]) {
                workload.recentDispatches[row["engineer"]] = row["n"]
            }
            let decided = try change(current, try Self.fetchVisits(id, db), workload)
            if decided.incident != current { try Self.save(decided.incident, db) }
            try Self.record(decided, in: db)
            return (decided.incident, try Self.fetchVisits(id, db))
        }
    }

    public func visits(of id: IncidentNumber) async throws -> [Visit] {
        try await pool.read { db in try Self.fetchVisits(id, db) }
    }

    public func visits(_ query: VisitQuery) async throws -> [Visit] {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if query.openOnly { clauses.append("state IN \(Self.openStates)") }
        if let branch = query.branch {
            clauses.append("branch = ?")
            arguments += [branch]
        }
        if let since = query.since {
            clauses.append("dispatchedAt >= ?")
            arguments += [since.timeIntervalSince1970]
        }
        arguments += [query.limit]
        let sql = "SELECT data FROM visit \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")) ORDER BY dispatchedAt DESC LIMIT ?"
        let finalArguments = arguments
        return try await pool.read { db in try String.fetchAll(db, sql: sql, arguments: finalArguments).compactMap(Self.decodeVisit) }
    }
}

// MARK: - Inbound

extension SQLiteIncidentStore: InboundStore {
    static func insertInbound(_ record: InboundRecord, incident: IncidentNumber?, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO inboundMessage (key, integration, kind, messageId, receivedAt, outcome, incidentId, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [record.key, record.integration, record.kind, record.messageID, record.receivedAt.timeIntervalSince1970,
                             record.outcome.rawValue, (incident ?? record.incident)?.value, record.detail])
    }

    static func decodeInbound(_ row: Row) -> InboundRecord {
        let incident: Int64? = row["incidentId"]
        return InboundRecord(
            key: row["key"], integration: row["integration"], kind: row["kind"], messageID: row["messageId"],
            receivedAt: Date(timeIntervalSince1970: row["receivedAt"]),
            outcome: InboundRecord.Outcome(rawValue: row["outcome"]) ?? .ignored, incident: incident.map(IncidentNumber.init),
            detail: row["detail"])
    }

    public func inboundRecord(key: String) async throws -> InboundRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM inboundMessage WHERE key = ?", arguments: [key]).map(Self.decodeInbound)
        }
    }

    public func incident(idempotencyKey: String) async throws -> Incident? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(IncidentRow.columns) FROM incident WHERE idempotencyKey = ?", arguments: [idempotencyKey])
                .map(IncidentRow.decode)
        }
    }

    public func incident(referencedBy messageIDs: [String]) async throws -> IncidentNumber? {
        try await pool.read { db in
            // The caller lists the nearest reference first (In-Reply-To, then References newest first).
            for raw in messageIDs {
                let id = raw.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
                if let value = try Int64.fetchOne(db, sql: "SELECT incidentId FROM inboundMessage WHERE messageId = ? AND incidentId IS NOT NULL",
                                                  arguments: [id]) {
                    return IncidentNumber(value)
                }
                guard id.hasSuffix("@oncalld") else { continue }
                let local = String(id.dropLast("@oncalld".count))
                // Our own mail: a delivery's id, or an incident's thread root (inc-000123).
                if let value = try Int64.fetchOne(db, sql: "SELECT incidentId FROM outboxMessage WHERE id = ?", arguments: [local]) {
                    return IncidentNumber(value)
                }
                if let number = IncidentNumber(local), try Self.fetchIncident(number, db) != nil { return number }
            }
            return nil
        }
    }

    public func incident(answeringDeliveryIn messageIDs: [String]) async throws -> IncidentNumber? {
        try await pool.read { db in
            for raw in messageIDs {
                let id = raw.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
                guard id.hasSuffix("@oncalld") else { continue }
                if let value = try Int64.fetchOne(db, sql: "SELECT incidentId FROM outboxMessage WHERE id = ?",
                                                  arguments: [String(id.dropLast("@oncalld".count))]) {
                    return IncidentNumber(value)
                }
            }
            return nil
        }
    }

    public func recordInbound(_ record: InboundRecord, raw: Data?) async throws -> InboundRecord {
        try await writer.write { db in
            if let earlier = try Row.fetchOne(db, sql: "SELECT * FROM inboundMessage WHERE key = ?", arguments: [record.key]) {
                return Self.decodeInbound(earlier)
            }
            try Self.insertInbound(record, incident: nil, in: db)
            if let raw, record.outcome == .quarantined {
                try db.execute(sql: """
                    INSERT INTO quarantine (inboundKey, integration, kind, receivedAt, reason, raw) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [record.key, record.integration, record.kind, record.receivedAt.timeIntervalSince1970, record.detail, raw])
            }
            return record
        }
    }

    static func decodeQuarantined(_ row: Row) -> QuarantinedMessage {
        QuarantinedMessage(
            id: row["id"], integration: row["integration"], kind: row["kind"], receivedAt: Date(timeIntervalSince1970: row["receivedAt"]),
            reason: row["reason"], raw: row["raw"], status: QuarantinedMessage.Status(rawValue: row["status"]) ?? .held)
    }

    public func quarantine(status: QuarantinedMessage.Status?, limit: Int) async throws -> [QuarantinedMessage] {
        try await pool.read { db in
            let filter = status == nil ? "" : "WHERE status = ?"
            let arguments: StatementArguments = status.map { [$0.rawValue, limit] } ?? [limit]
            return try Row.fetchAll(db, sql: "SELECT * FROM quarantine \(filter) ORDER BY id DESC LIMIT ?", arguments: arguments)
                .map(Self.decodeQuarantined)
        }
    }

    public func quarantined(_ id: Int64) async throws -> QuarantinedMessage? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM quarantine WHERE id = ?", arguments: [id]).map(Self.decodeQuarantined)
        }
    }

    public func setQuarantineStatus(_ id: Int64, _ status: QuarantinedMessage.Status) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE quarantine SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
        }
    }
}
