import Foundation
import OncallTesting
import Testing

@testable import OncallCore

// Expected instants are written as wall-clock text with an explicit UTC offset and built with
// a fixed-offset zone, so they do not depend on the code under test (or on tzdata).
// 2026 weekdays used below: 2026-03-09 Mon … 03-13 Fri, 03-14 Sat, 03-15 Sun, 03-16 Mon;
// 2026-09-25 Fri, 09-26 Sat, 09-27 Sun, 09-30 Wed, 10-01 Thu, 10-03 Sat, 10-07 Wed,
// 10-08 Thu, 10-09 Fri, 10-10 Sat, 10-11 Sun, 10-12 Mon, 10-16 Fri, 10-19 Mon.


private func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
private func hours(_ range: String) -> WorkingHours { WorkingHours(range: range)! }

/// Calendars used by the table-driven tests, named so test output stays readable.
enum CalendarFixture: String, CaseIterable, Sendable, CustomStringConvertible {
    /// WorkingCalendar.standard: Shanghai, 09–12 + 13–18, Saturday and Sunday off.
    case standard
    /// The standard week plus China's National Day 2026: holidays 10-01…10-07,
    /// make-up working days Sunday 09-27 and Saturday 10-10.
    case nationalDay

    var description: String { rawValue }

    var calendar: WorkingCalendar {
        switch self {
        case .standard:
            return .standard
        case .nationalDay:
            let holidays = Set((0..<7).map { date("2026-10-01").adding(days: $0) })
            return try! WorkingCalendar(
                timeZone: WorkingCalendar.standard.timeZone,
                workingHours: WorkingCalendar.standard.workingHours,
                restDays: [.saturday, .sunday],
                holidays: holidays,
                makeupDays: [date("2026-09-27"), date("2026-10-10")])
        }
    }
}

@Suite("WorkingCalendar")
struct WorkingCalendarTests {

    // MARK: - LocalDate

    @Test(arguments: [
        ("2026-10-01", 2026, 10, 1),
        ("2024-02-29", 2024, 2, 29),  // leap year
        ("2000-02-29", 2000, 2, 29),  // divisible by 400: leap
        ("0001-01-01", 1, 1, 1),
        ("9999-12-31", 9999, 12, 31),
    ])
    func localDateParsesISO(text: String, year: Int, month: Int, day: Int) throws {
        let parsed = try #require(LocalDate(iso: text))
        #expect(parsed == LocalDate(year: year, month: month, day: day))
        #expect((parsed.year, parsed.month, parsed.day) == (year, month, day))
        #expect(parsed.description == text)
    }

