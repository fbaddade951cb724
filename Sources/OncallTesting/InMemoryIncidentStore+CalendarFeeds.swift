import Foundation
import OncallCore

/// Calendar subscriptions in memory, found by token hash as the real backends find them.
extension InMemoryIncidentStore: CalendarFeedStore {
    public func addFeed(_ make: @escaping @Sendable (Int64) throws -> CalendarFeed) async throws -> CalendarFeed {
        try state.withLock { state in
            let feed = try make(Int64(state.calendarFeeds.count + 1))
            state.calendarFeeds.append(feed)
            return feed
        }
    }

    public func feeds() async throws -> [CalendarFeed] {
        state.withLock { $0.calendarFeeds.reversed() }
    }

    public func feed(tokenHash: String) async throws -> CalendarFeed? {
        state.withLock { state in state.calendarFeeds.first { $0.tokenHash == tokenHash } }
    }

    public func revokeFeed(_ id: Int64, at now: Date, by actor: String) async throws -> CalendarFeed? {
        state.withLock { state in
            guard let index = state.calendarFeeds.firstIndex(where: { $0.id == id }) else { return nil }
            if state.calendarFeeds[index].isActive {
                state.calendarFeeds[index].revokedAt = now
                state.calendarFeeds[index].revokedBy = actor
            }
            return state.calendarFeeds[index]
        }
    }
}
