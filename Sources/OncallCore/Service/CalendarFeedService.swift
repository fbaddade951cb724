import Foundation
import OncallSupport

/// The calendar-subscription use cases: subscribe (the secret token is handed out once), list,
/// revoke, and serve a feed to whoever holds a live token. Reads the clock once per request.
public struct CalendarFeedService: Sendable {
    let store: any CalendarFeedStore
    let clock: any OncallClock
    let source: @Sendable () -> CalendarFeedSource
    let sha256: @Sendable (String) -> String
    let newToken: @Sendable () -> String

    /// - Parameters:
    ///   - source: the schedules, calendar and names in force (read per request, so a reload shows at once).
    ///   - sha256: lowercase hex SHA-256 of a string's UTF-8 (an adapter's; the domain does no crypto).
    ///   - newToken: a fresh secret; `CalendarFeedToken.generate` except in tests.
    public init(
        store: any CalendarFeedStore, clock: any OncallClock, source: @escaping @Sendable () -> CalendarFeedSource,
        sha256: @escaping @Sendable (String) -> String, newToken: @escaping @Sendable () -> String = CalendarFeedToken.generate
    ) {
        self.store = store
        self.clock = clock
        self.source = source
        self.sha256 = sha256
        self.newToken = newToken
    }

    /// Stores a new feed of a configured schedule (by id or name) or person; returns it with its
    /// token, which is not kept and cannot be shown again. An unknown subject throws `LifecycleError`.
    public func subscribe(_ requested: CalendarFeedSubject, actor: String) async throws -> (feed: CalendarFeed, token: String) {
        let subject = try source().resolve(requested)
        let (token, now) = (newToken(), clock.now)
        let hash = sha256(token)
        let feed = try await store.addFeed { id in
            CalendarFeed(id: id, subject: subject, tokenHash: hash, createdBy: actor, createdAt: now)
        }
        return (feed, token)
    }

    /// Every feed, newest first.
    public func feeds() async throws -> [CalendarFeed] {
        try await store.feeds()
    }

    /// Revokes a feed now: its address answers 404 from then on. Nil for an unknown id.
    public func revoke(_ id: Int64, actor: String) async throws -> CalendarFeed? {
        try await store.revokeFeed(id, at: clock.now, by: actor)
    }

    /// The live feed a token opens; nil for a malformed, unknown or revoked token (the caller
    /// cannot tell which).
    public func feed(token: String) async throws -> CalendarFeed? {
        guard CalendarFeedToken.isWellFormed(token) else { return nil }
        let hash = sha256(token)
        // Found by its hash, which a caller cannot steer byte by byte; the check is constant-time all the same.
        guard let feed = try await store.feed(tokenHash: hash),
              ConstantTime.equals(Array(feed.tokenHash.utf8), Array(hash.utf8)), feed.isActive
        else { return nil }
        return feed
    }

    /// The iCalendar text of `feed` over `daysBack` days before now to `daysAhead` after; days
    /// out of bounds throw `LifecycleError`.
    public func calendar(
        _ feed: CalendarFeed, daysBack: Int = CalendarFeedWindow.defaultDaysBack, daysAhead: Int = CalendarFeedWindow.defaultDaysAhead
    ) throws(LifecycleError) -> String {
        let now = clock.now
        let window = try CalendarFeedWindow.around(now, daysBack: daysBack, daysAhead: daysAhead)
        return source().feed(feed.subject, window: window).render(now: now)
    }
}
