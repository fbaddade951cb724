import Foundation
import OncallTesting
import Testing

@testable import OncallCore

// Instants are Shanghai wall-clock text (`at`), so 09:00 there is 01:00Z.
// Weekdays: 2026-11-02 Mon, 11-04 Wed, 11-05 Thu, 11-09 Mon, 11-16 Mon; 2026-10-01 Thu (holiday).

private let shanghai = WorkingCalendar.standard.timeZone
private let names = ["li.na": "李娜", "wang.fang": "王芳", "zhao.lei": "赵磊"]

/// li.na then wang.fang, Mondays 09:00 from 2026-11-02; wang.fang overrides Wednesday night.
private let primary = OnCallSchedule(
    id: "primary", name: "一线值班",
    layers: [ScheduleLayer(rotation: Rotation(
        id: "primary.layers[0]", engineers: ["li.na", "wang.fang"], cadence: .weekly(.monday),
        handoffTime: TimeOfDay(hhmm: "09:00")!, timeZone: shanghai, start: at("2026-11-02 09:00")))],
    overrides: [ScheduleOverride(person: "wang.fang", start: at("2026-11-04 18:00"), end: at("2026-11-05 09:00"))])

/// li.na and zhao.lei daily at 18:00 from 2026-11-02, for a second schedule li.na is on.
private let database = OnCallSchedule(
    id: "dba", name: "DBA, nights",
    layers: [ScheduleLayer(rotation: Rotation(
        id: "dba.layers[0]", engineers: ["zhao.lei", "li.na"], cadence: .daily,
        handoffTime: TimeOfDay(hhmm: "18:00")!, timeZone: shanghai, start: at("2026-11-02 18:00")))])

private let window = CalendarFeedWindow(from: at("2026-11-03 00:00"), until: at("2026-11-17 00:00"))

/// The feed's content lines, unfolded (RFC 5545 §3.1), split on CRLF at the byte level.
private func unfoldedLines(_ text: String) -> [String] {
    var bytes = Array(text.utf8)
    var unfolded: [UInt8] = []
    var index = 0
    while index < bytes.count {
        if index + 2 < bytes.count, bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 32 || bytes[index + 2] == 9 {
            index += 3
            continue
        }
        unfolded.append(bytes[index])
        index += 1
    }
    bytes = unfolded
    var lines: [String] = []
    var start = 0
    for index in bytes.indices where index > 0 && bytes[index - 1] == 13 && bytes[index] == 10 {
        lines.append(String(decoding: bytes[start..<(index - 1)], as: UTF8.self))
        start = index + 1
    }
    return lines
}

/// Each VEVENT as its property lines, `NAME[;PARAMS]` to the raw value.
private func events(_ text: String) -> [[String: String]] {
    var found: [[String: String]] = []
    var current: [String: String]?
    for line in unfoldedLines(text) {
        if line == "BEGIN:VEVENT" { current = [:]; continue }
        if line == "END:VEVENT", let event = current { found.append(event); current = nil; continue }
        guard current != nil, let colon = line.firstIndex(of: ":") else { continue }
        current?[String(line[..<colon])] = String(line[line.index(after: colon)...])
    }
    return found
}

@Suite("iCalendar feed of on-call shifts")
struct ICalendarFeedTests {
    // MARK: - RFC 5545 text

    @Test("TEXT escapes backslash, semicolon, comma and every line break; other control characters are dropped")
    func escaping() {
        #expect(ICalendarText.escape(#"C:\temp; a, b"#) == #"C:\\temp\; a\, b"#)
        #expect(ICalendarText.escape("one\ntwo\r\nthree\rfour") == #"one\ntwo\nthree\nfour"#)
        #expect(ICalendarText.escape("tab\tkept, bell\u{07}gone") == "tab\tkept\\, bellgone")
        #expect(ICalendarText.escape("值班：李娜") == "值班：李娜")
    }

