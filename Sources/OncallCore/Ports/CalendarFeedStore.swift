import Foundation

/// Durable calendar subscriptions, found by the hash of their secret token.
public protocol CalendarFeedStore: Sendable {
    /// Stores the feed `make` builds with a new id; returns it once committed.
    func addFeed(_ make: @escaping @Sendable (Int64) throws -> CalendarFeed) async throws -> CalendarFeed
    /// Every feed, revoked ones too, newest first.
    func feeds() async throws -> [CalendarFeed]
    /// The feed whose token hashes to `tokenHash`, revoked or not; nil when none does.
    func feed(tokenHash: String) async throws -> CalendarFeed?
    /// Revokes a feed at `now`; nil for an unknown id; one already revoked is returned unchanged.
    func revokeFeed(_ id: Int64, at now: Date, by actor: String) async throws -> CalendarFeed?
}
