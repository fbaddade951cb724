import Foundation
import OncallCore
import OncallStore
import OncallTesting
import Testing

/// Calendar subscriptions on both backends, across a reopen.
@Suite("Calendar feed store (SQLite and PostgreSQL)")
final class CalendarFeedStoreTests: Sendable {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    static func hash(_ digit: Character) -> String { String(repeating: digit, count: 64) }

    func add(_ store: TestStore, _ subject: CalendarFeedSubject, hash: String) async throws -> CalendarFeed {
        try await store.repositories.calendarFeeds.addFeed { id in
            CalendarFeed(id: id, subject: subject, tokenHash: hash, createdBy: "unix:alice", createdAt: t0)
        }
    }

    @Test("feeds round-trip, are found by token hash, and a revocation survives a reopen", arguments: StoreBackend.allCases)
    func roundTrip(_ backend: StoreBackend) async throws {
        let path = directory.file("feeds-\(backend).sqlite")
        let store = try await backend.open(path)
        let schedule = try await add(store, .schedule("primary"), hash: Self.hash("a"))
        let person = try await add(store, .person("li.na"), hash: Self.hash("b"))
        #expect(schedule.id == 1 && person.id == 2)
        let feeds = store.repositories.calendarFeeds
        #expect(try await feeds.feeds() == [person, schedule])
        #expect(try await feeds.feed(tokenHash: Self.hash("a")) == schedule)
        #expect(try await feeds.feed(tokenHash: Self.hash("b")) == person)
        #expect(try await feeds.feed(tokenHash: Self.hash("c")) == nil)

        let revokedAt = t0.addingTimeInterval(3600)
        let revoked = try #require(try await feeds.revokeFeed(schedule.id, at: revokedAt, by: "unix:bob"))
        #expect(revoked.revokedAt == revokedAt && revoked.revokedBy == "unix:bob")
        #expect(try await feeds.revokeFeed(schedule.id, at: revokedAt.addingTimeInterval(60), by: "unix:carol") == revoked)
        #expect(try await feeds.revokeFeed(99, at: revokedAt, by: "unix:bob") == nil)

        let reopened = try await backend.open(path).repositories.calendarFeeds
        #expect(try await reopened.feed(tokenHash: Self.hash("a")) == revoked)
        #expect(try await reopened.feeds() == [person, revoked])
    }

    @Test("a token hash is stored once: a second feed with the same hash is refused", arguments: StoreBackend.allCases)
    func uniqueHash(_ backend: StoreBackend) async throws {
        let store = try await backend.open(directory.file("unique-\(backend).sqlite"))
        _ = try await add(store, .schedule("primary"), hash: Self.hash("d"))
        await #expect(throws: (any Error).self) { try await self.add(store, .person("li.na"), hash: Self.hash("d")) }
        #expect(try await store.repositories.calendarFeeds.feeds().count == 1)
    }
}