    @Test("UTC date-times and dates", arguments: [
        ("2026-11-02 09:00", "20261102T010000Z"),
        ("2026-01-01 07:59:59", "20251231T235959Z"),
        ("1970-01-01 08:00", "19700101T000000Z"),
    ])
    func dateTimes(local: String, expected: String) {
        #expect(ICalendarText.dateTime(at(local)) == expected)
        #expect(ICalendarText.date(LocalDate(iso: "2026-10-01")!) == "20261001")
    }

    @Test("lines fold at 75 octets with a leading space and unfold to the original", arguments: [
        String(repeating: "abcdefghij", count: 20),
        String(repeating: "一线值班，", count: 40),  // 3-octet characters: 75 is not a multiple of 3 after the space
        String(repeating: "on call 🚨 ", count: 20),  // 4-octet scalars
        "x" + String(repeating: "é", count: 60),  // 2-octet characters, out of step by one
    ])
    func folding(value: String) throws {
        let folded = ICalendarText.line("DESCRIPTION", value)
        let bytes = Array(folded.utf8)
        #expect(bytes.suffix(2) == [13, 10])
        var physical: [[UInt8]] = []
        var start = 0
        for index in bytes.indices where index > 0 && bytes[index - 1] == 13 && bytes[index] == 10 {
            physical.append(Array(bytes[start..<(index - 1)]))
            start = index + 1
        }
        #expect(physical.count > 1)
        for (number, line) in physical.enumerated() {
            #expect(line.count <= 75, "line \(number) has \(line.count) octets")
            // Every physical line is whole UTF-8 on its own: no character was split.
            #expect(String(validating: line, as: UTF8.self) != nil, "line \(number) splits a character")
            if number > 0 { #expect(line.first == 32) }
        }
        #expect(unfoldedLines(folded) == ["DESCRIPTION:" + value])
    }

    @Test("a short line is not folded")
    func shortLine() {
        #expect(ICalendarText.line("VERSION", "2.0") == "VERSION:2.0\r\n")
    }

    // MARK: - Shifts

    @Test("shifts follow the hand-offs: an override cuts the rotation's shift, which resumes after it")
    func shifts() {
        let shifts = primary.shifts(from: window.from, until: window.until, calendar: .standard)
        let rotation = HandoffReason.rotation("primary.layers[0]")
        #expect(shifts == [
            // Began before the window: its real start, not the window's edge.
            OnCallShift(schedule: "primary", person: "li.na", start: at("2026-11-02 09:00"), end: at("2026-11-04 18:00"),
                        startReason: rotation, endReason: .overrideStart),
            OnCallShift(schedule: "primary", person: "wang.fang", start: at("2026-11-04 18:00"), end: at("2026-11-05 09:00"),
                        startReason: .overrideStart, endReason: .overrideEnd),
            OnCallShift(schedule: "primary", person: "li.na", start: at("2026-11-05 09:00"), end: at("2026-11-09 09:00"),
                        startReason: .overrideEnd, endReason: rotation),
            OnCallShift(schedule: "primary", person: "wang.fang", start: at("2026-11-09 09:00"), end: at("2026-11-16 09:00"),
                        startReason: rotation, endReason: rotation),
            // Still running at the window's end.
            OnCallShift(schedule: "primary", person: "li.na", start: at("2026-11-16 09:00"), end: at("2026-11-17 00:00"),
                        startReason: rotation, endReason: nil),
        ])
    }

    @Test("every hand-off nextHandoffs finds in the window starts one shift and ends another")
    func shiftsMatchHandoffs() {
        let shifts = primary.shifts(from: window.from, until: window.until, calendar: .standard)
        let handoffs = primary.nextHandoffs(after: window.from, calendar: .standard, count: 100, scanDays: 14)
        #expect(!handoffs.isEmpty)
        for handoff in handoffs where handoff.at < window.until {
            #expect(shifts.contains { $0.start == handoff.at && handoff.to.contains($0.person) && $0.startReason == handoff.reason })
            #expect(shifts.contains { $0.end == handoff.at && handoff.from.contains($0.person) && $0.endReason == handoff.reason })
        }
    }

    // MARK: - The feed

    @Test("a schedule's feed: calendar properties, one event per shift in UTC, summary and reasons")
    func scheduleFeed() throws {
        let roster = OnCallRoster(schedules: [primary, database])
        let text = ICalendarFeed(subject: .schedule("primary"), roster: roster, calendar: .standard, personNames: names, window: window)
            .render(now: at("2026-11-10 00:00"))
        let lines = unfoldedLines(text)
        #expect(Array(text.utf8).suffix(2) == [13, 10])
        // No bare LF anywhere: every line ends in CRLF.
        let bytes = Array(text.utf8)
        #expect(bytes.indices.allSatisfy { bytes[$0] != 10 || ($0 > 0 && bytes[$0 - 1] == 13) })
        // No physical line is longer than 75 octets (the descriptions here are longer and fold).
        #expect(bytes.split(separator: 10).allSatisfy { $0.count <= 76 })
        #expect(bytes.split(separator: 10).contains { $0.first == 32 })
        #expect(lines.first == "BEGIN:VCALENDAR")
        #expect(lines.last == "END:VCALENDAR")
        for property in ["VERSION:2.0", "PRODID:-//oncalld//On-call schedules//EN", "CALSCALE:GREGORIAN", "X-WR-CALNAME:On call: 一线值班"] {
            #expect(lines.contains(property), "\(property)")
        }
        let shifts = events(text)
        #expect(shifts.count == 5)
        let override = try #require(shifts.first { $0["DTSTART"] == "20261104T100000Z" })
        #expect(override["DTEND"] == "20261105T010000Z")
        #expect(override["SUMMARY"] == "On call: 王芳 (一线值班)")
        #expect(override["DESCRIPTION"] == #"Schedule: 一线值班 (primary)\nOn call: 王芳 (wang.fang)\nStarts: override starts\nEnds: override ends"#)
        #expect(override["DTSTAMP"] == "20261109T160000Z")
        #expect(override["UID"] == "20261104T100000Z-primary-wang.fang@oncalld")
        let handoff = try #require(shifts.first { $0["DTSTART"] == "20261109T010000Z" })
        #expect(handoff["SUMMARY"] == "On call: 王芳 (一线值班)")
        #expect(handoff["DESCRIPTION"]?.contains(#"Starts: rotation primary.layers[0]"#) == true)
        #expect(!shifts.contains { $0["SUMMARY"]?.contains("DBA") == true })
    }

    @Test("UIDs stay the same from fetch to fetch as the window moves; only DTSTAMP and a cut DTEND change")
    func stableUIDs() throws {
        let roster = OnCallRoster(schedules: [primary])
        func fetch(_ now: Date) throws -> [[String: String]] {
            events(ICalendarFeed(subject: .schedule("primary"), roster: roster, calendar: .standard, personNames: names,
                                 window: try CalendarFeedWindow.around(now, daysBack: 7, daysAhead: 7)).render(now: now))
        }
        let first = try fetch(at("2026-11-10 00:00"))
        let later = try fetch(at("2026-11-11 13:30"))
        let common = Set(first.compactMap { $0["UID"] }).intersection(later.compactMap { $0["UID"] })
        #expect(common.count == 5)
        for uid in common {
            let (a, b) = (try #require(first.first { $0["UID"] == uid }), try #require(later.first { $0["UID"] == uid }))
            #expect(a["DTSTART"] == b["DTSTART"])
            #expect(a["DTSTAMP"] != b["DTSTAMP"])
        }
        // The last shift is cut by the window's end, which has moved; its UID has not.
        let cut = "20261116T010000Z-primary-li.na@oncalld"
        #expect(first.first { $0["UID"] == cut }?["DTEND"] == "20261116T160000Z")
        #expect(later.first { $0["UID"] == cut }?["DTEND"] == "20261118T053000Z")
    }

    @Test("a person's feed lists their shifts over every schedule and no one else's")
    func personFeed() {
        let roster = OnCallRoster(schedules: [primary, database])
        let feed = ICalendarFeed(subject: .person("li.na"), roster: roster, calendar: .standard, personNames: names, window: window)
        #expect(feed.title == "On call: 李娜")
        #expect(Set(feed.shifts.map(\.person)) == ["li.na"])
        #expect(Set(feed.shifts.map(\.schedule)) == ["primary", "dba"])
        #expect(feed.shifts.map(\.start) == feed.shifts.map(\.start).sorted())
        let summaries = Set(events(feed.render(now: window.from)).compactMap { $0["SUMMARY"] })
        #expect(summaries == [#"On call: 李娜 (一线值班)"#, #"On call: 李娜 (DBA\, nights)"#])
    }

    @Test("holidays and make-up days are all-day events; an out-of-hours shift says which holidays it covers")
    func holidays() throws {
        let calendar = try WorkingCalendar(
            timeZone: shanghai, workingHours: WorkingCalendar.standard.workingHours, restDays: [.saturday, .sunday],
            holidays: Set((0..<7).map { LocalDate(iso: "2026-10-01")!.adding(days: $0) }), makeupDays: [LocalDate(iso: "2026-10-10")!])
        let nights = OnCallSchedule(id: "nights", name: "Nights", layers: [
            ScheduleLayer(rotation: Rotation(
                id: "nights.layers[0]", engineers: ["zhao.lei"], cadence: .daily, handoffTime: TimeOfDay(hhmm: "18:00")!,
                timeZone: shanghai, start: at("2026-09-01 18:00")), restriction: .outOfHours),
        ])
        let feed = ICalendarFeed(
            subject: .schedule("nights"), roster: OnCallRoster(schedules: [nights]), calendar: calendar, personNames: names,
            window: CalendarFeedWindow(from: at("2026-09-29 00:00"), until: at("2026-10-12 00:00")))
        let all = events(feed.render(now: at("2026-09-29 00:00")))
        let days = all.filter { $0["DTSTART;VALUE=DATE"] != nil }
        #expect(days.filter { $0["SUMMARY"] == "Public holiday" }.compactMap { $0["DTSTART;VALUE=DATE"] }
            == (1...7).map { "2026100\($0)" })
        #expect(days.first { $0["SUMMARY"] == "Public holiday" }?["DTEND;VALUE=DATE"] == "20261002")
        #expect(days.first { $0["SUMMARY"] == "Make-up working day" }?["DTSTART;VALUE=DATE"] == "20261010")
        // The out-of-hours shift from Wednesday 09-30 18:00 runs through the holiday to Thursday 10-08 09:00.
        let long = try #require(all.first { $0["DTSTART"] == "20260930T100000Z" })
        #expect(long["DTEND"] == "20261008T010000Z")
        #expect(long["DESCRIPTION"]?.contains(#"Holidays covered: 2026-10-01\, 2026-10-02\, 2026-10-03\, 2026-10-04\, 2026-10-05\, 2026-10-06\, 2026-10-07"#) == true)
        #expect(long["DESCRIPTION"]?.contains("Ends: working hours start") == true)
    }

    @Test("the window's days are bounded", arguments: [(-1, 60), (91, 60), (7, 0), (7, 367)])
    func windowBounds(daysBack: Int, daysAhead: Int) {
        #expect(throws: LifecycleError.self) { try CalendarFeedWindow.around(t0, daysBack: daysBack, daysAhead: daysAhead) }
    }

    @Test("the default window is 7 days back and 60 ahead")
    func defaultWindow() throws {
        let window = try CalendarFeedWindow.around(t0)
        #expect(window.from == t0.addingTimeInterval(-7 * 86_400))
        #expect(window.until == t0.addingTimeInterval(60 * 86_400))
    }
}
