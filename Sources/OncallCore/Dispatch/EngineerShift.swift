import Foundation

/// When a field engineer can be sent out.
public enum EngineerShift: Sendable, Equatable, CustomStringConvertible {
    /// At any time (a 24/7 on-call engineer).
    case always
    /// Inside the working calendar's working hours, so holidays and make-up days count.
    case workingHours
    /// Explicit weekly shifts in the calendar's time zone. These follow the roster as written:
    /// a holiday does not cancel them, because shift rosters are usually drawn up for holidays.
    case weekly([WeeklyShift])

    /// Whether the engineer is on shift at `instant`.
    public func isOn(at instant: Date, calendar: WorkingCalendar) -> Bool {
        switch self {
        case .always:
            return true
        case .workingHours:
            return calendar.isWorkingTime(instant)
        case let .weekly(shifts):
            let day = calendar.localDate(of: instant).weekday
            var gregorian = Calendar(identifier: .gregorian)
            gregorian.timeZone = calendar.timeZone
            let parts = gregorian.dateComponents([.hour, .minute], from: instant)
            let minutes = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
            return shifts.contains { $0.contains(day: day, minutes: minutes) }
        }
    }

    /// `always`, `working hours`, or the weekly shifts, for explanations.
    public var description: String {
        switch self {
        case .always: "always"
        case .workingHours: "working hours"
        case let .weekly(shifts): shifts.isEmpty ? "no shifts" : shifts.map(\.description).joined(separator: "; ")
        }
    }
}
