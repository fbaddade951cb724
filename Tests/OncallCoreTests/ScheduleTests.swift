import Foundation
import OncallTesting
import Testing

@testable import OncallCore

// Instants are written as wall-clock text with an explicit UTC offset and built with a
// fixed-offset zone, so expectations do not depend on the code under test.
// Weekdays used below: 2026-03-07 Sat, 03-08 Sun (US DST starts), 03-09 Mon … 03-13 Fri;
// 2026-10-01 Thu (National Day holiday), 10-10 Sat (make-up working day);
// 2026-10-31 Sat, 11-01 Sun (US DST ends), 11-02 Mon, 11-04 Wed, 11-06 Fri, 11-07 Sat, 11-09 Mon.


private let shanghai = WorkingCalendar.standard.timeZone
private func time(_ hhmm: String) -> TimeOfDay { TimeOfDay(hhmm: hhmm)! }

/// The standard calendar (Shanghai, 09–12 + 13–18, weekends off) plus National Day 2026:
/// holidays 10-01…10-07, make-up working days Sunday 09-27 and Saturday 10-10.
private let nationalDay: WorkingCalendar = {
    let holidays = Set((0..<7).map { LocalDate(iso: "2026-10-01")!.adding(days: $0) })
    return try! WorkingCalendar(
        timeZone: shanghai, workingHours: WorkingCalendar.standard.workingHours,
        restDays: [.saturday, .sunday], holidays: holidays,
        makeupDays: [LocalDate(iso: "2026-09-27")!, LocalDate(iso: "2026-10-10")!])
}()

/// li.na then wang.fang, handing off Mondays 09:00 Shanghai time from Monday 2026-11-02 09:00.
private let weekly = Rotation(
    id: "primary.layers[0]", engineers: ["li.na", "wang.fang"], cadence: .weekly(.monday),
    handoffTime: time("09:00"), timeZone: shanghai, start: at("2026-11-02 09:00"))

/// A rotation of one person that has been running since September (for layer tests).
private func solo(_ person: String, id: String? = nil) -> Rotation {
    Rotation(
        id: id ?? person, engineers: [person], cadence: .daily, handoffTime: time("09:00"),
        timeZone: shanghai, start: at("2026-09-01 09:00"))
}

@Suite("On-call schedules")
struct ScheduleTests {

    // MARK: - Rotation

    @Test("weekly rotation hands off at the boundary minute", arguments: [
        ("2026-11-02 08:59:59", nil),  // before the rotation began
        ("2026-11-02 09:00", "li.na"),  // start: engineers[0]
        ("2026-11-06 23:00", "li.na"),
        ("2026-11-09 08:59:59", "li.na"),  // one second before the hand-off
        ("2026-11-09 09:00", "wang.fang"),  // at the hand-off minute: the new person
        ("2026-11-09 09:00:01", "wang.fang"),
        ("2026-11-16 08:59:59", "wang.fang"),
        ("2026-11-16 09:00", "li.na"),  // wraps around
        ("2027-01-04 09:00", "wang.fang"),  // nine weeks after start
    ] as [(String, String?)])
    func weeklyBoundary(instant: String, expected: String?) {
        #expect(weekly.onCall(at: at(instant)) == expected)
    }

    @Test("the shift containing a mid-week start belongs to engineers[0]", arguments: [
        ("2026-11-04 14:59:59", nil),
        ("2026-11-04 15:00", "li.na"),
        ("2026-11-09 08:59:59", "li.na"),
        ("2026-11-09 09:00", "wang.fang"),
    ] as [(String, String?)])
    func midWeekStart(instant: String, expected: String?) {
        let rotation = Rotation(
            id: "r", engineers: ["li.na", "wang.fang"], cadence: .weekly(.monday),
            handoffTime: time("09:00"), timeZone: shanghai, start: at("2026-11-04 15:00"))
        #expect(rotation.onCall(at: at(instant)) == expected)
    }

    @Test("daily rotation wraps around the list", arguments: [
        ("2026-03-09 09:00", "a"),
        ("2026-03-10 08:59:59", "a"),
        ("2026-03-10 09:00", "b"),
        ("2026-03-11 09:00", "c"),
        ("2026-03-12 08:59:59", "c"),
        ("2026-03-12 09:00", "a"),  // wrapped
        ("2026-03-15 12:00", "a"),  // six hand-offs after start
        ("2027-03-09 09:00", "c"),  // 365 hand-offs: 365 % 3 == 2
    ])
    func dailyWraps(instant: String, expected: String) {
        let rotation = Rotation(
            id: "r", engineers: ["a", "b", "c"], cadence: .daily, handoffTime: time("09:00"),
            timeZone: shanghai, start: at("2026-03-09 09:00"))
        #expect(rotation.onCall(at: at(instant)) == expected)
    }

