import Foundation

/// An iCalendar (RFC 5545) feed of on-call shifts, for phones' and desktops' calendar
/// subscriptions: one event per shift, and the working calendar's holidays and make-up days as
/// all-day events. Pure: the roster, calendar, window and `now` come in, text goes out.
///
/// Event UIDs are built from the schedule, the person and the shift's start, so the same shift
/// keeps its UID from fetch to fetch (and between a schedule's feed and a person's); a shift cut
/// by the window's end keeps its UID and only its DTEND moves as the window does.
public struct ICalendarFeed: Sendable, Equatable {
    /// The calendar's name (`X-WR-CALNAME`).
    public var title: String
    /// The shifts, by start.
    public var shifts: [OnCallShift]
    /// Holidays and make-up days within the window, by date.
    public var holidays: [LocalDate]
    public var makeupDays: [LocalDate]
    /// Schedule names by id, person names by id (ids stand in for missing names).
    public var scheduleNames: [String: String]
    public var personNames: [String: String]
    /// The working calendar's zone, named to clients and used to tell which days a shift covers.
    public var timeZone: TimeZone

    /// The product identifier (`PRODID`).
    public static let productID = "-//oncalld//On-call schedules//EN"

    /// The feed of `subject` over `window`: a schedule's shifts, or one person's over every schedule.
    public init(subject: CalendarFeedSubject, roster: OnCallRoster, calendar: WorkingCalendar, personNames: [String: String], window: CalendarFeedWindow) {
        let schedules: [OnCallSchedule]
        switch subject {
        case let .schedule(id):
            schedules = roster.schedules.filter { $0.id == id }
            title = "On call: " + (schedules.first?.name ?? id)
        case let .person(id):
            schedules = roster.schedules
            title = "On call: " + (personNames[id] ?? id)
        }
        var shifts = schedules.flatMap { $0.shifts(from: window.from, until: window.until, calendar: calendar) }
        if case let .person(id) = subject { shifts = shifts.filter { $0.person == id } }
        self.shifts = shifts.sorted { ($0.start, $0.schedule, $0.person) < ($1.start, $1.schedule, $1.person) }
        let first = calendar.localDate(of: window.from), last = calendar.localDate(of: window.until)
        holidays = calendar.holidays.filter { first <= $0 && $0 <= last }.sorted()
        makeupDays = calendar.makeupDays.filter { first <= $0 && $0 <= last }.sorted()
        scheduleNames = Dictionary(roster.schedules.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        self.personNames = personNames
        timeZone = calendar.timeZone
    }

    /// The whole feed, CRLF line ends and folded lines; `now` is every event's DTSTAMP.
    public func render(now: Date) -> String {
        let stamp = ICalendarText.dateTime(now)
        var text = ICalendarText.line("BEGIN", "VCALENDAR")
        text += ICalendarText.line("VERSION", "2.0")
        text += ICalendarText.line("PRODID", ICalendarText.escape(Self.productID))
        text += ICalendarText.line("CALSCALE", "GREGORIAN")
        text += ICalendarText.line("METHOD", "PUBLISH")
        text += ICalendarText.line("X-WR-CALNAME", ICalendarText.escape(title))
        text += ICalendarText.line("X-WR-TIMEZONE", ICalendarText.escape(timeZone.identifier))
        // Clients that honour it refresh hourly; a handoff moved by an override shows up within the hour.
        text += ICalendarText.line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H")
        text += ICalendarText.line("X-PUBLISHED-TTL", "PT1H")
        for shift in shifts {
            text += event([
                ("UID", ICalendarText.escape(Self.uid(shift))), ("DTSTAMP", stamp),
                ("DTSTART", ICalendarText.dateTime(shift.start)), ("DTEND", ICalendarText.dateTime(shift.end)),
                ("SUMMARY", ICalendarText.escape(summary(shift))), ("DESCRIPTION", ICalendarText.escape(description(shift))),
                ("CATEGORIES", "On call"), ("TRANSP", "OPAQUE"),
            ])
        }
        for day in holidays {
            text += allDayEvent(
                day, kind: "holiday", summary: "Public holiday", description: "No working hours: out-of-hours layers apply all day.", stamp: stamp)
        }
        for day in makeupDays {
            text += allDayEvent(
                day, kind: "makeup-day", summary: "Make-up working day", description: "Worked although its weekday is a rest day (调休).", stamp: stamp)
        }
        return text + ICalendarText.line("END", "VCALENDAR")
    }

    /// `20261204T010000Z-primary-li.na@oncalld`: stable for as long as the shift starts then.
    public static func uid(_ shift: OnCallShift) -> String {
        "\(ICalendarText.dateTime(shift.start))-\(shift.schedule)-\(shift.person)@oncalld"
    }

    /// `On call: 李娜 (一线值班)`.
    public func summary(_ shift: OnCallShift) -> String {
        "On call: \(personNames[shift.person] ?? shift.person) (\(scheduleNames[shift.schedule] ?? shift.schedule))"
    }

    /// Who, where, why it starts and ends (the hand-off reasons `oncallctl oncall` shows), and the
    /// holidays it covers, one fact a line.
    public func description(_ shift: OnCallShift) -> String {
        var lines = [
            "Schedule: \(scheduleNames[shift.schedule] ?? shift.schedule) (\(shift.schedule))",
            "On call: \(personNames[shift.person] ?? shift.person) (\(shift.person))",
            "Starts: " + (shift.startReason.map(\.description) ?? "already on call when this feed begins"),
            "Ends: " + (shift.endReason.map(\.description) ?? "still on call when this feed ends"),
        ]
        let covered = holidays.filter { day in
            day.start(in: timeZone) < shift.end && shift.start < day.adding(days: 1).start(in: timeZone)
        }
        if !covered.isEmpty { lines.append("Holidays covered: " + covered.map(\.description).joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    private func event(_ properties: [(String, String)]) -> String {
        ICalendarText.line("BEGIN", "VEVENT") + properties.map { ICalendarText.line($0.0, $0.1) }.joined()
            + ICalendarText.line("END", "VEVENT")
    }

    /// A whole local day (a DATE, not a time), shown as free time.
    private func allDayEvent(_ day: LocalDate, kind: String, summary: String, description: String, stamp: String) -> String {
        event([
            ("UID", "\(kind)-\(ICalendarText.date(day))@oncalld"), ("DTSTAMP", stamp),
            ("DTSTART;VALUE=DATE", ICalendarText.date(day)), ("DTEND;VALUE=DATE", ICalendarText.date(day.adding(days: 1))),
            ("SUMMARY", ICalendarText.escape(summary)), ("DESCRIPTION", ICalendarText.escape(description)), ("TRANSP", "TRANSPARENT"),
        ])
    }
}