    @Test(arguments: [
        "2026-02-29",  // 2026 is not a leap year
        "1900-02-29",  // divisible by 100, not 400: not leap
        "2026-13-01", "2026-00-10", "2026-04-31", "2026-10-00", "0000-01-01",
        "2026-1-01", "26-10-01", "2026/10/01", "20261001", " 2026-10-01", "2026-10-01T00:00",
        "", "+026-10-01", "2026-1a-01", "２０２６-10-01",
    ])
    func localDateRejectsBadISO(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test(arguments: [(2026, 2, 29), (2026, 13, 1), (2026, 6, 31), (0, 1, 1), (10_000, 1, 1), (2026, 1, 0)])
    func localDateRejectsImpossibleDates(year: Int, month: Int, day: Int) {
        #expect(LocalDate(year: year, month: month, day: day) == nil)
    }

    @Test(arguments: [
        ("2026-12-31", 1, "2027-01-01"),  // year rollover
        ("2024-02-28", 1, "2024-02-29"),  // into a leap day
        ("2026-02-28", 1, "2026-03-01"),  // no leap day in 2026
        ("2026-03-01", -1, "2026-02-28"),
        ("2026-10-01", 365, "2027-10-01"),  // Feb 2027 has 28 days, so exactly a year
        ("2026-10-01", 0, "2026-10-01"),
        ("2026-10-01", -7, "2026-09-24"),
    ])
    func localDateAddsDays(start: String, days: Int, expected: String) {
        #expect(date(start).adding(days: days) == date(expected))
    }

    @Test(arguments: [
        ("1970-01-01", Weekday.thursday), ("2000-01-01", .saturday), ("2026-09-27", .sunday),
        ("2026-10-01", .thursday), ("2026-10-10", .saturday), ("2026-03-16", .monday),
    ])
    func localDateWeekday(text: String, weekday: Weekday) {
        #expect(date(text).weekday == weekday)
    }

    @Test func localDateOrdersChronologically() {
        #expect(date("2026-09-30") < date("2026-10-01"))
        #expect(date("2025-12-31") < date("2026-01-01"))
        #expect(date("2026-01-31") < date("2026-02-01"))
        #expect(!(date("2026-10-01") < date("2026-10-01")))
    }

    // MARK: - TimeOfDay and WorkingHours

    @Test(arguments: [
        ("09:00", 540), ("18:30", 1110), ("00:00", 0), ("23:59", 1439), ("24:00", 1440),
        ("9:05", 545), (" 12:00 ", 720),
    ])
    func timeOfDayParses(text: String, minutes: Int) throws {
        #expect(try #require(TimeOfDay(hhmm: text)).minutes == minutes)
    }

    @Test(arguments: [
        "24:01", "25:00", "12:60", "12:5", "1200", "12:00:00", "", ":", "ab:cd", "-1:00",
        "+9:00", "009:00", "12:+5", "１２:00",
    ])
    func timeOfDayRejects(text: String) {
        #expect(TimeOfDay(hhmm: text) == nil)
    }

    @Test func timeOfDayFromHourAndMinute() {
        #expect(TimeOfDay(hour: 24, minute: 0)?.minutes == 1440)
        #expect(TimeOfDay(hour: 24, minute: 1) == nil)
        #expect(TimeOfDay(hour: -1, minute: 0) == nil)
        #expect(TimeOfDay(hour: 8, minute: 60) == nil)
        #expect(TimeOfDay(hour: 9, minute: 5)?.description == "09:05")
        #expect(TimeOfDay(hour: 9, minute: 0)! < TimeOfDay(hour: 9, minute: 1)!)
    }

    @Test(arguments: [
        ("09:00-12:00", 540, 720), ("13:00–18:00", 780, 1080), ("18:00-24:00", 1080, 1440),
        ("00:00-24:00", 0, 1440), ("09:00 - 12:00", 540, 720),
    ])
    func workingHoursParse(text: String, start: Int, end: Int) throws {
        let span = try #require(WorkingHours(range: text))
        #expect(span.start.minutes == start)
        #expect(span.end.minutes == end)
        #expect(WorkingHours(range: span.description) == span)  // description round-trips
    }

    @Test(arguments: [
        "12:00-09:00", "09:00-09:00", "24:00-24:00", "09:00", "09:00-12:00-13:00", "-",
        "09:00-", "-12:00", "", "9-12",
    ])
    func workingHoursReject(text: String) {
        #expect(WorkingHours(range: text) == nil)
    }

    @Test func workingHoursDescription() {
        #expect(hours("9:00-12:00").description == "09:00-12:00")
    }

    // MARK: - Weekday

    @Test(arguments: [
        ("saturday", Weekday.saturday), ("Saturday", .saturday), ("SAT", .saturday), ("sat", .saturday),
        ("sun", .sunday), ("Monday", .monday), ("tues", .tuesday), ("wed", .wednesday),
        ("thurs", .thursday), ("fri", .friday), (" friday ", .friday),
        ("周六", .saturday), ("星期六", .saturday), ("礼拜六", .saturday), ("週六", .saturday),
        ("周日", .sunday), ("星期日", .sunday), ("星期天", .sunday), ("周天", .sunday),
        ("周一", .monday), ("星期二", .tuesday), ("周三", .wednesday), ("星期四", .thursday), ("周五", .friday),
    ])
    func weekdayParses(name: String, weekday: Weekday) {
        #expect(Weekday(name: name) == weekday)
    }

    @Test(arguments: ["", "satur", "s", "周", "星期", "周七", "星期八", "六", "周六六", "1", "monday1"])
    func weekdayRejects(name: String) {
        #expect(Weekday(name: name) == nil)
    }

    @Test func weekdayNumbersMatchFoundation() {
        #expect(Weekday.sunday.rawValue == 1)
        #expect(Weekday.saturday.rawValue == 7)
        // Foundation's Gregorian weekday for Thursday 2026-10-01 is 5.
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        #expect(gregorian.component(.weekday, from: at("2026-10-01 12:00")) == Weekday.thursday.rawValue)
    }

    // MARK: - Construction

    @Test func standardCalendar() {
        let standard = WorkingCalendar.standard
        #expect(standard.timeZone.secondsFromGMT(for: at("2026-10-01 12:00")) == 8 * 3600)
        #expect(standard.workingHours == [hours("09:00-12:00"), hours("13:00-18:00")])
        #expect(standard.restDays == [.saturday, .sunday])
        #expect(standard.holidays.isEmpty)
        #expect(standard.makeupDays.isEmpty)
        #expect(standard == WorkingCalendar.standard)
        #expect(standard != CalendarFixture.nationalDay.calendar)
    }

    @Test func workingHoursAreSortedAndMayTouch() throws {
        let calendar = try WorkingCalendar(
            timeZone: WorkingCalendar.standard.timeZone,
            workingHours: [hours("12:00-18:00"), hours("09:00-12:00")],
            restDays: [])
        #expect(calendar.workingHours == [hours("09:00-12:00"), hours("12:00-18:00")])
        // Touching spans are continuous: Tue 11:00 + 2h = 13:00 with no gap at 12:00.
        #expect(calendar.addingWorkingTime(.seconds(2 * 3600), to: at("2026-03-10 11:00")) == at("2026-03-10 13:00"))
    }

    @Test(arguments: [
        ([String](), Set<Weekday>(), [String](), [String](), CalendarError.noWorkingHours),
        (["09:00-12:00", "11:00-14:00"], [], [], [],
         .overlappingWorkingHours(hours("09:00-12:00"), hours("11:00-14:00"))),
        // Given unsorted; sorted first, so the earlier span is reported first.
        (["13:00-18:00", "09:00-13:30"], [], [], [],
         .overlappingWorkingHours(hours("09:00-13:30"), hours("13:00-18:00"))),
        (["09:00-18:00", "09:00-18:00"], [], [], [],
         .overlappingWorkingHours(hours("09:00-18:00"), hours("09:00-18:00"))),
        (["09:00-18:00", "12:00-13:00"], [], [], [],
         .overlappingWorkingHours(hours("09:00-18:00"), hours("12:00-13:00"))),
        (["09:00-18:00"], Set(Weekday.allCases), [], [], .noWorkingWeekday),
        (["09:00-18:00"], [.saturday, .sunday], ["2026-10-01", "2026-10-10"], ["2026-10-10"],
         .holidayIsMakeupDay(date("2026-10-10"))),
        // Two clashes: the earliest date is reported.
        (["09:00-18:00"], [.saturday, .sunday], ["2026-10-10", "2026-10-01"], ["2026-10-10", "2026-10-01"],
         .holidayIsMakeupDay(date("2026-10-01"))),
    ] as [([String], Set<Weekday>, [String], [String], CalendarError)])
    func invalidCalendarsAreRejected(
        spans: [String], restDays: Set<Weekday>, holidays: [String], makeupDays: [String], error: CalendarError
    ) {
        #expect(throws: error) {
            try WorkingCalendar(
                timeZone: WorkingCalendar.standard.timeZone,
                workingHours: spans.map(hours),
                restDays: restDays,
                holidays: Set(holidays.map(date)),
                makeupDays: Set(makeupDays.map(date)))
        }
    }

