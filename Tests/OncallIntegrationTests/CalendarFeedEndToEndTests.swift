import Foundation
import OncallAPI
import Testing

extension EndToEnd {
/// Issue 13, part 5: "the iCalendar feed parses with Python's `icalendar` package and lists the same
/// handoffs as `oncallctl oncall`" — with the real daemon, `oncallctl`, real HTTP and Python's parser;
/// then the subscription is revoked and its address answers 404.
@Suite("Calendar feeds end to end: subscribe, fetch and parse with icalendar, revoke")
struct CalendarFeedEndToEndTests {
    /// What `Fixtures/ical_feed.py` prints.
    struct Fetched: Decodable {
        struct Event: Decodable {
            enum Moment: Decodable, Equatable {
                case instant(Int)
                case day(String)
                init(from decoder: any Decoder) throws {
                    let container = try decoder.singleValueContainer()
                    if let seconds = try? container.decode(Int.self) { self = .instant(seconds) } else { self = .day(try container.decode(String.self)) }
                }
            }
            var uid: String
            var start: Moment
            var end: Moment
            var allDay: Bool
            var summary: String
            var description: String
            enum CodingKeys: String, CodingKey {
                case uid, start, end, summary, description
                case allDay = "all_day"
            }
        }
        var status: Int
        var contentType: String?
        var crlf: Bool?
        var longestLine: Int?
        var calendar: [String: String]?
        var events: [Event]?
        enum CodingKeys: String, CodingKey {
            case status, crlf, calendar, events
            case contentType = "content_type"
            case longestLine = "longest_line"
        }
    }

    /// Fetches `url` with Python's urllib and parses it with `icalendar`.
    func fetch(_ url: String) async throws -> Fetched {
        let result = try await ChildProcess.run("/usr/bin/env", ["python3", Fixtures.path("ical_feed.py"), url], timeout: .seconds(20))
        var hint = ""
        if result.stderr.contains("No module named 'icalendar'") { hint = "\n(install it: python3 -m pip install icalendar, as .ci/run does)" }
        #expect(result.status == 0, "\(result)\(hint)")
        return try JSONDecoder().decode(Fetched.self, from: Data(result.stdout.utf8))
    }

    /// `oncallctl --socket S calendar …`.
    func calendar(_ sandbox: Sandbox, _ arguments: [String]) async throws -> ProcessResult {
        try await oncallctl(["--socket", sandbox.socketPath, "calendar"] + arguments)
    }

    /// The sandbox's config with three people, a daily rotation, an override of zhao.lei a day
    /// from now, a holiday two days from now, and `notify.base_url` at the TCP listener.
    ///
    /// The daemon runs on the real clock, so the override and holiday are placed relative to it.
    func config(_ sandbox: Sandbox, now: Date) -> (text: String, overrideStart: Date, overrideEnd: Date, holiday: String) {
        let hour = (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600
        let overrideStart = Date(timeIntervalSince1970: hour + 26 * 3600 + 1800)
        let overrideEnd = overrideStart.addingTimeInterval(4 * 3600)
        let utc = DateFormatter()
        utc.locale = Locale(identifier: "en_US_POSIX")
        utc.timeZone = TimeZone(identifier: "UTC")
        utc.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'+00:00'"
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "Asia/Shanghai")
        day.dateFormat = "yyyy-MM-dd"
        let holiday = day.string(from: now.addingTimeInterval(2 * 86_400))
        let start = day.string(from: now.addingTimeInterval(-20 * 86_400))
        let text = sandbox.config().replacingOccurrences(of: """
            people:
              - id: zhang.wei
                name: 张伟

            """, with: """
            people:
              - id: zhang.wei
                name: 张伟
              - id: li.na
                name: 李娜
              - id: wang.fang
                name: 王芳
              - id: zhao.lei
                name: 赵磊

            """) + """
            schedules:
              - id: primary
                name: 一线值班, 白班
                layers:
                  - rotation:
                      engineers: [li.na, wang.fang]
                      handoff: daily
                      handoff_time: "09:00"
                      start: \(start)T09:00:00+08:00
                overrides:
                  - person: zhao.lei
                    start: \(utc.string(from: overrideStart))
                    end: \(utc.string(from: overrideEnd))
            calendar:
              time_zone: Asia/Shanghai
              holidays: [\(holiday)]
            notify:
              base_url: \(sandbox.tcpBase)

            """
        return (text, overrideStart, overrideEnd, holiday)
    }

