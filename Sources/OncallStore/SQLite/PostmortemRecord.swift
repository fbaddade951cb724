import Foundation
import GRDB
import OncallCore

/// Mapping between `Postmortem` and SQLite's `postmortem` table, through `PostmortemColumns`.
enum PostmortemRecord {
    static let columns = """
        incidentId, state, owner, language, sections, createdAt, updatedAt, submittedAt, reviews,
        archiveMarkdown, archiveSha256, approvedBy, approvedAt, remindersSent
        """

    /// The columns an upsert may change (all but the key).
    static let mutableColumns = columns.split(separator: ",").dropFirst()
        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }

    static func values(_ postmortem: Postmortem) throws -> [(any DatabaseValueConvertible)?] {
        let c = try PostmortemColumns(postmortem)
        return [
            c.incident, c.state, c.owner, c.language, c.sections, c.createdAt, c.updatedAt, c.submittedAt, c.reviews,
            c.archiveMarkdown, c.archiveSha256, c.approvedBy, c.approvedAt, c.remindersSent,
        ]
    }

    static func decode(_ row: Row) throws -> Postmortem {
        try PostmortemColumns(
            incident: row["incidentId"], state: row["state"], owner: row["owner"], language: row["language"], sections: row["sections"],
            createdAt: row["createdAt"], updatedAt: row["updatedAt"], submittedAt: row["submittedAt"], reviews: row["reviews"],
            archiveMarkdown: row["archiveMarkdown"], archiveSha256: row["archiveSha256"], approvedBy: row["approvedBy"],
            approvedAt: row["approvedAt"], remindersSent: row["remindersSent"]
        ).postmortem()
    }
}