    @Test(arguments: [
        (CalendarError.overlappingWorkingHours(hours("09:00-12:00"), hours("11:00-14:00")),
         "Working hours 09:00-12:00 and 11:00-14:00 overlap."),
        (.noWorkingHours, "The working calendar has no working hours."),
        (.noWorkingWeekday, "Every day of the week is a rest day, so the calendar has no regular working days."),
        (.holidayIsMakeupDay(date("2026-10-10")),
         "2026-10-10 is listed both as a holiday and as a make-up working day."),
    ])
    func errorDescriptions(error: CalendarError, text: String) {
        #expect(error.description == text)
    }

    // MARK: - Days

    @Test(arguments: [
        ("2026-10-01 00:30", "2026-10-01"),  // 2026-09-30 16:30 UTC: the local day already turned
        ("2026-09-30 23:59", "2026-09-30"),
        ("2026-10-01 08:00", "2026-10-01"),  // 00:00 UTC
    ])
    func localDateOfInstant(local: String, expected: String) {
        #expect(WorkingCalendar.standard.localDate(of: at(local)) == date(expected))
    }

    @Test(arguments: [
        ("2026-09-26", false),  // Saturday, rest
        ("2026-09-27", true),   // Sunday, make-up working day
        ("2026-09-30", true),   // Wednesday
        ("2026-10-01", false),  // Thursday, holiday
        ("2026-10-03", false),  // Saturday, holiday anyway
        ("2026-10-07", false),  // Wednesday, last holiday
        ("2026-10-08", true),   // Thursday, back to work
        ("2026-10-10", true),   // Saturday, make-up working day
        ("2026-10-11", false),  // Sunday, rest
    ])
    func nationalDayWorkingDays(day: String, working: Bool) {
        #expect(CalendarFixture.nationalDay.calendar.isWorkingDay(date(day)) == working)
    }

