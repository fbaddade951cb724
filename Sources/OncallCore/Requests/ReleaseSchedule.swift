import Foundation

/// When releases happen (SPEC.md, regular work): on set weekdays at a local time, for a window;
/// a release day that is not a working day moves to the next working day.
public struct ReleaseSchedule: Sendable, Equatable {
    public var weekdays: Set<Weekday>
    /// Local time the window opens.
    public var at: TimeOfDay
    public var window: Duration

    /// Monday and Thursday evenings, 19:00 for 3 hours.
    public static let standard = ReleaseSchedule(weekdays: [.monday, .thursday], at: TimeOfDay(hour: 19, minute: 0)!, window: .seconds(3 * 3600))

    public init(weekdays: Set<Weekday>, at: TimeOfDay, window: Duration) {
        self.weekdays = weekdays
        self.at = at
        self.window = window
    }

    /// The release windows not yet over at `now`, for the planned release days in the next `weeks` weeks, in order.
    /// Two planned days moved onto the same working day make one window.
    public func windows(after now: Date, weeks: Int, calendar: WorkingCalendar) -> [ReleaseWindow] {
        let today = calendar.localDate(of: now)
        var windows: [ReleaseWindow] = []
        for offset in 0..<(max(0, weeks) * 7) {
            let planned = today.adding(days: offset)
            guard let window = window(planned: planned, calendar: calendar), window.end > now,
                  windows.last?.day != window.day else { continue }
            windows.append(window)
        }
        return windows
    }

    /// The window of a planned release day; nil when `planned` is not one of the weekdays.
    public func window(planned: LocalDate, calendar: WorkingCalendar) -> ReleaseWindow? {
        guard weekdays.contains(planned.weekday) else { return nil }
        let day = calendar.nextWorkingDay(onOrAfter: planned)
        let start = ZonedCalendar(timeZone: calendar.timeZone).instant(on: day, at: at)
        return ReleaseWindow(day: day, start: start, end: start.adding(window), movedFrom: day == planned ? nil : planned)
    }

    /// The first window that opens after `now` (a release applied for during a window goes to the next one).
    public func nextWindow(after now: Date, calendar: WorkingCalendar) -> ReleaseWindow? {
        windows(after: now, weeks: 5, calendar: calendar).first { $0.start > now }
    }
}
