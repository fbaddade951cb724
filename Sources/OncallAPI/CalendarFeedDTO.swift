import Foundation
import OncallCore

/// A calendar subscription on the wire (`/v1/calendar-feeds`). `token`, `path` and `url` are in
/// the answer that creates it and never again: only the token's hash is kept.
public struct CalendarFeedDTO: Codable, Sendable, Equatable {
    /// `CF-3`.
    public var id: String
    public var number: Int64
    /// The schedule id of a schedule's feed.
    public var schedule: String?
    /// The person id of a person's feed.
    public var person: String?
    /// `active` or `revoked`.
    public var status: String
    public var createdBy: String
    public var createdAt: Date
    public var revokedAt: Date?
    public var revokedBy: String?
    /// The secret token (creation only).
    public var token: String?
    /// `/v1/calendars/<token>.ics` on the TCP listener (creation only).
    public var path: String?
    /// The whole address, `notify.base_url` + `path`; nil when `notify.base_url` is not set (creation only).
    public var url: String?

    enum CodingKeys: String, CodingKey {
        case id, number, schedule, person, status, token, path, url
        case createdBy = "created_by"
        case createdAt = "created_at"
        case revokedAt = "revoked_at"
        case revokedBy = "revoked_by"
    }

    /// A stored feed, without its secret.
    public init(_ feed: CalendarFeed) {
        id = feed.label
        number = feed.id
        if case let .schedule(id) = feed.subject { schedule = id }
        if case let .person(id) = feed.subject { person = id }
        status = feed.isActive ? "active" : "revoked"
        createdBy = feed.createdBy
        createdAt = feed.createdAt
        revokedAt = feed.revokedAt
        revokedBy = feed.revokedBy
    }

    /// A feed just created, with its secret address; `baseURL` is `notify.base_url`.
    public init(_ feed: CalendarFeed, token: String, baseURL: String?) {
        self.init(feed)
        self.token = token
        let path = Self.path(token: token)
        self.path = path
        url = baseURL.map { base in (base.hasSuffix("/") ? String(base.dropLast()) : base) + path }
    }

    /// Where the TCP listener serves a token's feed.
    public static func path(token: String) -> String { "/v1/calendars/\(token).ics" }
}

/// `GET /v1/calendar-feeds`.
public struct CalendarFeedListDTO: Codable, Sendable, Equatable {
    public var feeds: [CalendarFeedDTO]
    public init(feeds: [CalendarFeedDTO]) { self.feeds = feeds }
}

/// `POST /v1/calendar-feeds`: a feed of one schedule (`schedule`) or one person (`person`).
public struct CalendarFeedRequestDTO: StrictDecodable, Encodable, Sendable, Equatable {
    public var schedule: String?
    public var person: String?

    public static let allowedKeys: Set<String> = ["schedule", "person"]

    public init(schedule: String? = nil, person: String? = nil) {
        self.schedule = schedule
        self.person = person
    }

    /// The domain's subject; exactly one of the two fields, not empty.
    public func subject() throws(LifecycleError) -> CalendarFeedSubject {
        switch (schedule, person) {
        case let (schedule?, nil) where !schedule.isEmpty: return .schedule(schedule)
        case let (nil, person?) where !person.isEmpty: return .person(person)
        default: throw .invalidField("schedule", reason: "give a schedule id or a person id, one of them")
        }
    }
}
