import ArgumentParser
import Foundation
import OncallAPI
import OncallCore
import Testing

@testable import oncallctl

@Suite("oncallctl calendar")
struct CalendarCommandTests {
    @Test("subscribe takes a schedule or a person, and the socket before the group")
    func subscribe() throws {
        let schedule = try #require(try OncallCtl.parseAsRoot(["calendar", "subscribe", "--schedule", "primary"]) as? CalendarCommand.Subscribe)
        #expect(schedule.schedule == "primary" && schedule.person == nil)
        let moved = GlobalOptions.movingSocketAfterSubcommand(["--socket", "/s", "calendar", "subscribe", "--person", "li.na"])
        #expect(moved == ["calendar", "subscribe", "--socket", "/s", "--person", "li.na"])
        let person = try #require(try OncallCtl.parseAsRoot(moved) as? CalendarCommand.Subscribe)
        #expect(person.person == "li.na" && person.global.socketPath == "/s")
        #expect(try OncallCtl.parseAsRoot(["calendar", "revoke", "CF-2"]) is CalendarCommand.Revoke)
    }

    @Test("usage errors exit 64", arguments: [
        ["calendar", "subscribe"], ["calendar", "subscribe", "--schedule", "a", "--person", "b"], ["calendar", "revoke"],
    ])
    func usageErrors(_ arguments: [String]) {
        do {
            _ = try OncallCtl.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            #expect(OncallCtl.exitCode(for: error).rawValue == 64)
        }
    }

    @Test("the list shows each subscription's subject and revocation, never a token")
    func table() {
        let created = Date(timeIntervalSince1970: 1_700_000_000)
        let active = CalendarFeedDTO(CalendarFeed(id: 2, subject: .person("li.na"), tokenHash: "h", createdBy: "unix:alice", createdAt: created))
        let revoked = CalendarFeedDTO(CalendarFeed(
            id: 1, subject: .schedule("primary"), tokenHash: "h", createdBy: "unix:alice", createdAt: created,
            revokedAt: created.addingTimeInterval(3600), revokedBy: "unix:bob"))
        let lines = CalendarFeedText.table([active, revoked], timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(lines.count == 3)
        #expect(lines[1].contains("CF-2") && lines[1].contains("active") && lines[1].contains("person li.na") && lines[1].contains("2023-11-15 06:13"))
        #expect(lines[2].contains("CF-1") && lines[2].contains("revoked") && lines[2].contains("schedule primary") && lines[2].contains("07:13 by unix:bob"))
        #expect(CalendarFeedText.table([], timeZone: .gmt) == ["No calendar subscriptions."])
    }

    @Test("a new feed's address is notify.base_url plus its path; a stored one carries no secret")
    func address() {
        let feed = CalendarFeed(id: 1, subject: .schedule("primary"), tokenHash: "h", createdBy: "unix:alice", createdAt: Date(timeIntervalSince1970: 0))
        let token = String(repeating: "A", count: 43)
        #expect(CalendarFeedDTO(feed, token: token, baseURL: "https://oncall.example.com/").url == "https://oncall.example.com/v1/calendars/\(token).ics")
        #expect(CalendarFeedDTO(feed, token: token, baseURL: nil).url == nil)
        #expect(CalendarFeedDTO(feed, token: token, baseURL: nil).path == "/v1/calendars/\(token).ics")
        let stored = CalendarFeedDTO(feed)
        #expect(stored.token == nil && stored.path == nil && stored.url == nil)
    }
}
