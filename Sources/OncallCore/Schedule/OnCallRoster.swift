import Foundation

/// Every on-call schedule, and who is on call across them.
public struct OnCallRoster: Sendable, Equatable {
    /// The schedules, in config order.
    public var schedules: [OnCallSchedule]

    /// A roster of `schedules`.
    public init(schedules: [OnCallSchedule]) {
        self.schedules = schedules
    }

    /// The schedule with this id, if any.
    public func schedule(_ id: String) -> OnCallSchedule? {
        schedules.first { $0.id == id }
    }

    /// The person ids on call at `instant`, by schedule id (an empty list where nobody is).
    public func onCall(at instant: Date, calendar: WorkingCalendar) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for schedule in schedules {
            result[schedule.id] = schedule.onCall(at: instant, calendar: calendar)
        }
        return result
    }

    /// Everyone on call at `instant` in any schedule, in schedule order without repeats; when
    /// there are no schedules or nobody is on call, `fallback` (the config's `oncall_engineers`).
    public func engineersOnCall(at instant: Date, calendar: WorkingCalendar, fallback: [String]) -> [String] {
        var people: [String] = []
        for schedule in schedules {
            for person in schedule.onCall(at: instant, calendar: calendar) where !people.contains(person) {
                people.append(person)
            }
        }
        return people.isEmpty ? fallback : people
    }
}
