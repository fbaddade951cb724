import Foundation

/// A calendar subscription (issue 13, part 5): a secret address that serves one schedule's or one
/// person's shifts as iCalendar, until it is revoked. Only the secret's SHA-256 is kept.
public struct CalendarFeed: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var subject: CalendarFeedSubject
    /// Lower-case hex SHA-256 of the secret token in the address.
    public var tokenHash: String
    /// Who subscribed (`unix:alice`, `token:deploy`).
    public var createdBy: String
    public var createdAt: Date
    public var revokedAt: Date?
    public var revokedBy: String?

    public init(
        id: Int64, subject: CalendarFeedSubject, tokenHash: String, createdBy: String, createdAt: Date,
        revokedAt: Date? = nil, revokedBy: String? = nil
    ) {
        self.id = id
        self.subject = subject
        self.tokenHash = tokenHash
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.revokedBy = revokedBy
    }

    /// `CF-3`.
    public var label: String { "CF-\(id)" }

    /// Whether its address still serves the calendar.
    public var isActive: Bool { revokedAt == nil }

    /// `CF-12`, `cf-12` or `12`.
    public static func number(_ text: String) -> Int64? {
        let digits = text.uppercased().hasPrefix("CF-") ? String(text.dropFirst(3)) : text
        guard let number = Int64(digits), number > 0 else { return nil }
        return number
    }
}
