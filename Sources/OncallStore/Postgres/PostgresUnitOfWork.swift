import Foundation
import OncallCore
import PostgresNIO

/// Commits everything one decision does (`IncidentChange`) inside the caller's transaction, as
/// SQLite's `UnitOfWork` does; a change that schedules a timer or queues a message also notifies
/// `oncalld_wakeup`, delivered at commit, so the active node (perhaps the other one) looks again.
enum PostgresUnitOfWork {
    static let wakeupChannel = "oncalld_wakeup"

    static func record(_ change: IncidentChange, _ connection: PostgresConnection, database: PostgresDatabase, creating: Bool = false)
        async throws
    {
        let logger = database.logger
        let id = change.incident.id
        try await TimelineRows.append(change.events, to: id, connection, logger: logger)
        for message in change.messages { try await OutboxRows.insert(message, connection, logger: logger) }
        for visit in change.visits { try await VisitRows.save(visit, connection, logger: logger) }
        if let inbound = change.inbound { try await InboundRows.insert(inbound, incident: id, connection, logger: logger) }
        try await TimerRows.apply(change.timers, to: id, connection, logger: logger)
        if let postmortem = change.postmortem {
            try await PostmortemRows.save(postmortem, connection, logger: logger)
            if postmortem.incident != id { try await SearchRows.refresh(postmortem.incident, connection, database: database) }
        }
        if creating || change.postmortem != nil || change.events.contains(where: { ArchiveIndex.searchableEventKinds.contains($0.kind) }) {
            try await SearchRows.refresh(id, connection, database: database)
        }
        if !change.messages.isEmpty || change.timers.contains(where: \.schedules) {
            try await notifyWakeup(connection, database: database)
        }
    }

    static func notifyWakeup(_ connection: PostgresConnection, database: PostgresDatabase) async throws {
        try await connection.run("SELECT pg_notify(\(wakeupChannel), '')", logger: database.logger)
    }
}

extension TimerChange {
    /// Whether the change writes a pending timer (a cancel cannot make a timer due sooner).
    var schedules: Bool {
        switch self {
        case .schedule, .scheduleEarliest: true
        case .cancel: false
        }
    }
}