    @Test("rotation hand-offs are strictly after the given instant and after start")
    func rotationHandoffs() {
        let rotation = Rotation(
            id: "r", engineers: ["a", "b", "c"], cadence: .daily, handoffTime: time("09:00"),
            timeZone: shanghai, start: at("2026-03-09 09:00"))
        let fromMidShift = rotation.handoffs(after: at("2026-03-09 10:00"), count: 4)
        #expect(fromMidShift.map(\.at) == ["2026-03-10 09:00", "2026-03-11 09:00", "2026-03-12 09:00", "2026-03-13 09:00"].map { at($0) })
        #expect(fromMidShift.map(\.from) == ["a", "b", "c", "a"])
        #expect(fromMidShift.map(\.to) == ["b", "c", "a", "b"])
        // At exactly a boundary, that boundary is not "after".
        #expect(rotation.handoffs(after: at("2026-03-10 09:00"), count: 1).map(\.at) == [at("2026-03-11 09:00")])
        // Before start, the first hand-off is the first boundary after start.
        let early = rotation.handoffs(after: at("2026-01-01 00:00"), count: 1)
        #expect(early.map(\.at) == [at("2026-03-10 09:00")])
        #expect(early.map(\.from) == ["a"])
        #expect(rotation.handoffs(after: at("2026-03-09 10:00"), count: 0).isEmpty)
        #expect(weekly.handoffs(after: at("2026-11-05 12:00"), count: 2).map(\.at)
            == [at("2026-11-09 09:00"), at("2026-11-16 09:00")])
    }

    @Test("a one-person rotation never hands off; an empty one has nobody")
    func degenerateRotations() {
        #expect(solo("li.na").handoffs(after: at("2026-11-02 09:00"), count: 3).isEmpty)
        let empty = Rotation(
            id: "e", engineers: [], cadence: .daily, handoffTime: time("09:00"), timeZone: shanghai,
            start: at("2026-11-02 09:00"))
        #expect(empty.onCall(at: at("2026-11-03 09:00")) == nil)
        #expect(empty.handoffs(after: at("2026-11-02 09:00"), count: 3).isEmpty)
    }

    @Test("daily 09:00 hand-off across DST in America/New_York stays at 09:00 local", arguments: [
        // Spring forward on Sunday 2026-03-08: the day has 23 hours.
        ("2026-03-07 09:00", -5, "a"),
        ("2026-03-08 08:59:59", -4, "a"),
        ("2026-03-08 09:00", -4, "b"),  // 13:00Z, not 14:00Z as 24 h later would give
        ("2026-03-08 09:30", -4, "b"),
        ("2026-03-09 08:59:59", -4, "b"),
        ("2026-03-09 09:00", -4, "a"),
        // Fall back on Sunday 2026-11-01: the day has 25 hours. 238 days after 03-07: even.
        ("2026-10-31 09:00", -4, "a"),
        ("2026-11-01 08:59:59", -5, "a"),
        ("2026-11-01 09:00", -5, "b"),  // 14:00Z, not 13:00Z
        ("2026-11-01 08:30", -4, "a"),  // 07:30 EST, before the hand-off
    ] as [(String, Int, String)])
    func dailyAcrossDST(instant: String, offset: Int, expected: String) throws {
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let rotation = Rotation(
            id: "us", engineers: ["a", "b"], cadence: .daily, handoffTime: time("09:00"),
            timeZone: newYork, start: at("2026-03-07 09:00", offset: -5))
        #expect(rotation.onCall(at: at(instant, offset: offset)) == expected)
    }

    @Test("DST hand-off instants are 23 and 25 hours apart")
    func dstHandoffInstants() throws {
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let rotation = Rotation(
            id: "us", engineers: ["a", "b"], cadence: .daily, handoffTime: time("09:00"),
            timeZone: newYork, start: at("2026-03-07 09:00", offset: -5))
        #expect(rotation.handoffs(after: at("2026-03-07 10:00", offset: -5), count: 2).map(\.at)
            == [at("2026-03-08 09:00", offset: -4), at("2026-03-09 09:00", offset: -4)])
        #expect(rotation.handoffs(after: at("2026-10-31 10:00", offset: -4), count: 2).map(\.at)
            == [at("2026-11-01 09:00", offset: -5), at("2026-11-02 09:00", offset: -5)])
    }

    // MARK: - Overrides

    @Test("an override inside a rotation: before, at its start, inside, at its end, after", arguments: [
        ("2026-11-04 17:59:59", ["li.na"]),
        ("2026-11-04 18:00", ["wang.fang"]),  // start is covered
        ("2026-11-05 03:00", ["wang.fang"]),
        ("2026-11-05 08:59:59", ["wang.fang"]),
        ("2026-11-05 09:00", ["li.na"]),  // end is not
        ("2026-11-06 12:00", ["li.na"]),
    ])
    func overrideInsideRotation(instant: String, expected: [String]) {
        let schedule = OnCallSchedule(
            id: "primary", name: "一线值班", layers: [ScheduleLayer(rotation: weekly)],
            overrides: [ScheduleOverride(person: "wang.fang", start: at("2026-11-04 18:00"), end: at("2026-11-05 09:00"))])
        #expect(schedule.onCall(at: at(instant), calendar: .standard) == expected)
    }

    @Test("overlapping overrides give every covering person once, in list order")
    func overlappingOverrides() {
        let schedule = OnCallSchedule(
            id: "primary", name: "一线值班", layers: [ScheduleLayer(rotation: weekly)],
            overrides: [
                ScheduleOverride(person: "chen.jie", start: at("2026-11-04 10:00"), end: at("2026-11-04 14:00")),
                ScheduleOverride(person: "liu.yang", start: at("2026-11-04 12:00"), end: at("2026-11-04 16:00")),
                ScheduleOverride(person: "chen.jie", start: at("2026-11-04 13:00"), end: at("2026-11-04 15:00")),
            ])
        #expect(schedule.onCall(at: at("2026-11-04 13:30"), calendar: .standard) == ["chen.jie", "liu.yang"])
        #expect(schedule.onCall(at: at("2026-11-04 15:30"), calendar: .standard) == ["liu.yang"])
        #expect(schedule.onCall(at: at("2026-11-04 16:00"), calendar: .standard) == ["li.na"])
    }

    // MARK: - Working-hours layers

    @Test("working-hours and out-of-hours layers follow the calendar", arguments: [
        ("2026-11-02 08:59:59", "wang.fang"),  // Monday, before work
        ("2026-11-02 09:00", "li.na"),
        ("2026-11-02 11:59:59", "li.na"),
        ("2026-11-02 12:00", "wang.fang"),  // lunch break
        ("2026-11-02 12:59:59", "wang.fang"),
        ("2026-11-02 13:00", "li.na"),
        ("2026-11-02 17:59:59", "li.na"),
        ("2026-11-02 18:00", "wang.fang"),  // evening
        ("2026-11-07 10:00", "wang.fang"),  // Saturday
        ("2026-11-08 15:00", "wang.fang"),  // Sunday
        ("2026-10-01 10:00", "wang.fang"),  // National Day, a Thursday: whole day out of hours
        ("2026-10-05 15:00", "wang.fang"),  // Monday inside the holiday
        ("2026-10-10 10:00", "li.na"),  // make-up working Saturday
        ("2026-10-10 12:30", "wang.fang"),  // its lunch break
        ("2026-10-10 18:00", "wang.fang"),
        ("2026-10-08 09:00", "li.na"),  // first working day after the holiday
    ])
    func workingHoursLayers(instant: String, expected: String) {
        let schedule = OnCallSchedule(id: "s", name: "S", layers: [
            ScheduleLayer(rotation: solo("li.na"), restriction: .workingHours),
            ScheduleLayer(rotation: solo("wang.fang"), restriction: .outOfHours),
        ])
        #expect(schedule.onCall(at: at(instant), calendar: nationalDay) == [expected])
        let day = schedule.layers[0].onCall(at: at(instant), calendar: nationalDay)
        let night = schedule.layers[1].onCall(at: at(instant), calendar: nationalDay)
        #expect([day, night].compactMap { $0 } == [expected])
    }

    @Test("the first layer that applies and yields someone wins")
    func layerPrecedence() {
        let later = Rotation(
            id: "later", engineers: ["chen.jie"], cadence: .daily, handoffTime: time("09:00"),
            timeZone: shanghai, start: at("2026-12-01 09:00"))
        let schedule = OnCallSchedule(id: "s", name: "S", layers: [
            ScheduleLayer(rotation: later),  // nobody until December
            ScheduleLayer(rotation: solo("li.na"), restriction: .workingHours),
            ScheduleLayer(rotation: solo("wang.fang")),
        ])
        #expect(schedule.onCall(at: at("2026-11-02 10:00"), calendar: .standard) == ["li.na"])
        #expect(schedule.onCall(at: at("2026-11-02 20:00"), calendar: .standard) == ["wang.fang"])
        #expect(schedule.onCall(at: at("2026-12-01 09:00"), calendar: .standard) == ["chen.jie"])
        #expect(OnCallSchedule(id: "e", name: "E", layers: []).onCall(at: at("2026-11-02 10:00"), calendar: .standard) == [])
    }

    // MARK: - Next hand-offs

    struct Expected: Sendable, CustomStringConvertible {
        let at: String
        let from: [String]
        let to: [String]
        let reason: HandoffReason
        var description: String { "\(at) \(from)→\(to) (\(reason))" }
    }

    @Test("nextHandoffs lists rotation, override and working-hours changes in order")
    func nextHandoffsWithOverride() {
        let schedule = OnCallSchedule(
            id: "primary", name: "一线值班", layers: [ScheduleLayer(rotation: weekly)],
            overrides: [
                ScheduleOverride(person: "wang.fang", start: at("2026-11-04 18:00"), end: at("2026-11-05 09:00")),
                // The person already on call: no change, so no hand-off.
                ScheduleOverride(person: "li.na", start: at("2026-11-06 10:00"), end: at("2026-11-06 11:00")),
            ])
        let expected = [
            Expected(at: "2026-11-04 18:00", from: ["li.na"], to: ["wang.fang"], reason: .overrideStart),
            Expected(at: "2026-11-05 09:00", from: ["wang.fang"], to: ["li.na"], reason: .overrideEnd),
            Expected(at: "2026-11-09 09:00", from: ["li.na"], to: ["wang.fang"], reason: .rotation("primary.layers[0]")),
            Expected(at: "2026-11-16 09:00", from: ["wang.fang"], to: ["li.na"], reason: .rotation("primary.layers[0]")),
        ]
        check(schedule.nextHandoffs(after: at("2026-11-04 12:00"), calendar: .standard, count: 4), expected)
        // count truncates; an instant exactly at a change is not "after" it.
        check(schedule.nextHandoffs(after: at("2026-11-04 18:00"), calendar: .standard, count: 1), [expected[1]])
    }

    @Test("nextHandoffs across working hours, a weekend, a holiday and a make-up Saturday")
    func nextHandoffsWorkingHours() {
        let dayRotation = Rotation(
            id: "day", engineers: ["li.na", "wang.fang"], cadence: .weekly(.monday), handoffTime: time("10:00"),
            timeZone: shanghai, start: at("2026-09-28 10:00"))
        let schedule = OnCallSchedule(id: "s", name: "S", layers: [
            ScheduleLayer(rotation: dayRotation, restriction: .workingHours),
            ScheduleLayer(rotation: solo("liu.yang", id: "night"), restriction: .outOfHours),
        ])
        let handoffs = schedule.nextHandoffs(after: at("2026-09-30 17:00"), calendar: nationalDay, count: 8)
        check(handoffs, [
            // Wednesday evening, then the whole National Day holiday is out of hours.
            Expected(at: "2026-09-30 18:00", from: ["li.na"], to: ["liu.yang"], reason: .workingHoursEnd),
            // Thursday 10-08: back to work; the Monday 10-05 hand-off happened unseen inside the holiday.
            Expected(at: "2026-10-08 09:00", from: ["liu.yang"], to: ["wang.fang"], reason: .workingHoursStart),
            Expected(at: "2026-10-08 12:00", from: ["wang.fang"], to: ["liu.yang"], reason: .workingHoursEnd),
            Expected(at: "2026-10-08 13:00", from: ["liu.yang"], to: ["wang.fang"], reason: .workingHoursStart),
            Expected(at: "2026-10-08 18:00", from: ["wang.fang"], to: ["liu.yang"], reason: .workingHoursEnd),
            Expected(at: "2026-10-09 09:00", from: ["liu.yang"], to: ["wang.fang"], reason: .workingHoursStart),
            Expected(at: "2026-10-09 12:00", from: ["wang.fang"], to: ["liu.yang"], reason: .workingHoursEnd),
            Expected(at: "2026-10-09 13:00", from: ["liu.yang"], to: ["wang.fang"], reason: .workingHoursStart),
        ])
        // Make-up Saturday 10-10 is worked; Monday 10-12 hands off inside working hours.
        let later = schedule.nextHandoffs(after: at("2026-10-10 08:00"), calendar: nationalDay, count: 6)
        check(later, [
            Expected(at: "2026-10-10 09:00", from: ["liu.yang"], to: ["wang.fang"], reason: .workingHoursStart),
            Expected(at: "2026-10-10 12:00", from: ["wang.fang"], to: ["liu.yang"], reason: .workingHoursEnd),
            Expected(at: "2026-10-10 13:00", from: ["liu.yang"], to: ["wang.fang"], reason: .workingHoursStart),
            Expected(at: "2026-10-10 18:00", from: ["wang.fang"], to: ["liu.yang"], reason: .workingHoursEnd),
            Expected(at: "2026-10-12 09:00", from: ["liu.yang"], to: ["wang.fang"], reason: .workingHoursStart),
            Expected(at: "2026-10-12 10:00", from: ["wang.fang"], to: ["li.na"], reason: .rotation("day")),
        ])
    }

    @Test("nextHandoffs is bounded: a schedule that never changes lists nothing")
    func nextHandoffsBounded() {
        let schedule = OnCallSchedule(id: "s", name: "S", layers: [ScheduleLayer(rotation: solo("li.na"))])
        #expect(schedule.nextHandoffs(after: at("2026-11-02 09:00"), calendar: .standard, count: 5).isEmpty)
        // Only 2 weekly hand-offs fit in 20 days; 8 in the default 60.
        let primary = OnCallSchedule(id: "p", name: "P", layers: [ScheduleLayer(rotation: weekly)])
        #expect(primary.nextHandoffs(after: at("2026-11-02 09:00"), calendar: .standard, count: 10, scanDays: 20).count == 2)
        #expect(primary.nextHandoffs(after: at("2026-11-02 09:00"), calendar: .standard, count: 10).count == 8)
    }

    @Test("a rotation beginning later shows up as a hand-off from nobody")
    func rotationStartIsAHandoff() {
        let schedule = OnCallSchedule(id: "p", name: "P", layers: [ScheduleLayer(rotation: weekly)])
        check(schedule.nextHandoffs(after: at("2026-11-01 00:00"), calendar: .standard, count: 1), [
            Expected(at: "2026-11-02 09:00", from: [], to: ["li.na"], reason: .rotation("primary.layers[0]")),
        ])
    }

    private func check(_ actual: [Handoff], _ expected: [Expected], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, sourceLocation: sourceLocation)
        for (handoff, want) in zip(actual, expected) {
            #expect(handoff == Handoff(at: at(want.at), from: want.from, to: want.to, reason: want.reason),
                    "\(want)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Roster

    @Test("the roster gives each schedule's people, their union, and the fallback")
    func roster() {
        let primary = OnCallSchedule(
            id: "primary", name: "一线值班", layers: [ScheduleLayer(rotation: weekly)])
        let database = OnCallSchedule(id: "db", name: "数据库", layers: [
            ScheduleLayer(rotation: solo("wang.fang"), restriction: .outOfHours),
        ])
        let roster = OnCallRoster(schedules: [primary, database])
        let fallback = ["zhang.wei"]
        // Working time in li.na's week: only primary has someone.
        #expect(roster.onCall(at: at("2026-11-03 10:00"), calendar: .standard) == ["primary": ["li.na"], "db": []])
        #expect(roster.engineersOnCall(at: at("2026-11-03 10:00"), calendar: .standard, fallback: fallback) == ["li.na"])
        // Evening: both, in schedule order.
        #expect(roster.engineersOnCall(at: at("2026-11-03 20:00"), calendar: .standard, fallback: fallback)
            == ["li.na", "wang.fang"])
        // wang.fang's week: on call in both, listed once.
        #expect(roster.engineersOnCall(at: at("2026-11-10 20:00"), calendar: .standard, fallback: fallback) == ["wang.fang"])
        // Before the rotation began and in working time: nobody, so the fallback.
        #expect(roster.engineersOnCall(at: at("2026-10-27 10:00"), calendar: .standard, fallback: fallback) == fallback)
        // No schedules at all.
        #expect(OnCallRoster(schedules: []).engineersOnCall(at: at("2026-11-03 10:00"), calendar: .standard, fallback: fallback)
            == fallback)
        #expect(roster.schedule("db")?.name == "数据库")
        #expect(roster.schedule("none") == nil)
    }
}