    @Test(arguments: [
        (CalendarFixture.nationalDay, "2026-10-01", "2026-10-08"),  // holidays Thu 1 … Wed 7
        (.nationalDay, "2026-09-26", "2026-09-27"),  // Saturday → make-up Sunday
        (.nationalDay, "2026-10-08", "2026-10-08"),  // already a working day
        (.nationalDay, "2026-10-11", "2026-10-12"),  // Sunday → Monday
        (.standard, "2026-03-14", "2026-03-16"),     // Saturday → Monday
    ])
    func nextWorkingDay(fixture: CalendarFixture, day: String, expected: String) {
        #expect(fixture.calendar.nextWorkingDay(onOrAfter: date(day)) == date(expected))
    }

    @Test(arguments: [
        (CalendarFixture.standard, "2026-03-10 08:59", false),
        (.standard, "2026-03-10 09:00", true),   // span start is inclusive
        (.standard, "2026-03-10 11:59", true),
        (.standard, "2026-03-10 12:00", false),  // span end is exclusive
        (.standard, "2026-03-10 12:59", false),  // lunch
        (.standard, "2026-03-10 13:00", true),
        (.standard, "2026-03-10 17:59", true),
        (.standard, "2026-03-10 18:00", false),
        (.standard, "2026-03-14 10:00", false),  // Saturday
        (.nationalDay, "2026-10-10 10:00", true),   // make-up Saturday
        (.nationalDay, "2026-10-01 10:00", false),  // holiday Thursday
        (.nationalDay, "2026-09-27 15:00", true),   // make-up Sunday afternoon
    ])
    func workingTime(fixture: CalendarFixture, local: String, expected: Bool) {
        #expect(fixture.calendar.isWorkingTime(at(local)) == expected)
    }

    // MARK: - Working time

