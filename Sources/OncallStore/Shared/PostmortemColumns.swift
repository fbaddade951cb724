import Foundation
import OncallCore

/// A `Postmortem` as the column values every backend stores: sections and reviews as JSON
/// (sorted keys, dates as Unix seconds), the archive as four columns, all nil until approved.
struct PostmortemColumns {
    private struct Review: Codable {
        var reviewer: String
        var at: Double
        var approved: Bool
        var comment: String
    }

    var incident: Int64
    var state: String
    var owner: String
    var language: String
    var sections: String
    var createdAt: Double
    var updatedAt: Double
    var submittedAt: Double?
    var reviews: String
    var archiveMarkdown: String?
    var archiveSha256: String?
    var approvedBy: String?
    var approvedAt: Double?
    var remindersSent: Int

    /// The text of the database trigger that freezes an approved report (both backends raise it).
    static let approvedReportMessage = "an approved fault report cannot change"

    init(
        incident: Int64, state: String, owner: String, language: String, sections: String, createdAt: Double, updatedAt: Double,
        submittedAt: Double?, reviews: String, archiveMarkdown: String?, archiveSha256: String?, approvedBy: String?,
        approvedAt: Double?, remindersSent: Int
    ) {
        self.incident = incident
        self.state = state
        self.owner = owner
        self.language = language
        self.sections = sections
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.submittedAt = submittedAt
        self.reviews = reviews
        self.archiveMarkdown = archiveMarkdown
        self.archiveSha256 = archiveSha256
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
        self.remindersSent = remindersSent
    }

    init(_ postmortem: Postmortem) throws {
        let reviews = postmortem.reviews.map {
            Review(reviewer: $0.reviewer, at: $0.at.timeIntervalSince1970, approved: $0.approved, comment: $0.comment)
        }
        let archive = postmortem.archive
        self.init(
            incident: postmortem.incident.value, state: postmortem.state.rawValue, owner: postmortem.owner,
            language: postmortem.language.rawValue,
            sections: String(decoding: try JSONEncoder.sorted.encode(postmortem.sections), as: UTF8.self),
            createdAt: postmortem.createdAt.timeIntervalSince1970, updatedAt: postmortem.updatedAt.timeIntervalSince1970,
            submittedAt: postmortem.submittedAt?.timeIntervalSince1970,
            reviews: String(decoding: try JSONEncoder.sorted.encode(reviews), as: UTF8.self),
            archiveMarkdown: archive?.markdown, archiveSha256: archive?.sha256, approvedBy: archive?.approvedBy,
            approvedAt: archive?.approvedAt.timeIntervalSince1970, remindersSent: postmortem.remindersSent)
    }

    /// The report, or `StoreError.unreadable` for a state, language or JSON this version cannot read.
    func postmortem() throws -> Postmortem {
        let id = IncidentNumber(incident)
        guard let state = Postmortem.State(rawValue: state), let language = ReportLanguage(rawValue: language) else {
            throw StoreError.unreadable("fault report of \(id): unknown state \(self.state) or language \(self.language)")
        }
        let sections = try JSONDecoder().decode(PostmortemSections.self, from: Data(self.sections.utf8))
        let reviews = try JSONDecoder().decode([Review].self, from: Data(self.reviews.utf8)).map {
            PostmortemReview(reviewer: $0.reviewer, at: Date(timeIntervalSince1970: $0.at), approved: $0.approved, comment: $0.comment)
        }
        let archive = archiveMarkdown.map {
            ArchivedReport(
                markdown: $0, sha256: archiveSha256 ?? "", approvedBy: approvedBy ?? "",
                approvedAt: Date(timeIntervalSince1970: approvedAt ?? 0))
        }
        return Postmortem(
            incident: id, state: state, owner: owner, language: language, sections: sections,
            createdAt: Date(timeIntervalSince1970: createdAt), updatedAt: Date(timeIntervalSince1970: updatedAt),
            submittedAt: submittedAt.map(Date.init(timeIntervalSince1970:)), reviews: reviews, archive: archive,
            remindersSent: remindersSent)
    }
}
