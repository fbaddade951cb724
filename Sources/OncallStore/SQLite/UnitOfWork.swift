import Foundation
import GRDB
import OncallCore

/// Commits everything one decision does (`IncidentChange`) inside the caller's transaction:
/// each aggregate's rows go through its own table's code, so a change is all or nothing.
enum UnitOfWork {
    /// Appends the timeline events, queues the messages, saves the visits, the inbound record and
    /// the fault report, applies the timer changes, and refreshes the archive-search row when the
    /// incident's text changed (`creating`, a note, the resolution, the report).
    static func record(_ change: IncidentChange, in db: Database, creating: Bool = false) throws {
        let id = change.incident.id
        try TimelineTable.append(change.events, to: id, in: db)
        for message in change.messages { try OutboxTable.insert(message, in: db) }
        for visit in change.visits { try VisitTable.save(visit, in: db) }
        if let inbound = change.inbound { try InboundTable.insert(inbound, incident: id, in: db) }
        try TimerTable.apply(change.timers, to: id, in: db)
        if let postmortem = change.postmortem {
            try PostmortemTable.save(postmortem, in: db)
            if postmortem.incident != id { try ArchiveIndex.refresh(postmortem.incident, in: db) }
        }
        if creating || change.postmortem != nil || change.events.contains(where: { ArchiveIndex.searchableEventKinds.contains($0.kind) }) {
            try ArchiveIndex.refresh(id, in: db)
        }
    }
}