    @Test(arguments: [
        // Friday afternoon: Fri 16–18 = 2h, Sat/Sun off, Mon 09:00 + 2h = 11:00.
        (CalendarFixture.standard, "2026-03-13 16:00", 240, "2026-03-16 11:00"),
        // Lunch break: 11–12 = 1h, 12–13 skipped, 13:00 + 1h = 14:00.
        (.standard, "2026-03-10 11:00", 120, "2026-03-10 14:00"),
        // Across a weekend: Fri 09–18 = 8h, Mon 8h fills exactly to Mon 18:00 (not Tue 09:00).
        (.standard, "2026-03-13 09:00", 960, "2026-03-16 18:00"),
        // Exactly at a span end: nothing left of the morning; 13:00 + 1h = 14:00.
        (.standard, "2026-03-10 12:00", 60, "2026-03-10 14:00"),
        // Exactly at the day's end: Wed 09:00 + 1h = 10:00.
        (.standard, "2026-03-10 18:00", 60, "2026-03-11 10:00"),
        // Midnight on a working day: wait to 09:00, + 30 min = 09:30.
        (.standard, "2026-03-10 00:00", 30, "2026-03-10 09:30"),
        // Midnight on a Saturday: Mon 09:00 + 1h = 10:00.
        (.standard, "2026-03-14 00:00", 60, "2026-03-16 10:00"),
        // During lunch: waits for 13:00, + 30 min = 13:30.
        (.standard, "2026-03-10 12:30", 30, "2026-03-10 13:30"),
        // Fills the morning exactly: 09:00 + 3h = 12:00 (the span end, not 13:00).
        (.standard, "2026-03-10 09:00", 180, "2026-03-10 12:00"),
        // Before opening: 09–12 = 3h, 13:00 + 1h = 14:00.
        (.standard, "2026-03-10 08:00", 240, "2026-03-10 14:00"),
        // National Day: Wed 17–18 = 1h, Oct 1–7 off, Thu Oct 8 09:00 + 3h = 12:00.
        (.nationalDay, "2026-09-30 17:00", 240, "2026-10-08 12:00"),
        // Saturday is off, make-up Sunday 09–12 = 3h, 13:00 + 1h = 14:00.
        (.nationalDay, "2026-09-26 10:00", 240, "2026-09-27 14:00"),
        // Fri Oct 9 17–18 = 1h, make-up Sat Oct 10 09:00 + 1h = 10:00.
        (.nationalDay, "2026-10-09 17:00", 120, "2026-10-10 10:00"),
        // Make-up Sat 17–18 = 1h, Sun Oct 11 off, Mon Oct 12 09:00 + 1h = 10:00.
        (.nationalDay, "2026-10-10 17:00", 120, "2026-10-12 10:00"),
        // Fri 17–18 = 1h (9h left), Sat off, make-up Sun 8h (1h left), Mon 09:00 + 1h = 10:00.
        (.nationalDay, "2026-09-25 17:00", 600, "2026-09-28 10:00"),
    ])
    func addingWorkingTime(fixture: CalendarFixture, start: String, minutes: Int, expected: String) {
        let result = fixture.calendar.addingWorkingTime(.seconds(minutes * 60), to: at(start))
        #expect(result == at(expected))
    }

    @Test func zeroOrNegativeDurationReturnsStart() {
        let saturdayNight = at("2026-03-14 03:00")  // outside working time, still unchanged
        #expect(WorkingCalendar.standard.addingWorkingTime(.zero, to: saturdayNight) == saturdayNight)
        #expect(WorkingCalendar.standard.addingWorkingTime(.seconds(-60), to: saturdayNight) == saturdayNight)
    }

    @Test func subMinuteDurations() {
        // 11:59 + 90 s: 60 s to 12:00, 30 s after 13:00 = 13:00:30.
        let result = WorkingCalendar.standard.addingWorkingTime(.seconds(90), to: at("2026-03-10 11:59"))
        #expect(result == at("2026-03-10 13:00:30"))
    }

    // MARK: - Working days

