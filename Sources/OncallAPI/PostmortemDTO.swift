import Foundation
import OncallCore

/// A fault report on the wire, with its current Markdown when asked for one report.
public struct PostmortemDTO: Codable, Sendable, Equatable {
    public struct ReviewDTO: Codable, Sendable, Equatable {
        public var reviewer: String
        public var at: Date
        public var approved: Bool
        public var comment: String
    }

    public var incident: String
    public var state: String
    public var owner: String
    public var language: String
    public var sections: SectionsDTO
    public var createdAt: Date
    public var updatedAt: Date
    public var submittedAt: Date?
    public var reviews: [ReviewDTO]
    public var remindersSent: Int
    public var approvedBy: String?
    public var approvedAt: Date?
    /// SHA-256 of the archived Markdown, once approved.
    public var sha256: String?
    public var markdown: String?

    enum CodingKeys: String, CodingKey {
        case incident, state, owner, language, sections, reviews, sha256, markdown
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case submittedAt = "submitted_at"
        case remindersSent = "reminders_sent"
        case approvedBy = "approved_by"
        case approvedAt = "approved_at"
    }

    public init(_ report: Postmortem, markdown: String? = nil) {
        incident = report.incident.description
        state = report.state.rawValue
        owner = report.owner
        language = report.language.rawValue
        sections = SectionsDTO(
            cause: report.sections.cause, fix: report.sections.fix, process: report.sections.process, prevention: report.sections.prevention)
        createdAt = report.createdAt
        updatedAt = report.updatedAt
        submittedAt = report.submittedAt
        reviews = report.reviews.map { ReviewDTO(reviewer: $0.reviewer, at: $0.at, approved: $0.approved, comment: $0.comment) }
        remindersSent = report.remindersSent
        approvedBy = report.archive?.approvedBy
        approvedAt = report.archive?.approvedAt
        sha256 = report.archive?.sha256
        self.markdown = markdown
    }
}

public struct PostmortemListDTO: Codable, Sendable, Equatable {
    public var postmortems: [PostmortemDTO]
    public init(postmortems: [PostmortemDTO]) { self.postmortems = postmortems }
}

/// One archive search result.
public struct ArchiveHitDTO: Codable, Sendable, Equatable {
    public var incident: IncidentDTO
    public var report: String?
    public var snippet: String

    public init(_ hit: ArchiveHit) {
        incident = IncidentDTO(hit.incident)
        report = hit.reportState?.rawValue
        snippet = hit.snippet
    }
}

public struct ArchiveResultDTO: Codable, Sendable, Equatable {
    public var hits: [ArchiveHitDTO]
    public init(hits: [ArchiveHitDTO]) { self.hits = hits }
}
