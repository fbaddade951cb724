import Foundation
import GRDB
import OncallCore

/// Mapping between `Postmortem` and the `postmortem` table. Sections and reviews are JSON
/// (sorted keys, dates as Unix seconds); the archive is four columns, all null until approved.
enum PostmortemRecord {
    static let columns = """
        incidentId, state, owner, language, sections, createdAt, updatedAt, submittedAt, reviews,
        archiveMarkdown, archiveSha256, approvedBy, approvedAt, remindersSent
        """

    /// The columns an upsert may change (all but the key).
    static let mutableColumns = columns.split(separator: ",").dropFirst()
        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }

    private struct Review: Codable {
        var reviewer: String
        var at: Double
        var approved: Bool
        var comment: String
    }

    static func values(_ postmortem: Postmortem) throws -> [(any DatabaseValueConvertible)?] {
        let sections = String(decoding: try JSONEncoder.sorted.encode(postmortem.sections), as: UTF8.self)
        let reviews = postmortem.reviews.map {
            Review(reviewer: $0.reviewer, at: $0.at.timeIntervalSince1970, approved: $0.approved, comment: $0.comment)
        }
        let reviewsText = String(decoding: try JSONEncoder.sorted.encode(reviews), as: UTF8.self)
        let archive = postmortem.archive
        return [
            postmortem.incident.value, postmortem.state.rawValue, postmortem.owner, postmortem.language.rawValue, sections,
            postmortem.createdAt.timeIntervalSince1970, postmortem.updatedAt.timeIntervalSince1970,
            postmortem.submittedAt?.timeIntervalSince1970, reviewsText, archive?.markdown, archive?.sha256, archive?.approvedBy,
            archive?.approvedAt.timeIntervalSince1970, postmortem.remindersSent,
        ]
    }

    static func decode(_ row: Row) throws -> Postmortem {
        let id = IncidentNumber(row["incidentId"] as Int64)
        let stateText: String = row["state"]
        let languageText: String = row["language"]
        guard let state = Postmortem.State(rawValue: stateText), let language = ReportLanguage(rawValue: languageText) else {
            throw DatabaseError(message: "fault report of \(id): unknown state \(stateText) or language \(languageText)")
        }
        let sectionsText: String = row["sections"]
        let reviewsText: String = row["reviews"]
        let sections = try JSONDecoder().decode(PostmortemSections.self, from: Data(sectionsText.utf8))
        let reviews = try JSONDecoder().decode([Review].self, from: Data(reviewsText.utf8)).map {
            PostmortemReview(reviewer: $0.reviewer, at: Date(timeIntervalSince1970: $0.at), approved: $0.approved, comment: $0.comment)
        }
        var archive: ArchivedReport?
        if let markdown: String = row["archiveMarkdown"] {
            archive = ArchivedReport(
                markdown: markdown, sha256: row["archiveSha256"] ?? "", approvedBy: row["approvedBy"] ?? "",
                approvedAt: Date(timeIntervalSince1970: row["approvedAt"] ?? 0))
        }
        return Postmortem(
            incident: id, state: state, owner: row["owner"], language: language, sections: sections,
            createdAt: Date(timeIntervalSince1970: row["createdAt"]), updatedAt: Date(timeIntervalSince1970: row["updatedAt"]),
            submittedAt: (row["submittedAt"] as Double?).map(Date.init(timeIntervalSince1970:)), reviews: reviews,
            archive: archive, remindersSent: row["remindersSent"])
    }
}