    @Test(arguments: [
        // Thursday, 0 → its own end of day.
        (CalendarFixture.standard, "2026-03-12 10:00", 0, "2026-03-12 18:00"),
        // Thursday, 2 → Fri 13 (1), weekend, Mon 16 (2).
        (.standard, "2026-03-12 10:00", 2, "2026-03-16 18:00"),
        // Thursday, 5 → Fri 13, Mon 16, Tue 17, Wed 18, Thu 19.
        (.standard, "2026-03-12 10:00", 5, "2026-03-19 18:00"),
        // Saturday, 0 → next working day, Mon 16.
        (.standard, "2026-03-14 10:00", 0, "2026-03-16 18:00"),
        // Saturday, 1 → first working day after Saturday is also Mon 16.
        (.standard, "2026-03-14 10:00", 1, "2026-03-16 18:00"),
        // Saturday, 2 → Mon 16 (1), Tue 17 (2).
        (.standard, "2026-03-14 10:00", 2, "2026-03-17 18:00"),
        // Friday late evening, 1 → only the date counts: Mon 16.
        (.standard, "2026-03-13 23:30", 1, "2026-03-16 18:00"),
        // Friday after hours, 0 → that Friday's 18:00, earlier than the start (documented).
        (.standard, "2026-03-13 20:00", 0, "2026-03-13 18:00"),
        // Negative counts as 0.
        (.standard, "2026-03-12 10:00", -3, "2026-03-12 18:00"),
        // Wed Sep 30, 1 → Oct 1–7 off, Thu Oct 8 (1).
        (.nationalDay, "2026-09-30 10:00", 1, "2026-10-08 18:00"),
        // Wed Sep 30, 3 → Oct 8 (1), Oct 9 (2), make-up Sat Oct 10 (3).
        (.nationalDay, "2026-09-30 10:00", 3, "2026-10-10 18:00"),
        // Wed Sep 30, 5 → Oct 8, 9, 10, (Sun 11 off), Mon 12 (4), Tue 13 (5).
        (.nationalDay, "2026-09-30 10:00", 5, "2026-10-13 18:00"),
        // Fri Sep 25, 1 → Sat 26 off, make-up Sun 27 (1).
        (.nationalDay, "2026-09-25 10:00", 1, "2026-09-27 18:00"),
        // Holiday Thu Oct 1, 0 → next working day Thu Oct 8.
        (.nationalDay, "2026-10-01 10:00", 0, "2026-10-08 18:00"),
        // Tue Sep 29, 10 → Sep 30 (1), Oct 8 (2), 9 (3), 10 (4), 12 (5), 13 (6), 14 (7),
        // 15 (8), 16 (9), (17/18 weekend), Mon 19 (10).
        (.nationalDay, "2026-09-29 10:00", 10, "2026-10-19 18:00"),
    ])
    func addingWorkingDays(fixture: CalendarFixture, start: String, days: Int, expected: String) {
        #expect(fixture.calendar.addingWorkingDays(days, to: at(start)) == at(expected))
    }

    @Test func absurdWorkingDayCountsSaturate() {
        #expect(WorkingCalendar.standard.addingWorkingDays(1_000_000, to: at("2026-03-12 10:00")) == .distantFuture)
    }

    // MARK: - Postponing (遇节假日顺延)

    @Test(arguments: [
        // Holiday Saturday Oct 3 → Thu Oct 8, same wall time.
        (CalendarFixture.nationalDay, "2026-10-03 15:30", "2026-10-08 15:30"),
        // Holiday midnight keeps midnight.
        (.nationalDay, "2026-10-01 00:00", "2026-10-08 00:00"),
        // Make-up Saturday is a working day: unchanged.
        (.nationalDay, "2026-10-10 15:30", "2026-10-10 15:30"),
        // Sunday Oct 11 → Monday Oct 12.
        (.nationalDay, "2026-10-11 09:00", "2026-10-12 09:00"),
        // Saturday → Monday.
        (.standard, "2026-03-14 09:15", "2026-03-16 09:15"),
        // A working day outside working hours is still a working day: unchanged.
        (.standard, "2026-03-10 22:00", "2026-03-10 22:00"),
    ])
    func postponed(fixture: CalendarFixture, local: String, expected: String) {
        #expect(fixture.calendar.postponedToWorkingDay(at(local)) == at(expected))
    }

