import Foundation

/// When the regular documents fall due and which period each covers (SPEC.md, regular work).
public enum PeriodicSchedule {
    /// The first due time of `kind` strictly after `after`, at local time `time` of `calendar`'s zone.
    ///
    /// Weekly: Monday, so the report is ready before the Monday meeting (holidays do not move it).
    /// Monthly: the first working day of the month, holidays and rest days skipped, so the list
    /// reaches people in the first week of the next month.
    public static func nextDue(_ kind: PeriodicKind, after: Date, calendar: WorkingCalendar, at time: TimeOfDay) -> Date {
        let zoned = ZonedCalendar(timeZone: calendar.timeZone)
        let today = zoned.localDate(of: after)
        let current: LocalDate
        let next: LocalDate
        switch kind {
        case .weekly:
            current = ISOWeek(containing: today).monday
            next = current.adding(days: 7)
        case .monthly:
            current = calendar.nextWorkingDay(onOrAfter: today.firstOfMonth)
            next = calendar.nextWorkingDay(onOrAfter: today.firstOfNextMonth)
        }
        let dueThisTime = zoned.instant(on: current, at: time)
        return dueThisTime > after ? dueThisTime : zoned.instant(on: next, at: time)
    }

    /// The period a document due at `dueAt` covers, `[from, until)` between local midnights:
    /// weekly, the ISO week before the due date's (`2026-W47`); monthly, the month before (`2026-10`).
    public static func period(_ kind: PeriodicKind, dueAt: Date, timeZone: TimeZone) -> (period: String, from: Date, until: Date) {
        let zoned = ZonedCalendar(timeZone: timeZone)
        let midnight = TimeOfDay(hour: 0, minute: 0)!
        let dueDay = zoned.localDate(of: dueAt)
        switch kind {
        case .weekly:
            let dueWeek = ISOWeek(containing: dueDay)
            let covered = ISOWeek(containing: dueWeek.monday.adding(days: -7))
            return (covered.description, zoned.instant(on: covered.monday, at: midnight), zoned.instant(on: dueWeek.monday, at: midnight))
        case .monthly:
            let first = dueDay.firstOfPreviousMonth
            let month = "\(LocalDate.pad(first.year, 4))-\(LocalDate.pad(first.month, 2))"
            return (month, zoned.instant(on: first, at: midnight), zoned.instant(on: dueDay.firstOfMonth, at: midnight))
        }
    }
}
