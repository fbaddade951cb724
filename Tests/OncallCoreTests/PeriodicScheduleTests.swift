import Foundation
import OncallCore
import OncallTesting
import Testing

@Suite("Periodic schedule")
struct PeriodicScheduleTests {
    let shanghai = TimeZone(secondsFromGMT: 8 * 3600)!
    let eight = TimeOfDay(hour: 8, minute: 0)!
    let nine = TimeOfDay(hour: 9, minute: 0)!

    func calendar(holidays: [String] = []) throws -> WorkingCalendar {
        try WorkingCalendar(
            timeZone: shanghai, workingHours: [WorkingHours(start: nine, end: TimeOfDay(hour: 18, minute: 0)!)!],
            restDays: [.saturday, .sunday], holidays: Set(holidays.map { LocalDate(iso: $0)! }))
    }

    @Test("weekly: the next Monday at the configured time, strictly after")
    func weeklyDue() throws {
        let calendar = try calendar()
        let cases = [
            ("2026-11-27 10:00", "2026-11-30 08:00"),  // Friday
            ("2026-11-29 23:00", "2026-11-30 08:00"),  // Sunday night
            ("2026-11-30 07:59", "2026-11-30 08:00"),  // Monday, before the time
            ("2026-11-30 08:00", "2026-12-07 08:00"),  // exactly due: the next one
            ("2026-12-29 12:00", "2027-01-04 08:00"),
        ]
        for (after, due) in cases {
            #expect(PeriodicSchedule.nextDue(.weekly, after: at(after), calendar: calendar, at: eight) == at(due), "after \(after)")
        }
    }

    @Test("monthly: the first working day of the month, holidays pushing it on")
    func monthlyDue() throws {
        let plain = try calendar()
        // 1 November 2026 is a Sunday.
        #expect(PeriodicSchedule.nextDue(.monthly, after: at("2026-10-15 12:00"), calendar: plain, at: nine) == at("2026-11-02 09:00"))
        #expect(PeriodicSchedule.nextDue(.monthly, after: at("2026-11-02 08:59"), calendar: plain, at: nine) == at("2026-11-02 09:00"))
        #expect(PeriodicSchedule.nextDue(.monthly, after: at("2026-11-02 09:00"), calendar: plain, at: nine) == at("2026-12-01 09:00"))
        #expect(PeriodicSchedule.nextDue(.monthly, after: at("2026-12-31 23:00"), calendar: plain, at: nine) == at("2027-01-01 09:00"))

        let nationalDay = try calendar(holidays: (1...7).map { "2026-10-0\($0)" })
        #expect(PeriodicSchedule.nextDue(.monthly, after: at("2026-09-20 12:00"), calendar: nationalDay, at: nine) == at("2026-10-08 09:00"))
        #expect(PeriodicSchedule.nextDue(.monthly, after: at("2026-10-03 12:00"), calendar: nationalDay, at: nine) == at("2026-10-08 09:00"))
        #expect(PeriodicSchedule.nextDue(.monthly, after: at("2026-10-08 09:30"), calendar: nationalDay, at: nine) == at("2026-11-02 09:00"))
    }

    @Test("weekly period: the ISO week before the due date's week, Monday to Monday")
    func weeklyPeriod() {
        let period = PeriodicSchedule.period(.weekly, dueAt: at("2026-11-30 08:00"), timeZone: shanghai)
        #expect(period.period == "2026-W48")
        #expect(period.from == at("2026-11-23 00:00") && period.until == at("2026-11-30 00:00"))
        // 2026 begins on a Thursday, so it has 53 ISO weeks; 2025-12-29 is in 2026-W01.
        #expect(PeriodicSchedule.period(.weekly, dueAt: at("2027-01-04 08:00"), timeZone: shanghai).period == "2026-W53")
        #expect(PeriodicSchedule.period(.weekly, dueAt: at("2026-01-05 08:00"), timeZone: shanghai).period == "2026-W01")
        #expect(PeriodicSchedule.period(.weekly, dueAt: at("2026-01-02 08:00"), timeZone: shanghai).period == "2025-W52")
    }

    @Test("weekly periods agree with Foundation's ISO 8601 calendar on every day of 2020–2030")
    func weeklyPeriodMatchesFoundation() {
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = shanghai
        var day = at("2020-01-01 12:00")
        while day < at("2031-01-01 00:00") {
            let period = PeriodicSchedule.period(.weekly, dueAt: day, timeZone: shanghai)
            let parts = iso.dateComponents([.yearForWeekOfYear, .weekOfYear, .weekday, .hour, .minute], from: period.from)
            let expected = String(format: "%04d-W%02d", parts.yearForWeekOfYear!, parts.weekOfYear!)
            #expect(period.period == expected, "due \(day)")
            #expect(parts.weekday == 2 && parts.hour == 0 && parts.minute == 0)
            #expect(period.until.timeIntervalSince(period.from) == 7 * 86400)
            #expect(period.until <= day && day < period.until.addingTimeInterval(7 * 86400))
            day = day.addingTimeInterval(86400)
        }
    }

    @Test("monthly period: the calendar month before the due date")
    func monthlyPeriod() {
        let period = PeriodicSchedule.period(.monthly, dueAt: at("2026-11-02 09:00"), timeZone: shanghai)
        #expect(period.period == "2026-10")
        #expect(period.from == at("2026-10-01 00:00") && period.until == at("2026-11-01 00:00"))
        let january = PeriodicSchedule.period(.monthly, dueAt: at("2027-01-04 09:00"), timeZone: shanghai)
        #expect(january.period == "2026-12" && january.from == at("2026-12-01 00:00") && january.until == at("2027-01-01 00:00"))
    }
}