    @Test("a schedule's feed fetched over HTTP parses with icalendar and lists oncallctl oncall's hand-offs; a person's feed lists only theirs; revoked, it is 404")
    func subscribeFetchRevoke() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        let setup = config(sandbox, now: Date())
        try sandbox.writeConfig(setup.text)
        let daemon = try await sandbox.startDaemon()

        let subscribed = try await calendar(sandbox, ["subscribe", "--schedule", "primary"])
        #expect(subscribed.status == 0, "\(subscribed)")
        let url = subscribed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(url.hasPrefix(sandbox.tcpBase + "/v1/calendars/") && url.hasSuffix(".ics"), "\(subscribed)")
        let token = String(url.dropFirst((sandbox.tcpBase + "/v1/calendars/").count).dropLast(4))
        #expect(token.count == 43, "32 random bytes in base64url: \(token)")
        #expect(subscribed.stderr.contains("CF-1"), "\(subscribed)")

        let onCallRun = try await sandbox.ctl("oncall", ["--json"])
        #expect(onCallRun.status == 0, "\(onCallRun)")
        let onCall = try APIDates.decoder.decode(OnCallDTO.self, from: Data(onCallRun.stdout.utf8))
        let handoffs = onCall.handoffs.filter { $0.schedule == "primary" }
        #expect(handoffs.count == 3, "\(onCall.handoffs)")
        #expect(handoffs.contains { $0.at == setup.overrideStart && $0.to == ["zhao.lei"] && $0.reason == "override starts" }, "\(handoffs)")

