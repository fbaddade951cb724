import Foundation
import OncallTesting
import Testing

@testable import OncallCore

/// A stand-in for SHA-256 with its shape (64 hex digits); the daemon's is SHA-256.
private func fakeHash(_ text: String) -> String {
    let hex = String(UInt64(bitPattern: Int64(text.hashValue)), radix: 16)
    return String(repeating: "0", count: 64 - hex.count) + hex
}

/// Subscribing, serving and revoking calendar feeds over the in-memory store.
@Suite("Calendar feed subscriptions")
struct CalendarFeedServiceTests {
    let store = InMemoryIncidentStore()
    let clock = ManualClock(now: at("2026-11-10 00:00"))

    var service: CalendarFeedService {
        let schedule = OnCallSchedule(id: "primary", name: "一线值班", layers: [ScheduleLayer(rotation: Rotation(
            id: "primary.layers[0]", engineers: ["li.na"], cadence: .daily, handoffTime: TimeOfDay(hhmm: "09:00")!,
            timeZone: WorkingCalendar.standard.timeZone, start: at("2026-11-02 09:00")))])
        let source = CalendarFeedSource(roster: OnCallRoster(schedules: [schedule]), calendar: .standard, personNames: ["li.na": "李娜"])
        return CalendarFeedService(store: store, clock: clock, source: { source }, sha256: fakeHash)
    }

    @Test("a new feed's token is 32 random bytes in base64url; only its hash is stored, and it opens the feed until revoked")
    func lifecycle() async throws {
        let service = self.service
        let (feed, token) = try await service.subscribe(.schedule("primary"), actor: "unix:alice")
        #expect(feed.label == "CF-1")
        #expect(token.count == 43 && CalendarFeedToken.isWellFormed(token))
        let stored = try await store.feeds()
        #expect(stored.count == 1 && stored[0].tokenHash != token && !stored[0].tokenHash.contains(token))
        #expect(try await service.feed(token: token) == feed)
        let text = try service.calendar(feed)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(text.contains("SUMMARY:On call: 李娜 (一线值班)"))

        // A near miss, a malformed token and a suffix all find nothing.
        let other = token.hasPrefix("A") ? "B" + token.dropFirst() : "A" + token.dropFirst()
        #expect(try await service.feed(token: other) == nil)
        #expect(try await service.feed(token: token + "x") == nil)
        #expect(try await service.feed(token: "../../etc/passwd") == nil)

        clock.advance(by: .seconds(60))
        let revoked = try #require(try await service.revoke(feed.id, actor: "unix:bob"))
        #expect(revoked.revokedAt == clock.now && revoked.revokedBy == "unix:bob" && !revoked.isActive)
        #expect(try await service.feed(token: token) == nil)
        // Revoking again changes nothing; an unknown id is nil.
        #expect(try await service.revoke(feed.id, actor: "unix:carol") == revoked)
        #expect(try await service.revoke(99, actor: "unix:bob") == nil)
    }

    @Test("two subscriptions to the same schedule get different tokens")
    func distinctTokens() async throws {
        let service = self.service
        let first = try await service.subscribe(.schedule("primary"), actor: "unix:alice")
        let second = try await service.subscribe(.person("li.na"), actor: "unix:alice")
        #expect(first.token != second.token)
        #expect(try await service.feed(token: second.token)?.subject == .person("li.na"))
    }

    @Test("a schedule may be named by its display name; the feed stores its id")
    func scheduleByName() async throws {
        let (feed, _) = try await service.subscribe(.schedule("一线值班"), actor: "unix:alice")
        #expect(feed.subject == .schedule("primary"))
    }

    @Test("a feed of an unknown schedule or person is refused and nothing is stored")
    func unknownSubject() async throws {
        let service = self.service
        await #expect(throws: LifecycleError.invalidField("schedule", reason: "no schedule 'nope'; schedules: primary")) {
            try await service.subscribe(.schedule("nope"), actor: "unix:alice")
        }
        await #expect(throws: LifecycleError.self) { try await service.subscribe(.person("nobody"), actor: "unix:alice") }
        #expect(try await store.feeds().isEmpty)
    }

    @Test("base64url has no padding, plus or slash")
    func base64url() {
        #expect(CalendarFeedToken.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(CalendarFeedToken.encode([0]) == "AA")
        #expect(!CalendarFeedToken.isWellFormed(String(repeating: "A", count: 42) + "="))
    }
}
