import Foundation

/// The fault report (故障报告) of a resolved incident: drafted at resolution, written by its owner,
/// reviewed by the emergency group, and frozen in the archive once approved.
public struct Postmortem: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Being written (new, or sent back by a reviewer).
        case draft
        /// Waiting for the emergency group's review.
        case submitted
        /// Reviewed and archived; it can no longer change.
        case approved
    }

    public var incident: IncidentNumber
    public var state: State
    /// The person id who writes it (who resolved the incident), or the resolving actor when no person matches.
    public var owner: String
    public var language: ReportLanguage
    public var sections: PostmortemSections
    public var createdAt: Date
    public var updatedAt: Date
    public var submittedAt: Date?
    /// Every review, oldest first; a rejection carries the reviewer's comment.
    public var reviews: [PostmortemReview]
    /// The frozen document, once approved.
    public var archive: ArchivedReport?
    /// Reminders sent to the owner while the draft was not submitted.
    public var remindersSent: Int

    public init(
        incident: IncidentNumber, state: State = .draft, owner: String, language: ReportLanguage,
        sections: PostmortemSections = PostmortemSections(), createdAt: Date, updatedAt: Date? = nil, submittedAt: Date? = nil,
        reviews: [PostmortemReview] = [], archive: ArchivedReport? = nil, remindersSent: Int = 0
    ) {
        self.incident = incident
        self.state = state
        self.owner = owner
        self.language = language
        self.sections = sections
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.submittedAt = submittedAt
        self.reviews = reviews
        self.archive = archive
        self.remindersSent = remindersSent
    }
}

/// One review of a submitted report.
public struct PostmortemReview: Sendable, Equatable, Codable {
    /// The reviewer's person id.
    public var reviewer: String
    public var at: Date
    public var approved: Bool
    /// Why it was sent back (required for a rejection), or a remark on approval.
    public var comment: String

    public init(reviewer: String, at: Date, approved: Bool, comment: String) {
        self.reviewer = reviewer
        self.at = at
        self.approved = approved
        self.comment = comment
    }
}

/// An approved report as archived: the exact Markdown written to `reports/YYYY/ID.md` and its SHA-256.
public struct ArchivedReport: Sendable, Equatable, Codable {
    public var markdown: String
    /// Lowercase hex SHA-256 of `markdown`'s UTF-8 bytes.
    public var sha256: String
    public var approvedBy: String
    public var approvedAt: Date

    public init(markdown: String, sha256: String, approvedBy: String, approvedAt: Date) {
        self.markdown = markdown
        self.sha256 = sha256
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
    }
}