        // Fetched without any API token: the address is the credential.
        let feed = try await fetch(url)
        #expect(feed.status == 200)
        #expect(feed.contentType == "text/calendar; charset=utf-8")
        #expect(feed.crlf == true)
        #expect((feed.longestLine ?? 99) <= 75)
        #expect(feed.calendar?["VERSION"] == "2.0")
        #expect(feed.calendar?["CALSCALE"] == "GREGORIAN")
        #expect(feed.calendar?["X-WR-CALNAME"] == "On call: 一线值班, 白班")
        #expect(feed.calendar?["PRODID"]?.contains("oncalld") == true)
        let events = feed.events ?? []
        let shifts = events.filter { !$0.allDay }
        let names = ["li.na": "李娜", "wang.fang": "王芳", "zhao.lei": "赵磊"]
        func seconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970) }

        // Every hand-off oncallctl lists starts a shift of the new person and ends the old one's, for the same reason…
        for handoff in handoffs {
            let to = try #require(handoff.to.first), from = try #require(handoff.from.first)
            let started = shifts.first { $0.start == .instant(seconds(handoff.at)) }
            #expect(started?.summary == "On call: \(names[to]!) (一线值班, 白班)", "\(handoff) in \(shifts)")
            #expect(started?.description.contains("Starts: \(handoff.reason)") == true, "\(String(describing: started))")
            let ended = shifts.first { $0.end == .instant(seconds(handoff.at)) }
            #expect(ended?.summary == "On call: \(names[from]!) (一线值班, 白班)", "\(handoff) in \(shifts)")
        }
        // …and between now and the last of them the feed has no other hand-off.
        let last = seconds(try #require(handoffs.last).at)
        let startsAhead = shifts.compactMap { event -> Int? in
            if case let .instant(start) = event.start, start > seconds(onCall.at), start <= last { return start }
            return nil
        }
        #expect(startsAhead.sorted() == handoffs.map { seconds($0.at) })
        // The shift under way is the person oncallctl says is on call.
        let current = shifts.first { event in
            if case let .instant(start) = event.start, case let .instant(end) = event.end { return start <= seconds(onCall.at) && seconds(onCall.at) < end }
            return false
        }
        let onCallNow = try #require(onCall.schedules.first { $0.id == "primary" }?.onCall.first)
        #expect(current?.summary == "On call: \(names[onCallNow]!) (一线值班, 白班)")
        #expect(Set(shifts.map(\.uid)).count == shifts.count, "UIDs are unique")
        // The holiday is an all-day event.
        #expect(events.contains { $0.allDay && $0.start == .day(setup.holiday) && $0.summary == "Public holiday" }, "\(events.filter(\.allDay))")

        // The window is asked for in the address, within bounds.
        let narrow = try await fetch(url + "?days_back=0&days_ahead=1")
        #expect(narrow.status == 200 && !(narrow.events ?? []).isEmpty && (narrow.events ?? []).count < events.count, "\(narrow.events ?? [])")
        #expect(try await sandbox.tcp("GET", "/v1/calendars/\(token).ics?days_back=91", token: nil).status == 422)
        #expect(try await sandbox.tcp("GET", "/v1/calendars/\(token).ics?from=2026-01-01", token: nil).status == 400)

        // The same UIDs on a second fetch.
        let again = try await fetch(url)
        #expect(Set((again.events ?? []).map(\.uid)) == Set(events.map(\.uid)))

        // A person's feed: only li.na's shifts, with the same UIDs as in the schedule's feed.
        let personRun = try await calendar(sandbox, ["subscribe", "--person", "li.na", "--json"])
        #expect(personRun.status == 0, "\(personRun)")
        let person = try APIDates.decoder.decode(CalendarFeedDTO.self, from: Data(personRun.stdout.utf8))
        #expect(person.id == "CF-2" && person.person == "li.na" && person.status == "active")
        let personFeed = try await fetch(try #require(person.url))
        let personShifts = (personFeed.events ?? []).filter { !$0.allDay }
        #expect(!personShifts.isEmpty)
        #expect(personShifts.allSatisfy { $0.summary == "On call: 李娜 (一线值班, 白班)" })
        #expect(Set(personShifts.map(\.uid)) == Set(shifts.filter { $0.summary.hasPrefix("On call: 李娜") }.map(\.uid)))
        #expect(personFeed.calendar?["X-WR-CALNAME"] == "On call: 李娜")

        // Listing shows both, never a token; managing feeds over TCP needs the API token.
        let listed = try await calendar(sandbox, ["list"])
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.stdout.contains("CF-1") && listed.stdout.contains("schedule primary") && listed.stdout.contains("person li.na"), "\(listed)")
        #expect(!listed.stdout.contains(token))
        #expect(try await sandbox.tcp("GET", "/v1/calendar-feeds", token: nil).status == 401)
        #expect(try await sandbox.tcp("GET", "/v1/calendar-feeds", token: sandbox.token).status == 200)

        let refused = try await calendar(sandbox, ["subscribe", "--schedule", "nope"])
        #expect(refused.status == 1 && refused.stderr.contains("no schedule 'nope'"), "\(refused)")

        // Revoked: 404 with nothing said, like an address that never existed.
        let revoked = try await calendar(sandbox, ["revoke", "CF-1"])
        #expect(revoked.status == 0, "\(revoked)")
        #expect(revoked.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "CF-1 revoked")
        let gone = try await fetch(url)
        #expect(gone.status == 404)
        let unknown = try await fetch(sandbox.tcpBase + "/v1/calendars/" + String(repeating: "A", count: 43) + ".ics")
        #expect(unknown.status == 404)
        #expect(try await fetch(try #require(person.url)).status == 200, "the other feed still works")
        let relisted = try await calendar(sandbox, ["list"])
        #expect(relisted.stdout.split(separator: "\n").contains { $0.contains("CF-1") && $0.contains("revoked") }, "\(relisted)")

        // A feed follows the configuration in force: renamed by a reload, the next fetch shows the new name.
        try sandbox.writeConfig(setup.text.replacingOccurrences(of: "name: 一线值班, 白班", with: "name: 一线值班"))
        let ready = try #require(daemon.notify.index(of: "READY=1"))
        daemon.send(SIGHUP)
        let reloading = try await daemon.notify.waitFor("RELOADING=1", skipping: ready + 1)
        try await daemon.notify.waitFor("READY=1", skipping: reloading + 1)
        let renamed = (try await fetch(try #require(person.url)).events ?? []).filter { !$0.allDay }
        #expect(!renamed.isEmpty && renamed.allSatisfy { $0.summary == "On call: 李娜 (一线值班)" }, "\(renamed.map(\.summary))")
        #expect(Set(renamed.map(\.uid)) == Set(personShifts.map(\.uid)), "the same shifts keep their UIDs")

        // The secret never reaches the log.
        #expect(!sandbox.logs.contains(token), "the token is in the daemon's log")
        #expect(sandbox.logs.contains("calendar feed created"))
    }
}
}