    @Test func postponingKeepsSeconds() {
        // Sat 09:15:07.25 → Mon 09:15:07.25.
        let start = at("2026-03-14 09:15:07").addingTimeInterval(0.25)
        let expected = at("2026-03-16 09:15:07").addingTimeInterval(0.25)
        #expect(WorkingCalendar.standard.postponedToWorkingDay(start) == expected)
    }

    // MARK: - Daylight saving time (America/New_York: 2026-03-08 02:00 EST → 03:00 EDT,
    // 2026-11-01 02:00 EDT → 01:00 EST). EST = UTC−5, EDT = UTC−4.

    private func newYork(_ spans: [String], restDays: Set<Weekday>) throws -> WorkingCalendar {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        return try WorkingCalendar(timeZone: zone, workingHours: spans.map(hours), restDays: restDays)
    }

    @Test func dstPostponeKeepsWallClock() throws {
        let calendar = try newYork(["09:00-18:00"], restDays: [.saturday, .sunday])
        // Sat 10:00 EST → Mon 10:00 EDT (14:00 UTC); adding 2 × 86,400 s would give 11:00 EDT.
        let result = calendar.postponedToWorkingDay(at("2026-03-07 10:00", offset: -5))
        #expect(result == at("2026-03-09 10:00", offset: -4))
    }

    @Test func dstWorkingHoursAndDays() throws {
        let calendar = try newYork(["09:00-18:00"], restDays: [.saturday, .sunday])
        // Fri 17:00 EST + 2h: Fri 17–18 = 1h, Mon 09:00 EDT + 1h = 10:00 EDT.
        #expect(calendar.addingWorkingTime(.seconds(7200), to: at("2026-03-06 17:00", offset: -5))
            == at("2026-03-09 10:00", offset: -4))
        // Fri, 1 working day → Mon 18:00 EDT (22:00 UTC).
        #expect(calendar.addingWorkingDays(1, to: at("2026-03-06 10:00", offset: -5))
            == at("2026-03-09 18:00", offset: -4))
        // 23:30 EDT on Mar 8 is already Mar 9 in UTC, but still Mar 8 locally.
        #expect(calendar.localDate(of: at("2026-03-08 23:30", offset: -4)) == date("2026-03-08"))
    }

    @Test func dstRoundTheClockCountsRealTime() throws {
        let calendar = try newYork(["00:00-24:00"], restDays: [])
        // Sat Mar 7 12:00 EST + 24h: 12h to midnight; Mar 8 is 23h long, so 12h after its
        // midnight (05:00 UTC) is 17:00 UTC = 13:00 EDT.
        #expect(calendar.addingWorkingTime(.seconds(24 * 3600), to: at("2026-03-07 12:00", offset: -5))
            == at("2026-03-08 13:00", offset: -4))
        // Sat Oct 31 12:00 EDT + 24h: Nov 1 is 25h long; 12h after its midnight (04:00 UTC)
        // is 16:00 UTC = 11:00 EST.
        #expect(calendar.addingWorkingTime(.seconds(24 * 3600), to: at("2026-10-31 12:00", offset: -4))
            == at("2026-11-01 11:00", offset: -5))
        // A 24:00 end includes the last minute of the day.
        #expect(calendar.isWorkingTime(at("2026-03-07 23:59", offset: -5)))
    }

    @Test func dstGapInsideASpan() throws {
        let calendar = try newYork(["01:00-04:00"], restDays: [])
        // Mar 8 01:00 EST (06:00 UTC) to 04:00 EDT (08:00 UTC) is only 2h of real time;
        // + 2h30m leaves 30 min for Mar 9 01:00 EDT → 01:30 EDT.
        #expect(calendar.addingWorkingTime(.seconds(9000), to: at("2026-03-08 01:00", offset: -5))
            == at("2026-03-09 01:30", offset: -4))
    }
}
